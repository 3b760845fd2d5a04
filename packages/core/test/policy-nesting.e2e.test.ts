import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

/**
 * A bucket policy nested deeper than an IAM policy ever is (`MAX_POLICY_DEPTH`): 100,000 nested
 * lists in a `Resource` overflowed the stack where the names were read, and the scan ended as an
 * internal error. It is a policy not read, as one that is not JSON: the bucket is not provably
 * private. One nested within the bound is judged.
 */
const policy = (levels: number, effect: string) => `
# posture:release
resource "aws_s3_bucket" "a" {
  bucket = "acme-releases"
}
variable "effect" {}
resource "aws_s3_bucket_policy" "a" {
  bucket = aws_s3_bucket.a.id
  policy = <<EOT
{"Statement": [{"Effect": "${effect}", "Principal": "*", "Action": "s3:GetObject",
  "Resource": ${'['.repeat(levels)}"arn:aws:s3:::acme-releases/*"${']'.repeat(levels)}}]}
EOT
}
`;

describe('a bucket policy nested deep', () => {
  it.each([
    [100_000, 'Allow', 'medium', 'cannot be read (the policy is nested over 64 levels deep)'],
    [100_000, '${var.effect}', 'medium', 'cannot be read (variable effect has no value)'],
    [60, 'Allow', 'critical', 'is open to anyone through its bucket policy'],
  ])('%i levels, Effect %s: %s', async (levels, effect, severity, said) => {
    const report = await scanFiles({ 'main.tf': policy(levels, effect) });
    const found = report.result.findings.filter((f) => f.ruleId === 's3-public-policy');
    expect(found.map((f) => f.severity)).toEqual([severity]);
    expect(found[0]?.message).toContain(said);
  });
});
