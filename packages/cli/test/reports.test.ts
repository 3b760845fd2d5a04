import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileRange, type Finding, type ScanResult } from '@posture/model';
import { GITHUB_MAX_RESULTS, toJson } from '@posture/report';
import { processIo, type Io } from '../src/io.js';
import { writeReports } from '../src/reports.js';

/** A scan of `count` findings; no file is read, as fingerprints do without one. */
function scanOf(count: number): ScanResult {
  const finding: Finding = {
    ruleId: 's3-public-acl',
    severity: 'high',
    message: 'Public ACL.',
    location: fileRange('main.tf'),
    related: [],
  };
  return {
    tool: { name: 'posture', version: '0.1.0' },
    root: '/nonexistent/repo',
    baseDir: '/nonexistent/repo',
    findings: Array.from({ length: count }, () => finding),
    rules: [],
    files: [],
    diagnostics: [],
    invocation: { startTime: '', endTime: '', executionSuccessful: true },
    summary: { buckets: 0, releaseBuckets: 0, links: 0 },
  };
}

function stderrOf(result: ScanResult): string {
  let stderr = '';
  const io = {
    stdout: () => undefined,
    stderr: (text: string) => (stderr += text),
    cwd: '/nonexistent',
  } as unknown as Io;
  writeReports(result, ['sarif'], [], io, { includeSuppressed: true, color: false });
  return stderr;
}

describe('the SARIF report', () => {
  it.each([
    [GITHUB_MAX_RESULTS, ''],
    [
      GITHUB_MAX_RESULTS + 1,
      'posture: SARIF report: Only the 25000 most severe of 25001 results are included, unsuppressed findings before suppressed ones; the rest were left out to stay within the upload limit. The exit code counts every finding.\n',
    ],
  ])('of %i findings says on stderr what it left out: %j', (count, said) => {
    expect(stderrOf(scanOf(count))).toBe(said);
  });
});

describe('the JSON report written to a file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'posture-reports-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Written in parts of a thousand findings: none, one part, and parts with a last one short.
  it.each([0, 1000, 2500])('of %i findings holds what toJson gives', (count) => {
    const result = scanOf(count);
    const file = join(dir, `report-${count}.json`);
    writeReports(result, ['json'], [file], processIo(), { includeSuppressed: true, color: false });
    expect(readFileSync(file, 'utf8')).toBe(toJson(result));
  });
});
