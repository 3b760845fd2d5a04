import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/** The vendored OASIS SARIF 2.1.0 schema (draft-04), beside the repository in shared/schemas. */
const SCHEMA = fileURLToPath(
  new URL('../../../../../shared/schemas/sarif-schema-2.1.0.json', import.meta.url),
);

let validate: ValidateFunction | undefined;

/** Schema errors of a SARIF log, as `path message` lines; empty when valid. Compiles once. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate === undefined) {
    // strictRequired off: the schema's region `anyOf` names properties defined elsewhere.
    // Both are CommonJS: the class and the plugin are the modules' `default`.
    const ajv = new AjvDraft04.default({ allErrors: true, strict: true, strictRequired: false });
    formats.default(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  }
  // Validate what a consumer reads: the serialised log.
  if (validate(JSON.parse(JSON.stringify(log)))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
