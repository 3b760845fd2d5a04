import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFiles } from './support/scan-files.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

/** Each policy setting, from the file to the findings it changes. */
const R2_PUBLIC = (name: string, comment = '') => `${comment}
resource "cloudflare_r2_bucket" "b" {
  name = "${name}"
}
resource "cloudflare_r2_managed_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  enabled     = true
}
`;

async function rulesFor(files: Record<string, string>, policy: string): Promise<string[]> {
  const report = await scanFiles(
    { ...files, 'posture.config.yaml': policy },
    { policyFile: 'posture.config.yaml' },
  );
  return report.result.findings.filter((f) => !f.suppression).map((f) => f.ruleId);
}

describe('policy settings change what is reported', () => {
  it('release.names: custom globs replace the defaults', async () => {
    const files = { 'main.tf': R2_PUBLIC('acme-bits') };
    expect(await rulesFor(files, 'owner: x\n')).toEqual([]);
    expect(await rulesFor(files, 'release:\n  names: ["*-bits"]\n')).toEqual(['r2-public-dev-url']);
    expect(
      await rulesFor({ 'main.tf': R2_PUBLIC('acme-releases') }, 'release:\n  names: ["*-bits"]\n'),
    ).toEqual([]);
  });

  it('release.names, exclude and exception globs with many stars cannot stall the scan', async () => {
    const stars = '*a*a*a*a*a*a*a*a*a*a*a*a*ab';
    const name = `${'a'.repeat(60)}c`;
    const files = { 'main.tf': R2_PUBLIC(name, '# posture:release'), [`${name}.tf`]: '' };
    const policy = `release:
  names: ["${stars}"]
exclude: ["${stars}"]
exceptions:
  - { rule: r2-public-dev-url, target: { bucket: "${stars}" }, reason: r, approvedBy: a, expires: 2099-01-01 }
`;
    const start = threadCpuMs();
    expect(await rulesFor(files, policy)).toEqual(['r2-public-dev-url']);
    expect(threadCpuMs() - start).toBeLessThan(10_000);
  });

  it('release.tags: custom tag selectors', async () => {
    const files = {
      'main.tf':
        'resource "aws_s3_bucket" "b" {\n  bucket = "acme-x"\n  tags = { dist = "public" }\n}\n',
    };
    expect(await rulesFor(files, 'release:\n  tags: [{ key: dist, values: [public] }]\n')).toEqual([
      's3-public-access-block',
    ]);
  });

  it('release.annotations: false ignores # posture:release', async () => {
    const files = { 'main.tf': R2_PUBLIC('acme-bits', '# posture:release') };
    expect(await rulesFor(files, 'owner: x\n')).toEqual(['r2-public-dev-url']);
    expect(await rulesFor(files, 'release:\n  annotations: false\n')).toEqual([]);
  });

  it('release.pipeline: false ignores release steps as evidence', async () => {
    const files = {
      'main.tf': R2_PUBLIC('acme-bits'),
      'package.json':
        '{ "scripts": { "release": "wrangler r2 object put acme-bits/app.zip --file app.zip" } }\n',
    };
    expect(await rulesFor(files, 'owner: x\n')).toEqual(['r2-public-dev-url']);
    expect(await rulesFor(files, 'release:\n  pipeline: false\n')).toEqual([]);
  });

  it('release.buckets: names or address globs the policy declares release-use', async () => {
    const files = { 'main.tf': R2_PUBLIC('acme-bits') };
    expect(await rulesFor(files, 'release:\n  buckets: ["cloudflare_r2_bucket.*"]\n')).toEqual([
      'r2-public-dev-url',
    ]);
  });

  it('scope: all applies bucket rules to every bucket', async () => {
    expect(await rulesFor({ 'main.tf': R2_PUBLIC('acme-bits') }, 'scope: all\n')).toEqual([
      'r2-public-dev-url',
    ]);
  });

  it("rules.<id>.severity: the policy grade wins over the rule's own", async () => {
    const report = await scanFiles(
      {
        'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n',
        'posture.config.yaml': 'rules:\n  s3-public-access-block:\n    severity: low\n',
      },
      { policyFile: 'posture.config.yaml' },
    );
    expect(report.result.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['s3-public-access-block', 'low'],
    ]);
  });

  it('rules.<id>.enabled: false turns a rule off', async () => {
    const files = { 'main.tf': R2_PUBLIC('acme-releases') };
    expect(await rulesFor(files, 'rules:\n  r2-public-dev-url:\n    enabled: false\n')).toEqual([]);
  });

  it('allowedPublicDomains: links to a CDN meant to be public are not findings', async () => {
    const files = {
      'main.tf': `resource "cloudflare_r2_bucket" "b" {
  name = "acme-releases"
}
resource "cloudflare_r2_custom_domain" "d" {
  account_id  = "023e105f4ecef8ad9ca31a8372d0c353"
  bucket_name = cloudflare_r2_bucket.b.name
  domain      = "downloads.acme.example"
  zone_id     = "0da42c8d2132a9ddaf714f9e7c920711"
  enabled     = true
}
`,
      'package.json': '{ "config": { "updates": "https://downloads.acme.example/latest.json" } }\n',
    };
    expect((await rulesFor(files, 'owner: x\n')).sort()).toEqual([
      'link-release-bucket',
      'r2-public-custom-domain',
    ]);
    expect(await rulesFor(files, 'allowedPublicDomains: [acme.example]\n')).toEqual([
      'r2-public-custom-domain',
    ]);
  });

  it('exclude: no root, unit or build file is read there; a module a scanned root calls still is', async () => {
    const files = {
      'examples/demo/main.tf': R2_PUBLIC('demo-releases'),
      'examples/demo/package.json':
        '{ "scripts": { "get": "curl -O https://pub-0123456789abcdef0123456789abcdef.r2.dev/a.tgz" } }\n',
      'infra/main.tf': 'module "shared" {\n  source = "../modules/shared"\n}\n',
      'modules/shared/main.tf': R2_PUBLIC('acme-releases'),
    };
    const locations = async (policy: string) => {
      const report = await scanFiles(
        { ...files, 'posture.config.yaml': policy },
        { policyFile: 'posture.config.yaml' },
      );
      return report.result.findings.map((f) => f.location.file).sort();
    };
    expect(await locations('owner: x\n')).toEqual([
      'examples/demo/main.tf',
      'examples/demo/package.json',
      'modules/shared/main.tf',
    ]);
    expect(await locations('exclude: ["examples/**", "modules"]\n')).toEqual([
      'modules/shared/main.tf',
    ]);
  });

  // Named or met on the walk, an excluded directory is not read: `posture scan infra` with infra
  // excluded reads nothing, which the CLI says, rather than ignoring the exclude.
  it.each([
    ['the policy file', 'exclude: ["examples/**"]\n', {}],
    ['the command line', 'owner: x\n', { exclude: ['examples/demo'] }],
    ['a directory above it', 'exclude: ["examples"]\n', {}],
  ])('exclude: a path named is not read when %s excludes it', async (_what, policy, options) => {
    const report = await scanFiles(
      {
        'examples/demo/main.tf': R2_PUBLIC('demo-releases'),
        'examples/demo/package.json':
          '{ "scripts": { "get": "curl -O https://pub-0123456789abcdef0123456789abcdef.r2.dev/a.tgz" } }\n',
        'infra/main.tf': R2_PUBLIC('acme-releases'),
        'posture.config.yaml': policy,
      },
      { policyFile: 'posture.config.yaml', paths: ['examples/demo', 'infra'], ...options },
    );
    expect(report.result.files.map((f) => f.path)).toEqual(['infra/main.tf']);
  });

  // A module is read whole, as Terraform reads it: excluding one of its files changes nothing,
  // excluding every one (`infra/*`, or `**` from infra) leaves it out, as its directory would.
  it.each([
    ['every Terraform file of a module', 'exclude: ["infra/*"]\n', []],
    ['every Terraform file under the root', 'exclude: ["**/*.tf"]\n', []],
    [
      'one Terraform file of a module',
      'exclude: ["infra/old.tf"]\n',
      ['infra/main.tf', 'infra/old.tf'],
    ],
  ])('exclude of %s', async (_what, policy, read) => {
    const report = await scanFiles(
      {
        'infra/main.tf': R2_PUBLIC('acme-releases'),
        'infra/old.tf': 'locals {\n  a = 1\n}\n',
        'posture.config.yaml': policy,
      },
      { policyFile: 'posture.config.yaml' },
    );
    expect(report.result.files.map((f) => f.path)).toEqual(read);
  });

  it('exclude from the command line adds to the policy file', async () => {
    const report = await scanFiles(
      { 'a/main.tf': R2_PUBLIC('a-releases'), 'b/main.tf': R2_PUBLIC('b-releases') },
      { exclude: ['b'] },
    );
    expect(report.result.findings.map((f) => f.location.file)).toEqual(['a/main.tf']);
  });
});

