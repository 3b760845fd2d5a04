import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gateExitCode, type ScanReport } from '../src/index.js';
import { scanFiles } from './support/scan-files.js';

/**
 * An attribute whose evaluation fails is an `eval-invalid` warning in a scan of the configuration:
 * it does not fail the gate, its message shows no credential, and a plan, which holds Terraform's
 * own values, settles it for the blocks it maps.
 */
describe('evaluation errors in a scan', () => {
  const scenario = new URL('../../plan/test/fixtures/scenarios/s3-private/', import.meta.url);
  const privateRelease = (purpose: string) => ({
    'infra/main.tf': readFileSync(new URL('main.tf', scenario), 'utf8').replace(
      'purpose = "release"',
      `purpose = ${purpose}`,
    ),
    'infra/plan.json': readFileSync(new URL('plan.json', scenario), 'utf8'),
  });

  const warnings = (report: ScanReport) =>
    report.result.diagnostics
      .filter((d) => d.code === 'eval-invalid')
      .map((d) => `${d.range.file}:${d.range.start.line} ${d.message}`);

  it.each([
    {
      what: 'are warnings that pass the gate',
      files: {
        'main.tf': 'resource "aws_s3_bucket" "rel" {\n  bucket = "acme-releases-${max()}"\n}\n',
      },
      plans: [],
      expected: [
        'main.tf:2 aws_s3_bucket.rel: bucket could not be evaluated: max: max needs an argument (Terraform would refuse this configuration); it is taken as unknown',
      ],
    },
    {
      what: 'quote no credential',
      files: {
        'main.tf':
          'resource "aws_s3_bucket" "rel" {\n  bucket = "acme-${lookup({}, "ghp_abcdefghijklmnop123456")}"\n}\n',
      },
      plans: [],
      expected: [
        'main.tf:2 aws_s3_bucket.rel: bucket could not be evaluated: lookup: no key "REDACTED" (Terraform would refuse this configuration); it is taken as unknown',
      ],
    },
    {
      what: 'stay where no plan is given',
      files: privateRelease('max()'),
      plans: [],
      expected: [
        'infra/main.tf:29 aws_s3_bucket.releases: tags could not be evaluated: max: max needs an argument (Terraform would refuse this configuration); it is taken as unknown',
      ],
    },
    {
      what: 'are dropped where a plan maps the block',
      files: privateRelease('max()'),
      plans: ['infra/plan.json'],
      expected: [],
    },
  ])('$what', async ({ files, plans, expected }) => {
    const report = await scanFiles(files, { plans });
    expect(warnings(report)).toEqual(expected);
    expect(gateExitCode(report.result.findings, 'low')).toBe(0);
  });
});
