import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * Which bucket an S3 settings resource configures, when its `bucket` is not known before apply: the
 * one it refers to when it is that reference alone; any bucket of its module when the reference is
 * one of the values it may take, as a public ACL with `bucket = coalesce(var.x, aws_s3_bucket.o.id)`
 * may be on the release bucket.
 */
const MODULE = (attachment: string) => `variable "x" {}
variable "p" {}
resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket" "o" {
  bucket = "acme-other"
}
${attachment}
`;

const ATTACHMENTS: Record<string, (bucket: string) => string> = {
  'a public-read aws_s3_bucket_acl': (bucket) => `resource "aws_s3_bucket_acl" "o" {
  bucket = ${bucket}
  acl    = "public-read"
}`,
  'a public aws_s3_bucket_policy': (bucket) => `resource "aws_s3_bucket_policy" "o" {
  bucket = ${bucket}
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}`,
  'an aws_s3_bucket_public_access_block turned off': (bucket) =>
    `resource "aws_s3_bucket_public_access_block" "o" {
  bucket                  = ${bucket}
  block_public_acls       = false
  block_public_policy     = false
  ignore_public_acls      = false
  restrict_public_buckets = false
}`,
  'an aws_s3_bucket_website_configuration': (bucket) =>
    `resource "aws_s3_bucket_website_configuration" "o" {
  bucket = ${bucket}
  index_document {
    suffix = "index.html"
  }
}`,
};

/** The release bucket has no Block Public Access of its own: that finding is always there. */
const UNMANAGED = 's3-public-access-block@main.tf:3';
const UNPROVEN = 'bucket-not-provably-private@main.tf:10';

const CASES: [string, string[]][] = [
  ['aws_s3_bucket.o.id', [UNMANAGED]],
  ['"${aws_s3_bucket.o.id}"', [UNMANAGED]],
  ['var.x', [UNMANAGED, UNPROVEN]],
  ['coalesce(var.x, aws_s3_bucket.o.id)', [UNMANAGED, UNPROVEN]],
  ['var.p ? aws_s3_bucket.o.id : var.x', [UNMANAGED, UNPROVEN]],
  ['"${var.p}${aws_s3_bucket.o.id}"', [UNMANAGED, UNPROVEN]],
  ['lookup({ a = aws_s3_bucket.o.id }, var.x, "acme-other")', [UNMANAGED, UNPROVEN]],
];

describe('an S3 settings resource whose bucket is not known before apply', () => {
  it.each(
    Object.entries(ATTACHMENTS).flatMap(([what, attachment]) =>
      CASES.map(([bucket, expected]) => ({ what, bucket, attachment, expected })),
    ),
  )('$what on bucket = $bucket', async ({ bucket, attachment, expected }) => {
    const report = await scanFiles({ 'main.tf': MODULE(attachment(bucket)) });
    expect(summarize(report)).toEqual(expected.sort());
  });
});
