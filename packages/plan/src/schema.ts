import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { PlanDocument } from './plan-json.js';
// A JSON module, not a file read beside this one: the CLI's bundle inlines it, dist/ gets a copy.
import schema from './plan.schema.json' with { type: 'json' };

export interface SchemaViolation {
  /** JSON path of the offending value; array indexes are numbers. */
  readonly path: (string | number)[];
  readonly message: string;
}

/** Enough to show what is wrong without flooding the report for a file that is wrong everywhere. */
const MAX_VIOLATIONS = 10;

let compiled: ValidateFunction<PlanDocument> | undefined;

/** Compiled once, on first use. */
function validator(): ValidateFunction<PlanDocument> {
  compiled ??= new Ajv({ allErrors: true, allowUnionTypes: true }).compile<PlanDocument>(schema);
  return compiled;
}

/** Checks the parts of the document the loader reads; [] when it may be read as a PlanDocument. */
export function schemaViolations(document: unknown): SchemaViolation[] {
  const validate = validator();
  if (validate(document)) return [];
  return (validate.errors ?? [])
    .slice(0, MAX_VIOLATIONS)
    .map((error) => ({ path: jsonPath(document, error.instancePath), message: describe(error) }));
}

/** `$.planned_values.root_module.resources[0].mode` */
export function formatJsonPath(path: readonly (string | number)[]): string {
  const segments = path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`));
  return `$${segments.join('')}`;
}

function describe(error: ErrorObject): string {
  const allowed = error.params as { allowedValues?: unknown[] };
  return allowed.allowedValues
    ? `${error.message} (${allowed.allowedValues.map((value) => JSON.stringify(value)).join(', ')})`
    : (error.message ?? 'is invalid');
}

/** Ajv's JSON pointer as path segments, with indexes into arrays as numbers. */
function jsonPath(document: unknown, pointer: string): (string | number)[] {
  const path: (string | number)[] = [];
  let node = document;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(segment) : segment;
    path.push(key);
    node = (node as Record<string | number, unknown> | undefined)?.[key];
  }
  return path;
}
