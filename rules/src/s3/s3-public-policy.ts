import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { ACCESS_POINT_LABEL, S3_POLICIES } from '../exposure/s3.js';
import type { Exposure } from '../exposure/types.js';
import { S3_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-public-policy',
    title: 'S3 bucket policy allows anyone',
    severity: 'critical',
    why: 'A bucket policy statement with Effect "Allow" and Principal "*" (or {"AWS": "*"}, or any NotPrincipal) grants its actions to every caller on the internet, signed or not, unless a condition narrows it to a VPC endpoint, network, organisation, account or source ARN. As AWS judges a public policy, a condition value with a wildcard or a policy variable narrows nothing (aws:SourceVpce = "vpce-*" matches every endpoint of every account), except past the part that names the owner: an ARN of one account or bucket, the paths of one organisation, the sessions of one role (aws:userid = "AROAEXAMPLEID:*"). Nor do aws:SourceIp ranges that together hold every IPv4 or every IPv6 address (0.0.0.0/0, or 0.0.0.0/1 with 128.0.0.0/1). On a release bucket that publishes every artifact, including ones never meant to ship, and with write actions lets anyone replace what users download. A statement on some objects only (arn:aws:s3:::acme-releases/public/*) says which. A statement whose actions only list the bucket (s3:ListBucket) is rated high, and one that only reads its ACL (s3:GetBucketAcl) low; one that only reads the settings of the bucket (s3:GetBucketLocation, s3:GetBucketVersioning, s3:GetLifecycleConfiguration), which tell neither what it holds nor who may access it, is not reported. Deny statements with Principal "*" are hardening and are not reported; one that denies the same actions on the same resources to every caller outside a specific VPC endpoint, network, organisation or account (StringNotEquals aws:SourceVpce, the pattern AWS documents) narrows the Allow as a condition on it would. The exposure is reported at low severity when restrict_public_buckets = true makes S3 ignore the public statement. An S3 access point (aws_s3_access_point) is a way into its bucket with a policy of its own (inline, or aws_s3control_access_point_policy), judged the same way, and so is a multi-region access point (aws_s3control_multi_region_access_point, with its public_access_block in details and its aws_s3control_multi_region_access_point_policy) into each bucket of its regions: a public statement there opens the bucket when the block of the access point itself does not restrict public policies (S3 turns every flag of it on unless the access point is created with them off, and they cannot change afterwards) and the policy of the bucket lets callers in through access points, as the delegation pattern AWS documents does (Principal "*" narrowed only by s3:DataAccessPointAccount). Otherwise it is reported at low severity.',
    fix: 'Remove the public statement, or narrow it with a condition on a specific value of aws:SourceArn (your CloudFront distribution), aws:SourceVpce, aws:PrincipalOrgID or a similar key. Serve downloads through CloudFront with Origin Access Control, a policy that allows only the distribution and signed URLs or cookies (trusted_key_groups on its cache behaviours: a distribution without them is as public, see s3-public-cloudfront), and keep restrict_public_buckets = true; if the release is meant to be public, record an exception with the reason. Create access points without a public_access_block_configuration block, which leaves all four flags on.',
    bad: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "PublicRead"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.releases.arn}/*"
    }]
  })
}`,
    },
    good: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "CloudFrontRead"
      Effect    = "Allow"
      Principal = { Service = "cloudfront.amazonaws.com" }
      Action    = "s3:GetObject"
      Resource  = "\${aws_s3_bucket.releases.arn}/*"
      Condition = {
        StringEquals = { "aws:SourceArn" = aws_cloudfront_distribution.releases.arn }
      }
    }]
  })
}

# Without a public_access_block_configuration block, all four flags of the access point are on.
resource "aws_s3_access_point" "releases" {
  bucket = aws_s3_bucket.releases.id
  name   = "releases"
}`,
    },
    tags: ['security', 's3', 'aws', 'bucket-policy', 'iam', 'public-access'],
    cwe: ['CWE-732', 'CWE-284'],
    precision: 'high',
  },
  check(bucket) {
    const exposures = S3_POLICIES.exposures(bucket);
    const viaAccessPoint = (e: Exposure) => e.control.label === ACCESS_POINT_LABEL;
    const remedy =
      'Remove the statement, or narrow it with a condition such as aws:SourceArn of your CloudFront distribution';
    const text = (through: string, policy: string) => ({
      severity: rule.meta.severity,
      exposed: `is open to anyone through ${through}`,
      neutralised: `has a public ${policy}`,
      remedy,
    });
    return [
      ...exposureDrafts(
        bucket,
        exposures.filter((e) => !viaAccessPoint(e)),
        text('its bucket policy', 'bucket policy'),
      ),
      ...exposureDrafts(
        bucket,
        exposures.filter(viaAccessPoint),
        text('an access point policy', 'access point policy'),
      ),
    ];
  },
};

export default rule;