describe('path globs in a policy file are relative to its directory', () => {
  const files = {
    'infra/main.tf': R2_PUBLIC('acme-releases'),
    'infra/legacy/old.tf': R2_PUBLIC('old-releases'),
  };
  const EXCEPTION = `exceptions:
  - rule: r2-public-dev-url
    target: { file: infra/main.tf }
    reason: a public mirror, SEC-12
`;

  /** Findings as `rule@path`, the path from the repository top; `~` marks a suppressed one. */
  async function outcome(policy: string, dir: string): Promise<string[]> {
    const report = await scanFiles(
      { ...files, 'posture.config.yaml': policy },
      { policyFile: 'posture.config.yaml' },
      dir,
    );
    return report.result.findings
      .map((f) => `${f.ruleId}${f.suppression ? '~' : ''}@${posix.join(dir, f.location.file)}`)
      .sort();
  }

  it.each([
    [
      'an exclude written from the top',
      'exclude: [infra/legacy/**]\n',
      ['r2-public-dev-url@infra/main.tf'],
    ],
    [
      'an exception for a file',
      EXCEPTION,
      ['r2-public-dev-url@infra/legacy/old.tf', 'r2-public-dev-url~@infra/main.tf'],
    ],
    // Written as if relative to infra/: it names nothing at the top, whichever directory is scanned.
    [
      'an exclude naming a path that is not there',
      'exclude: [legacy/**]\n',
      ['r2-public-dev-url@infra/legacy/old.tf', 'r2-public-dev-url@infra/main.tf'],
    ],
  ])(
    '%s means the same for the repository and a directory in it',
    async (_what, policy, expected) => {
      expect(await outcome(policy, '.')).toEqual(expected);
      expect(await outcome(policy, 'infra')).toEqual(expected);
    },
  );
});
