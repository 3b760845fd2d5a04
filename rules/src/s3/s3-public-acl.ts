import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { S3_ACLS } from '../exposure/s3.js';

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-public-acl',
    title: 'S3 ACL grants access to everyone',
    severity: 'critical',
    why: 'The canned ACLs public-read, public-read-write and authenticated-read, and grants to the AllUsers or AuthenticatedUsers groups, let anyone on the internet (or anyone with any AWS account, which is the same thing) list or read the bucket — and with write, replace the release artifacts your users download. A public ACL on a release bucket, or on an object Terraform uploads to it (aws_s3_object with acl = "public-read"), is the classic way build outputs, source archives, source maps and internal packages leak. Each is rated by what it lets everyone do, as the ACL permissions of AWS\'s "Access control list (ACL) overview" say: READ on an object reads it, WRITE on a bucket writes and deletes its objects, and WRITE_ACP or FULL_CONTROL lets anyone change the ACL (critical); READ on a bucket, which public-read and authenticated-read grant on one, lists its objects without reading a byte of them (high); READ_ACP reads the ACL alone (low). The exposure is reported at low severity when ignore_public_acls = true or object_ownership = "BucketOwnerEnforced" makes S3 ignore ACLs, because then it only waits for that control to be relaxed.',
    fix: 'Remove the public ACL: delete the aws_s3_bucket_acl (or the legacy acl/grant arguments on aws_s3_bucket, or the acl argument of aws_s3_object, or the acl and grant arguments of aws_s3_object_copy), set object_ownership = "BucketOwnerEnforced" in aws_s3_bucket_ownership_controls so ACLs are disabled, and keep a public access block with ignore_public_acls = true. Serve downloads through CloudFront with Origin Access Control and signed URLs or cookies (trusted_key_groups) instead, or, if the release is meant to be public, record an exception with the reason.',
    bad: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}

resource "aws_s3_bucket_acl" "releases" {
  bucket = aws_s3_bucket.releases.id
  acl    = "public-read"
}`,
    },
    good: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}

resource "aws_s3_bucket_ownership_controls" "releases" {
  bucket = aws_s3_bucket.releases.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`,
    },
    tags: ['security', 's3', 'aws', 'acl', 'public-access'],
    cwe: ['CWE-732', 'CWE-284'],
    precision: 'very-high',
  },
  check(bucket) {
    return exposureDrafts(bucket, S3_ACLS.exposures(bucket), {
      severity: rule.meta.severity,
      exposed: 'is public through its ACL',
      neutralised: 'has a public ACL',
      remedy:
        'Remove the public ACL or grant, and set object_ownership = "BucketOwnerEnforced" so ACLs are disabled',
    });
  },
};

export default rule;
