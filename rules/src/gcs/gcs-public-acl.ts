import type { BucketRule } from '@posture/model';
import { exposureDrafts } from '../drafts.js';
import { GCS_ACLS } from '../exposure/gcs.js';
import { GCS_RELEASES } from '../example-buckets.js';

const rule: BucketRule<'gcs'> = {
  kind: 'bucket',
  services: ['gcs'],
  meta: {
    id: 'gcs-public-acl',
    title: 'GCS ACL grants access to allUsers',
    severity: 'critical',
    why: 'The predefined ACLs publicRead, publicReadWrite and authenticatedRead, and role entities such as READER:allUsers, make the bucket or its objects readable by anyone. google_storage_default_object_acl (or default_acl on google_storage_bucket_acl) applies them to every object uploaded later, so each new release artifact is public the moment it lands; a google_storage_bucket_object with predefined_acl = "publicRead" publishes the one object it uploads. Each is rated by what it lets everyone do: READER on a bucket, which publicRead and authenticatedRead grant there, lists it without reading a byte of its objects (high); on objects, or as the default object ACL of those written after, it reads them, and WRITER or OWNER writes or takes control (critical). The exposure is reported at low severity when uniform bucket-level access (which disables ACLs) or enforced public access prevention (on the bucket, or inherited from an organization policy the Terraform enforces on its project) makes Cloud Storage ignore it.',
    fix: 'Remove the public predefined ACL or role entity from google_storage_bucket_acl, google_storage_default_object_acl, google_storage_object_acl, the *_access_control resources and the predefined_acl of google_storage_bucket_object, then set uniform_bucket_level_access = true and public_access_prevention = "enforced" on the bucket.',
    bad: {
      language: 'hcl',
      code: `${GCS_RELEASES}
resource "google_storage_default_object_acl" "releases" {
  bucket      = google_storage_bucket.releases.name
  role_entity = ["OWNER:project-owners-123456", "READER:allUsers"]
}`,
    },
    good: {
      language: 'hcl',
      code: `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}`,
    },
    tags: ['security', 'gcs', 'gcp', 'acl', 'public-access'],
    cwe: ['CWE-732'],
    precision: 'very-high',
  },
  check(bucket) {
    return exposureDrafts(bucket, GCS_ACLS.exposures(bucket), {
      severity: rule.meta.severity,
      exposed: 'is public through an ACL',
      neutralised: 'has a public ACL',
      remedy:
        'Remove the public ACL or role entity, and set uniform_bucket_level_access = true so ACLs are disabled',
    });
  },
};

export default rule;
