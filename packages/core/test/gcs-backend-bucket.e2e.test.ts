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

/** A Cloud Armor policy, `edge-deny-all` by name, with these rule blocks: an edge one by default. */
const policy = (rules: string, extra = '', type = '\n  type = "CLOUD_ARMOR_EDGE"') => `
resource "google_compute_security_policy" "edge" {
  name = "edge-deny-all"${type}
${rules}}
${extra}`;

const rule = (action: string, priority: number | string, preview = '') => `
  rule {
    action   = "${action}"
    priority = ${priority}
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }${preview}
  }
`;

const DENY_ALL = rule('deny(403)', '"2147483647"');

describe('the edge security policy of a backend bucket decides by its rules', () => {
  const scanned = async (edge: string, policyTf: string) => {
    const tf = BUCKET + backend('google_storage_bucket.releases.name', edge) + policyTf;
    const report = await scanFiles({ 'main.tf': tf });
    return report.result.findings
      .filter((f) => f.ruleId === 'gcs-public-backend-bucket')
      .map((f) => `${f.severity}@${f.location.start.line}`);
  };
  const separate = (action: string, policyRef = 'google_compute_security_policy.edge.name') => `
resource "google_compute_security_policy_rule" "office" {
  security_policy = ${policyRef}
  priority        = 1000
  action          = "${action}"
  match {
    versioned_expr = "SRC_IPS_V1"
    config {
      src_ip_ranges = ["203.0.113.0/24"]
    }
  }
}
`;

  it.each<[string, string, string, string[]]>([
    ['its default rule denies every request: low', EDGE, policy(DENY_ALL), ['low@20']],
    [
      'a backend policy (CLOUD_ARMOR) filters no request to a backend bucket: high',
      EDGE,
      policy(DENY_ALL, '', '\n  type = "CLOUD_ARMOR"'),
      ['high@20'],
    ],
    [
      'nor does one written without a type, which is a backend policy: high',
      EDGE,
      policy(DENY_ALL, '', ''),
      ['high@20'],
    ],
    [
      'a type not known before apply: medium',
      EDGE,
      policy(DENY_ALL, 'variable "type" {}\n', '\n  type = var.type'),
      ['medium@20'],
    ],
    [
      'named by its self link',
      `
  edge_security_policy = "projects/acme/global/securityPolicies/edge-deny-all"`,
      policy(DENY_ALL),
      ['low@20'],
    ],
    [
      'an allow rule before the default deny: medium',
      EDGE,
      policy(rule('allow', 1000) + DENY_ALL),
      ['medium@20'],
    ],
    [
      'an allow rule in preview is not enforced: low',
      EDGE,
      policy(rule('allow', 1000, '\n    preview = true') + DENY_ALL),
      ['low@20'],
    ],
    [
      'an allow rule of its own resource: medium',
      EDGE,
      policy(DENY_ALL, separate('allow')),
      ['medium@20'],
    ],
    [
      'a deny rule of its own resource: low',
      EDGE,
      policy(DENY_ALL, separate('deny(404)')),
      ['low@20'],
    ],
    [
      'a rule resource whose policy is not known may be one of its: medium',
      EDGE,
      policy(DENY_ALL, `variable "policy" {}\n${separate('allow', 'var.policy')}`),
      ['medium@20'],
    ],
    [
      'rules not known before apply: medium',
      EDGE,
      policy(
        `  dynamic "rule" {
    for_each = var.rules
    content {
      action   = rule.value.action
      priority = rule.value.priority
      match {
        versioned_expr = "SRC_IPS_V1"
        config {
          src_ip_ranges = ["*"]
        }
      }
    }
  }
`,
        'variable "rules" {}\n',
      ),
      ['medium@20'],
    ],
    [
      'the policy or none, by a variable: medium',
      `
  edge_security_policy = var.armor ? google_compute_security_policy.edge.id : null`,
      policy(DENY_ALL, 'variable "armor" {}\n'),
      ['medium@20'],
    ],
    ['a policy with no rule allows every request: high', EDGE, policy(''), ['high@20']],
  ])('%s', async (_name, edge, policyTf, expected) => {
    expect(await scanned(edge, policyTf)).toEqual(expected);
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
      resource('google_compute_security_policy.edge', {
        name: 'edge',
        type: 'CLOUD_ARMOR_EDGE',
        rule: [
          {
            action: 'deny(403)',
            priority: 2147483647,
            preview: false,
            match: [{ versioned_expr: 'SRC_IPS_V1', config: [{ src_ip_ranges: ['*'] }] }],
          },
        ],
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
      'an edge security policy the plan does not have',
      { edge_security_policy: 'projects/acme/global/securityPolicies/other' },
      ['medium'],
    ],
    [
      'an edge security policy whose default rule denies every request',
      { edge_security_policy: 'projects/acme/global/securityPolicies/edge' },
      ['low'],
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
