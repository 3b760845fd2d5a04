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

/** The same member given to the registry modules that bind it, which are not installed. */
const SIMPLE_BUCKET = (member: string) => `
variable "ci_email" {}
variable "member" {}
module "releases" {
  source     = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  name       = "acme-releases"
  project_id = "acme"
  location   = "us"
  iam_members = [{
    role   = "roles/storage.objectViewer"
    member = ${member}
  }]
}
`;

const CLOUD_STORAGE = (member: string) => `
variable "ci_email" {}
variable "member" {}
module "gcs" {
  source           = "terraform-google-modules/cloud-storage/google"
  project_id       = "acme"
  names            = ["acme-releases"]
  set_viewer_roles = true
  viewers          = [${member}]
}
`;

const BUCKETS_IAM = (member: string) => `
variable "ci_email" {}
variable "member" {}
module "iam" {
  source          = "terraform-google-modules/iam/google//modules/storage_buckets_iam"
  storage_buckets = ["acme-releases"]
  bindings = {
    "roles/storage.objectViewer" = [${member}]
  }
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

  it.each([
    ['"serviceAccount:${var.ci_email}"', [], [], []],
    [
      'var.member',
      ['gcs-public-iam@main.tf:9'],
      ['gcs-public-iam@main.tf:8'],
      ['gcs-public-iam@main.tf:8'],
    ],
    [
      '"all${var.member}"',
      ['gcs-public-iam@main.tf:9'],
      ['gcs-public-iam@main.tf:8'],
      ['gcs-public-iam@main.tf:8'],
    ],
  ])(
    'GCS member %s given to a registry module',
    async (member, simple, cloudStorage, bucketsIam) => {
      expect(await findings(SIMPLE_BUCKET(member), 'gcs-public-iam')).toEqual(simple);
      expect(await findings(CLOUD_STORAGE(member), 'gcs-public-iam')).toEqual(cloudStorage);
      expect(await findings(BUCKETS_IAM(member), 'gcs-public-iam')).toEqual(bucketsIam);
    },
  );
});
