import type { BucketRule } from '@posture/model';
import { relatedTo } from '../drafts.js';
import { refusedBy } from '../exposure/paths.js';
import { notProvablyPrivate, sentences } from '../messages.js';
import { S3_RELEASES } from '../example-buckets.js';

const rule: BucketRule = {
  kind: 'bucket',
  services: ['s3', 'r2', 'gcs'],
  meta: {
    id: 'bucket-not-provably-private',
    title: 'Bucket exposure cannot be proven private',
    severity: 'medium',
    why: 'Some facts that decide whether the bucket is public could not be evaluated: a module that is not installed, a variable with no value, an expression computed only at apply. A scanner that treats what it cannot see as private passes exactly the configurations that hide exposure behind indirection. Posture reports the bucket instead, so the gap is visible and can be closed or accepted explicitly. A settings resource whose bucket cannot be determined (`bucket = var.name` with no value, or `coalesce(var.name, aws_s3_bucket.o.id)`, which is judged for o as well) may configure any bucket of its module; of its root module, the modules it calls included, when its module declares no bucket, when the call of its module passes the bucket, or when, in a root module, it is set at apply (a variable with no value), read by a data source of the root, or not one reference alone; of a module it calls, when it is an output of that module not known before apply. So each is reported, unless what it says can only make a bucket more private (a private ACL or grants to named accounts, a policy or IAM binding that grants no one outside, a public access block with all four flags on, ownership controls that disable ACLs, a website that only redirects, an R2 domain written disabled), and except a bucket whose own settings refuse what it opens, as they would refuse it from a resource of its own: a policy on an S3 bucket with restrict_public_buckets, an ACL on one with ignore_public_acls or ACLs disabled (BucketOwnerEnforced), IAM or an ACL on a GCS bucket with public access prevention enforced, an ACL on one with uniform bucket-level access. A CloudFront distribution whose S3 origin host is not known before apply may serve any bucket of its module to anyone (of its root module, or of a module it calls, as a settings resource may configure one), so it is reported the same way, unless it reads the bucket anonymously or requires signed URLs; no setting of the bucket refuses it. A distribution that a bucket policy lets in by an ARN (aws:SourceArn) read from an output of a module call that was not read (terraform-aws-modules/cloudfront not installed) is reported as well, naming the call: that distribution is never seen. An ARN read from a variable or a data source is a distribution of another configuration, judged where it is declared. The same holds for the grant input of a terraform-aws-modules/s3-bucket call, which is left unresolved only when a grantee uri (the only way an ACL grant reaches everyone) is not known.',
    fix: 'Run terraform init so modules are installed under .terraform/modules, give the variables involved values (a tfvars file or defaults), or scan a plan (terraform show -json) so computed values are known. If a value is truly decided elsewhere, record an exception for this bucket with the reason.',
    bad: {
      language: 'hcl',
      code: `${S3_RELEASES}
variable "bucket" {} # no value anywhere in the repository

resource "aws_s3_bucket_acl" "releases" {
  bucket = var.bucket
  acl    = "public-read"
}`,
    },
    good: {
      language: 'hcl',
      code: `${S3_RELEASES}
variable "bucket" {
  default = "acme-releases"
}

resource "aws_s3_bucket_acl" "releases" {
  bucket = var.bucket
  acl    = "private"
}`,
    },
    tags: ['security', 's3', 'r2', 'gcs', 'unresolved', 'private-by-default'],
    cwe: ['CWE-284'],
    precision: 'medium',
  },
  check(bucket) {
    // A resource whose bucket is not known opens nothing on a bucket that refuses what it grants.
    const unresolved = bucket.unresolved.filter(
      (item) => item.opens === undefined || !refusedBy(bucket, item.opens),
    );
    const [first, ...rest] = unresolved;
    if (!first) return [];
    const count =
      rest.length === 0 ? '1 fact that decides' : `${unresolved.length} facts that decide`;
    return [
      {
        location: first.range,
        related: relatedTo(
          bucket,
          rest.map((item) => ({ label: 'unresolved', range: item.range })),
        ),
        message: sentences(
          notProvablyPrivate(bucket, `${count} its exposure could not be resolved`),
          unresolved.map((item) => item.message).join('; '),
          'Install the modules (terraform init), give the variables values, or scan a plan',
        ),
      },
    ];
  },
};

export default rule;
