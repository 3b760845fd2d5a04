import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { GCS_IAM } from '../exposure/gcs.js';
import { GCS_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'gcs'> = {
  kind: 'bucket',
  services: ['gcs'],
  meta: {
    id: 'gcs-public-iam',
    title: 'GCS IAM grants access to allUsers',
    severity: 'critical',
    why: 'An IAM member, binding or policy that names allUsers lets anyone on the internet use the role on the bucket (or, on a managed folder, on the objects under it); allAuthenticatedUsers lets anyone with any Google account do so, which is no narrower. With roles/storage.objectViewer every release artifact is public; with a write role anyone can replace them. Each is rated by what its role lets everyone do: a role that reads objects (roles/storage.objectViewer), writes them (objectCreator) or administers the bucket is critical; one that only lists it (legacyBucketReader) is high; a role Posture does not know is judged as the worst. The exposure is reported at low severity when public_access_prevention = "enforced", or "inherited" from an organization policy the Terraform enforces on the bucket\'s project (see gcs-public-access-prevention), which makes Cloud Storage refuse such grants.',
    fix: 'Remove allUsers and allAuthenticatedUsers from google_storage_bucket_iam_member, _iam_binding and _iam_policy (and the google_storage_managed_folder_iam_* ones), grant roles to specific service accounts or groups, and set public_access_prevention = "enforced" on the bucket.',
    bad: {
      language: 'hcl',
      code: `${GCS_RELEASES}
resource "google_storage_bucket_iam_member" "public" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectViewer"
  member = "allUsers"
}`,
    },
    good: {
      language: 'hcl',
      code: `${GCS_RELEASES}
resource "google_storage_bucket_iam_member" "ci" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:ci@acme.iam.gserviceaccount.com"
}`,
    },
    tags: ['security', 'gcs', 'gcp', 'iam', 'public-access'],
    cwe: ['CWE-732', 'CWE-284'],
    precision: 'very-high',
  },
  check(bucket) {
    return exposureDrafts(bucket, GCS_IAM.exposures(bucket), {
      severity: rule.meta.severity,
      exposed: 'is public through IAM',
      neutralised: 'grants a role to the public',
      remedy:
        'Remove allUsers and allAuthenticatedUsers from the IAM member, binding or policy, and set public_access_prevention = "enforced"',
    });
  },
};

export default rule;
