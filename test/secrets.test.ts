import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePackage, SECRETS as ARTIFACT_SECRETS } from '../packages/artifact/test/support.js';
import { checkGithubProfile } from '@posture/report';
import { sarifSchemaErrors } from '../packages/report/test/support/sarif-schema.js';
import { runCli } from './support/cli.js';
import { tempDir, tempTree } from './support/temp-dirs.js';

const SECRETS = [
  's3cr3t-owner-token',
  'AKIAIOSFODNN7EXAMPLE',
  'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  'GOOG1EXAMPLEHMACACCESSID',
  'release-signer@acme-prod.iam.gserviceaccount.com',
  'ASIAEXAMPLESESSIONTOKEN',
  'ExampleGoogSignature0123',
];

const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'codequality'];

it('no report format ever carries a credential found in the repository', async () => {
  const root = tempDir('secrets');
  mkdirSync(join(root, '.github/workflows'), { recursive: true });
  writeFileSync(
    join(root, 'main.tf'),
    `variable "owner_token" {
  type      = string
  sensitive = true
}
# posture:ignore s3-public-access-block reason="the account blocks public access"
resource "aws_s3_bucket" "b" {
  bucket = "acme-releases"
  tags = {
    release = "true"
    owner   = var.owner_token
    token   = sensitive("${SECRETS[2]}")
  }
}
resource "aws_s3_bucket" "named" {
  bucket = "acme-downloads-\${module.keys.suffix}"
  acl    = "public-read"
}
module "keys" {
  source = "./keys"
}
module "private" {
  source = "git::https://bot:\${var.owner_token}@github.com/acme/modules.git"
}
module "pinned" {
  source = "git::https://bot:${SECRETS[2]}@github.com/acme/modules.git?ref=v1"
}
`,
  );
  mkdirSync(join(root, 'keys'));
  writeFileSync(
    join(root, 'keys/main.tf'),
    `output "suffix" {
  value     = "${SECRETS[1]}"
  sensitive = true
}
`,
  );
  mkdirSync(join(root, 'unit'));
  writeFileSync(
    join(root, 'unit/terragrunt.hcl'),
    `terraform {\n  source = "git::https://bot:${SECRETS[2]}@github.com/acme/modules.git//bucket"\n}\n`,
  );
  writeFileSync(join(root, 'terraform.tfvars'), `owner_token = "${SECRETS[0]}"\n`);
  writeFileSync(
    join(root, '.github/workflows/release.yml'),
    `on: { push: { tags: ['v*'] } }
jobs:
  publish:
    runs-on: ubuntu-latest
    steps:
      # posture:ignore link-presigned-url reason="an expired URL"
      - run: curl -O "https://acme-releases.s3.amazonaws.com/cli.tgz?X-Amz-Credential=${SECRETS[1]}%2F20260101&X-Amz-Signature=abc123"
      - run: curl -O https://user:${SECRETS[2]}@acme-releases.s3.amazonaws.com/cli.tgz
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?GoogleAccessId=${SECRETS[4]}&Expires=4102444800&Signature=abc123"
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?GoogleAccessId=${SECRETS[5]}&Expires=4102444800&Signature=abc123"
      - run: curl -O "https://acme-releases.s3.amazonaws.com/cli.tgz?x-amz-security-token=${SECRETS[6]}&X-Amz-Signature=abc123"
      - run: curl -O "https://storage.googleapis.com/acme-releases/cli.tgz?X-Goog-Credential=x&X-Goog-Signature=${SECRETS[7]}"
`,
  );
  writeFileSync(
    join(root, '.env.production'),
    `AWS_SECRET_ACCESS_KEY=${SECRETS[3]}\nVITE_DOWNLOAD=https://acme-releases.s3.amazonaws.com/app.dmg\n`,
  );
  const run = await runCli([
    'scan',
    root,
    ...FORMATS.flatMap((f) => ['--format', f, '--output', join(root, `out.${f}`)]),
    '--evidence',
    join(root, 'evidence.json'),
  ]);
  expect(run.code).toBe(1);
  // Excepted findings are in the SARIF too, with their justification and where it was written.
  const sarif = run.files.get(join(root, 'out.sarif')) ?? '';
  expect(sarif.match(/"status": "accepted"/g)).toHaveLength(2);
  const outputs = [...run.files.values(), run.stdout, run.stderr].join('\n');
  expect(outputs).toContain('acme-releases');
  expect(outputs).toContain('.env.production');
  for (const secret of SECRETS) expect(outputs).not.toContain(secret);
});

