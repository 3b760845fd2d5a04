import type { Diagnostic, Range } from '@posture/model';
import { planError, type PlanDiagnosticCode } from './diagnostics.js';
import type { PlanDocument } from './plan-json.js';
import { pathRanges, type PlanSource } from './ranges.js';
import { formatJsonPath, schemaViolations } from './schema.js';

type Text = Omit<PlanSource, 'spans'>;

export type Checked =
  | { readonly ok: true; readonly document: PlanDocument; readonly kind: 'plan' | 'state' }
  | { readonly ok: false; readonly kind: 'plan' | 'state'; readonly diagnostics: Diagnostic[] };

const NOT_A_PLAN = 'is not Terraform plan or state JSON: it has';
const SHOW_JSON = 'write it with `terraform show -json <planfile>` (no argument: the state)';

/**
 * Whether parsed JSON is a plan or state Posture can read: `terraform show -json` output of
 * format 1.x, of a plan that did not fail, with the parts the loader reads shaped as documented.
 */
export function checkDocument(value: unknown, source: Text): Checked {
  const document = isRecord(value) ? value : {};
  const state = 'values' in document || isStateOfNothing(document);
  const kind = 'planned_values' in document || !state ? 'plan' : 'state';
  const diagnostics = problems(value, document, source);
  return diagnostics.length > 0
    ? { ok: false, kind, diagnostics }
    : { ok: true, document: value as PlanDocument, kind };
}

function problems(value: unknown, document: Record<string, unknown>, source: Text): Diagnostic[] {
  const fail = (code: PlanDiagnosticCode, path: string[], message: string) => [
    planError(code, pathRanges(source, [path])[0] as Range, `${source.file} ${message}`),
  ];
  if (!('format_version' in document)) {
    return fail('plan-not-a-plan', [], `${NOT_A_PLAN} no "format_version"; ${SHOW_JSON}`);
  }
  if (!('planned_values' in document) && !('values' in document) && !isStateOfNothing(document)) {
    const missing = 'neither "planned_values" (plan) nor "values" (state)';
    return fail('plan-not-a-plan', [], `${NOT_A_PLAN} ${missing}; ${SHOW_JSON}`);
  }
  const version = JSON.stringify(document.format_version);
  if (!/^1\./.test(String(document.format_version))) {
    const supported = 'Posture reads format 1.x (Terraform 0.12 and later)';
    return fail(
      'plan-format-version',
      ['format_version'],
      `has format_version ${version}; ${supported}`,
    );
  }
  if (document.errored === true) {
    const failed =
      'is the plan of a failed `terraform plan` ("errored": true), so it is incomplete';
    return fail(
      'plan-errored',
      ['errored'],
      `${failed} and not scanned: fix the errors, plan again`,
    );
  }
  return schemaDiagnostics(value, source);
}

function schemaDiagnostics(value: unknown, source: Text): Diagnostic[] {
  const violations = schemaViolations(value);
  if (violations.length === 0) return [];
  const ranges = pathRanges(
    source,
    violations.map(({ path }) => path),
  );
  return violations.map(({ path, message }, i) => {
    const range = ranges[i] as Range;
    const where = `${source.file}:${range.start.line}:${range.start.column}`;
    return planError('plan-schema', range, `${where}: ${formatJsonPath(path)} ${message}`);
  });
}

/**
 * `terraform show -json` of a workspace with no state yet, or whose resources are all destroyed:
 * `{"format_version":"1.0"}` and nothing else, which other `show -json` output never is.
 */
function isStateOfNothing(document: Record<string, unknown>): boolean {
  return Object.keys(document).length === 1 && 'format_version' in document;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
