import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

/** A release bucket on R2 with a custom domain, enabled on line 11. */
const BUCKET = `resource "cloudflare_r2_bucket" "releases" {
  account_id = "0123456789abcdef0123456789abcdef"
  name       = "acme-releases"
}

resource "cloudflare_r2_custom_domain" "releases" {
  account_id  = "0123456789abcdef0123456789abcdef"
  bucket_name = cloudflare_r2_bucket.releases.name
  domain      = "downloads.acme.dev"
  zone_id     = "0da42c8d2132a9ddaf714f9e7c920711"
  enabled     = true
}
`;

/** A v5 Access application over `domain` that lists the policies `policies` writes. */
const app = (policies: string, domain = '"downloads.acme.dev"', extra = '') => `
resource "cloudflare_zero_trust_access_application" "downloads" {
  account_id = "0123456789abcdef0123456789abcdef"
  name       = "Release downloads"
  domain     = ${domain}${extra}
  policies   = ${policies}
}
`;

const REUSABLE = '[{ id = cloudflare_zero_trust_access_policy.p.id, precedence = 1 }]';

/** A v5 reusable policy. */
const policy = (decision: string, include: string, require = '') => `
resource "cloudflare_zero_trust_access_policy" "p" {
  account_id = "0123456789abcdef0123456789abcdef"
  name       = "p"
  decision   = "${decision}"
  include    = ${include}${require}
}
`;

/** A v4 application and a policy that names it. */
const V4 = (decision: string, include: string, extra = '') => `
resource "cloudflare_access_application" "downloads" {
  zone_id = "0da42c8d2132a9ddaf714f9e7c920711"
  name    = "Release downloads"
  domain  = "downloads.acme.dev"${extra}
}

resource "cloudflare_access_policy" "p" {
  application_id = cloudflare_access_application.downloads.id
  zone_id        = "0da42c8d2132a9ddaf714f9e7c920711"
  name           = "p"
  precedence     = 1
  decision       = "${decision}"
  include {
    ${include}
  }
}
`;

const STAFF = '[{ email_domain = { domain = "acme.dev" } }]';
const EVERYONE = '[{ everyone = {} }]';

describe('a Cloudflare Access application in front of an R2 custom domain', () => {
  it.each<[string, string, string[]]>([
    ['none: high', '', ['high@11']],
    ['a v5 reusable policy for staff: low', app(REUSABLE) + policy('allow', STAFF), ['low@11']],
    ['one that lets everyone in: high', app(REUSABLE) + policy('allow', EVERYONE), ['high@11']],
    [
      'everyone, narrowed by a require rule: low',
      app(REUSABLE) + policy('allow', EVERYONE, `\n  require    = ${STAFF}`),
      ['low@11'],
    ],
    [
      'an Access group, whose members are not read: medium',
      app(REUSABLE) +
        policy('allow', '[{ group = { id = "aa0a4aab-672b-4bdb-bc33-a59f1130a11f" } }]'),
      ['medium@11'],
    ],
    [
      'every address: high',
      app(REUSABLE) + policy('allow', '[{ ip = { ip = "0.0.0.0/0" } }]'),
      ['high@11'],
    ],
    [
      'a policy written in the application',
      app(`[{ name = "staff", decision = "allow", include = ${STAFF}, precedence = 1 }]`),
      ['low@11'],
    ],
    ['a v4 policy that bypasses everyone: high', V4('bypass', 'everyone = true'), ['high@11']],
    ['a v4 policy for staff: low', V4('allow', 'email_domain = ["acme.dev"]'), ['low@11']],
    [
      'a wildcard over the domain covers it',
      app(REUSABLE, '"*.acme.dev"') + policy('allow', STAFF),
      ['low@11'],
    ],
    [
      'a wildcard over its parent does not: Access covers one level of subdomains',
      app(REUSABLE, '"*.dev"') + policy('allow', STAFF),
      ['high@11'],
    ],
    [
      'nor does a wildcard over the domain itself, which covers its subdomains only',
      app(REUSABLE, '"*.downloads.acme.dev"') + policy('allow', STAFF),
      ['high@11'],
    ],
    [
      'one over a path of the domain leaves the rest public: high',
      app(REUSABLE, '"downloads.acme.dev/internal"') + policy('allow', STAFF),
      ['high@11'],
    ],
    [
      'a bookmark application protects nothing: high',
      app(REUSABLE, '"downloads.acme.dev"', '\n  type       = "bookmark"') + policy('allow', STAFF),
      ['high@11'],
    ],
    [
      'policies not known before apply: medium',
      `variable "policies" {}\n${app('var.policies')}`,
      ['medium@11'],
    ],
  ])('%s', async (_name, tf, expected) => {
    const report = await scanFiles({ 'main.tf': BUCKET + tf });
    const found = report.result.findings
      .filter((f) => f.ruleId === 'r2-public-custom-domain')
      .map((f) => `${f.severity}@${f.location.start.line}`);
    expect(found).toEqual(expected);
  });
});

