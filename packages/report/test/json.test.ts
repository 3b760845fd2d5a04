import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FileKind } from '@posture/model';
import { afterAll, describe, expect, it } from 'vitest';
import { jsonParts, toJson, toJsonReport } from '../src/index.js';
import { reportSchema, reportSchemaErrors } from './support/report-schema.js';
import { sampleFixture } from './support/sample.js';

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

function parsed(json: string): Record<string, unknown> {
  const document: unknown = JSON.parse(json);
  expect(reportSchemaErrors(document)).toEqual([]);
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
    expect(reportSchemaErrors({ ...document, schemaVersion: 'posture/v2' })).not.toEqual([]);
    expect(reportSchemaErrors({ ...document, findings: [{ ruleId: 'x' }] })).not.toEqual([]);
  });

  it('allows every kind of scanned file the model has', () => {
    // A Record over the union: a kind added to FileKind fails to compile here until listed.
    const kinds: Record<FileKind, true> = {
      terraform: true,
      'terraform-json': true,
      tfvars: true,
      plan: true,
      state: true,
      build: true,
      policy: true,
      artifact: true,
    };
    const scannedFile = (reportSchema().definitions as Record<string, unknown>).scannedFile as {
      properties: { kind: { enum: string[] } };
    };
    expect(scannedFile.properties.kind.enum.sort()).toEqual(Object.keys(kinds).sort());
  });
});

describe('jsonParts', () => {
  /** The sample's findings, told apart by their message, repeated up to `count`. */
  const withFindings = (count: number) => ({
    ...result,
    findings: Array.from({ length: count }, (_, i) => ({
      ...result.findings[i % result.findings.length]!,
      message: `Finding ${i}: "quoted", ünïcode.\nSecond line.`,
    })),
  });

  // Parts: the report down to its findings, a part per thousand findings, and the rest.
  it.each([
    [0, 1],
    [1, 3],
    [999, 3],
    [1000, 3],
    [1001, 4],
    [2500, 5],
  ])('of %i findings joins to the whole document in %i parts', (count, parts) => {
    const scanned = withFindings(count);
    const written = [...jsonParts(scanned)];
    expect(written.join('')).toBe(`${JSON.stringify(toJsonReport(scanned), null, 2)}\n`);
    expect(written).toHaveLength(parts);
  });
});
