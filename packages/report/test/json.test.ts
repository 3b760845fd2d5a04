import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { afterAll, describe, expect, it } from 'vitest';
import { toJson } from '../src/index.js';
import { sampleFixture } from './support/sample.js';

const schema: unknown = JSON.parse(
  readFileSync(new URL('../schema/posture-report-v1.schema.json', import.meta.url), 'utf8'),
);
const ajv = new Ajv({ allErrors: true, strict: true });
// ajv-formats is CommonJS: its plugin is the module's `default`.
formats.default(ajv);
const validate = ajv.compile(schema as object);

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

function parsed(json: string): Record<string, unknown> {
  const document: unknown = JSON.parse(json);
  expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  return document as Record<string, unknown>;
}

describe('toJson', () => {
  it('validates against posture-report-v1.schema.json', () => {
    parsed(toJson(result));
    parsed(toJson(fixture.result()));
  });

  it('writes the documented top level and summary', () => {
    const document = parsed(toJson(result));
    expect(Object.keys(document)).toEqual([
      'schemaVersion',
      'tool',
      'root',
      'summary',
      'policy',
      'invocation',
      'findings',
      'diagnostics',
      'files',
      'rules',
    ]);
    expect(document.schemaVersion).toBe('posture/v1');
    expect(document.summary).toEqual({
      findings: 5,
      suppressed: 1,
      bySeverity: { critical: 1, high: 1, medium: 1, low: 1, info: 1 },
      buckets: 4,
      releaseBuckets: 2,
      links: 1,
      filesScanned: 5,
      diagnostics: { error: 1, warning: 1, info: 0 },
    });
    expect(document.rules).toEqual(result.rules.map((rule) => rule.id));
  });

  it('lists every finding worst first, suppressed ones with their suppression', () => {
    const findings = parsed(toJson(result)).findings as { ruleId: string; suppression?: unknown }[];
    expect(findings.map((f) => f.ruleId)).toEqual([
      's3-public-policy',
      's3-public-acl',
      's3-public-access-block',
      'r2-public-dev-url',
      'link-public-upload',
      'gcs-public-iam',
    ]);
    expect(findings[2]?.suppression).toEqual({
      kind: 'policy',
      reason: 'Docs mirror, reviewed',
      approvedBy: '@security',
      expires: '2026-12-31',
    });
  });

  it('writes null for a scan without a policy, and ends with a newline', () => {
    const json = toJson(fixture.result());
    expect(parsed(json).policy).toBeNull();
    expect(json.endsWith('}\n')).toBe(true);
  });

  // The root is infra/ in the repository: the policy is named from it, never by a machine's path.
  it.each([
    ['at the top of the repository', ['posture.yml'], '../posture.yml'],
    ['in the root', ['infra', 'ci', 'posture.yml'], 'ci/posture.yml'],
  ])('names the policy file %s from the root', (_where, parts, named) => {
    const path = join(fixture.baseDir, ...parts);
    const document = parsed(toJson(fixture.result({ policy: { path } })));
    expect(document.policy).toEqual({ path: named });
  });

  it('names a policy file outside the repository by its name alone', () => {
    const path = join(tmpdir(), 'central', 'posture.yml');
    expect(parsed(toJson(fixture.result({ policy: { path } }))).policy).toEqual({
      path: 'posture.yml',
    });
  });

  it('rejects a document that breaks the schema', () => {
    const document = parsed(toJson(result));
    expect(validate({ ...document, schemaVersion: 'posture/v2' })).toBe(false);
    expect(validate({ ...document, findings: [{ ruleId: 'x' }] })).toBe(false);
  });
});
