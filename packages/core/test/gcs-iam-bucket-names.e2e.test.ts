import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * The google provider's bucket IAM resources take their bucket as `name` or `b/name`, and keep it
 * as `b/name` in the state: both name the same bucket. A managed folder's IAM takes the name only.
 */
const RELEASES = `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
}
`;

const iam = (type: string, bucket: string, extra = '') => `resource "${type}" "public" {
  bucket = "${bucket}"
  role   = "roles/storage.objectViewer"
  member = "allUsers"${extra}
}
`;

/** A state as `terraform show -json` writes it: the member's bucket as `b/<name>`, no reference. */
const STATE = JSON.stringify({
  format_version: '1.0',
  values: {
    root_module: {
      resources: [
        {
          address: 'google_storage_bucket.releases',
          mode: 'managed',
          type: 'google_storage_bucket',
          name: 'releases',
          provider_name: 'registry.terraform.io/hashicorp/google',
          values: {
            name: 'acme-releases',
            public_access_prevention: 'enforced',
            uniform_bucket_level_access: true,
          },
        },
        {
          address: 'google_storage_bucket_iam_member.public',
          mode: 'managed',
          type: 'google_storage_bucket_iam_member',
          name: 'public',
          provider_name: 'registry.terraform.io/hashicorp/google',
          values: {
            bucket: 'b/acme-releases',
            member: 'allUsers',
            role: 'roles/storage.objectViewer',
          },
        },
      ],
    },
  },
});

/** What a case scans, the buckets it finds and its findings. */
type Case = [string, Record<string, string>, string[], string[]];

describe('GCS bucket IAM that names its bucket b/<name>', () => {
  it.each<Case>([
    [
      'a literal b/<name> joins the declared bucket',
      { 'main.tf': RELEASES + iam('google_storage_bucket_iam_member', 'b/acme-releases') },
      ['google_storage_bucket.releases'],
      ['gcs-public-iam(low)@main.tf:10'],
    ],
    [
      'a binding and a policy too',
      {
        'main.tf': `${RELEASES}
resource "google_storage_bucket_iam_binding" "public" {
  bucket  = "b/acme-releases"
  role    = "roles/storage.objectViewer"
  members = ["allUsers"]
}
resource "google_storage_bucket_iam_policy" "public" {
  bucket      = "b/acme-releases"
  policy_data = jsonencode({ bindings = [{ role = "roles/storage.admin", members = ["allUsers"] }] })
}
`,
      },
      ['google_storage_bucket.releases'],
      ['gcs-public-iam(low)@main.tf:11', 'gcs-public-iam(low)@main.tf:15'],
    ],
    // The provider's patterns are not anchored: the first b/<name> anywhere in the value.
    ...['xb/acme-releases', 'b/acme-releases/', 'b/acme-releases/extra'].map((bucket): Case => [
      `${bucket} is read as the provider reads it`,
      { 'main.tf': RELEASES + iam('google_storage_bucket_iam_member', bucket) },
      ['google_storage_bucket.releases'],
      ['gcs-public-iam(low)@main.tf:10'],
    ]),
    [
      'b/<name> and <name> of a bucket declared elsewhere are one bucket, named <name>',
      {
        'main.tf':
          iam('google_storage_bucket_iam_member', 'b/acme-releases') +
          iam('google_storage_bucket_iam_member', 'acme-releases').replace('"public"', '"n"'),
      },
      ['bucket "acme-releases"'],
      ['gcs-public-iam@main.tf:4', 'gcs-public-iam@main.tf:9'],
    ],
    [
      'a managed folder IAM takes no b/<name>: it is not the declared bucket',
      {
        'main.tf':
          RELEASES +
          iam(
            'google_storage_managed_folder_iam_member',
            'b/acme-releases',
            '\n  managed_folder = "nightly/"',
          ),
      },
      ['google_storage_bucket.releases', 'bucket "b/acme-releases"'],
      [],
    ],
  ])('%s', async (_, files, buckets, findings) => {
    const report = await scanFiles(files);
    expect(report.facts.buckets.map((b) => b.address)).toEqual(buckets);
    expect(summarize(report)).toEqual(findings);
  });

  it('a state that keeps b/<name>, with no reference to say which bucket, joins it', async () => {
    const report = await scanFiles({ 'state.json': STATE }, { plans: ['state.json'] });
    expect(report.facts.buckets.map((b) => b.address)).toEqual(['google_storage_bucket.releases']);
    expect(summarize(report)).toEqual(['gcs-public-iam(low)@state.json:1']);
  });
});
