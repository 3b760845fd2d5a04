import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { S3_WEBSITE } from '../exposure/s3.js';
import { S3_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'s3'> = {
  kind: 'bucket',
  services: ['s3'],
  meta: {
    id: 's3-website',
    title: 'S3 static website hosting is on',
    severity: 'high',
    why: 'S3 website endpoints are plain HTTP, do not support access points or authentication, and exist to serve objects to anonymous visitors — AWS requires the content to be publicly readable for them to work. Website hosting on a release bucket means the bucket is meant to be public, so every artifact in it is one URL away. A configuration that only redirects every request to another host (redirect_all_requests_to) serves no object, and is not reported; one whose redirect, or whose website configuration itself, is not known before apply (a dynamic block over a collection known only then, a variable with no value) may serve them, and the bucket is reported as not provably private. The exposure is reported at low severity when ignore_public_acls and restrict_public_buckets are both true, because then the endpoint can serve nothing.',
    fix: 'Remove the aws_s3_bucket_website_configuration (or the legacy website block on aws_s3_bucket). To publish downloads, put CloudFront with Origin Access Control and signed URLs or cookies (trusted_key_groups) in front of the private bucket, or, if the release is meant to be public, record an exception with the reason.',
    bad: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_s3_bucket_website_configuration" "releases" {
  bucket = aws_s3_bucket.releases.id
  index_document {
    suffix = "index.html"
  }
}`,
    },
    good: {
      language: 'hcl',
      code: `${S3_RELEASES}
resource "aws_cloudfront_origin_access_control" "releases" {
  name                              = "releases"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}`,
    },
    tags: ['security', 's3', 'aws', 'website', 'public-access'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(bucket) {
    return exposureDrafts(bucket, S3_WEBSITE.exposures(bucket), {
      exposed: 'is served as a public website',
      neutralised: 'has website hosting configured',
      remedy:
        'Remove the website configuration and serve downloads through CloudFront with Origin Access Control and signed URLs, or record an exception if the release is meant to be public',
    });
  },
};

export default rule;
