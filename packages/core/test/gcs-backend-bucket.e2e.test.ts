import { describe, expect, it } from 'vitest';
import type { GcsBucket } from '@posture/model';
import { scanFiles, summarize } from './support/scan-files.js';

/** A release bucket that refuses public grants and lets the Cloud CDN fill account read it. */
const BUCKET = `resource "google_storage_bucket" "releases" {
  name                        = "acme-releases"
  location                    = "US"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
}

resource "google_storage_bucket_iam_member" "cdn" {
  bucket = google_storage_bucket.releases.name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:service-123456789012@cloud-cdn-fill.iam.gserviceaccount.com"
}
`;

/**
 * A backend bucket `id`, on line 13 of `BUCKET + backend(…)`, serving the bucket `name` names, with
 * a signed URL key.
 */
const backend = (
  name: string,
  extra = '',
  id = 'cdn',
) => `resource "google_compute_backend_bucket" "${id}" {
  name        = "releases"
  bucket_name = ${name}
  enable_cdn  = true
  cdn_policy {
    signed_url_cache_max_age_sec = 3600
  }${extra}
}

resource "google_compute_backend_bucket_signed_url_key" "${id}" {
  name           = "releases"
  key_value      = "iRYBZVUy0O1dPwnIFnbMbw=="
  backend_bucket = google_compute_backend_bucket.${id}.name
}
`;

const EDGE = `
  edge_security_policy = google_compute_security_policy.edge.id`;

describe('a load balancer backend bucket is an endpoint of the bucket it names', () => {
  it.each<[string, string, string[]]>([
    ['no backend bucket', BUCKET, []],
    [
      'one that names it by reference, signed URL keys and all: high',
      BUCKET + backend('google_storage_bucket.releases.name'),
      ['gcs-public-backend-bucket@main.tf:13'],
    ],
    [
      'one that names it by its name',
      BUCKET + backend('"acme-releases"'),
      ['gcs-public-backend-bucket@main.tf:13'],
    ],
    [
      'one with an edge security policy: medium, at the policy',
      BUCKET + backend('google_storage_bucket.releases.name', EDGE),
      ['gcs-public-backend-bucket@main.tf:20'],
    ],
    [
      'one whose bucket is not known before apply: not provably private',
      `${BUCKET}variable "bucket" {}\n${backend('var.bucket')}`,
      ['bucket-not-provably-private@main.tf:14'],
    ],
    [
      'one that names a bucket not declared: a stand-in for it, public',
      BUCKET + backend('"acme-nightly-releases"'),
      ['gcs-public-backend-bucket@main.tf:13'],
    ],
    [
      'one that names a registry module bucket, by its output or by its name',
      `module "releases" {
  source                   = "terraform-google-modules/cloud-storage/google//modules/simple_bucket"
  name                     = "acme-releases"
  project_id               = "acme"
  location                 = "US"
  public_access_prevention = "enforced"
}
${backend('module.releases.name')}${backend('"acme-releases"', '', 'literal')}`,
      ['gcs-public-backend-bucket@main.tf:22', 'gcs-public-backend-bucket@main.tf:8'],
    ],
  ])('%s', async (_name, tf, expected) => {
    const report = await scanFiles({ 'main.tf': tf });
    expect(summarize(report)).toEqual(expected);
  });

  it('models the backend bucket on the bucket, with its edge security policy', async () => {
    const report = await scanFiles({
      'main.tf': BUCKET + backend('google_storage_bucket.releases.name', EDGE),
    });
    const bucket = report.facts.buckets.find((b) => b.name === 'acme-releases') as GcsBucket;
    expect(bucket.backendBuckets?.map((b) => b.address)).toEqual([
      'google_compute_backend_bucket.cdn',
    ]);
    expect(bucket.backendBuckets?.[0]?.edgeSecurityPolicy.range.start.line).toBe(20);
  });
});

describe('a backend bucket in a plan, by the bucket name it has', () => {
  const plan = (backendValues: Record<string, unknown>) => {
    const resource = (address: string, values: Record<string, unknown>) => {
      const [type, name] = address.split('.');
      const provider_name = 'registry.terraform.io/hashicorp/google';
      return { address, mode: 'managed', type, name, provider_name, values };
    };
    const resources = [
      resource('google_storage_bucket.releases', {
        name: 'acme-releases',
        public_access_prevention: 'enforced',
        uniform_bucket_level_access: true,
      }),
      resource('google_compute_backend_bucket.cdn', {
        name: 'releases',
        bucket_name: 'acme-releases',
        enable_cdn: true,
        ...backendValues,
      }),
    ];
    return JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
    });
  };

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no edge security policy (null)', { edge_security_policy: null }, ['high']],
    [
      'an edge security policy',
      { edge_security_policy: 'projects/acme/global/securityPolicies/edge' },
      ['medium'],
    ],
  ])('%s', async (_name, values, expected) => {
    const report = await scanFiles(
      { 'plan.json': plan(values) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = report.result.findings.filter((f) => f.ruleId === 'gcs-public-backend-bucket');
    expect(found.map((f) => f.severity)).toEqual(expected);
  });
});
