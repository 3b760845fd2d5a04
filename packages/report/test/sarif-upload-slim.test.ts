import { createHash, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic, ScannedFile } from '@posture/model';
import { checkGithubProfile, sarifText, toSarif, truncationOf } from '../src/index.js';
import { finding, Fixture, rule } from './support/fixture.js';
import { sarifSchemaErrors } from './support/sarif-schema.js';

const fixture = Fixture.create({
  'main.tf': 'resource "aws_s3_bucket_acl" "a" {\n  acl = "public-read"\n}\n',
  'b.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n',
});
afterAll(() => fixture.cleanup());

/** Files whose hashes gzip cannot shrink: about 230 bytes each in run.artifacts. */
function scannedFiles(count: number): ScannedFile[] {
  const real = ['main.tf', 'b.tf'].map((path) => ({ path, kind: 'terraform' as const }));
  const many = Array.from({ length: count }, (_, i) => ({
    path: `modules/m${i}/main.tf`,
    kind: 'terraform' as const,
  }));
  return [...many, ...real].map((file) => ({
    ...file,
    bytes: 100,
    sha256: createHash('sha256').update(file.path).digest('hex'),
  }));
}

function diagnostics(count: number): Diagnostic[] {
  const range = fixture.range('b.tf', 'bucket');
  return Array.from({ length: count }, (_, i) => ({
    severity: i === count - 1 ? 'error' : 'info',
    code: 'module-unresolved',
    message: `Module ${i} ${randomBytes(40).toString('hex')} could not be resolved.`,
    range,
  }));
}

function notifications(log: Log) {
  return log.runs[0]?.invocations?.[0]?.toolExecutionNotifications ?? [];
}

// Before, only results were cut: 20,000 scanned files or 4,000 diagnostics stayed over the limit
// with every result gone. What GitHub does not need goes first.
describe('fitting a SARIF log to the upload limit before cutting results', () => {
  it.each([
    ['20,000 scanned files', 20_000, 0, 2, 0, undefined],
    [
      '4,000 diagnostics',
      2,
      4_000,
      2,
      501,
      'Only 500 of 4000 scan diagnostics are included, errors first; the rest were left out to stay within the upload limit. The JSON report has them all.',
    ],
  ])('%s', (_what, files, diagnosed, artifacts, notes, cut) => {
    const acl = fixture.range('main.tf', 'acl');
    const related = [{ label: 'bucket', range: fixture.range('b.tf', 'bucket') }];
    const log = toSarif(
      fixture.result({
        rules: [rule('s3-public-acl')],
        findings: [finding('s3-public-acl', acl, { message: 'Public.', related })],
        files: scannedFiles(files),
        diagnostics: diagnostics(diagnosed),
      }),
      { maxUploadBytes: 200_000 },
    );
    expect(gzipSync(sarifText(log)).length).toBeLessThanOrEqual(200_000);
    const run = log.runs[0];
    expect(run?.results).toHaveLength(1);
    expect(run?.artifacts).toHaveLength(artifacts);
    // Every index still names the artifact at the location's own URI.
    const result = run?.results?.[0];
    for (const location of [result?.locations?.[0], result?.relatedLocations?.[0]]) {
      const { uri, index } = location?.physicalLocation?.artifactLocation ?? {};
      expect(run?.artifacts?.[index ?? -1]?.location?.uri).toBe(uri);
    }
    expect(notifications(log)).toHaveLength(notes);
    expect(notifications(log)[0]?.level ?? 'error').toBe('error');
    expect(truncationOf(log)).toBe(cut);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(checkGithubProfile(log, { srcRoot: fixture.baseDir })).toEqual([]);
  });
});
