/**
 * Findings written in one part of a report: a report is written as it is made, so that a plan of
 * 60,000 public buckets (a 250 MB JSON report, 77 MB of text) is never one string.
 */
const FINDINGS_PER_PART = 1000;

/** `findings` in consecutive slices of at most `FINDINGS_PER_PART`, and whether more follow. */
export function* inParts<T>(findings: readonly T[]): Generator<{ part: T[]; last: boolean }> {
  for (let start = 0; start < findings.length; start += FINDINGS_PER_PART) {
    const end = start + FINDINGS_PER_PART;
    yield { part: findings.slice(start, end), last: end >= findings.length };
  }
}
