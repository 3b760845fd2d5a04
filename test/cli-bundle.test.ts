import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  cpSync,
  existsSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERSION } from '@posture/core';
import { bundleIsStale, LAST_BUILT } from '../packages/cli/scripts/bundle-freshness.mjs';
import { sarifSchemaErrors } from '../packages/report/test/support/sarif-schema.js';
import { repoRoot } from './support/cli.js';
import { tempDir, tempTree } from './support/temp-dirs.js';

// The other CLI tests run the sources in-process; this one runs what ships, the esbuild bundle, in
// a child process, through each path that loads something beside the code: the policy, plan and
// user-rule JSON schemas, Ajv (resolved from node_modules at run time), the modules initialised on
// first use, and the code cache.
const BUNDLE_DIR = join(repoRoot(), 'packages/cli/bundle');
const BUNDLE = join(BUNDLE_DIR, 'posture.js');
/** What `pnpm posture` runs after building, relative to the workspace root. */
const LAUNCHER = 'packages/cli/scripts/run-in-init-cwd.mjs';

const PUBLIC_RELEASE_BUCKET =
  'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n  acl    = "public-read"\n}\n';

/** A release bucket Terraform keeps private: a build file linking it is the only finding. */
const PRIVATE_RELEASE_BUCKET = [
  'resource "aws_s3_bucket" "releases" {',
  '  bucket = "acme-releases"',
  '}',
  'resource "aws_s3_bucket_public_access_block" "releases" {',
  '  bucket                  = aws_s3_bucket.releases.id',
  '  block_public_acls       = true',
  '  block_public_policy     = true',
  '  ignore_public_acls      = true',
  '  restrict_public_buckets = true',
  '}',
  '',
].join('\n');

/** A GCS release bucket that refuses public grants: private, unless something serves it. */
const GCS_PRIVATE_RELEASE_BUCKET =
  'resource "google_storage_bucket" "releases" {\n  name                        = "acme-releases"\n  uniform_bucket_level_access = true\n  public_access_prevention    = "enforced"\n}\n';

/** The `bad` example of rules/examples/gcs-website.rule.yaml. */
const GCS_WEBSITE_BUCKET =
  'resource "google_storage_bucket" "releases" {\n  name     = "acme-releases"\n  location = "US"\n  website {\n    main_page_suffix = "index.html"\n  }\n}\n';

function posture(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return postureIn(repoRoot(), ...args);
}

function postureIn(
  cwd: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  return postureWithin(20_000, cwd, ...args);
}

/** For scans of a size that takes seconds: the limit only stops a hang, never judges speed. */
function postureWithin(
  timeout: number,
  cwd: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BUNDLE, ...args], { cwd, encoding: 'utf8', timeout });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

function repo(files: Record<string, string>): string {
  return tempTree('bundle', files);
}

/** A root whose bucket is public when `var.public` is, which it is not by default. */
const PUBLIC_WHEN_VAR = `variable "public" { default = false }
resource "aws_s3_bucket" "b" { bucket = "acme-releases" }
resource "aws_s3_bucket_public_access_block" "b" {
  bucket                  = aws_s3_bucket.b.id
  block_public_acls       = !var.public
  block_public_policy     = !var.public
  ignore_public_acls      = !var.public
  restrict_public_buckets = !var.public
}
resource "aws_s3_bucket_ownership_controls" "b" {
  bucket = aws_s3_bucket.b.id
  rule { object_ownership = "BucketOwnerEnforced" }
}
`;
const ON_PUSH = 'name: release\non: { push: { branches: [main] } }\njobs:\n  deploy:\n';

