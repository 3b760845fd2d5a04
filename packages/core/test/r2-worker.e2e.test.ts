import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';

const ACCOUNT = '0123456789abcdef0123456789abcdef';
const ZONE = '0da42c8d2132a9ddaf714f9e7c920711';

/** A release bucket on R2, lines 1–4. */
const BUCKET = `resource "cloudflare_r2_bucket" "releases" {
  account_id = "${ACCOUNT}"
  name       = "acme-releases"
}
`;

/** A v5 Worker that binds `bucket` (lines 6–15). */
const V5_SCRIPT = (bucket = 'cloudflare_r2_bucket.releases.name') => `
resource "cloudflare_workers_script" "dl" {
  account_id  = "${ACCOUNT}"
  script_name = "downloads"
  content     = "export default {}"
  bindings = [{
    type        = "r2_bucket"
    name        = "RELEASES"
    bucket_name = ${bucket}
  }]
}
`;

/** A v4 Worker that binds the bucket by its name (lines 6–15). */
const V4_SCRIPT = `
resource "cloudflare_worker_script" "dl" {
  account_id = "${ACCOUNT}"
  name       = "downloads"
  content    = "export default {}"
  module     = true
  r2_bucket_binding {
    name        = "RELEASES"
    bucket_name = "acme-releases"
  }
}
`;

/** A route, from line 17, its pattern on line 19. */
const route = (type: string, script: string, pattern = 'downloads.acme.dev/*') => `
resource "${type}" "dl" {
  zone_id = "${ZONE}"
  pattern = "${pattern}"
  ${script}
}
`;

/** A custom domain, from line 17, its hostname on line 19. */
const domain = (type: string, service: string) => `
resource "${type}" "dl" {
  account_id = "${ACCOUNT}"
  hostname   = "downloads.acme.dev"
  service    = ${service}
  zone_id    = "${ZONE}"
}
`;

const subdomain = (enabled: string) => `
resource "cloudflare_workers_script_subdomain" "dl" {
  account_id  = "${ACCOUNT}"
  script_name = cloudflare_workers_script.dl.script_name
  enabled     = ${enabled}
}
`;

/** An Access application of `type` over downloads.acme.dev, with a policy for staff only. */
const access = (type: string, host = 'downloads.acme.dev') => `
resource "cloudflare_zero_trust_access_application" "dl" {
  account_id = "${ACCOUNT}"
  name       = "downloads"
  type       = "${type}"
  domain     = "${host}"
  policies   = [{ id = cloudflare_zero_trust_access_policy.staff.id, precedence = 1 }]
}

resource "cloudflare_zero_trust_access_policy" "staff" {
  account_id = "${ACCOUNT}"
  name       = "staff"
  decision   = "allow"
  include    = [{ email_domain = { domain = "acme.dev" } }]
}
`;

const V5_ROUTE = route(
  'cloudflare_workers_route',
  'script = cloudflare_workers_script.dl.script_name',
);

const found = async (tf: string): Promise<string[]> => {
  const report = await scanFiles({ 'main.tf': tf });
  return report.result.findings
    .filter((f) => f.ruleId === 'r2-worker-binding')
    .map((f) => `${f.severity}@${f.location.start.line}`);
};

