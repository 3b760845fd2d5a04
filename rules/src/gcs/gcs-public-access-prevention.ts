import type { BucketRule } from '@posture/model';
import { settingDraft } from '../drafts.js';
import { inheritedPrevention } from '../exposure/gcs.js';
import { quote } from '../messages.js';

const rule: BucketRule<'gcs'> = {
  kind: 'bucket',
  services: ['gcs'],
  meta: {
    id: 'gcs-public-access-prevention',
    title: 'GCS public access prevention is not enforced',
    severity: 'high',
    why: 'public_access_prevention = "enforced" makes Cloud Storage refuse every grant to allUsers and allAuthenticatedUsers, whatever IAM or ACLs say. The provider default is "inherited", which protects the bucket only while the organization policy constraints/storage.publicAccessPrevention is enforced on its project. When the scanned Terraform enforces it there (google_org_policy_policy, google_project_organization_policy; on projects/<number> too, where a google_project or data.google_project gives that number to the project), or on a folder or organization above it (the one its google_project is in, and the google_folders above that; none when two google_project resources of its project_id put it in different places, or one in a place not known before apply, as which one holds cannot be told) with no policy nearer the project lifting it, the bucket is protected as an S3 bucket under an account-level public access block is, and this rule does not report it; a policy enforced only under a condition, reset, or only in a dry-run spec does not count. Otherwise the protection is a setting outside this repository that a project-level override can lift, and a release bucket should carry the guarantee itself.',
    fix: 'Set public_access_prevention = "enforced" on the google_storage_bucket, or enforce constraints/storage.publicAccessPrevention on its project in the same Terraform.',
    bad: {
      language: 'hcl',
      code: `resource "google_storage_bucket" "releases" {
  name     = "acme-releases"
  location = "US"
  # public_access_prevention defaults to "inherited"
}`,
    },
    good: {
      language: 'hcl',
      code: `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
}`,
    },
    tags: ['security', 'gcs', 'gcp', 'public-access-prevention', 'private-by-default'],
    cwe: ['CWE-284'],
    precision: 'high',
  },
  check(bucket) {
    // A bucket declared elsewhere has its settings there, out of sight.
    if (bucket.declaredElsewhere) return [];
    // An "inherited" bucket follows the organization policy, which this repository enforces.
    if (inheritedPrevention(bucket)) return [];
    return settingDraft(bucket, {
      attr: bucket.publicAccessPrevention,
      name: 'public_access_prevention',
      safe: (value) => value === 'enforced',
      problem: 'does not enforce public access prevention',
      explain: (value) =>
        `${value === undefined ? 'public_access_prevention is omitted, so it is "inherited"' : `public_access_prevention = ${quote(value)}`}: the bucket refuses public grants only if the organization policy constraints/storage.publicAccessPrevention is enforced on its project, which the Terraform scanned does not show`,
      remedy: 'Set public_access_prevention = "enforced"',
    });
  },
};

export default rule;