// The CI files that give a root `TF_VAR_public: "true"` as the shipped bundle reads them: each scan
// said `No findings` and exited 0 before (session 24).
describe('the CLI bundle reads the TF_VAR_ and -var values CI gives Terraform', () => {
  it.each([
    [
      'through a reusable workflow',
      {
        '.github/workflows/release.yml': `${ON_PUSH}    uses: ./.github/workflows/deploy.yml\n    with: { public: "true" }\n`,
        '.github/workflows/deploy.yml':
          'on:\n  workflow_call:\n    inputs:\n      public: { type: string, default: "false" }\njobs:\n  apply:\n    runs-on: ubuntu-latest\n    steps:\n      - run: terraform -chdir=infra apply -auto-approve\n        env:\n          TF_VAR_public: ${{ inputs.public }}\n',
      },
      '.github/workflows/release.yml:6',
      1,
    ],
    [
      'through a composite action',
      {
        '.github/workflows/release.yml': `${ON_PUSH}    runs-on: ubuntu-latest\n    steps:\n      - uses: ./.github/actions/tf\n        with: { public: "true" }\n`,
        '.github/actions/tf/action.yml':
          'inputs:\n  public: { default: "false" }\nruns:\n  using: composite\n  steps:\n    - run: terraform apply -auto-approve\n      shell: bash\n      working-directory: infra\n      env: { TF_VAR_public: "${{ inputs.public }}" }\n',
      },
      '.github/workflows/release.yml:8',
      1,
    ],
    [
      'in a GitLab file included, after a cd in before_script',
      {
        '.gitlab-ci.yml': 'include:\n  - local: ci/deploy.yml\n',
        'ci/deploy.yml':
          'deploy:\n  variables: { TF_VAR_public: "true" }\n  before_script: [cd infra]\n  script: [terraform apply -auto-approve]\n',
      },
      'ci/deploy.yml:2',
      1,
    ],
    [
      'written to $GITHUB_ENV in a heredoc: not known',
      {
        '.github/workflows/release.yml': `${ON_PUSH}    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          cat >> "$GITHUB_ENV" <<EOT\n          TF_VAR_public=true\n          EOT\n      - run: terraform -chdir=infra apply\n`,
      },
      '.github/workflows/release.yml:9',
      // Not provably private (medium), which the default gate lets pass.
      0,
    ],
    [
      'in TF_CLI_ARGS_apply, over terraform.tfvars',
      {
        'infra/terraform.tfvars': 'public = false\n',
        '.github/workflows/release.yml': `${ON_PUSH}    runs-on: ubuntu-latest\n    env: { TF_CLI_ARGS_apply: "-var 'public=true'" }\n    steps:\n      - run: terraform -chdir=infra apply\n`,
      },
      '.github/workflows/release.yml:6',
      1,
    ],
  ])('%s', (_name, ci, setAt, code) => {
    const root = repo({ 'infra/main.tf': PUBLIC_WHEN_VAR, ...ci });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    expect(run.stdout).toContain('s3-public-access-block');
    expect(run.stdout).toContain(`value set here: ${setAt}`);
  });
});

