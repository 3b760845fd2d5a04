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
        'infra/main.tf:29 aws_s3_bucket.releases: tags could not be evaluated: max() (written at infra/main.tf:30): max needs an argument (Terraform would refuse this configuration); it is taken as unknown',
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

/**
 * A finding whose reason is an evaluation error says it as the `eval-invalid` warning does: an
 * error in the attribute the finding is at is not named and placed again, one read from elsewhere
 * is.
 */
describe('evaluation errors in a finding', () => {
  const BUCKET = `resource "aws_s3_bucket" "r" {
  bucket = "acme-releases"
}
`;
  /** Block Public Access on: what is left open is the distribution. */
  const PAB = `resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.r.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
`;
  const policy = (expr: string) => `resource "aws_s3_bucket_policy" "p" {
  bucket = aws_s3_bucket.r.id
  policy = ${expr}
}
`;
  const distribution = `resource "aws_cloudfront_distribution" "d" {
  enabled = true
  origin {
    domain_name              = "\${max()}.s3.amazonaws.com"
    origin_id                = "s3"
    origin_access_control_id = "E2QWRUHEXAMPLE"
  }
  default_cache_behavior {
    target_origin_id       = "s3"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
  }
}
`;

  it.each([
    {
      what: 'a policy file not in the checkout, read in the policy itself',
      main: BUCKET + policy('file("dist/policy.json")'),
      rule: 's3-public-policy',
      says: 'the policy document of aws_s3_bucket_policy.p cannot be read (file: cannot read dist/policy.json)',
    },
    {
      what: 'a policy file not in the checkout, read in a local',
      main: `locals {\n  p = file("dist/policy.json")\n}\n${BUCKET}${policy('local.p')}`,
      rule: 's3-public-policy',
      says: 'the policy document of aws_s3_bucket_policy.p cannot be read (file(…) (written at main.tf:2): cannot read dist/policy.json)',
    },
    {
      what: 'a policy file not in the checkout, read in a document the policy includes',
      main: `${BUCKET}${policy('data.aws_iam_policy_document.d.json')}data "aws_iam_policy_document" "d" {\n  source_policy_documents = [file("dist/policy.json")]\n}\n`,
      rule: 's3-public-policy',
      says: 'the policy document of aws_s3_bucket_policy.p cannot be read (file(…) (written at main.tf:9): cannot read dist/policy.json)',
    },
    {
      what: 'a Block Public Access flag that fails in the flag itself',
      main:
        BUCKET + PAB.replace('block_public_acls       = true', 'block_public_acls       = max()'),
      rule: 's3-public-access-block',
      says: 'block_public_acls on aws_s3_bucket_public_access_block.b is not known before apply (max: max needs an argument)',
    },
    {
      what: 'an origin whose host fails in the origin itself',
      main: BUCKET + PAB + distribution,
      rule: 'bucket-not-provably-private',
      says: 'its origin.0.domain_name is not known before apply (max: max needs an argument)',
    },
  ])('$what', async ({ main, rule, says }) => {
    const report = await scanFiles({ 'main.tf': main });
    const finding = report.result.findings.find((f) => f.ruleId === rule);
    expect(finding?.message).toContain(says);
  });
});
