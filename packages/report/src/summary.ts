import { SEVERITIES } from '@posture/model';
import type { Finding, ScanResult, Severity } from '@posture/model';

/** Counts and splits every human-facing reporter shares, so text, Markdown and JSON agree. */

/** Findings that count: suppressed ones are reported apart. */
export function activeFindings(result: ScanResult): Finding[] {
  return result.findings.filter((finding) => finding.suppression === undefined);
}

export function suppressedFindings(result: ScanResult): Finding[] {
  return result.findings.filter((finding) => finding.suppression !== undefined);
}

/** Every severity with its count, worst first, zeros included. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `1 critical, 2 high`: the non-zero severities, worst first. */
export function describeSeverities(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
}