describe('no credential of a shape Posture knows reaches any output, wherever the scan reads it', () => {
  // Written in pieces, so that no scanner of this repository takes them for real credentials.
  const SHAPES: [string, string][] = [
    ['an AWS access key id', ['AK', 'IA', 'Z7QX4MBN2VLC3KJD'].join('')],
    ['a GitHub token', ['gh', 'p_', 'R7xQ2mZ9vK4wT1yB6nC3dF8gH5jL0pS2aE4u'].join('')],
    ['a GitHub OAuth token', ['gh', 'o_', 'Vx9TqL2mZr8Wn4Ks7Bd1Hf6Jc3Pg5Ya0EuRt'].join('')],
    ['a GitHub Actions token', ['gh', 's_', 'Qm7Xz2Lp9Wv4Rt8Ny3Bk6Hd1Fs5Gc0Ja7Ue2'].join('')],
    [
      'a fine-grained GitHub token',
      ['github', '_pat_', '11AQ7X2LI0', 'Zr8Wn4Ks7Bd1Hf6J_', 'c3Pg5Ya0EuRt'.repeat(5)].join(''),
    ],
    ['a GitLab token', ['gl', 'pat-', 'k2Hq7Wm9Zr4TpLx8Nc3V'].join('')],
    ['a Slack token', ['xo', 'xb-', '2416829562-5830163475-k2Hq7Wm9Zr4TpLx8Nc3Vb6Jd'].join('')],
    ['an npm token', ['np', 'm_', 'q8Wm2ZrT5yLp0XcVb7NnHs4KdJf1GaE3uRiO'].join('')],
    [
      'a Cloudflare API token',
      ['cf', 'ut_', 'Qm7Xz2Lp9Wv4Rt8Ny3Bk6Hd1Fs5Gc0Ja7Ue2Ko9T', '0a1b2c3d'].join(''),
    ],
    ['a private key', ARTIFACT_SECRETS.key],
  ];

  const report = (...args: string[]) => [
    ...args,
    ...FORMATS.flatMap((f) => ['--format', f, '--output', `out.${f}`]),
    '--evidence',
    'evidence.json',
  ];
  const bucket = 'resource "aws_s3_bucket" "rel" {\n  bucket = "acme-releases"\n}\n';
  const workflow = (run: string) => ({
    '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`,
    'main.tf': bucket,
  });

  interface Place {
    readonly files: (secret: string) => Record<string, string>;
    readonly args: readonly string[];
    /** Whether a secret of several lines can be written there. */
    readonly lines?: boolean;
    /** Whether the output shows the place, masked; false where it shows none of it. */
    readonly quoted?: boolean;
  }
  const PLACES: Record<string, Place> = {
    // Not quoted at all: a word alone on a line may be any pasted secret, of a shape or not.
    'a stray line, which an HCL syntax error does not quote': {
      files: (s) => ({ 'main.tf': `${bucket}${s}\n` }),
      args: report('scan', '.'),
      quoted: false,
    },
    'a stray word, quoted (40 characters of it) by an HCL syntax error': {
      files: (s) => ({ 'main.tf': bucket.replace('releases"', `releases" ${s}`) }),
      args: report('scan', '.'),
    },
    "an upload URL's path": {
      files: (s) => workflow(`aws s3 cp dist s3://acme-releases/${s}/x --acl public-read`),
      args: report('scan', '.'),
    },
    "a download URL's query": {
      files: (s) => workflow(`curl -O "https://acme-releases.s3.amazonaws.com/x?v=${s}"`),
      args: report('scan', '.'),
    },
    "a download URL's fragment": {
      files: (s) => workflow(`curl -O "https://acme-releases.s3.amazonaws.com/x#${s}"`),
      args: report('scan', '.'),
    },
    "a download URL's userinfo": {
      files: (s) =>
        workflow(`curl -O "https://x-access-token:${s}@acme-releases.s3.amazonaws.com/x"`),
      args: report('scan', '.'),
    },
    'a link in a build file': {
      files: (s) => ({
        'package.json': JSON.stringify({
          name: 'app',
          scripts: { get: `curl -O https://acme-releases.s3.amazonaws.com/${s}/x` },
        }),
        'main.tf': bucket,
      }),
      args: report('scan', '.'),
    },
    "a module's source": {
      files: (s) => ({
        'main.tf': `module "m" {\n  source = "git::https://github.com/acme/${s}.git"\n}\n`,
      }),
      args: report('scan', '.'),
    },
    "a bucket's name": {
      files: (s) => ({
        'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = <<-EOT\n${s}\nEOT\n  tags = { release = "true" }\n}\n`,
      }),
      args: report('scan', '.'),
      lines: true,
    },
    "a resource's address, in a baseline": {
      files: (s) => ({
        'main.tf': `resource "aws_s3_bucket" "b" {\n  for_each = toset(["${s}"])\n  bucket   = "acme-releases-\${each.key}"\n}\n`,
      }),
      args: ['baseline', '.', '-o', 'baseline.json'],
    },
    "an exception's reason in a comment": {
      files: (s) => ({
        'main.tf': `# posture:ignore s3-public-access-block reason="${s}"\n${bucket}`,
      }),
      args: report('scan', '.'),
    },
    "an exception's reason in the policy file": {
      files: (s) => ({
        'main.tf': bucket,
        'posture.config.yaml': `exceptions:\n  - rule: s3-public-access-block\n    target: { bucket: acme-releases }\n    reason: |\n${s.replace(/^/gm, '      ')}\n`,
      }),
      args: report('scan', '.'),
      lines: true,
    },
    'a setting the policy file does not know, on stderr': {
      files: (s) => ({ 'main.tf': bucket, 'posture.config.yaml': `${s}: 1\n` }),
      args: report('scan', '.'),
    },
    "a shipped file's link": {
      files: (s) => ({
        'package.json': JSON.stringify({ name: 'cli', version: '1.0.0', files: ['index.js'] }),
        'index.js': `fetch("https://acme-releases.s3.amazonaws.com/${s}/x");\n`,
      }),
      args: report('artifact', '.'),
    },
  };

  const CASES = Object.entries(PLACES).flatMap(([place, where]) =>
    SHAPES.filter(([, secret]) => where.lines || !secret.includes('\n')).map(
      ([shape, secret]) => [place, shape, where, secret] as const,
    ),
  );

  it.each(CASES)('%s: %s', async (_place, _shape, where, secret) => {
    const dir = makePackage(where.files(secret));
    const run = await runCli(where.args, dir);
    const outputs = [...run.files.values(), run.stdout, run.stderr].join('\n');
    // The place was reported, with the credential masked where it was.
    if (where.quoted !== false) expect(outputs).toContain('REDACTED');
    for (const part of secret
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('-----')))
      expect(outputs).not.toContain(part);
    const sarif = run.files.get(join(dir, 'out.sarif'));
    if (sarif !== undefined) expect(sarifSchemaErrors(JSON.parse(sarif))).toEqual([]);
  });
});

