import { afterAll, describe, expect, it } from 'vitest';
import { findingFingerprints, toCodeQuality, type CodeQualityIssue } from '../src/index.js';
import { sampleFixture } from './support/sample.js';

const { fixture, result } = sampleFixture();
afterAll(() => fixture.cleanup());

describe('toCodeQuality', () => {
  const issues = JSON.parse(toCodeQuality(result)) as CodeQualityIssue[];

  it('is one issue per active finding, worst first, with repository paths', () => {
    expect(
      issues.map((i) => [i.check_name, i.severity, `${i.location.path}:${i.location.lines.begin}`]),
    ).toEqual([
      ['s3-public-policy', 'critical', 'infra/main.tf:13'],
      ['s3-public-acl', 'major', 'infra/main.tf:3'],
      ['r2-public-dev-url', 'minor', 'infra/release assets/r2 bucket.tf:3'],
      ['link-public-upload', 'info', 'infra/.github/workflows/release.yml:4'],
      ['gcs-public-iam', 'info', 'infra/modules/ünïcode #1/gcs.tf:3'],
    ]);
    expect(issues[0]).toMatchObject({
      type: 'issue',
      description: 'aws_s3_bucket.releases has a bucket policy that lets anyone read objects.',
      categories: ['Security'],
    });
  });

  it('fingerprints each issue as baselines and SARIF do, so GitLab can tell new from fixed', () => {
    const expected = [...findingFingerprints(result).entries()]
      .filter(([finding]) => finding.suppression === undefined)
      .map(([, hash]) => hash);
    expect(issues.map((i) => i.fingerprint).sort()).toEqual(expected.sort());
    expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
  });

  it('is an empty list for a clean scan', () => {
    expect(toCodeQuality(fixture.result())).toBe('[]\n');
  });
});
