import { describe, expect, it } from 'vitest';
import type { Finding } from '@posture/model';
import { scanFiles } from './support/scan-files.js';

/**
 * The shape of a shared module that one environment's `.tfvars` line makes public: the findings
 * are in the module, decided by `prod.tfvars`.
 */
const FILES = {
  'live/buckets.tf': `variable "env" { type = string }
variable "buckets" {}
module "bucket" {
  source   = "../modules/release-bucket"
  for_each = var.buckets

  name        = "acme-cli-\${each.key}-\${var.env}"
  public_read = each.value.public_read
  tags        = { Purpose = each.value.purpose }
}
`,
  'live/prod.tfvars': `env = "prod"
buckets = {
  bin  = { public_read = true, purpose = "release binaries" }
  logs = { public_read = false, purpose = "release logs" }
}
`,
  'modules/release-bucket/main.tf': `variable "name" { type = string }
variable "public_read" { default = false }
variable "tags" { default = {} }
resource "aws_s3_bucket" "this" {
  bucket = var.name
  tags   = var.tags
}
resource "aws_s3_bucket_ownership_controls" "this" {
  bucket = aws_s3_bucket.this.id
  rule {
    object_ownership = var.public_read ? "BucketOwnerPreferred" : "BucketOwnerEnforced"
  }
}
resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = aws_s3_bucket.this.id
  block_public_acls       = !var.public_read
  block_public_policy     = !var.public_read
  ignore_public_acls      = !var.public_read
  restrict_public_buckets = !var.public_read
}
resource "aws_s3_bucket_acl" "this" {
  count  = var.public_read ? 1 : 0
  bucket = aws_s3_bucket.this.id
  acl    = "public-read"
}
`,
};

const related = (finding: Finding, label: string) =>
  finding.related
    .filter((r) => r.label === label)
    .map((r) => `${r.range.file}:${r.range.start.line}:${r.range.start.column}`);

describe('findings decided by a value set outside the module', () => {
  it('point at where it is set, for the instance they are about, and at where the tag is written', async () => {
    const report = await scanFiles(FILES, { varFiles: ['live/prod.tfvars'] });
    const findings = report.result.findings;
    expect(
      findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.start.line}`).sort(),
    ).toEqual([
      's3-acls-enabled@modules/release-bucket/main.tf:11',
      's3-public-access-block@modules/release-bucket/main.tf:16',
      's3-public-acl@modules/release-bucket/main.tf:24',
    ]);
    for (const finding of findings) {
      expect(finding.address).toBe('module.bucket["bin"].aws_s3_bucket.this');
      // The argument of the call, then the line of prod.tfvars that makes `bin` public: not `logs`.
      expect(related(finding, 'value set here')).toEqual([
        'live/buckets.tf:8:3',
        'live/prod.tfvars:3:12',
      ]);
      expect(related(finding, 'release evidence')).toEqual(['live/buckets.tf:9:19']);
    }
  });
});
