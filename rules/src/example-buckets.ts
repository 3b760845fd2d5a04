/**
 * The buckets the rule docs' examples configure, declared in each example that needs one, so
 * that an example scans as written: a test scans every rule's bad and good example.
 */
export const S3_RELEASES = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
`;

export const R2_RELEASES = `resource "cloudflare_r2_bucket" "releases" {
  account_id = var.account_id
  name       = "acme-releases"
}
`;

export const GCS_RELEASES = `resource "google_storage_bucket" "releases" {
  name     = "acme-releases"
  location = "US"
}
`;
