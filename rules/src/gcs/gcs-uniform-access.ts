import type { BucketRule } from '@posture/model';
import { settingDraft } from '../drafts.js';
import { folderProvingUniform, preventionNeutraliser } from '../exposure/gcs.js';

const rule: BucketRule<'gcs'> = {
  kind: 'bucket',
  services: ['gcs'],
  meta: {
    id: 'gcs-uniform-access',
    title: 'GCS uniform bucket-level access is off',
    severity: 'medium',
    why: 'Without uniform bucket-level access, Cloud Storage honours per-object ACLs as well as IAM. Any upload that sets an ACL — gsutil -a public-read, or predefinedAcl in a CI upload step — can then publish a single release artifact, and nothing in the bucket configuration shows it. The provider default is false. With public_access_prevention = "enforced", Cloud Storage refuses ACL grants to allUsers and allAuthenticatedUsers, and the finding is low. A bucket that holds a managed folder and omits the setting is not reported: Cloud Storage creates managed folders only in buckets with uniform bucket-level access on, so wherever the configuration applies it is on.',
    fix: 'Set uniform_bucket_level_access = true on the google_storage_bucket and grant access through IAM only.',
    bad: {
      language: 'hcl',
      code: `resource "google_storage_bucket" "releases" {
  name     = "acme-releases"
  location = "US"
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
    tags: ['security', 'gcs', 'gcp', 'acl', 'uniform-access'],
    cwe: ['CWE-732'],
    precision: 'very-high',
  },
  check(bucket) {
    // A bucket declared elsewhere has its settings there, out of sight.
    if (bucket.declaredElsewhere || folderProvingUniform(bucket)) return [];
    return settingDraft(bucket, {
      attr: bucket.uniformBucketLevelAccess,
      name: 'uniform_bucket_level_access',
      safe: (value) => value === true,
      problem: 'does not use uniform bucket-level access',
      explain: (value, neutralised) =>
        `${value === undefined ? 'uniform_bucket_level_access is omitted (the default is false)' : 'uniform_bucket_level_access = false'}, so ${neutralised ? 'object ACLs grant access again, though not to allUsers or allAuthenticatedUsers while public access prevention is enforced' : 'object ACLs can make single artifacts public'}`,
      remedy: 'Set uniform_bucket_level_access = true',
      neutralisedBy: preventionNeutraliser(bucket),
    });
  },
};

export default rule;