/** The application types that are not self-hosted, in both provider versions. */
const NOT_SELF_HOSTED = [
  'saas',
  'ssh',
  'vnc',
  'app_launcher',
  'warp',
  'biso',
  'bookmark',
  'dash_sso',
];

describe('only a self-hosted Access application protects the hostnames it names', () => {
  const found = async (tf: string) => {
    const report = await scanFiles({ 'main.tf': BUCKET + tf });
    return report.result.findings
      .filter((f) => f.ruleId === 'r2-public-custom-domain')
      .map((f) => f.severity);
  };
  const type = (name: string) => `\n  type       = "${name}"`;
  const STAFF_V4 = 'email_domain = ["acme.dev"]';

  it.each(NOT_SELF_HOSTED)('a v5 %s application protects nothing: high', async (name) => {
    expect(
      await found(app(REUSABLE, '"downloads.acme.dev"', type(name)) + policy('allow', STAFF)),
    ).toEqual(['high']);
  });

  it.each(NOT_SELF_HOSTED)('a v4 %s application protects nothing: high', async (name) => {
    expect(await found(V4('allow', STAFF_V4, `\n  type    = "${name}"`))).toEqual(['high']);
  });

  it.each<[string, string, string[]]>([
    [
      'v5, written self_hosted',
      app(REUSABLE, '"downloads.acme.dev"', type('self_hosted')) + policy('allow', STAFF),
      ['low'],
    ],
    ['v4, written self_hosted', V4('allow', STAFF_V4, '\n  type    = "self_hosted"'), ['low']],
    [
      'v5, by a public destination',
      app(
        REUSABLE,
        'null',
        `${type('self_hosted')}\n  destinations = [{ type = "public", uri = "downloads.acme.dev" }]`,
      ) + policy('allow', STAFF),
      ['low'],
    ],
    [
      'v5, a private destination is no hostname of the internet',
      app(
        REUSABLE,
        'null',
        `${type('self_hosted')}\n  destinations = [{ type = "private", hostname = "downloads.acme.dev" }]`,
      ) + policy('allow', STAFF),
      ['high'],
    ],
    [
      'v5, by self_hosted_domains',
      app(
        REUSABLE,
        'null',
        `${type('self_hosted')}\n  self_hosted_domains = ["downloads.acme.dev"]`,
      ) + policy('allow', STAFF),
      ['low'],
    ],
    [
      'v5, a type not known before apply may be self-hosted or not: medium',
      `variable "app_type" {}\n${app(REUSABLE, '"downloads.acme.dev"', '\n  type       = var.app_type')}${policy('allow', STAFF)}`,
      ['medium'],
    ],
    [
      'v4, the same',
      `variable "app_type" {}\n${V4('allow', STAFF_V4, '\n  type    = var.app_type')}`,
      ['medium'],
    ],
    [
      'a type not known, and a policy that lets anyone in: high either way',
      `variable "app_type" {}\n${app(REUSABLE, '"downloads.acme.dev"', '\n  type       = var.app_type')}${policy('bypass', EVERYONE)}`,
      ['high'],
    ],
    [
      'v5, a SaaS application with destinations protects nothing',
      app(
        REUSABLE,
        'null',
        `${type('saas')}\n  destinations = [{ type = "public", uri = "downloads.acme.dev" }]`,
      ) + policy('allow', STAFF),
      ['high'],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect(await found(tf)).toEqual(expected);
  });
});

describe('in a plan, an Access application lists its policies by id', () => {
  const plan = (include: unknown[]) => {
    const resource = (address: string, values: Record<string, unknown>) => {
      const [type, name] = address.split('.');
      const provider_name = 'registry.terraform.io/cloudflare/cloudflare';
      return { address, mode: 'managed', type, name, provider_name, values };
    };
    const resources = [
      resource('cloudflare_r2_bucket.releases', { name: 'acme-releases' }),
      resource('cloudflare_r2_custom_domain.releases', {
        bucket_name: 'acme-releases',
        domain: 'downloads.acme.dev',
        enabled: true,
      }),
      resource('cloudflare_zero_trust_access_policy.p', {
        id: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415',
        decision: 'allow',
        include,
      }),
      resource('cloudflare_zero_trust_access_application.downloads', {
        domain: 'downloads.acme.dev',
        type: 'self_hosted',
        policies: [{ id: 'f174e90a-fafe-4643-bbbc-4a0ed4fc8415', precedence: 1 }],
      }),
    ];
    return JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
    });
  };

  it.each<[string, unknown[], string[]]>([
    ['for staff: low', [{ email_domain: { domain: 'acme.dev' } }], ['low']],
    ['for everyone: high', [{ everyone: {} }], ['high']],
  ])('%s', async (_name, include, expected) => {
    const report = await scanFiles(
      { 'plan.json': plan(include) },
      { plans: ['plan.json'], terraform: false },
    );
    const found = report.result.findings.filter((f) => f.ruleId === 'r2-public-custom-domain');
    expect(found.map((f) => f.severity)).toEqual(expected);
  });
});
