import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
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
    const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')));
  }
  // Validate what a consumer reads: the serialised log.
  if (validate(JSON.parse(JSON.stringify(log)))) return [];
  return (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}
