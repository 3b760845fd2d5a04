import { severityRank, type Finding, type Severity } from '@posture/model';

/**
 * The gate: 1 when an unsuppressed finding is at or above `failOn`, else 0. Unreadable input is a
 * finding of its own (`input-unreadable`), which is how the gate fails closed.
 */
export function gateExitCode(findings: readonly Finding[], failOn: Severity | 'none'): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  return findings.some((f) => !f.suppression && severityRank(f.severity) >= threshold) ? 1 : 0;
}
