import type { BucketRule } from '@posture/model';
import { relatedTo } from '../drafts.js';
import { bucketSubject, sentences } from '../messages.js';

const rule: BucketRule<'r2'> = {
  kind: 'bucket',
  services: ['r2'],
  meta: {
    id: 'r2-s3-controls-ineffective',
    title: 'S3 access controls on an R2 bucket do nothing',
    severity: 'medium',
    why: "When R2 is managed through the AWS provider with an r2.cloudflarestorage.com endpoint, resources such as aws_s3_bucket_acl, aws_s3_bucket_policy, aws_s3_bucket_public_access_block and aws_s3_bucket_website_configuration look like access controls but R2's S3 API does not implement them. They can make an R2 bucket neither public nor private, so a reviewer who trusts them is misled: the bucket's exposure is decided only by its r2.dev and custom-domain settings on the Cloudflare side.",
    fix: 'Remove the S3 access-control resources from the R2 bucket and manage its exposure with cloudflare_r2_managed_domain (enabled = false) and cloudflare_r2_custom_domain in the Cloudflare provider.',
    bad: {
      language: 'hcl',
      code: `provider "aws" {
  alias = "r2"
  endpoints {
    s3 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
  }
}

resource "aws_s3_bucket" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
}

resource "aws_s3_bucket_public_access_block" "releases" {
  provider                = aws.r2
  bucket                  = aws_s3_bucket.releases.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}`,
    },
    good: {
      language: 'hcl',
      code: `resource "aws_s3_bucket" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
}

resource "cloudflare_r2_managed_domain" "releases" {
  account_id  = var.account_id
  bucket_name = aws_s3_bucket.releases.bucket
  enabled     = false
}`,
    },
    tags: ['security', 'r2', 'cloudflare', 's3-compatible', 'misleading-control'],
    cwe: ['CWE-284'],
    precision: 'high',
  },
  check(bucket) {
    const via = bucket.viaAwsProvider;
    if (!via) return [];
    return via.ineffectiveControls.map((control) => ({
      location: control.range,
      related: relatedTo(bucket, [{ label: 'AWS provider', range: via.providerRange }]),
      message: sentences(
        `${bucketSubject(bucket)} has an S3 access control that R2 ignores`,
        `${control.address} has no effect on R2, whose S3 API does not implement ACLs, bucket policies, Block Public Access or website hosting; only the r2.dev and custom-domain settings decide whether the bucket is public`,
        'Remove it and manage exposure with cloudflare_r2_managed_domain and cloudflare_r2_custom_domain',
      ),
    }));
  },
};

export default rule;
