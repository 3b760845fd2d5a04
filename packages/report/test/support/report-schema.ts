import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

const SCHEMA = new URL('../../schema/posture-report-v1.schema.json', import.meta.url);

let validate: ValidateFunction | undefined;

/** The published JSON schema of `posture/v1` reports, parsed. */
export function reportSchema(): Record<string, unknown> {
  return JSON.parse(readFileSync(SCHEMA, 'utf8')) as Record<string, unknown>;
}

/** Schema errors of a JSON report, as `path message` lines; empty when valid. Compiles once. */
export function reportSchemaErrors(document: unknown): string[] {
  if (validate === undefined) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    // ajv-formats is CommonJS: its plugin is the module's `default`.
    formats.default(ajv);
    validate = ajv.compile(reportSchema());
  }
  if (validate(document)) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