describe('the CLI bundle', () => {
  it('is built (`pnpm build` and `pnpm test` make it), as an executable with one shebang', () => {
    expect(existsSync(BUNDLE), `${BUNDLE} is missing: run \`pnpm build\``).toBe(true);
    expect(statSync(BUNDLE).mode & 0o111).toBe(0o111);
    const text = readFileSync(BUNDLE, 'utf8');
    expect(text.startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(text.match(/^#!/gm)).toHaveLength(1);
  });

  it('starts: --help', () => {
    const run = posture('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('posture scan [paths..]');
  });

  // Help is formatted only when asked for (see help-cache.ts); what it says must not change.
  it.each([
    ['posture.txt', '--help'],
    ['scan.txt', 'scan --help'],
  ])('prints the help of test/fixtures/help/%s for %s', (file, args) => {
    const run = posture(...args.split(' '));
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(readFileSync(join(repoRoot(), 'test/fixtures/help', file), 'utf8'));
  });

  it.each(['--version', '-v'])('prints its version: %s', (flag) => {
    const run = posture(flag);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${VERSION}\n`);
  });

  it('reads nothing from the working directory: its package.json is not opened', () => {
    // A FIFO blocks whoever opens it, so a bundle that read the working directory's package.json
    // (yargs looking for its program's version) would hang here until the timeout.
    const cwd = repo({});
    const fifo = spawnSync('mkfifo', [join(cwd, 'package.json')]);
    expect(fifo.status, 'mkfifo is needed for this test').toBe(0);
    const run = postureIn(cwd, 'scan', repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('s3-public-access-block');
  });

  // pnpm runs the script in the workspace root and passes where the user stands as INIT_CWD.
  it('`pnpm posture` runs the bundle where the user stands, with paths relative to it', () => {
    const scripts = (
      JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(scripts.posture).toBe(`node ${LAUNCHER}`);
    // A bundle older than a source would be built first, which this test is not about.
    const built = join(repoRoot(), LAST_BUILT);
    expect(bundleIsStale(repoRoot(), built), 'sources changed: run `pnpm build`').toBe(false);
    const here = join(repo({ 'infra/main.tf': PUBLIC_RELEASE_BUCKET }), 'infra');
    const run = spawnSync(process.execPath, [LAUNCHER, 'scan', 'main.tf', '-f', 'json'], {
      cwd: repoRoot(),
      env: { ...process.env, INIT_CWD: here },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    const report = JSON.parse(run.stdout) as { root: string; findings: { ruleId: string }[] };
    expect(report.root).toBe(here);
    expect(report.findings.map((f) => f.ruleId)).toContain('s3-public-acl');
  });

  it('scans the example into a valid SARIF log with results', () => {
    const run = posture('scan', 'examples/march-2026-leak', '--format', 'sarif');
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout) as { runs: { results: unknown[] }[] };
    expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('keeps a baselined finding in SARIF, accepted and unchanged, and passes the gate', () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const baseline = join(root, '.posture-baseline.json');
    expect(posture('baseline', root, '-o', baseline).code).toBe(0);

    const run = posture('scan', root, '--baseline', baseline, '--format', 'sarif');
    expect(run.code).toBe(0);
    const log = JSON.parse(run.stdout) as {
      runs: { results: { ruleId: string; suppressions: unknown[]; baselineState: string }[] }[];
    };
    // At another severity than the rule's own, the result's rule id names it: `s3-public-acl/high`.
    const acl = log.runs[0]?.results.find((r) => r.ruleId.split('/')[0] === 's3-public-acl');
    expect(acl?.baselineState).toBe('unchanged');
    expect(acl?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        // Named from the repository's top (here the root), never by a path of this machine.
        justification: 'present in the baseline .posture-baseline.json',
        properties: { postureKind: 'baseline' },
      },
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);

    const without = posture(
      'scan',
      root,
      '--baseline',
      baseline,
      '-f',
      'sarif',
      '--no-include-suppressed',
    );
    expect(without.code).toBe(0);
    expect((JSON.parse(without.stdout) as typeof log).runs[0]?.results).toEqual([]);
  });

  it('validates a policy file against its schema', () => {
    const bad = repo({ 'main.tf': '', 'posture.config.yaml': 'owner: x\nscope: everything\n' });
    const refused = posture('scan', bad);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      'posture.config.yaml:2: scope: expected one of "release", "all"',
    );

    const good = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'posture.config.yaml':
        'owner: sec@acme.example\nfailOn: critical\nrules:\n  s3-public-acl:\n    severity: low\n',
    });
    const run = posture('scan', good, '--format', 'json');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { policy: { owner: string } }).policy.owner).toBe(
      'sec@acme.example',
    );
  });

  // A PR comment or job summary made from this report: nothing in it may notify people or mark
  // issues as mentioned, though the policy and the scanned values say `@name` or `#123`.
  it('writes a Markdown report in which GitHub makes no mention, address or reference live', () => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET.replace(
        'acme-releases',
        'acme-releases #123 GH-45 ops@acme.example',
      ),
      'posture.config.yaml': 'owner: "@acme/release (acme/infra#7, &#64;alice)"\n',
    });
    const run = posture('scan', root, '-f', 'markdown');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('"acme-releases `#123` `GH-45` `ops@acme.example`"');
    expect(run.stdout).toContain('Policy: owner `@acme/release` (`acme/infra#7`, \\&#64;alice)');
  });

  it('reads a plan, checked against the plan schema', () => {
    const dir = 'packages/plan/test/fixtures/hand-written/gcs-public-iam';
    const run = posture('scan', dir, '--plan', `${dir}/plan.json`, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
    // Plan values, reported on the .tf lines they come from.
    expect(report.findings.map((f) => f.location.file)).toContain(`${dir}/main.tf`);

    const bad = repo({
      'plan.json':
        '{"format_version": "1.2", "planned_values": {"root_module": {"resources": [{"mode": 7}]}}}',
    });
    const refused = posture('scan', join(bad, 'plan.json'));
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('must be equal to one of the allowed values');

    // A public ACL a second "acl" hides from JSON.parse, which keeps the last: no plan is read.
    const acl = '"acl": "public-read"';
    const plan = readFileSync(join(dir, 'plan.json'), 'utf8');
    const twice = repo({
      'plan.json': plan.replace('"bucket": ', `${acl}, "acl": "private", "bucket": `),
    });
    const hidden = posture('scan', join(twice, 'plan.json'));
    expect(hidden.code).toBe(1);
    expect(hidden.stdout).toMatch(
      /plan\.json gives "acl" twice in one object .* \(line \d+, column \d+\)/,
    );
  });

  it('reports a private GCS release bucket that a load balancer backend bucket serves', () => {
    const root = repo({
      'main.tf': `${GCS_PRIVATE_RELEASE_BUCKET}resource "google_compute_backend_bucket" "cdn" {
  name        = "releases"
  bucket_name = google_storage_bucket.releases.name
  enable_cdn  = true
}
`,
    });
    const run = posture('scan', root, '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; severity: string; location: { start: { line: number } } }[];
    };
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.location.start.line])).toEqual([
      ['gcs-public-backend-bucket', 'high', 6],
    ]);
    expect(posture('scan', repo({ 'main.tf': GCS_PRIVATE_RELEASE_BUCKET })).code).toBe(0);
  });

  it('reports the S3 controls of a bucket on R2 that only they name', () => {
    const root = repo({
      'main.tf': `provider "aws" {
  alias = "r2"
  endpoints {
    s3 = "https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com"
  }
}

resource "aws_s3_bucket_acl" "releases" {
  provider = aws.r2
  bucket   = "acme-releases"
  acl      = "private"
}
`,
    });
    const run = posture('scan', root, '--format', 'json');
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; severity: string; location: { start: { line: number } } }[];
    };
    expect(report.findings.map((f) => [f.ruleId, f.severity, f.location.start.line])).toEqual([
      ['r2-s3-controls-ineffective', 'medium', 8],
    ]);
  });

  it('reads the Cloudflare Access application in front of an R2 custom domain', () => {
    const root = repo({
      'main.tf': `resource "cloudflare_r2_bucket" "releases" {
  name = "acme-releases"
}

resource "cloudflare_r2_custom_domain" "releases" {
  bucket_name = cloudflare_r2_bucket.releases.name
  domain      = "downloads.acme.dev"
  enabled     = true
}

resource "cloudflare_zero_trust_access_application" "downloads" {
  domain   = "downloads.acme.dev"
  policies = [{ id = cloudflare_zero_trust_access_policy.staff.id, precedence = 1 }]
}

resource "cloudflare_zero_trust_access_policy" "staff" {
  name     = "staff"
  decision = "allow"
  include  = [{ email_domain = { domain = "acme.dev" } }]
}
`,
    });
    const run = posture('scan', root, '--format', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['r2-public-custom-domain', 'low'],
    ]);
  });

  it('reads the rules of the edge security policy in front of a backend bucket', () => {
    const root = repo({
      'main.tf': `${GCS_PRIVATE_RELEASE_BUCKET}resource "google_compute_backend_bucket" "cdn" {
  name                 = "releases"
  bucket_name          = google_storage_bucket.releases.name
  edge_security_policy = google_compute_security_policy.edge.id
}

resource "google_compute_security_policy" "edge" {
  name = "edge-deny-all"
  type = "CLOUD_ARMOR_EDGE"
  rule {
    action   = "deny(403)"
    priority = 2147483647
    match {
      versioned_expr = "SRC_IPS_V1"
      config {
        src_ip_ranges = ["*"]
      }
    }
  }
}
`,
    });
    const run = posture('scan', root, '--format', 'json');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toEqual([
      ['gcs-public-backend-bucket', 'low'],
    ]);
  });

  it('loads user rules, checked against the rule schema', () => {
    const root = repo({ 'main.tf': GCS_WEBSITE_BUCKET });
    const run = posture('scan', root, '--rules-dir', 'rules/examples', '--format', 'json');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toContain('acme-gcs-website');

    const bad = repo({ 'rules/bad.rule.yaml': 'id: bad\n' });
    const refused = posture('scan', root, '--rules-dir', join(bad, 'rules'));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      "bad.rule.yaml:1: the rule must have required property 'title'",
    );
  });

  // On the main thread, whose stack is smaller than a test's worker thread has: spread into the
  // arguments of one call, 150,000 notes overflowed it, and the scan ended with an internal error.
  // 17-23 s on a 2-core machine at load 9, past the 20 s the other runs get: these limits only
  // stop a hang.
  it(
    'scans a step naming 150,000 scripts that are not there, noting each',
    { timeout: 120_000 },
    () => {
      const runs = Array.from({ length: 150_000 }, (_, i) => `          sh s${i}.sh\n`).join('');
      const root = repo({
        '.github/workflows/release.yml': `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n${runs}`,
      });
      const [json, text] = [join(root, 'posture.json'), join(root, 'posture.txt')];
      const run = postureWithin(
        100_000,
        repoRoot(),
        'scan',
        root,
        '-f',
        'json',
        '-o',
        json,
        '-f',
        'text',
        '-o',
        text,
      );
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const report = JSON.parse(readFileSync(json, 'utf8')) as {
        summary: { diagnostics: { info: number } };
      };
      expect(report.summary.diagnostics.info).toBe(150_000);
      expect(readFileSync(text, 'utf8')).toContain('s149999.sh');
    },
  );

  it('ends quietly when its reader closes the pipe (`| head`), with the exit code as usual', async () => {
    const child = spawn(
      process.execPath,
      [BUNDLE, 'scan', 'examples/march-2026-leak', '-f', 'sarif'],
      {
        cwd: repoRoot(),
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    // Closed before the bundle has started: every report write meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'close')) as [number | null];
    expect(stderr).toBe('');
    expect(code).toBe(1);
  });

  it('starts from the code cache its build made: V8 accepts it', () => {
    const check = `import('${pathToFileURL(join(BUNDLE_DIR, 'load-cli.mjs')).href}')
      .then(({ loadCli }) => console.log(loadCli().script.cachedDataRejected))`;
    const run = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8', timeout: 20_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('false\n');
  });

  // Another Node, or a cache damaged on disk: V8 refuses it and compiles from source.
  it.each([
    ['missing', undefined],
    ['from another build', 'not a code cache'],
  ])('scans the same with a code cache %s', (_, cache) => {
    const copy = tempDir('bundle-copy');
    cpSync(BUNDLE_DIR, copy, { recursive: true });
    rmSync(join(copy, 'cli.cache'));
    if (cache !== undefined) writeFileSync(join(copy, 'cli.cache'), cache);
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const run = spawnSync(process.execPath, [join(copy, 'posture.js'), 'scan', root], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toBe(postureIn(root, 'scan', root).stdout);
  });

  // The bin is committed, so that `pnpm install` links it in a fresh clone (it warned "Failed to
  // create bin" when the bin was made by the build): unbuilt, it says what to run.
  it('says to build, in a clone not built yet', () => {
    const copy = tempDir('bundle-unbuilt');
    for (const file of ['posture.js', 'load-cli.mjs'])
      cpSync(join(BUNDLE_DIR, file), join(copy, file));
    const run = spawnSync(process.execPath, [join(copy, 'posture.js'), '--version'], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run).toMatchObject({
      status: 2,
      stdout: '',
      stderr: 'posture: the CLI is not built: run pnpm build in its workspace.\n',
    });
  });

  // Build files that once hid their link (each scanned "No findings", exit 0), beside a private
  // release bucket.
  it.each([
    [
      'a GoReleaser template reading the env list with index',
      {
        '.goreleaser.yaml': [
          'env:',
          '  - BUCKET=acme-releases',
          'brews:',
          '  - name: acme',
          `    url_template: 'https://{{ index .Env "BUCKET" }}.s3.amazonaws.com/{{ .Tag }}/a.tgz'`,
          '',
        ].join('\n'),
      },
      '.goreleaser.yaml\n  5:20  high      link-release-bucket',
    ],
    [
      'a docker-compose service build argument',
      {
        'docker-compose.yml': [
          'services:',
          '  app:',
          '    build:',
          '      args:',
          '        RELEASES_URL: https://acme-releases.s3.amazonaws.com/app/latest.tgz',
          '',
        ].join('\n'),
      },
      'docker-compose.yml\n  5:23  high      link-release-bucket',
    ],
    [
      'a CircleCI executor parameter default',
      {
        '.circleci/config.yml': [
          'version: 2.1',
          'executors:',
          '  publisher:',
          '    parameters:',
          '      bucket: { type: string, default: acme-releases }',
          '    docker: [{ image: cimg/base:stable }]',
          '    environment:',
          '      URL: https://<< parameters.bucket >>.s3.amazonaws.com/app/latest.tgz',
          'jobs:',
          '  publish:',
          '    executor: publisher',
          '    steps: [checkout]',
          '',
        ].join('\n'),
      },
      '.circleci/config.yml\n  8:12  high      link-release-bucket',
    ],
    [
      'a PowerShell environment variable',
      {
        'publish.ps1': [
          '$env:RELEASE_BUCKET = "acme-releases"',
          'Invoke-WebRequest "https://$($env:Release_Bucket).s3.amazonaws.com/app.zip" -OutFile app.zip',
          '',
        ].join('\n'),
      },
      'publish.ps1\n  2:20  high      link-release-bucket',
    ],
    [
      'a PowerShell public upload to an environment variable',
      {
        'publish.ps1':
          'aws s3 cp dist "s3://$env:RELEASE_BUCKET/app" --recursive --acl public-read\n',
      },
      'publish.ps1\n  1:17  high      link-public-upload',
    ],
    [
      "electron-builder's publish, electron-updater in the app/package.json of two",
      {
        'package.json': JSON.stringify({
          devDependencies: { 'electron-builder': '^24.13.0' },
          build: { publish: { provider: 's3', bucket: 'acme-releases' } },
        }),
        'app/package.json': JSON.stringify({ dependencies: { 'electron-updater': '^6.1.8' } }),
      },
      'package.json\n  1:98  high      link-release-bucket',
    ],
    [
      'a private electron-builder publish that electron-vite bundles electron-updater for',
      {
        'package.json': JSON.stringify({
          devDependencies: { 'electron-vite': '^2.2.0', 'electron-updater': '^6.1.8' },
        }),
        'electron-builder.yml': 'publish:\n  provider: s3\n  bucket: acme-releases\n  acl: null\n',
      },
      'electron-builder.yml\n  3:11  high      link-release-bucket',
    ],
    [
      "a CircleCI inline orb's executor environment",
      {
        '.circleci/config.yml': [
          'version: 2.1',
          'orbs:',
          '  releaser:',
          '    executors:',
          '      x:',
          '        docker: [{ image: cimg/base:stable }]',
          '        environment: { BUCKET: acme-releases }',
          'jobs:',
          '  fetch:',
          '    executor: releaser/x',
          '    steps:',
          '      - run: curl -fsSLO "https://$BUCKET.s3.amazonaws.com/cli/latest.tgz"',
          '',
        ].join('\n'),
      },
      '.circleci/config.yml\n  12:27  high      link-release-bucket',
    ],
    [
      "SvelteKit's source maps, from the Vite configuration a build names with --config",
      {
        'package.json': JSON.stringify({
          scripts: { build: 'vite build --config config/vite.config.ts' },
        }),
        'svelte.config.js':
          "export default { kit: { paths: { assets: 'https://acme-releases.s3.amazonaws.com/site' } } };\n",
        'config/vite.config.ts': 'export default { build: { sourcemap: true } };\n',
      },
      'svelte.config.js\n  1:43  high      link-source-map',
    ],
    [
      "SvelteKit's source maps, from the Vite configuration of the root vite build builds",
      {
        'package.json': JSON.stringify({ scripts: { build: 'vite build site' } }),
        'svelte.config.js':
          "export default { kit: { paths: { assets: 'https://acme-releases.s3.amazonaws.com/site' } } };\n",
        'site/vite.config.ts': 'export default { build: { sourcemap: true } };\n',
      },
      'svelte.config.js\n  1:43  high      link-source-map',
    ],
    [
      'a template of a postinstall script',
      {
        'package.json': JSON.stringify({ scripts: { postinstall: 'node scripts/get.js' } }),
        'scripts/get.js':
          "const B = 'acme-releases';\nfetch(`https://${B}.s3.amazonaws.com/cli.tgz`);\n",
      },
      'scripts/get.js\n  2:8  high      link-release-bucket',
    ],
    [
      'an electron-builder.config.js whose directories.app depends on electron-updater',
      {
        'package.json': JSON.stringify({ devDependencies: { 'electron-builder': '^24.13.0' } }),
        'release/app/package.json': JSON.stringify({ dependencies: { 'electron-updater': '^6' } }),
        'electron-builder.config.js':
          "module.exports = {\n  directories: { app: 'release/app' },\n  publish: { provider: 's3', bucket: 'acme-releases', acl: null },\n};\n",
      },
      'electron-builder.config.js\n  3:39  high      link-release-bucket',
    ],
    [
      'a + join of a postinstall script',
      {
        'package.json': JSON.stringify({ scripts: { postinstall: 'node scripts/get.js' } }),
        'scripts/get.js':
          "const B = 'acme-releases';\nfetch('https://' + B + '.s3.amazonaws.com/cli.tgz');\n",
      },
      'scripts/get.js\n  2:7  high      link-release-bucket',
    ],
    [
      'a Compose variable its .env gives',
      {
        'compose.yaml': [
          'services:',
          '  app:',
          '    build:',
          '      args:',
          '        URL: https://${BUCKET}.s3.amazonaws.com/app.tgz',
          '',
        ].join('\n'),
        '.env': 'BUCKET=acme-releases\n',
      },
      'compose.yaml\n  5:14  high      link-release-bucket',
    ],
    [
      'a batch file variable',
      {
        'release.cmd': [
          '@echo off',
          'set BUCKET=acme-releases',
          'curl -o app.zip https://%BUCKET%.s3.amazonaws.com/app.zip',
          '',
        ].join('\r\n'),
      },
      'release.cmd\n  3:17  high      link-release-bucket',
    ],
    [
      "a Makefile's = under an included ?=",
      {
        Makefile:
          'BUCKET = acme-releases\ninclude mk/defaults.mk\nget:\n\tcurl -O https://$(BUCKET).s3.amazonaws.com/x\n',
        'mk/defaults.mk': 'BUCKET ?= acme-staging\n',
      },
      'Makefile\n  4:10  high      link-release-bucket',
    ],
    [
      'a Makefile variable an included makefile includes, named from the Makefile directory',
      {
        Makefile: 'include mk/vars.mk\nget:\n\tcurl -O https://$(BUCKET).s3.amazonaws.com/x\n',
        'mk/vars.mk': 'include mk/bucket.mk\n',
        'mk/bucket.mk': 'BUCKET = acme-releases\n',
      },
      'Makefile\n  3:10  high      link-release-bucket',
    ],
    [
      'a step output an earlier step writes to $GITHUB_OUTPUT',
      {
        '.github/workflows/release.yml': [
          'on: push',
          'jobs:',
          '  release:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - id: cfg',
          '        run: |',
          '          cat >> "$GITHUB_OUTPUT" <<EOF',
          '          bucket=acme-releases',
          '          EOF',
          '      - run: curl -fsSLO "https://${{ steps.cfg.outputs.bucket }}.s3.amazonaws.com/app.tgz"',
          '',
        ].join('\n'),
      },
      '.github/workflows/release.yml\n  11:27  high      link-release-bucket',
    ],
  ])('reports the link %s once hid', (_name, files, shown) => {
    const run = postureIn(repo({ 'main.tf': PRIVATE_RELEASE_BUCKET, ...files }), 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(shown);
    expect(run.code).toBe(1);
  });

  it('gates a package that joins a label to a wildcard alias of a private release bucket', () => {
    const root = repo({
      'main.tf': `${PRIVATE_RELEASE_BUCKET}resource "aws_cloudfront_distribution" "d" {
  aliases = ["*.acme.io"]
  origin {
    domain_name = aws_s3_bucket.releases.bucket_regional_domain_name
    origin_id   = "s3"
  }
}
`,
      'pkg/package.json': '{ "name": "acme-cli", "version": "1.0.0", "main": "index.js" }\n',
      'pkg/index.js':
        'const SUB = "downloads";\nexports.url = "https://" + SUB + ".acme.io/cli.tgz";\n',
    });
    const run = postureIn(root, 'artifact', 'pkg', '--repo', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('pkg/index.js\n  2:15  high      artifact-storage-link');
    expect(run.stdout).toContain('https://downloads.acme.io/cli.tgz');
    expect(run.code).toBe(1);
  });

  it('opens a package: the artifact reader and its CommonJS dependencies load', () => {
    const run = posture('artifact', 'examples/npm-artifact-leak/leaky');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('cli.js.map');
  });

  // Node's module debug log names each CommonJS module it loads.
  it.each([
    ['Gen4', false, '"acme-1-releases"'],
    ['Gen[45]', true, '"acme-1-releases"'],
    ['Gen(', true, '"acme-0-releases"'],
  ])('matches regex("%s") with re2js loaded: %s', (pattern, loaded, shown) => {
    const root = repo({
      'main.tf': [
        'locals {',
        `  gen = can(regex(${JSON.stringify(pattern)}, "GP_Gen4_8")) ? 1 : 0`,
        '}',
        'resource "aws_s3_bucket" "b" {',
        '  bucket = "acme-${local.gen}-releases"',
        '  acl    = "public-read"',
        '}',
      ].join('\n'),
    });
    const run = spawnSync(process.execPath, [BUNDLE, 'scan', '.', '--format', 'json'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NODE_DEBUG: 'module' },
      timeout: 20_000,
    });
    expect(run.stdout).toContain(shown);
    expect(/load "[^"]*re2js/.test(run.stderr)).toBe(loaded);
  });
});

// A checked-in terragrunt.values.hcl that is a symlink out of the root was taken for no file: not
// read, as it must not be, but nothing said so, and the unit's scan passed the gate (exit 0).
describe('the CLI bundle and a terragrunt.values.hcl linked out of the root', () => {
  it('fails the gate at the link, and neither reads nor reports what it points at', () => {
    const outside = tempTree('bundle-outside', {
      'values.hcl': 'name = "outside-secret-releases"\npublic = true\n',
    });
    const root = repo({
      'modules/bucket/main.tf':
        'variable "name" {}\nresource "aws_s3_bucket" "b" { bucket = var.name }\n',
      'live/prod/terragrunt.hcl':
        'terraform { source = "../../modules/bucket" }\ninputs = { name = values.name }\n',
    });
    symlinkSync(join(outside, 'values.hcl'), join(root, 'live/prod/terragrunt.values.hcl'));
    const run = postureIn(root, 'scan', '.', '--format', 'json');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('outside-secret-releases');
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; location: unknown }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['input-unreadable']);
    expect(run.code).toBe(1);
  });
});

