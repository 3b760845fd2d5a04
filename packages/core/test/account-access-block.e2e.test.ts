import { expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A release bucket guarded only by the account-wide public access block, and a Makefile release
 * target that writes a public bucket policy. The policy alone is refused (low); once the same
 * build turns the account's block off with `aws s3control`, it opens the bucket.
 */
const TERRAFORM = [
  'resource "aws_s3_bucket" "releases" {',
  '  bucket = "acme-releases"',
  '}',
  'resource "aws_s3_account_public_access_block" "this" {',
  '  block_public_acls       = true',
  '  block_public_policy     = true',
  '  ignore_public_acls      = true',
  '  restrict_public_buckets = true',
  '}',
  '',
].join('\n');
const POLICY = `aws s3api put-bucket-policy --bucket acme-releases --policy '{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::acme-releases/*"}]}'`;
const OFF =
  'aws s3control put-public-access-block --account-id 123456789012 --public-access-block-configuration BlockPublicPolicy=false';

it('a public policy the account-wide block refuses is low, until the build turns that block off', async () => {
  const makefile = (...lines: string[]) => `release:\n${lines.map((l) => `\t${l}\n`).join('')}`;
  const guarded = await scanFiles({ 'main.tf': TERRAFORM, Makefile: makefile(POLICY) });
  const low = guarded.result.findings.filter((f) => f.ruleId === 'link-opens-bucket');
  expect(low.map((f) => f.severity)).toEqual(['low']);
  expect(low[0]?.message).toContain('aws_s3_account_public_access_block.this');

  const opened = await scanFiles({ 'main.tf': TERRAFORM, Makefile: makefile(OFF, POLICY) });
  expect(
    opened.result.findings
      .filter((f) => f.ruleId === 'link-opens-bucket')
      .map((f) => [f.severity, f.location.start.line])
      .sort((a, b) => Number(a[1]) - Number(b[1])),
  ).toEqual([
    ['high', 2],
    ['critical', 3],
  ]);
  expect(summarize(opened)).toContain('link-opens-bucket@Makefile:2');
});
