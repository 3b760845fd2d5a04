import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * `terraform.workspace` was read as `default`, the workspace a checkout starts in, so a release
 * bucket made public only in the workspace CI selects (`terraform workspace select prod`,
 * `TF_WORKSPACE=prod`) passed as private: its public policy was judged absent. Which workspace
 * applies is chosen when Terraform runs, so what reads it is not known before apply.
 */
const PRIVATE = `resource "aws_s3_bucket" "rel" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_public_access_block" "rel" {
  bucket                  = aws_s3_bucket.rel.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = BLOCK
}
resource "aws_s3_bucket_ownership_controls" "rel" {
  bucket = aws_s3_bucket.rel.id
  rule { object_ownership = "BucketOwnerEnforced" }
}
`;

const publicPolicy = (count: string) => `resource "aws_s3_bucket_policy" "rel" {
  count  = ${count}
  bucket = aws_s3_bucket.rel.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
`;

describe('terraform.workspace', () => {
  it.each([
    [
      'a public policy made only in one workspace',
      PRIVATE.replace('BLOCK', 'false') + publicPolicy('terraform.workspace == "prod" ? 1 : 0'),
      ['s3-public-access-block@main.tf:9', 's3-public-policy@main.tf:18'],
    ],
    [
      'a public access block that restricts public policies in one workspace only',
      PRIVATE.replace('BLOCK', 'terraform.workspace != "prod"') + publicPolicy('1'),
      ['s3-public-access-block@main.tf:9', 's3-public-policy@main.tf:18'],
    ],
    [
      'none: a workspace in the name of a private bucket',
      PRIVATE.replace('BLOCK', 'true').replace(
        '"acme-releases"',
        '"acme-${terraform.workspace}-releases"',
      ),
      [],
    ],
  ])('%s', async (_name, tf, expected) => {
    const report = await scanFiles({ 'main.tf': tf });
    expect(summarize(report)).toEqual(expected);
    expect(report.facts.buckets.map((b) => b.release.length > 0)).toEqual([true]);
  });
});

/** `--workspace` names it, as `terraform workspace select` does: each branch is then judged. */
describe('terraform.workspace, given', () => {
  const POLICY_IN_PROD =
    PRIVATE.replace('BLOCK', 'terraform.workspace != "prod"') +
    publicPolicy('terraform.workspace == "prod" ? 1 : 0');

  it.each([
    ['prod', ['s3-public-access-block@main.tf:9', 's3-public-policy@main.tf:18']],
    ['dev', []],
  ])('in %s', async (workspace, expected) => {
    const report = await scanFiles({ 'main.tf': POLICY_IN_PROD }, { workspace });
    expect(summarize(report)).toEqual(expected);
    expect(report.result.diagnostics.map((d) => d.message)).not.toContainEqual(
      expect.stringContaining('terraform.workspace'),
    );
  });

  it('in a module the root calls, as in the root', async () => {
    const files = { 'main.tf': 'module "b" {\n  source = "./b"\n}\n', 'b/main.tf': POLICY_IN_PROD };
    expect(summarize(await scanFiles(files, { workspace: 'dev' }))).toEqual([]);
  });
});