// A path is the repository's, not a credential found in a file's content: masked, the report named
// a file no one has, and code scanning an alert with no file.
describe('a file whose name has the shape of a credential is named as it is', () => {
  type Log = Parameters<typeof checkGithubProfile>[0];
  const bucket =
    'resource "aws_s3_bucket" "rel" {\n  bucket = "acme-releases"\n  acl    = "public-read"\n}\n';
  const download =
    'on: push\njobs:\n  b:\n    runs-on: x\n    steps:\n      - run: curl -O https://acme-releases.s3.amazonaws.com/a.tgz\n';
  it.each([
    ['an npm token', '.github/workflows/npm_releases.yml', { 'main.tf': bucket }, download],
    ['an AWS access key id', ['AK', 'IA', 'Z7QX4MBN2VLC3KJD.tf'].join(''), {}, bucket],
  ])('%s: %s', async (_shape, file, others, text) => {
    const root = tempTree('credential-name', { ...others, [file]: text });
    const run = await runCli(['scan', '.', '-f', 'sarif', '-o', 'out.sarif', '-f', 'text'], root);
    expect(run.stdout).toContain(`${file}\n`);
    const log = JSON.parse(run.files.get(join(root, 'out.sarif')) ?? '{}') as Log;
    const uris = (log.runs[0]?.results ?? []).map(
      (result) => result.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
    );
    expect(uris).toContain(file);
    expect(checkGithubProfile(log, { srcRoot: root })).toEqual([]);
  });
});