// A build file its content tells (a `.buildkite/*.yml` declaring `steps:`, a root Homebrew formula)
// was read to tell where a symlink led out of the root: a file of the machine that scans decided
// whether the link failed the gate, and one that did not declare it was skipped (exit 0).
describe('the CLI bundle and a build file its content tells, linked out of the root', () => {
  it.each(['.buildkite/deploy.yml', 'acme.rb'])('fails the gate at %s unread', (name) => {
    const outside = tempTree('bundle-outside', { 'notes.txt': 'outside-secret-releases\n' });
    const root = repo({ 'main.tf': PRIVATE_RELEASE_BUCKET, '.buildkite/keep': '' });
    symlinkSync(join(outside, 'notes.txt'), join(root, name));
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('outside-secret-releases');
    expect(run.stdout).toContain(`${name}\n  1:1  high      input-unreadable`);
    expect(run.code).toBe(1);
  });
});

// A step or job whose local action or workflow path leads out of the root (`./../x`) was dropped
// without a word (exit 0, nothing said), though what it runs was not scanned.
describe('the CLI bundle and a local action path out of the root', () => {
  it('warns where it is used', () => {
    const root = repo({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: ./../shared/actions/release',
        '',
      ].join('\n'),
    });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(
      '.github/workflows/ci.yml:6:15  warning   path-outside-root  .github/workflows/ci.yml uses ./../shared/actions/release, which leads out of the scan root',
    );
  });
});

