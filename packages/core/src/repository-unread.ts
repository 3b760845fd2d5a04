import { isUnreadInput, REPOSITORY_UNREAD, type Diagnostic } from '@posture/model';

/**
 * The artifact gate's notes of the repository's files that could not be read, one a file, at the
 * first place that says so. They fail the repository's own gate (`posture scan`, input-unreadable),
 * not every package checked against it: a repository with one broken file would otherwise stop
 * every release. A link whose judgement hangs on them fails this gate (artifact-link-unjudged).
 */
export function repositoryUnread(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const first = new Map<string, Diagnostic>();
  for (const diagnostic of diagnostics.filter(isUnreadInput))
    if (!first.has(diagnostic.range.file)) first.set(diagnostic.range.file, diagnostic);
  return [...first.values()].map(({ message, range }) => ({
    severity: 'warning',
    code: REPOSITORY_UNREAD,
    message: `${range.file} could not be read (${message}): a bucket it may declare is not known, so a storage link to no bucket the rest declares is not judged against it; posture scan reports it as input-unreadable`,
    range,
  }));
}