describe('a Worker that binds a release bucket on R2 and is reached from the internet', () => {
  it.each<[string, string, string[]]>([
    ['a v5 Worker with no route: none', BUCKET + V5_SCRIPT(), []],
    [
      'a v5 Worker and a v5 route: medium, at the pattern',
      BUCKET + V5_SCRIPT() + V5_ROUTE,
      ['medium@19'],
    ],
    [
      'a v4 Worker and a v4 route naming it by name',
      BUCKET + V4_SCRIPT + route('cloudflare_worker_route', 'script_name = "downloads"'),
      ['medium@19'],
    ],
    [
      'a v5 custom domain',
      BUCKET +
        V5_SCRIPT() +
        domain('cloudflare_workers_custom_domain', 'cloudflare_workers_script.dl.script_name'),
      ['medium@19'],
    ],
    [
      'a v4 Worker domain',
      BUCKET + V4_SCRIPT + domain('cloudflare_worker_domain', 'cloudflare_worker_script.dl.name'),
      ['medium@19'],
    ],
    ['its workers.dev URL on', BUCKET + V5_SCRIPT() + subdomain('true'), ['medium@20']],
    ['its workers.dev URL off: none', BUCKET + V5_SCRIPT() + subdomain('false'), []],
    ['a Worker that binds another bucket: none', BUCKET + V5_SCRIPT('"acme-logs"') + V5_ROUTE, []],
    [
      'a route of another Worker: none',
      BUCKET + V5_SCRIPT() + route('cloudflare_workers_route', 'script = "other"'),
      [],
    ],
    [
      'behind a self-hosted Access application for staff: low',
      BUCKET + V5_SCRIPT() + V5_ROUTE + access('self_hosted'),
      ['low@19'],
    ],
    [
      'a SaaS Access application protects no hostname: medium',
      BUCKET + V5_SCRIPT() + V5_ROUTE + access('saas'),
      ['medium@19'],
    ],
    [
      'a route over every host of the zone is not covered by one application',
      BUCKET +
        V5_SCRIPT() +
        route(
          'cloudflare_workers_route',
          'script = cloudflare_workers_script.dl.script_name',
          '*.acme.dev/*',
        ) +
        access('self_hosted'),
      ['medium@19'],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect(await found(tf)).toEqual(expected);
  });
});

describe('a bucket no Terraform declares, bound by a Worker reached from the internet', () => {
  it('gets a stand-in, reported as any bucket made elsewhere', async () => {
    const report = await scanFiles({ 'main.tf': V5_SCRIPT('"acme-releases"') + V5_ROUTE });
    const findings = report.result.findings.filter((f) => f.ruleId === 'r2-worker-binding');
    expect(findings.map((f) => `${f.severity}@${f.location.start.line}`)).toEqual(['medium@15']);
    expect(findings[0]?.message).toMatch(
      /^Release bucket "acme-releases" \(not declared in the Terraform scanned\) is reachable through a Worker that binds it\./,
    );
    expect(report.facts.buckets).toMatchObject([
      { service: 'r2', address: 'bucket "acme-releases"', declaredElsewhere: true },
    ]);
  });

  it('gets none when the Worker is reached by no one', async () => {
    const report = await scanFiles({ 'main.tf': V5_SCRIPT('"acme-releases"') });
    expect(report.facts.buckets).toEqual([]);
  });
});

describe('in a plan, a Worker names its bucket and its route names it by name', () => {
  it('is found', async () => {
    const resource = (address: string, values: Record<string, unknown>) => {
      const [type, name] = address.split('.');
      const provider_name = 'registry.terraform.io/cloudflare/cloudflare';
      return { address, mode: 'managed', type, name, provider_name, values };
    };
    const resources = [
      resource('cloudflare_r2_bucket.releases', { name: 'acme-releases', account_id: ACCOUNT }),
      resource('cloudflare_workers_script.dl', {
        script_name: 'downloads',
        bindings: [{ type: 'r2_bucket', name: 'RELEASES', bucket_name: 'acme-releases' }],
      }),
      resource('cloudflare_workers_route.dl', {
        pattern: 'downloads.acme.dev/*',
        script: 'downloads',
      }),
    ];
    const plan = JSON.stringify({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: { root_module: { resources } },
    });
    const report = await scanFiles(
      { 'plan.json': plan },
      { plans: ['plan.json'], terraform: false },
    );
    const findings = report.result.findings.filter((f) => f.ruleId === 'r2-worker-binding');
    expect(findings.map((f) => f.severity)).toEqual(['medium']);
    expect(findings[0]?.message).toMatch(
      /cloudflare_workers_script\.dl binds the bucket as "RELEASES" and is reached at route "downloads\.acme\.dev\/\*" \(cloudflare_workers_route\.dl\)/,
    );
  });
});

/** v5's newer resources: the Worker (lines 6–10), and a version of it that binds `bucket`. */
const V5_WORKER = (subdomain = '') => `
resource "cloudflare_worker" "dl" {
  account_id = "${ACCOUNT}"
  name       = "downloads"
  ${subdomain}
}
`;

const version = (name: string, bucket: string, worker = 'cloudflare_worker.dl.id') => `
resource "cloudflare_worker_version" "${name}" {
  account_id = "${ACCOUNT}"
  worker_id  = ${worker}
  bindings = [{
    type        = "r2_bucket"
    name        = "RELEASES"
    bucket_name = "${bucket}"
  }]
}
`;

const deployment = (...versions: string[]) => `
resource "cloudflare_workers_deployment" "dl" {
  account_id  = "${ACCOUNT}"
  script_name = cloudflare_worker.dl.name
  strategy    = "percentage"
  versions = [${versions.map((v) => `{ percentage = 100, version_id = cloudflare_worker_version.${v}.id }`).join(', ')}]
}
`;

const WORKER_ROUTE = route('cloudflare_workers_route', 'script = cloudflare_worker.dl.name');

describe('a v5 cloudflare_worker whose version binds a release bucket', () => {
  const found = async (tf: string): Promise<string[]> => {
    const report = await scanFiles({ 'main.tf': BUCKET + V5_WORKER() + tf });
    return report.result.findings
      .filter((f) => f.ruleId === 'r2-worker-binding')
      .map((f) => f.message.replace(/^.*? binds the bucket as "RELEASES" in (\S+) .*$/, '$1'));
  };

  it.each<[string, string, string[]]>([
    ['no route: none', version('v1', 'acme-releases') + deployment('v1'), []],
    [
      'deployed and routed: reported, naming the version',
      version('v1', 'acme-releases') + deployment('v1') + WORKER_ROUTE,
      ['cloudflare_worker_version.v1'],
    ],
    [
      'no deployment in the scan: it may be deployed elsewhere',
      version('v1', 'acme-releases') + WORKER_ROUTE,
      ['cloudflare_worker_version.v1'],
    ],
    [
      'the deployment serves another version only: none',
      version('v1', 'acme-releases') + version('v2', 'acme-logs') + deployment('v2') + WORKER_ROUTE,
      [],
    ],
    [
      'a version named by the Worker name',
      version('v1', 'acme-releases', '"downloads"') + WORKER_ROUTE,
      ['cloudflare_worker_version.v1'],
    ],
    [
      'a version of another Worker: none',
      version('v1', 'acme-releases', '"other"') + WORKER_ROUTE,
      [],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect(await found(tf)).toEqual(expected);
  });

  it.each<[string, string, string[]]>([
    ['its workers.dev URL on: at enabled', 'subdomain = { enabled = true }', ['medium@9']],
    ['written off: none', 'subdomain = { enabled = false }', []],
    ['not written: off, as the provider defaults it', '', []],
    [
      'not known before apply: not provably private',
      'subdomain = { enabled = var.dev }',
      ['medium@9'],
    ],
  ])('its workers.dev URL: %s', async (_name, subdomain, expected) => {
    const tf = BUCKET + V5_WORKER(subdomain) + version('v1', 'acme-releases');
    const report = await scanFiles({ 'main.tf': tf });
    const findings = report.result.findings.filter((f) => f.ruleId === 'r2-worker-binding');
    expect(findings.map((f) => `${f.severity}@${f.location.start.line}`)).toEqual(expected);
  });
});

describe('a Worker reached from the internet whose bindings are not known before apply', () => {
  const VARS = `
variable "bindings" {}
variable "bucket" {}
`;
  /** A second bucket in the root module, lines 1–4 of its own. */
  const LOGS = `
resource "cloudflare_r2_bucket" "logs" {
  account_id = "${ACCOUNT}"
  name       = "acme-release-logs"
}
`;
  const script = (bindings: string) => `
resource "cloudflare_workers_script" "dl" {
  account_id  = "${ACCOUNT}"
  script_name = "downloads"
  content     = "export default {}"
  bindings    = ${bindings}
}
`;
  const V4_DYNAMIC = `
resource "cloudflare_worker_script" "dl" {
  account_id = "${ACCOUNT}"
  name       = "downloads"
  content    = "export default {}"
  dynamic "r2_bucket_binding" {
    for_each = var.bindings
    content {
      name        = r2_bucket_binding.key
      bucket_name = r2_bucket_binding.value
    }
  }
}
`;
  const r2 = (bucket: string) =>
    `[{ type = "r2_bucket", name = "RELEASES", bucket_name = ${bucket} }]`;
  const found = async (tf: string): Promise<string[]> => {
    const report = await scanFiles({ 'main.tf': BUCKET + LOGS + VARS + tf });
    return report.result.findings
      .filter((f) => f.ruleId === 'r2-worker-binding')
      .map((f) => {
        const bucket = /"(acme-[a-z-]+)"/.exec(f.message)?.[1];
        const not = f.message.includes('is not provably private: ') ? 'undecided' : 'bound';
        return `${f.severity} ${not} ${bucket}`;
      });
  };

  it.each<[string, string, string[]]>([
    [
      'bindings = var.bindings: each bucket it may bind, not provably private',
      script('var.bindings') + V5_ROUTE,
      ['medium undecided acme-releases', 'medium undecided acme-release-logs'],
    ],
    [
      'a v4 dynamic block over a variable',
      V4_DYNAMIC + route('cloudflare_worker_route', 'script_name = "downloads"'),
      ['medium undecided acme-releases', 'medium undecided acme-release-logs'],
    ],
    [
      'an R2 binding whose bucket_name is a variable',
      script(r2('var.bucket')) + V5_ROUTE,
      ['medium undecided acme-releases', 'medium undecided acme-release-logs'],
    ],
    [
      'a binding whose type is a variable',
      script('[{ type = var.bucket, name = "RELEASES", bucket_name = "acme-releases" }]') +
        V5_ROUTE,
      ['medium undecided acme-releases', 'medium undecided acme-release-logs'],
    ],
    [
      'coalesce(var.bucket, the bucket): it may bind either',
      script(r2('coalesce(var.bucket, cloudflare_r2_bucket.releases.name)')) + V5_ROUTE,
      ['medium undecided acme-releases', 'medium undecided acme-release-logs'],
    ],
    ['reached by no one: none', script('var.bindings'), []],
    [
      'behind an Access application for staff: none, Access decides',
      script('var.bindings') + V5_ROUTE + access('self_hosted'),
      [],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect((await found(tf)).sort()).toEqual([...expected].sort());
  });
});

describe('the hosts an Access application covers, as Access matches them', () => {
  const ACCOUNT_SUBDOMAIN = `
resource "cloudflare_workers_subdomain" "acme" {
  account_id = "${ACCOUNT}"
  subdomain  = "acme"
}
`;
  const routed = (pattern: string) =>
    route('cloudflare_workers_route', 'script = cloudflare_workers_script.dl.script_name', pattern);

  it.each<[string, string, string[]]>([
    [
      'a route on one level under a wildcard application: low',
      routed('downloads.acme.dev/*') + access('self_hosted', '*.acme.dev'),
      ['low@19'],
    ],
    [
      'a route two levels under it: medium, Access covers one level',
      routed('dl.eu.acme.dev/*') + access('self_hosted', '*.acme.dev'),
      ['medium@19'],
    ],
    [
      'the apex under it: medium, Access does not cover the apex',
      routed('acme.dev/*') + access('self_hosted', '*.acme.dev'),
      ['medium@19'],
    ],
    [
      'a wildcard route: medium, it matches hosts at every depth and Access covers one',
      routed('*.acme.dev/*') + access('self_hosted', '*.acme.dev'),
      ['medium@19'],
    ],
    [
      "workers.dev, under the account's subdomain: low",
      subdomain('true') + ACCOUNT_SUBDOMAIN + access('self_hosted', '*.acme.workers.dev'),
      ['low@20'],
    ],
    [
      'workers.dev, its own host: low',
      subdomain('true') + ACCOUNT_SUBDOMAIN + access('self_hosted', 'downloads.acme.workers.dev'),
      ['low@20'],
    ],
    [
      "workers.dev, the account's subdomain not in the scan: medium",
      subdomain('true') + access('self_hosted', '*.acme.workers.dev'),
      ['medium@20'],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect(await found(BUCKET + V5_SCRIPT() + tf)).toEqual(expected);
  });
});

/**
 * A Worker's code is often a file the build makes after the scan: reading it, which no rule needs,
 * warned on every such scan. What the adapter reads (a binding, a bucket's name) still warns.
 */
describe("a Worker's code, which Posture never reads, is not evaluated", () => {
  /** Each r2-worker-binding finding as its severity, then each eval-invalid warning's line. */
  const scanned = async (tf: string): Promise<string[]> => {
    const { result } = await scanFiles({ 'main.tf': tf });
    return [
      ...result.findings.filter((f) => f.ruleId === 'r2-worker-binding').map((f) => f.severity),
      ...result.diagnostics
        .filter((d) => d.code === 'eval-invalid')
        .map((d) => `eval-invalid@${d.range?.start.line}`),
    ];
  };
  const code = (from: string, to: string) => V5_SCRIPT().replace(from, to);
  const modules =
    'modules = [{ name = "w.js", content_type = "application/javascript+module", content_base64 = filebase64("dist/w.js") }]\n  bindings = [';

  it.each<[string, string, string[]]>([
    [
      'content = file() of a file the build has not made: no warning',
      BUCKET + code('"export default {}"', 'file("dist/worker.js")') + V5_ROUTE,
      ['medium'],
    ],
    [
      'content_file and its content_sha256 = filesha256(), likewise',
      BUCKET +
        code(
          'content     = "export default {}"',
          'content_file = "dist/worker.js"\n  content_sha256 = filesha256("dist/worker.js")',
        ) +
        V5_ROUTE,
      ['medium'],
    ],
    [
      'a v4 Worker with content = file() and a webassembly_binding block, likewise',
      BUCKET +
        V4_SCRIPT.replace('"export default {}"', 'file("dist/worker.js")').replace(
          '  r2_bucket_binding {',
          '  webassembly_binding {\n    name   = "W"\n    module = filebase64("dist/w.wasm")\n  }\n  r2_bucket_binding {',
        ) +
        route('cloudflare_worker_route', 'script_name = cloudflare_worker_script.dl.name'),
      ['medium'],
    ],
    [
      'the modules of a deployed version, likewise',
      BUCKET +
        V5_WORKER() +
        version('v1', 'acme-releases').replace('bindings = [', modules) +
        deployment('v1') +
        WORKER_ROUTE,
      ['medium'],
    ],
    [
      'a binding whose bucket_name is read from a missing file still warns, and casts doubt',
      BUCKET + V5_SCRIPT('file("bucket.txt")') + V5_ROUTE,
      ['medium', 'eval-invalid@10'],
    ],
    [
      'a bucket name read from a missing file still warns',
      'resource "cloudflare_r2_bucket" "b" {\n  account_id = "a"\n  name = file("name.txt")\n}\n',
      ['eval-invalid@3'],
    ],
  ])('%s', async (_name, tf, expected) => {
    expect(await scanned(tf)).toEqual(expected);
  });
});