// A matrix the CI refuses (GitHub's of more than 256 jobs) was read up to the limit without a word.
describe('the CLI bundle and a matrix GitHub refuses', () => {
  it('warns where it is written', () => {
    const values = `[${Array.from({ length: 257 }, (_, i) => `v${i}`).join(', ')}]`;
    const root = repo({
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    strategy:',
        `      matrix: { v: ${values} }`,
        '    steps:',
        '      - run: echo ${{ matrix.v }}',
        '',
      ].join('\n'),
    });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(
      /\.github\/workflows\/ci\.yml:6:\d+ +warning +build-matrix-refused +\.github\/workflows\/ci\.yml: GitHub refuses a matrix of more than 256 jobs/,
    );
  });
});

// A step's cd .. leaves the repository (GitHub runs steps in the checkout): the script it runs was
// looked up in .github/, read, and its upload reported as the release's.
describe('the CLI bundle and a step that leaves the checkout with cd ..', () => {
  it('reads no script of .github/ for it', () => {
    const root = repo({
      'main.tf': PRIVATE_RELEASE_BUCKET,
      '.github/workflows/release.yml':
        'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: cd .. && bash ship.sh\n',
      '.github/ship.sh': 'aws s3 cp dist s3://acme-releases/app --recursive --acl public-read\n',
    });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('.github/ship.sh');
    expect(run.stdout).toContain('No findings.');
    // What it runs there is not scanned, and a note says so where the step names it.
    expect(run.stdout).toContain(
      '.github/workflows/release.yml:6:28  warning   path-outside-root  .github/workflows/release.yml runs ship.sh (../ship.sh from the root), which is outside the scan root',
    );
  });
});

