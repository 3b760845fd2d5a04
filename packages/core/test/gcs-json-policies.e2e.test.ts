import { describe, expect, it } from 'vitest';
import { scanFiles, summarize } from './support/scan-files.js';

/**
 * A google_storage_bucket_iam_policy's policy_data as JSON, read as the google provider reads it:
 * Go's encoding/json, which matches keys to fields in any case.
 */
const withPolicy = (json: string) => `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  public_access_prevention    = "enforced"
  uniform_bucket_level_access = true
}
resource "google_storage_bucket_iam_policy" "p" {
  bucket      = google_storage_bucket.releases.name
  policy_data = ${JSON.stringify(json)}
}
`;

const OBJECT_VIEWER = '"roles/storage.objectViewer"';

describe('GCS JSON IAM policies', () => {
  it.each([
    ['as the API writes it', `{"bindings":[{"role":${OBJECT_VIEWER},"members":["allUsers"]}]}`],
    ['keys in another case', `{"Bindings":[{"Role":${OBJECT_VIEWER},"MEMBERS":["allUsers"]}]}`],
    // Go folds the long s (U+017F) to s, and so reads "binding\u017f" as bindings.
    ['a key with a long s', `{"binding\u017f":[{"role":${OBJECT_VIEWER},"members":["allUsers"]}]}`],
    [
      // Go keeps the last of them: the public one here, which "bindings" alone would miss.
      'the field twice, the public member in the last',
      `{"bindings":[],"Bindings":[{"role":${OBJECT_VIEWER},"members":["allUsers"]}]}`,
    ],
    [
      'members twice in a binding',
      `{"bindings":[{"role":${OBJECT_VIEWER},"members":[],"Members":["allUsers"]}]}`,
    ],
  ])('a public member %s is found', async (_, json) => {
    const report = await scanFiles({ 'main.tf': withPolicy(json) });
    expect(summarize(report)).toEqual(['gcs-public-iam(low)@main.tf:9']);
    expect(report.result.findings[0]?.message).toMatch(
      /grants roles\/storage\.objectViewer to allUsers/,
    );
  });

  it('roles that disagree are a role not known: judged as the worst', async () => {
    const json = `{"bindings":[{"role":"roles/storage.legacyBucketReader","Role":"roles/storage.admin","members":["allUsers"]}]}`;
    const report = await scanFiles({ 'main.tf': withPolicy(json) });
    expect(report.result.findings[0]?.message).toMatch(/grants a role to allUsers/);
  });

  it.each([
    ['no bindings', '{}'],
    ['null', 'null'],
    [
      'named members only',
      `{"Bindings":[{"Role":${OBJECT_VIEWER},"Members":["group:rel@acme.com"]}]}`,
    ],
  ])('%s opens nothing', async (_, json) => {
    expect(summarize(await scanFiles({ 'main.tf': withPolicy(json) }))).toEqual([]);
  });
});
