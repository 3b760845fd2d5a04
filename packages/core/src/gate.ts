import { severityRank, type Finding, type Severity } from '@posture/model';
import { FAIL_CLOSED_RULES } from '@posture/rules';

/**
 * The gate: 1 when an unsuppressed finding is at or above `failOn`, else 0. Input the scan could
 * not check is a finding of its own (`input-unreadable`, `artifact-unreadable`), which fails the
 * gate at any threshold: what was not read may hold the worst exposure. Only `none`, a run that
 * reports and never gates, lets it pass.
 */
export function gateExitCode(findings: readonly Finding[], failOn: Severity | 'none'): 0 | 1 {
  if (failOn === 'none') return 0;
  const threshold = severityRank(failOn);
  const fails = (f: Finding) => failsClosed(f) || severityRank(f.severity) >= threshold;
  return findings.some((f) => !f.suppression && fails(f)) ? 1 : 0;
}

/** Whether a finding says that input was not checked (see `FAIL_CLOSED_RULES`). */
export function failsClosed(finding: Pick<Finding, 'ruleId'>): boolean {
  return FAIL_CLOSED_RULES.has(finding.ruleId);
}
