import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { S3_DISTRIBUTIONS } from '../exposure/s3.js';
import { S3_RELEASES } from '../example-buckets.js';

const distribution = (restriction: string) => `${S3_RELEASES}
resource "aws_cloudfront_origin_access_control" "releases" {
  name                              = "releases"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_distribution" "releases" {
  enabled = true
  aliases = ["downloads.example.com"]
  origin {
    domain_name              = aws_s3_bucket.releases.bucket_regional_domain_name
    origin_id                = "releases"
    origin_access_control_id = aws_cloudfront_origin_access_control.releases.id
  }
  default_cache_behavior {
    target_origin_id       = "releases"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"${restriction}
  }
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
  viewer_certificate {
    cloudfront_default_certificate = true
  }
}`;

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-public-cloudfront',
    title: 'S3 bucket is public through a CloudFront distribution',
    severity: 'high',
    why: "An aws_cloudfront_distribution whose origin is the bucket, read with origin access control (or a legacy origin access identity), serves every object of the bucket to anyone at https://<alias>/<key> and at its *.cloudfront.net domain, unless the cache behaviours that serve that origin require signed URLs or cookies (trusted_key_groups, or the legacy trusted_signers). The bucket itself stays private, and Block Public Access does not count the distribution as public, but by itself such a distribution is a public bucket, exactly as an R2 custom domain is (r2-public-custom-domain): a private bucket behind an unrestricted CDN publishes every artifact in it, including ones never meant to ship. Only the bucket policy can close the path: when it is known whole (the one policy of a bucket Terraform declares, read to the end, with nothing about the bucket unresolved and no module call of its root module left unread), lets in neither everyone nor the identity the distribution reads with (cloudfront.amazonaws.com for origin access control, the IAM user or canonical user id of a legacy origin access identity), and no ACL grants anyone but the owner, CloudFront is refused every object and the finding is low; any doubt keeps it high. Links in build configurations to the distribution's aliases or domain are links to the bucket. A distribution that reads the bucket anonymously serves only what the bucket's own controls make public, which their rules report, and one with enabled = false serves nothing. Path patterns and origin_path are not read: a distribution is taken to serve the whole bucket.",
    fix: 'Require signed URLs or cookies: set trusted_key_groups on every cache behaviour that serves the bucket, and sign download URLs at release time. If the release is meant to be public, record an exception for this finding with the reason.',
    bad: { language: 'hcl', code: distribution('') },
    good: {
      language: 'hcl',
      code: distribution(`
    trusted_key_groups     = [aws_cloudfront_key_group.releases.id]`),
    },
    tags: ['security', 's3', 'aws', 'cloudfront', 'public-access'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(bucket) {
    return exposureDrafts(bucket, S3_DISTRIBUTIONS.exposures(bucket), {
      exposed: 'is public through a CloudFront distribution',
      // Only a policy that lets the distribution read nothing closes the path.
      neutralised: 'is served by a CloudFront distribution',
      remedy:
        'Require signed URLs or cookies with trusted_key_groups on the cache behaviour, or record an exception if the release is meant to be public',
    });
  },
};

export default rule;
