import { compareRanges, severityRank } from '@posture/model';
import type { Finding } from '@posture/model';

/** Code-unit order, the same on every machine (unlike `localeCompare`). */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Worst first, then by location, then by rule: the order of every report. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      severityRank(b.severity) - severityRank(a.severity) ||
      compareRanges(a.location, b.location) ||
      compareText(a.ruleId, b.ruleId),
  );
}
