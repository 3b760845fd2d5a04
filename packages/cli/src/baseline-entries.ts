import {
  failsClosed,
  identifyingName,
  severityRank,
  type Finding,
  type Severity,
} from '@posture/core';

/** One finding a baseline accepts, as `posture baseline` records it. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  /**
   * From the repository's top, as the reports name it; or from the scan root, as `Range.file`,
   * which baselines recorded before and hand-written ones may.
   */
  readonly file: string;
  readonly address?: string;
  /**
   * The shipped file a finding of `posture artifact` is about, by its path in the package: such a
   * finding sits at the `files` entry that lets it in, which many files share, so `file` does not
   * say which one the entry accepts.
   */
  readonly packagePath?: string;
  /**
   * The finding's severity when recorded: the entry accepts it at that or lower. A baseline
   * written before entries recorded it has none, and such an entry accepts nothing: the finding
   * it was made for may have grown worse since, and nothing tells.
   */
  readonly severity?: Severity;
}

/** What an entry does with the finding its fingerprint is of. */
export type Verdict =
  /** It accepts it. */
  | { readonly kind: 'accepts'; readonly finding: Finding }
  /** No finding has its fingerprint: what it accepted is gone. */
  | { readonly kind: 'unmatched' }
  /** Its rule, file or address are not the finding's: what a reviewer reads is not what it accepts. */
  | { readonly kind: 'misnamed'; readonly finding: Finding }
  /** It records no severity. */
  | { readonly kind: 'unrated'; readonly finding: Finding }
  /** The finding is worse than the severity it records. */
  | { readonly kind: 'escalated'; readonly finding: Finding };

/** A verdict of an entry that accepts nothing. */
export type Refusal = Exclude<Verdict, { readonly kind: 'accepts' }>;

/**
 * The verdict on each entry of a baseline, in order, against the findings a baseline may accept
 * (`prints`, each with its fingerprint); `repoPath` names a finding's file from the repository's
 * top. Fingerprints are hashes anyone can compute: an entry is honoured only when what it says
 * (rule, file, address, severity) is the finding's too; the file as fingerprints identify it, so
 * that an entry for a finding at `acme-cli-1.0.0.tgz` names it at `acme-cli-1.0.1.tgz`.
 */
export function judgeEntries(
  entries: readonly BaselineEntry[],
  prints: ReadonlyMap<Finding, string>,
  repoPath: (finding: Finding) => string,
): Verdict[] {
  const byPrint = new Map([...prints].map(([finding, print]) => [print, finding]));
  return entries.map((entry): Verdict => {
    const finding = byPrint.get(entry.fingerprint);
    if (!finding) return { kind: 'unmatched' };
    const file = identifyingName(finding, entry.file);
    const named =
      entry.ruleId === finding.ruleId &&
      entry.address === finding.address &&
      entry.packagePath === shippedPath(finding) &&
      (file === identifyingName(finding, finding.location.file) ||
        file === identifyingName(finding, repoPath(finding)));
    if (!named) return { kind: 'misnamed', finding };
    if (entry.severity === undefined) return { kind: 'unrated', finding };
    if (severityRank(finding.severity) > severityRank(entry.severity))
      return { kind: 'escalated', finding };
    return { kind: 'accepts', finding };
  });
}

/** Why an entry accepted nothing, and what to do about it. */
export function refusalMessage(entry: BaselineEntry, verdict: Refusal): string {
  const named = entryName(entry);
  switch (verdict.kind) {
    case 'unmatched':
      return failsClosed({ ruleId: entry.ruleId })
        ? `${named} is not honoured: input that could not be read fails the gate until it is fixed or excluded; posture baseline --prune drops the entry`
        : `${named} matches no finding, so what it accepted is gone; posture baseline --prune drops it, so that the finding fails the gate if it comes back`;
    case 'misnamed': {
      const { ruleId, address, location } = verdict.finding;
      const shipped = shippedPath(verdict.finding);
      const what = `${ruleId}${address === undefined ? '' : ` at ${address}`} in ${location.file}${shipped === undefined ? '' : ` about ${shipped}`}`;
      return `${named} is not honoured: its fingerprint is that of another finding (${what}), which it does not name, so that finding is reported as new; posture baseline --prune drops the entry`;
    }
    case 'unrated':
      return `${named} is not honoured: it records no severity (a baseline written before entries recorded one), so the finding, ${verdict.finding.severity} now, is reported as new; posture baseline records today's findings with their severity`;
    case 'escalated':
      return `${named} accepted the finding at ${entry.severity}; it is ${verdict.finding.severity} now, so it is reported as new: an entry accepts its finding at the severity it records or lower`;
  }
}

function entryName(entry: BaselineEntry): string {
  const at = entry.address ?? entry.packagePath ?? entry.file;
  const what = [entry.ruleId, at].filter(Boolean).join(' at ');
  return what === '' ? 'An entry' : `The entry for ${what}`;
}

/** The path in the package of the shipped file a finding is about (`properties.packagePath`). */
export function shippedPath(finding: Finding): string | undefined {
  const path = finding.properties?.packagePath;
  return typeof path === 'string' ? path : undefined;
}
