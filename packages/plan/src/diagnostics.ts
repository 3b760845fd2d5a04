import type { Diagnostic, Range } from '@posture/model';

export type PlanDiagnosticCode =
  | 'plan-read'
  | 'plan-syntax'
  | 'plan-not-a-plan'
  | 'plan-format-version'
  | 'plan-errored'
  | 'plan-schema';

/** Every problem with a plan file stops its scan: the engine turns errors into failing findings. */
export function planError(code: PlanDiagnosticCode, range: Range, message: string): Diagnostic {
  return { severity: 'error', code, message, range };
}
