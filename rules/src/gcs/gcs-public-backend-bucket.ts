import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { GCS_BACKEND_BUCKETS } from '../exposure/gcs.js';

/** A release bucket that refuses public grants, read only by the service account `reader`. */
const privateReleases = (reader: string) => `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "reader" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:${reader}"
}
`;

const rule: BucketRule<'gcs'> = {
  kind: 'bucket',
  services: ['gcs'],
  meta: {
    id: 'gcs-public-backend-bucket',
    title: 'GCS bucket is public through a load balancer backend bucket',
    severity: 'high',
    why: 'A google_compute_backend_bucket whose bucket_name is the bucket puts it behind an external Application Load Balancer (with Cloud CDN when enable_cdn = true): the load balancer serves every object of the bucket to anyone who reaches its address or its domain. The bucket itself can stay private, with public_access_prevention = "enforced" and roles/storage.objectViewer granted only to the Cloud CDN fill service account (service-<number>@cloud-cdn-fill.iam.gserviceaccount.com), as Google documents for private bucket access: public access prevention refuses grants to allUsers and allAuthenticatedUsers, not to a service account, so no control of the bucket closes this path. Signed URL keys (google_compute_backend_bucket_signed_url_key, cdn_policy.signed_url_cache_max_age_sec) do not help: Cloud CDN rejects a request with a bad signature but serves one with no signature at all. By itself such a backend bucket is a public bucket, as a CloudFront distribution in front of a private S3 bucket is (s3-public-cloudfront). An edge_security_policy applies only when it is a Cloud Armor edge policy (type = "CLOUD_ARMOR_EDGE"): a policy of another type, a backend policy (CLOUD_ARMOR, the type of one written without it) among them, turns no viewer away, and the finding stays high; one whose type is not known before apply can make it medium, never low. An edge policy decides by its rules: the first enforced rule that matches a request applies, by priority, and a rule with preview = true is not enforced. One whose enforced rules all deny, its default rule (priority 2147483647) among them, serves no one, and the finding is low; one whose enforced rules all allow (a policy created without rules gets a default rule that allows) serves everyone, and the finding stays high; any other is reported at medium severity, as its match conditions decide and Posture does not read them, and so is one the scan does not declare or whose rules are not known before apply. Whether a URL map routes to the backend bucket, and which host names and paths of it do, is not read: a URL map, target proxy or forwarding rule of another configuration may route to it, so it is taken to serve the whole bucket. enable_cdn changes nothing: the load balancer serves the bucket with Cloud CDN or without.',
    fix: 'Do not serve a release bucket through a load balancer: keep it private and hand out Cloud Storage signed URLs generated at release time. If the downloads must go through the load balancer, attach an edge_security_policy that admits only the intended viewers and check its rules. If the release is meant to be public, record an exception for this finding with the reason.',
    bad: {
      language: 'hcl',
      code: `${privateReleases('service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com')}
resource "google_compute_backend_bucket" "releases" {
  name        = "releases"
  bucket_name = google_storage_bucket.releases.name
  enable_cdn  = true
}`,
    },
    good: { language: 'hcl', code: privateReleases('ci@acme.iam.gserviceaccount.com') },
    tags: ['security', 'gcs', 'gcp', 'cdn', 'load-balancer', 'public-access'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(bucket) {
    return exposureDrafts(bucket, GCS_BACKEND_BUCKETS.exposures(bucket), {
      exposed: 'is public through a load balancer backend bucket',
      // No control of the bucket closes the path; an edge security policy that denies all does.
      neutralised: 'is served by a load balancer backend bucket',
      remedy:
        'Serve the release with Cloud Storage signed URLs instead of a backend bucket, or record an exception if the release is meant to be public',
    });
  },
};

export default rule;
