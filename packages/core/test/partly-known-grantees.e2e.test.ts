import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A grantee known only in part before apply is public only if what is known of it could still be
 * the public principal or member. `arn:aws:iam::${var.ci}:root` is one account, whatever fills it
 * (IAM allows no wildcard inside a principal ARN); `serviceAccount:${…}` is never allUsers.
 */
const S3 = (principal: string) => `
variable "ci_account" {}
variable "principal" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
data "aws_iam_policy_document" "releases" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["\${aws_s3_bucket.releases.arn}/*"]
    principals {
      type        = "AWS"
      identifiers = [${principal}]
    }
  }
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = data.aws_iam_policy_document.releases.json
}
`;

const GCS = (member: string) => `
variable "ci_email" {}
variable "member" {}
resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_iam_member" "ci" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectViewer"
  member = ${member}
}
`;

/** The findings of `rule`; the bucket's other controls are left undeclared, so nothing lowers them. */
async function findings(main: string, rule: string): Promise<string[]> {
  return summarize(await scanFiles({ 'main.tf': main })).filter((s) => s.startsWith(rule));
}

describe('partly known grantees', () => {
  it.each([
    ['"arn:aws:iam::${var.ci_account}:root"', []],
    ['"arn:aws:iam::${var.ci_account}:role/ci"', []],
    // Could be anything, "*" included: not provably private.
    ['var.principal', ['s3-public-policy@main.tf:11']],
    ['"${var.principal}"', ['s3-public-policy@main.tf:11']],
  ])('S3 principal %s', async (principal, expected) => {
    expect(await findings(S3(principal), 's3-public-policy')).toEqual(expected);
  });

  it.each([
    ['"serviceAccount:${var.ci_email}"', []],
    ['"user:${var.ci_email}"', []],
    ['var.member', ['gcs-public-iam@main.tf:9']],
    ['"all${var.member}"', ['gcs-public-iam@main.tf:9']],
  ])('GCS member %s', async (member, expected) => {
    expect(await findings(GCS(member), 'gcs-public-iam')).toEqual(expected);
  });
});
