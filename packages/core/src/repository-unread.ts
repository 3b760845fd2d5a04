import {
  formatRange,
  isUnreadInput,
  isUnreadModule,
  REPOSITORY_MODULE_UNREAD,
  REPOSITORY_UNREAD,
  type Diagnostic,
} from '@posture/model';

/** What a note of the repository adds: why a link may not be judged, and who reports it there. */
const UNKNOWN =
  'a bucket it may declare is not known, so a storage link to no bucket the rest declares is not judged against it';

/**
 * The artifact gate's notes of what the repository's Terraform left unread: each file that could
 * not be read, at the first place that says so, and each module call whose module was not read,
 * at the call. They fail the repository's own gate (`posture scan`, input-unreadable), or are
 * findings there (module-unresolved), not every package checked against it: a repository with one
 * broken file would otherwise stop every release. A link whose judgement hangs on them fails this
 * gate (artifact-link-unjudged).
 */
export function repositoryUnread(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const files = firstAt(diagnostics.filter(isUnreadInput), ({ range }) => range.file);
  const modules = firstAt(diagnostics.filter(isUnreadModule), ({ range }) => formatRange(range));
  return [
    ...files.map(({ message, range }) => ({
      severity: 'warning' as const,
      code: REPOSITORY_UNREAD,
      message: `${range.file} could not be read (${message}): ${UNKNOWN}; posture scan reports it as input-unreadable`,
      range,
    })),
    ...modules.map(({ message, range }) => ({
      severity: 'warning' as const,
      code: REPOSITORY_MODULE_UNREAD,
      message: `${message}: ${UNKNOWN}; posture scan reports it as module-unresolved`,
      range,
    })),
  ];
}

/** The first diagnostic of each key: a file, or a module call made in every instance of its module. */
function firstAt(diagnostics: Diagnostic[], key: (d: Diagnostic) => string): Diagnostic[] {
  const first = new Map<string, Diagnostic>();
  for (const diagnostic of diagnostics)
    if (!first.has(key(diagnostic))) first.set(key(diagnostic), diagnostic);
  return [...first.values()];
}
