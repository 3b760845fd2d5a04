import type { BucketRule } from '@posture/model';
import { settingDraft } from '../drafts.js';
import { neutralisingFlags } from '../exposure/s3.js';
import { holdsReleases, quote } from '../messages.js';
import { S3_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-acls-enabled',
    title: 'S3 ownership controls leave ACLs enabled',
    severity: 'medium',
    why: 'With object_ownership = "BucketOwnerPreferred" or "ObjectWriter", S3 honours access control lists again. Any ACL — on the bucket, or set per object by an upload such as aws s3 cp --acl public-read — can then make release artifacts public, and objects written by other accounts may not even belong to you. Since April 2023 new buckets have ACLs disabled (BucketOwnerEnforced); configuration that re-enables them is usually the first half of making a bucket public. With ignore_public_acls = true in force (on the bucket\'s or the account\'s public access block), S3 ignores public ACLs, and the finding is low.',
    fix: 'Set object_ownership = "BucketOwnerEnforced" in aws_s3_bucket_ownership_controls and grant access with IAM and bucket policies only.',
    bad: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_s3_bucket_ownership_controls" "releases" {
  bucket = aws_s3_bucket.releases.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}`,
    },
    good: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_s3_bucket_ownership_controls" "releases" {
  bucket = aws_s3_bucket.releases.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}`,
    },
    tags: ['security', 's3', 'aws', 'acl', 'ownership-controls'],
    cwe: ['CWE-732'],
    precision: 'very-high',
  },
  check(bucket) {
    const ownership = bucket.ownership;
    if (!ownership) return [];
    return settingDraft(bucket, {
      attr: ownership.objectOwnership,
      name: `object_ownership on ${ownership.address}`,
      // object_ownership is required, so an omitted value is a configuration Terraform rejects.
      safe: (value) => value === undefined || value === 'BucketOwnerEnforced',
      problem: 'keeps ACLs enabled',
      explain: (value, neutralised) =>
        `${ownership.address} sets object_ownership = ${quote(String(value))}, so ${neutralised ? 'ACLs grant access again, though only to the accounts they name: S3 ignores public ones while that flag holds' : `a bucket or object ACL can make ${holdsReleases(bucket) ? 'release artifacts' : 'its objects'} public`}`,
      remedy: 'Set object_ownership = "BucketOwnerEnforced" so ACLs no longer grant access',
      controls: [{ label: 'ownership controls', range: ownership.range }],
      neutralisedBy: neutralisingFlags(bucket, ['ignore_public_acls']),
    });
  },
};

export default rule;