// A credential's name reached a link through another name (const B = SECRET): the scan reported
// its value in a link, and the artifact gate read even a credential's name itself (session 25).
describe('the CLI bundle and a name made of a credential', () => {
  const SCRIPT =
    "const SECRET = process.env.X ?? 'acme-releases';\nconst B = SECRET;\nfetch('https://' + B + '.s3.amazonaws.com/cli.tgz');\nconst TOKEN = 'acme-releases';\nfetch(`https://${TOKEN}.s3.amazonaws.com/cli.tgz`);\n";

  it('scan reads no link through it', () => {
    const root = repo({
      'main.tf': PRIVATE_RELEASE_BUCKET,
      'package.json': '{ "name": "x", "scripts": { "postinstall": "node get.js" } }\n',
      'get.js': SCRIPT,
    });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('No findings.');
  });

  it('the artifact gate reads no link through it', () => {
    const root = repo({
      'pkg/package.json': '{ "name": "x", "version": "1.0.0", "main": "get.js" }\n',
      'pkg/get.js': SCRIPT,
    });
    const run = postureIn(root, 'artifact', 'pkg');
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('acme-releases');
    expect(run.stdout).toContain('No findings.');
  });
});

// svelte.config.js was read for its literals but not among the configurations whose joins and
// templates are read: a source-map base so written passed (session 25).
describe('the CLI bundle and a SvelteKit configuration that joins its assets base', () => {
  it('reports the source maps it points at the release bucket', () => {
    const root = repo({
      'main.tf': PRIVATE_RELEASE_BUCKET,
      'package.json': '{ "name": "site", "scripts": { "build": "vite build" } }\n',
      'vite.config.ts': 'export default { build: { sourcemap: true } };\n',
      'svelte.config.js':
        "const B = 'acme-releases';\nexport default { kit: { paths: { assets: 'https://' + B + '.s3.amazonaws.com/site' } } };\n",
    });
    const run = postureIn(root, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('svelte.config.js\n  2:42  high      link-source-map');
    expect(run.code).toBe(1);
  });
});

// What Terraform refuses at the top of a file scanned "No findings", exit 0 (session 25): a
// misspelt `resourse` block, whose bucket was never read, and a `terraform show -json` plan saved
// as main.tf.json, read as configuration declaring nothing.
describe('the CLI bundle and a file Terraform refuses', () => {
  it.each([
    [
      'a misspelt resource block',
      {
        'main.tf': PRIVATE_RELEASE_BUCKET.replace(
          'resource "aws_s3_bucket" ',
          'resourse "aws_s3_bucket" ',
        ),
      },
      'main.tf\n  1:1  high      input-unreadable  Terraform would refuse main.tf: a block of type "resourse" (Unsupported block type), which was not scanned (the rest of the file was)',
    ],
    [
      'a plan saved as main.tf.json',
      {
        'main.tf.json': JSON.stringify({
          format_version: '1.2',
          terraform_version: '1.11.4',
          planned_values: {},
        }),
      },
      'main.tf.json\n  1:1  high      input-unreadable  Terraform would refuse main.tf.json: it is a plan or state that terraform show -json wrote, not configuration; nothing in it was scanned',
    ],
  ])('fails the gate at %s', (_name, files, said) => {
    const run = postureIn(repo(files), 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(said);
    expect(run.code).toBe(1);
  });
});
