import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { S3_ANY_DISTRIBUTION } from '../exposure/s3.js';
import { S3_RELEASES } from '../example-buckets.js';

const policy = (condition: string) => `${S3_RELEASES}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudFrontRead"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.releases.arn}/*"${condition}
    }]
  })
}`;

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-cloudfront-unscoped',
    title: 'S3 bucket policy lets any CloudFront distribution read the bucket',
    severity: 'high',
    why: "With origin access control, S3 sees every CloudFront distribution of every AWS account as the same service principal, cloudfront.amazonaws.com. A bucket policy statement that allows it with no condition on aws:SourceArn (your distribution) or aws:SourceAccount (your account) lets anyone create a distribution of their own, point it at the bucket and serve every object it holds: the confused deputy AWS warns of, and why the policy the CloudFront console writes always carries the aws:SourceArn condition. A wildcard where the ARN names the account (arn:aws:cloudfront::*:distribution/*) names no one, as a wildcard in a public policy's condition does; one after it (arn:aws:cloudfront::111122223333:distribution/*) is every distribution of that account, and narrows. S3 Block Public Access does not help: AWS counts a fixed service principal as not public, so restrict_public_buckets leaves the statement in force. It is rated high rather than critical, as Principal \"*\" is (s3-public-policy), because a reader must know the bucket's name and set up a distribution, and the bucket's own URLs stay closed. A statement that only lists the bucket is rated lower.",
    fix: 'Add a condition naming your distribution, StringEquals aws:SourceArn = aws_cloudfront_distribution.<name>.arn (or aws:SourceAccount = your account id), to every statement that allows cloudfront.amazonaws.com.',
    bad: { language: 'hcl', code: policy('') },
    good: {
      language: 'hcl',
      code: policy(`
      Condition = {
        StringEquals = { "aws:SourceArn" = aws_cloudfront_distribution.releases.arn }
      }`),
    },
    tags: ['security', 's3', 'aws', 'bucket-policy', 'cloudfront', 'confused-deputy'],
    cwe: ['CWE-441', 'CWE-284'],
    precision: 'high',
  },
  check(bucket) {
    return exposureDrafts(bucket, S3_ANY_DISTRIBUTION.exposures(bucket), {
      severity: rule.meta.severity,
      exposed: "is readable through any AWS account's CloudFront distribution",
      // No control of the bucket closes the path: a finding is never neutralised.
      neutralised: 'lets any CloudFront distribution read it',
      remedy:
        'Add a condition on aws:SourceArn naming your distribution (or aws:SourceAccount naming your account) to the statement',
    });
  },
};

export default rule;
