import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile, builtinRules } from '@posture/core';
import { main } from '@posture/cli';
import { checkGithubProfile, POSTURE_FINDING_HASH } from '@posture/report';
import { sarifSchemaErrors } from '../packages/report/test/support/sarif-schema.js';
import { processIo } from '../packages/cli/src/io.js';
import { repoRoot, runCli, type CliRun } from './support/cli.js';
import { tempTree } from './support/temp-dirs.js';

const PUBLIC_RELEASE_BUCKET =
  'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n  acl    = "public-read-write"\n}\n';

function repo(files: Record<string, string>): string {
  return tempTree('cli', files);
}

describe('exit codes', () => {
  it('0 when nothing reaches --fail-on, 1 when something does', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    expect((await runCli(['scan', root])).code).toBe(1);
    expect((await runCli(['scan', root, '--fail-on', 'critical'])).code).toBe(1);
    expect((await runCli(['scan', root, '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['scan', repo({ 'main.tf': '' })])).code).toBe(0);
  });

  it('1 for an unreadable file: the gate fails closed, and the rest is still scanned', async () => {
    const root = repo({
      'broken.tf': 'resource "aws_s3_bucket" {{{\n',
      'main.tf': PUBLIC_RELEASE_BUCKET,
    });
    const run = await runCli(['scan', root, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
    };
    expect(report.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['input-unreadable', 's3-public-acl']),
    );
  });

  it('1 for an unreadable file whatever --fail-on says, but none: what was not read may be critical', async () => {
    const root = repo({ 'broken.tf': 'resource "aws_s3_bucket" "b" {\n  bucket =\n}\n' });
    expect((await runCli(['scan', root, '--fail-on', 'critical'])).code).toBe(1);
    expect((await runCli(['scan', root, '--fail-on', 'none'])).code).toBe(0);
  });

  // What a link out of the repository points at is a file of the machine that scans: not read,
  // and, for configuration that may declare a public release bucket, not passed as clean either.
  it.each([
    ['a .tf', 'releases.tf', PUBLIC_RELEASE_BUCKET, 1, 'error'],
    ['terraform.tfvars', 'terraform.tfvars', 'acl = "public-read"\n', 1, 'error'],
    ['a file file() reads', 'policy.json', '{}', 0, 'warning'],
  ])(
    'a symlink out of the repository to %s is not read',
    async (_what, link, text, code, severity) => {
      const outside = repo({ target: text });
      const root = repo({
        'main.tf':
          'resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = file("policy.json")\n}\n',
      });
      symlinkSync(join(outside, 'target'), join(root, link));
      const run = await runCli(['scan', root, '-f', 'json']);
      expect(run.code).toBe(code);
      const report = JSON.parse(run.stdout) as {
        findings: { ruleId: string; location: { file: string } }[];
        diagnostics: { severity: string; code: string; range: { file: string } }[];
      };
      const refused = report.diagnostics.filter((d) => d.code === 'path-outside-root');
      expect(refused.map((d) => d.severity)).toEqual([severity]);
      expect(report.findings.map((f) => [f.ruleId, f.location.file])).toEqual(
        code === 1 ? [['input-unreadable', link]] : [],
      );
    },
  );

  // Configuration behind a symlink out of the repository is not read either, and the gate fails
  // closed, naming the link: a directory that may hold .tf files and no module call names, a
  // Terragrunt unit, a build file that may link to a release bucket.
  it.each([
    [
      'a directory',
      'infra/linked',
      { 'target/main.tf': PUBLIC_RELEASE_BUCKET },
      'path-outside-root',
    ],
    [
      'a terragrunt.hcl',
      'live/app/terragrunt.hcl',
      { target: 'inputs = { acl = "public-read" }\n' },
      'path-outside-root',
    ],
    [
      'a package.json',
      'package.json',
      { target: '{"scripts": {"release": "aws s3 cp dist s3://acme-releases/"}}\n' },
      'build-file-unreadable',
    ],
    [
      'a workflow',
      '.github/workflows/release.yml',
      {
        target:
          'on: push\njobs:\n  a:\n    steps:\n      - run: aws s3 sync dist s3://acme-releases\n',
      },
      'build-file-unreadable',
    ],
  ])('a symlink out of the repository to %s fails the scan', async (_what, link, files, code) => {
    const outside = repo(files);
    const root = repo({ 'main.tf': 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n' });
    mkdirSync(dirname(join(root, link)), { recursive: true });
    symlinkSync(join(outside, 'target'), join(root, link));
    const text = await runCli(['scan', root]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Could not read ${link}: it is a symbolic link leading out`);
    const report = JSON.parse((await runCli(['scan', root, '-f', 'json'])).stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      diagnostics: { severity: string; code: string; range: { file: string } }[];
    };
    expect(report.findings.map((f) => [f.ruleId, f.location.file])).toEqual([
      ['input-unreadable', link],
    ]);
    expect(report.diagnostics.map((d) => [d.severity, d.code, d.range.file])).toEqual([
      ['error', code, link],
    ]);
  });

  it.each([
    ['turns input-unreadable off', 'enabled: false', 'cannot turn it off'],
    ['grades input-unreadable low', 'severity: low', 'cannot grade it below high'],
  ])(
    '2 for a policy file that %s: a file left unread would pass unseen',
    async (_what, setting, says) => {
      const root = repo({
        'broken.tf': 'resource "aws_s3_bucket" "b" {\n  bucket =\n}\n',
        'posture.config.yaml': `rules:\n  input-unreadable: { ${setting} }\n`,
      });
      const run = await runCli(['scan', root]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        `bad policy file: posture.config.yaml:2: rules.input-unreadable.${setting.split(':')[0]}: input-unreadable reports input that was not checked and fails the gate closed: a policy file ${says}`,
      );
    },
  );

  it.each([
    [
      'module calls nested more than 32 deep',
      Object.fromEntries(
        Array.from({ length: 34 }, (_, i) => [
          `${'m/'.repeat(i)}main.tf`,
          i === 33 ? 'resource "terraform_data" "x" {}\n' : 'module "m" {\n  source = "./m"\n}\n',
        ]),
      ),
      `${'m/'.repeat(32)}main.tf`,
      2,
    ],
    [
      'scripts run more than 16 levels down',
      {
        'release.sh': 'bash s0.sh\n',
        ...Object.fromEntries(
          Array.from({ length: 17 }, (_, i) => [`s${i}.sh`, `bash s${i + 1}.sh\n`]),
        ),
        's17.sh': 'aws s3 cp dist s3://acme-releases/ --acl public-read\n',
      },
      's15.sh',
      1,
    ],
    [
      'a Makefile holding more than 2000 references',
      {
        Makefile: `BUCKET = acme-releases\n${Array.from({ length: 2001 }, (_, i) => `t${i}:\n\taws s3 cp f s3://$(BUCKET)/f${i}\n`).join('')}release:\n\taws s3 cp dist s3://$(BUCKET)/ --acl public-read\n`,
      },
      'Makefile',
      1,
    ],
    [
      'a release script larger than 5 MiB',
      {
        'release.sh':
          `${'#'.repeat(1000)}\n`.repeat(5300) +
          'aws s3 cp dist s3://acme-releases/ --acl public-read\n',
      },
      'release.sh',
      1,
    ],
  ])(
    '1 for %s: what was not read is a high finding where it is',
    async (_what, files, file, line) => {
      const run = await runCli(['scan', repo(files), '--format', 'json']);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as {
        findings: {
          ruleId: string;
          severity: string;
          location: { file: string; start: { line: number } };
        }[];
      };
      expect(report.findings).toMatchObject([
        { ruleId: 'input-unreadable', severity: 'high', location: { file, start: { line } } },
      ]);
    },
  );

  it.each([
    ['an unknown option', ['scan', '--nope']],
    ['a path that does not exist', ['scan', '/does/not/exist']],
    ['a bad --var', ['scan', '.', '--var', 'novalue']],
    ['a --var map that is no constant', ['scan', '.', '--var', 'tags={ a = var.b }']],
    ['an unknown command', ['frobnicate']],
  ])('2 for %s, with a message', async (_what, args) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^posture: /);
  });

  it('2 for paths that hold nothing to scan, writing no report an upload would close alerts with', async () => {
    const root = repo({ 'docs/README.md': '# Docs\n', 'infra/main.tf': PUBLIC_RELEASE_BUCKET });
    const expected = (paths: string, found: string) =>
      `posture: nothing to scan in ${paths}: no Terraform, plan or build configuration was found ${found}. An empty report would pass the gate, and close every open alert where it is uploaded.\n`;
    const empty = await runCli(['scan', 'docs', '-f', 'sarif', '-o', 'p.sarif'], root);
    expect(empty).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expected('docs', '(is the path right?)'),
    });
    expect(empty.files.size).toBe(0);
    const excluded = await runCli(['baseline', '.', '--exclude', 'infra/**'], root);
    expect(excluded).toMatchObject({
      code: 2,
      stderr: expected('.', "outside what is excluded (--exclude 'infra/**')"),
    });
    expect((await runCli(['scan', 'infra'], root)).code).toBe(1);
  });

  describe('2 for a file named that is a device or a named pipe, never read', () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET, 'app/package.json': '{}' });
    const pipe = join(root, 'pipe');
    expect(spawnSync('mkfifo', [pipe]).status, 'mkfifo is needed for this test').toBe(0);
    it.each([
      ['a path', ['scan', pipe], `${pipe} is neither a directory nor a regular file.`],
      ['a path', ['scan', '/dev/zero'], '/dev/zero is neither a directory nor a regular file.'],
      [
        '--plan',
        ['scan', root, '--plan', pipe],
        `${pipe} is neither a directory nor a regular file.`,
      ],
      [
        '--var-file',
        ['scan', root, '--var-file', '/dev/zero'],
        '/dev/zero is neither a directory nor a regular file.',
      ],
      [
        '--baseline',
        ['scan', root, '--baseline', pipe],
        `cannot read the baseline ${pipe}: not a regular file`,
      ],
      [
        '--config',
        ['scan', root, '--config', '/dev/zero'],
        '/dev/zero: cannot read the policy file (not a regular file)',
      ],
      ['an artifact', ['artifact', pipe], `${pipe} is neither a directory nor a regular file.`],
      [
        '--manifest',
        ['artifact', join(root, 'app'), '--manifest', pipe],
        `cannot read the manifest ${pipe}: not a regular file`,
      ],
    ])('%s: %j', async (_what, args, message) => {
      const run = await runCli(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    });
  });

  it('2 for a path that cannot be reached, saying why rather than that it does not exist', async () => {
    const root = repo({});
    symlinkSync('loop', join(root, 'loop'));
    const run = await runCli(['scan', join(root, 'loop/main.tf')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `posture: ${join(root, 'loop/main.tf')} cannot be read (its symbolic links loop).\n`,
    );
  });

  it('2 for an internal error, said to be a bug in Posture, not sent to the usage', async () => {
    let stderr = '';
    const code = await main(['scan', repo({ 'main.tf': PUBLIC_RELEASE_BUCKET })], {
      stdout: () => {
        throw new RangeError('Maximum call stack size exceeded');
      },
      stderr: (text) => void (stderr += text),
      writeFile: () => undefined,
      readStdin: () => Promise.resolve(new Uint8Array()),
      isTty: false,
      cwd: repoRoot(),
      env: {},
    });
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^posture: internal error: Maximum call stack size exceeded\n.*bug in Posture/,
    );
    expect(stderr).not.toContain('--help');
  });

  it.each([
    [['scan', '--nope'], 'Unknown argument: nope'],
    [['frobnicate', '--nope'], 'Unknown command: frobnicate'],
    [['scna', '.'], 'Unknown command; did you mean scan?'],
    // Each said "Not enough non-option arguments: got 0, need at least 1", or "Name a command".
    [
      ['artifact'],
      'Name the package to check: an npm .tgz, a .zip, an Electron .asar, or a package directory (posture artifact acme-1.0.0.tgz).',
    ],
    [
      ['explain', '--rules-dir', 'rules'],
      'Name the rule to explain by its id (posture explain s3-public-access-block); posture rules lists them.',
    ],
    [
      ['--bogus'],
      'Unknown argument: bogus (options follow a command). Name a command: scan, artifact, baseline, init, rules or explain.',
    ],
    [[], 'Name a command: scan, artifact, baseline, init, rules or explain.'],
    // Named once, as typed: not beside its camelCase twin (`soft-fail, softFail`).
    [['scan', '--soft-fail'], 'Unknown argument: soft-fail'],
    [['scan', '--skip-check', 'CKV_AWS_20'], 'Unknown argument: skip-check'],
    // On one line, not yargs' "Argument: format, Given: …" under a heading.
    [
      ['scan', '--format', 'sarf'],
      'Invalid values: --format "sarf": expected one of "text", "json", "sarif", "markdown", "junit", "codequality".',
    ],
    [
      ['artifact', '.', '--fail-on', 'hgh'],
      'Invalid values: --fail-on "hgh": expected one of "critical", "high", "medium", "low", "info", "none".',
    ],
  ])('2 for arguments yargs refuses, pointing at the usage: %j', async (args, message) => {
    const run = await runCli(args);
    expect(run.stderr).toBe(`posture: ${message}\nRun "posture --help" for usage.\n`);
  });

  // The message was a second list, written by hand beside the commands registered: one added
  // without it would have been left out of it.
  it('asks for a command by the names of all the commands registered, as the help lists them', async () => {
    // The help as the bundle prints it (test/cli-bundle.test.ts): yargs prints it to the process.
    const help = readFileSync(join(repoRoot(), 'test/fixtures/help/posture.txt'), 'utf8');
    const listed = [...help.matchAll(/^ {2}posture (\S+)/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(5);
    const asked = (await runCli([])).stderr;
    expect(asked).toContain(
      `Name a command: ${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}.`,
    );
  });

  it('2 for a bad policy file, naming file, line and field of each problem', async () => {
    const root = repo({
      'main.tf': '',
      'posture.config.yaml': 'owner: x\nscope: everything\nfailOn: never\n',
    });
    const run = await runCli(['scan', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('posture.config.yaml:2: scope: expected one of "release", "all"');
    expect(run.stderr).toContain('posture.config.yaml:3: failOn: expected one of');
  });
});

describe('messages on stderr', () => {
  const BAD_POLICY = 'scope: everything\n';
  /** A checkout with a bad policy in infra/ and none for site/, and a bad one beside it, outside. */
  function checkout(): string {
    const around = repo({ 'policies/strict.yaml': BAD_POLICY });
    mkdirSync(join(around, 'repo/.git'), { recursive: true });
    writeFileSync(join(around, 'repo/README.txt'), '');
    writeFileSync(join(around, 'repo/bad-baseline.json'), '{"version": "posture-baseline/v1"}');
    mkdirSync(join(around, 'repo/infra'));
    writeFileSync(join(around, 'repo/infra/main.tf'), '');
    writeFileSync(join(around, 'repo/infra/posture.config.yaml'), BAD_POLICY);
    mkdirSync(join(around, 'repo/site'));
    writeFileSync(join(around, 'repo/site/main.tf'), '');
    return join(around, 'repo');
  }

  it.each<[string, string, string[], string]>([
    [
      'a policy file the scan found, from the top of the repository',
      'infra',
      ['scan', '.'],
      'bad policy file: infra/posture.config.yaml:1: scope: expected one of',
    ],
    [
      'a policy file given outside the repository, as typed',
      '.',
      ['scan', 'infra', '--config', '../policies/strict.yaml'],
      'bad policy file: ../policies/strict.yaml:1: scope: expected one of',
    ],
    [
      'a policy file that cannot be read, as typed',
      'infra',
      ['scan', '.', '--config', 'missing.yaml'],
      'bad policy file: missing.yaml: cannot read the policy file (does not exist)',
    ],
    [
      'a policy file the artifact command found',
      'infra',
      ['artifact', '.'],
      'bad policy file: infra/posture.config.yaml:1: scope: expected one of',
    ],
    [
      'a path that does not exist',
      '.',
      ['scan', 'infra/nope'],
      'posture: infra/nope does not exist.',
    ],
    [
      'a plan that does not exist',
      'infra',
      ['scan', '.', '--plan', 'plan.json'],
      'posture: plan.json does not exist.',
    ],
    [
      'a plan that is a directory',
      '.',
      ['scan', 'infra', '--plan', 'site'],
      'posture: --plan site is a directory.',
    ],
    [
      'a file Posture does not scan',
      '.',
      ['scan', 'README.txt'],
      'posture: README.txt is not a file Posture scans',
    ],
    [
      'a baseline that does not exist',
      '.',
      ['scan', 'site', '--baseline', 'nope.json'],
      'posture: cannot read the baseline nope.json: does not exist',
    ],
    [
      'a baseline that is no baseline',
      'site',
      ['scan', '.', '--baseline', '../bad-baseline.json'],
      'posture: ../bad-baseline.json is not a Posture baseline',
    ],
    [
      'a manifest that cannot be read',
      '.',
      ['artifact', 'site', '--manifest', 'nope.json'],
      'posture: bad manifest: cannot read the manifest nope.json: does not exist',
    ],
  ])('name %s, never by an absolute path', async (_what, dir, args, message) => {
    const root = checkout();
    const run = await runCli(args, join(root, dir));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain(dirname(root));
  });
});

describe('choice values', () => {
  const NOT_RELEASE_BUCKET =
    'resource "aws_s3_bucket" "b" {\n  bucket = "acme-assets"\n  acl    = "public-read"\n}\n';

  it.each([
    ['--fail-on NONE', ['--fail-on', 'NONE'], (run: CliRun) => expect(run.code).toBe(0)],
    [
      '-f JSON',
      ['-f', 'JSON'],
      (run: CliRun) => expect(() => JSON.parse(run.stdout)).not.toThrow(),
    ],
    [
      '--scope ALL',
      ['--scope', 'ALL'],
      (run: CliRun) => expect(run.stdout).toContain('s3-public-acl'),
    ],
  ])('are taken in any case, as Trivy users type them: %s', async (_flag, args, check) => {
    const run = await runCli(['scan', repo({ 'main.tf': NOT_RELEASE_BUCKET }), ...args]);
    expect(run.stderr).toBe('');
    check(run);
  });
});

describe('--var', () => {
  const TAGGED_BUCKET =
    'variable "tags" {\n  type = map(string)\n}\n' +
    'resource "aws_s3_bucket" "b" {\n  bucket = "acme-assets"\n  tags   = var.tags\n}\n';

  it.each([
    ['HCL', 'tags={ release = "true" }'],
    ['JSON', 'tags={"release": "true"}'],
  ])('takes a map written in %s, as Terraform does', async (_syntax, pair) => {
    const root = repo({ 'main.tf': TAGGED_BUCKET });
    const run = await runCli(['scan', root, '--var', pair, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toContain('s3-public-access-block');
  });

  it('gives a string variable the text of a value that looks like a map, as Terraform does', async () => {
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: '*' }],
    });
    const root = repo({
      'main.tf':
        'variable "policy" {\n  type = string\n}\n' +
        'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n' +
        'resource "aws_s3_bucket_policy" "b" {\n  bucket = aws_s3_bucket.b.id\n  policy = var.policy\n}\n',
    });
    const run = await runCli(['scan', root, '--var', `policy=${policy}`, '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    const found = report.findings.find((f) => f.ruleId === 's3-public-policy');
    expect(found?.severity).toBe('critical');
  });
});

describe('--workspace', () => {
  const PUBLIC_IN_PROD =
    'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n' +
    '  acl    = terraform.workspace == "prod" ? "public-read" : "private"\n}\n';

  it.each([
    [[], 's3-public-acl medium'],
    [['--workspace', 'prod'], 's3-public-acl high'],
    [['--workspace', 'dev'], undefined],
  ])('names terraform.workspace: %j', async (args, expected) => {
    const run = await runCli(['scan', repo({ 'main.tf': PUBLIC_IN_PROD }), ...args, '-f', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    const acl = report.findings.find((f) => f.ruleId === 's3-public-acl');
    expect(acl && `${acl.ruleId} ${acl.severity}`).toBe(expected);
  });
});

describe('--var-file', () => {
  const NAMED_BUCKET =
    'variable "name" {\n  default = "acme-scratch"\n}\n' +
    'resource "aws_s3_bucket" "b" {\n  bucket = var.name\n  acl    = "public-read"\n}\n';

  it('is read outside the scan root: the user named it, as a plan', async () => {
    const root = repo({
      'infra/main.tf': NAMED_BUCKET,
      'envs/prod.tfvars': 'name = "acme-releases"\n',
    });
    const run = await runCli(
      ['scan', 'infra', '--var-file', 'envs/prod.tfvars', '-f', 'json'],
      root,
    );
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[]; diagnostics: [] };
    expect(report.diagnostics).toEqual([]);
    expect(report.findings.map((f) => f.ruleId)).toContain('s3-public-acl');
    expect(run.code).toBe(1);
  });

  it('is a usage error, naming it, when it does not exist', async () => {
    const root = repo({ 'main.tf': NAMED_BUCKET });
    const run = await runCli(['scan', '.', '--var-file', 'envs/prodd.tfvars'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('envs/prodd.tfvars does not exist');
  });

  // A plan given as variables was read as variables no root declares: the scan passed without
  // the plan's values and without a word.
  it.each([
    ['a plan', 'plan.json', '{"format_version":"1.2","terraform_version":"1.11.0"}', 2],
    [
      'a state, as jq prints it',
      'state.json',
      '{\n  "format_version": "1.0",\n  "values": {}\n}\n',
      2,
    ],
    [
      'variables that name a terraform_version',
      'prod.tfvars.json',
      '{"terraform_version": "1.9.0", "name": "acme-releases"}',
      1,
    ],
    ['variables in HCL', 'prod.tfvars', 'name = "acme-releases"\n', 1],
  ])('given %s, runs or says to give it with --plan', async (_what, file, text, code) => {
    const root = repo({ 'main.tf': NAMED_BUCKET, [file]: text });
    const run = await runCli(['scan', '.', '--var-file', file], root);
    expect(run.code).toBe(code);
    if (code === 2)
      expect(run.stderr).toBe(
        `posture: --var-file ${file} is a plan or state (terraform show -json), not variables: give it with --plan.\n`,
      );
    else expect(run.stdout).toContain('s3-public-acl');
  });
});

describe('the policy file', () => {
  it('is found at the scan root and applied: owner, failOn, rule severity', async () => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'posture.config.yaml':
        'owner: sec@acme.example\nfailOn: critical\nrules:\n  s3-public-acl:\n    severity: low\n',
    });
    const run = await runCli(['scan', root, '--format', 'json']);
    const report = JSON.parse(run.stdout) as {
      policy: { owner: string };
      findings: { ruleId: string; severity: string }[];
    };
    expect(report.policy.owner).toBe('sec@acme.example');
    expect(report.findings.find((f) => f.ruleId === 's3-public-acl')?.severity).toBe('low');
    expect(run.code).toBe(0);
  });

  it("sets the rule's SARIF severity: its alerts keep their rule id and fingerprints", async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const acl = async () => {
      const run = await runCli(['scan', root, '-f', 'sarif']);
      const log = JSON.parse(run.stdout) as Parameters<typeof checkGithubProfile>[0];
      const result = log.runs[0]?.results?.find((r) => r.ruleId?.startsWith('s3-public-acl'));
      const descriptor = log.runs[0]?.tool.driver.rules?.[result?.ruleIndex ?? -1];
      const { ruleId, level, fingerprints, partialFingerprints } = result ?? {};
      const score: unknown = descriptor?.properties?.['security-severity'];
      return {
        ruleId,
        level,
        descriptor: [descriptor?.id, score],
        fingerprints,
        partialFingerprints,
      };
    };
    const own = await acl();
    expect(own).toMatchObject({ ruleId: 's3-public-acl', descriptor: ['s3-public-acl', '9.5'] });
    writeFileSync(
      join(root, 'posture.config.yaml'),
      'rules:\n  s3-public-acl: { severity: low }\n',
    );
    expect(await acl()).toEqual({
      ...own,
      level: 'note',
      descriptor: ['s3-public-acl', '3.0'],
    });
  });

  it('--rule runs only the rules named and --skip-rule leaves some out, over the file', async () => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'posture.config.yaml': 'rules:\n  s3-public-acl:\n    severity: low\n',
    });
    const ids = async (...flags: string[]) => {
      const run = await runCli(['scan', root, '--format', 'json', ...flags]);
      const { findings } = JSON.parse(run.stdout) as {
        findings: { ruleId: string; severity: string }[];
      };
      return findings.map((f) => `${f.ruleId}/${f.severity}`).sort();
    };
    const all = await ids();
    expect(all).toContain('s3-public-acl/low');
    expect(await ids('--rule', 's3-public-acl')).toEqual(['s3-public-acl/low']);
    expect(await ids('--skip-rule', 's3-public-acl')).toEqual(
      all.filter((id) => !id.startsWith('s3-public-acl/')),
    );
    // The rules about unreadable input keep running: --rule never makes a broken file clean.
    writeFileSync(join(root, 'broken.tf'), 'resource "aws_s3_bucket" "x" {\n');
    expect(await ids('--rule', 's3-public-acl')).toEqual([
      'input-unreadable/high',
      's3-public-acl/low',
    ]);
    // Only by name, as the README says: the operator's choice, which a policy file cannot make.
    const skipped = await runCli([
      'scan',
      root,
      '--skip-rule',
      'input-unreadable',
      '--rule',
      's3-public-acl',
    ]);
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toContain('hcl-syntax');
    expect(skipped.stdout).not.toContain('input-unreadable');
    const unknown = await runCli(['scan', root, '--skip-rule', 's3-public-acls']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "s3-public-acls"');
    const both = [
      '--rule',
      's3-public-acl',
      '--rule',
      's3-website',
      '--skip-rule',
      's3-public-acl',
    ];
    const contradiction = await runCli(['scan', root, ...both]);
    expect(contradiction.code).toBe(2);
    expect(contradiction.stderr).toBe(
      'posture: --rule s3-public-acl and --skip-rule s3-public-acl contradict: name it in one.\n',
    );
  });

  // --rule turns the other rules off over the file, never one on: with the file turning it off too,
  // only the rules on unreadable input would run, and the gate pass without a word.
  it.each([
    ['turns off', 'rules:\n  s3-public-acl:\n    enabled: false\n', [], 'posture.config.yaml:3'],
    [
      'turns off in flow style',
      'rules:\n  s3-public-acl: { enabled: false }\n',
      [],
      'posture.config.yaml:2',
    ],
    [
      'given with --config turns off',
      'rules:\n  s3-public-acl:\n    enabled: false\n',
      ['--config', 'posture.config.yaml'],
      'posture.config.yaml:3',
    ],
  ])(
    '--rule is a usage error for a rule the file %s, naming its line',
    async (_what, policy, flags, at) => {
      const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET, 'posture.config.yaml': policy });
      const run = await runCli(['scan', '.', '--rule', 's3-public-acl', ...flags], root);
      expect(run).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `posture: --rule s3-public-acl and ${at} (enabled: false) contradict: turn the rule on there, or leave --rule s3-public-acl out.\n`,
      });
      // A rule the file keeps on, beside it, runs as asked.
      const other = await runCli(['scan', '.', '--rule', 's3-public-access-block', ...flags], root);
      expect(other).toMatchObject({ code: 0, stderr: '' });
      expect(other.stdout).toContain('s3-public-access-block');
    },
  );

  it('--config names it explicitly', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET, 'strict.yaml': 'failOn: low\n' });
    expect(
      (await runCli(['scan', root, '--config', join(root, 'strict.yaml'), '--fail-on', 'none']))
        .code,
    ).toBe(0);
    expect((await runCli(['scan', root, '--config', join(root, 'missing.yaml')])).code).toBe(2);
  });

  it('posture init writes a starter policy that validates against the schema', async () => {
    const root = repo({});
    const run = await runCli(['init', root]);
    expect(run.code).toBe(0);
    const [path, text] = [...run.files][0] ?? [];
    expect(path).toBe(join(root, 'posture.config.yaml'));
    writeFileSync(join(root, 'posture.config.yaml'), text ?? '');
    const { policy } = loadPolicyFile(
      join(root, 'posture.config.yaml'),
      new Set(builtinRules.map((r) => r.meta.id)),
    );
    expect(policy.failOn).toBe('high');
    expect((await runCli(['init', root])).code).toBe(2);
    // Named on stderr as typed, never by a path of this machine.
    expect((await runCli(['init'], root)).stderr).toBe(
      'posture: posture.config.yaml exists; use --force to overwrite it.\n',
    );
    mkdirSync(join(root, 'infra'));
    expect((await runCli(['init', 'infra'], root)).stderr).toBe(
      'Wrote infra/posture.config.yaml. Set "owner", then commit it.\n',
    );
  });
});

describe('baselines', () => {
  it('round trip: a baselined finding no longer fails the gate, a new one does', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const made = await runCli(['baseline', root, '-o', join(root, 'baseline.json')]);
    expect(made.code).toBe(0);
    writeFileSync(join(root, 'baseline.json'), made.files.get(join(root, 'baseline.json')) ?? '');
    // Lines added above the finding do not change its fingerprint.
    writeFileSync(join(root, 'main.tf'), `# a comment\n\n${PUBLIC_RELEASE_BUCKET}`);
    expect((await runCli(['scan', root, '--baseline', join(root, 'baseline.json')])).code).toBe(0);
    writeFileSync(
      join(root, 'new.tf'),
      PUBLIC_RELEASE_BUCKET.replace(/"b"/, '"c"').replace('acme-releases', 'acme-releases-2'),
    );
    const run = await runCli([
      'scan',
      root,
      '--baseline',
      join(root, 'baseline.json'),
      '--format',
      'sarif',
    ]);
    expect(run.code).toBe(1);
    // New and baselined findings stay in the SARIF, told apart: no alert is closed as fixed.
    const log = JSON.parse(run.stdout) as {
      runs: { results: { suppressions: { status: string }[]; baselineState: string }[] }[];
    };
    const states = log.runs[0]?.results.map((r) => [r.baselineState, r.suppressions[0]?.status]);
    expect(states).toEqual([
      ['new', undefined],
      ['new', undefined],
      ['unchanged', 'accepted'],
      ['unchanged', 'accepted'],
    ]);
    expect(sarifSchemaErrors(log)).toEqual([]);
  });

  it('never hold input that could not be read: it fails the gate until fixed or excluded', async () => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'broken.tf': 'resource "aws_s3_bucket" "x" {\n',
    });
    const path = join(root, 'baseline.json');
    const made = await runCli(['baseline', root, '-o', path]);
    expect(made.stderr).toBe(
      `Wrote 2 findings to ${path}.\nLeft out 1 that fails closed (input-unreadable): it fails the gate until fixed or excluded.\n`,
    );
    const written = made.files.get(path) ?? '';
    expect(written).not.toContain('input-unreadable');
    writeFileSync(path, written);
    const run = await runCli(['scan', root, '--baseline', path, '-f', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; suppression?: object }[];
    };
    expect(report.findings.filter((f) => !f.suppression).map((f) => f.ruleId)).toEqual([
      'input-unreadable',
    ]);
    // Nor does a baseline written before, which holds it, suppress it.
    const sarif = JSON.parse((await runCli(['scan', root, '-f', 'sarif'])).stdout) as {
      runs: { results: { ruleId: string; fingerprints: Record<string, string> }[] }[];
    };
    const unread = sarif.runs[0]?.results.find((r) => r.ruleId === 'input-unreadable');
    const older = JSON.parse(written) as { findings: object[] };
    older.findings.push({
      ruleId: 'input-unreadable',
      file: 'broken.tf',
      fingerprint: unread?.fingerprints[POSTURE_FINDING_HASH],
    });
    writeFileSync(path, JSON.stringify(older));
    const again = await runCli(['scan', root, '--baseline', path]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(
      'The entry for input-unreadable at broken.tf is not honoured: input that could not be read fails the gate',
    );
  });

  it('note each entry no finding matches, where it is written, until --prune drops it', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const path = join(root, 'baseline.json');
    const save = (run: CliRun) => writeFileSync(path, run.files.get(path) ?? '');
    const made = await runCli(['baseline', root, '-o', path, '--rule', 's3-public-acl']);
    expect(made.stderr).toBe(`Wrote 1 finding to ${path}.\n`);
    save(await runCli(['baseline', root, '-o', path]));
    const scanned = async () => {
      const run = await runCli(['scan', root, '--baseline', path, '-f', 'json']);
      const { diagnostics } = JSON.parse(run.stdout) as {
        diagnostics: { severity: string; code: string; message: string; range: object }[];
      };
      return { code: run.code, diagnostics };
    };
    expect(await scanned()).toEqual({ code: 0, diagnostics: [] });
    // The public ACL is fixed: its entry accepts nothing now, and would accept it coming back.
    writeFileSync(
      join(root, 'main.tf'),
      PUBLIC_RELEASE_BUCKET.replace('public-read-write', 'private'),
    );
    const fixed = await scanned();
    expect(fixed.code).toBe(0);
    expect(fixed.diagnostics).toMatchObject([
      {
        severity: 'info',
        code: 'baseline-entry-unmatched',
        message: expect.stringMatching(
          /^The entry for s3-public-acl at aws_s3_bucket\.b matches no finding, so what it accepted is gone; posture baseline --prune drops it/,
        ) as unknown,
        range: { file: 'baseline.json', start: { line: 5 } },
      },
    ]);
    const pruned = await runCli(['baseline', root, '-o', path, '--prune']);
    expect(pruned.stderr).toBe(`Kept 1 finding in ${path}.\n`);
    save(pruned);
    expect(await scanned()).toEqual({ code: 0, diagnostics: [] });
    writeFileSync(join(root, 'main.tf'), PUBLIC_RELEASE_BUCKET);
    expect((await scanned()).code).toBe(1);
  });

  it.each([
    [13, 'No finding matches 3 more entries of the baseline'],
    [11, 'No finding matches 1 more entry of the baseline'],
  ])(
    'note at most ten entries that match nothing one by one, and count the rest (%i)',
    async (entries, rest) => {
      const root = repo({ 'main.tf': '' });
      const findings = Array.from({ length: entries }, (_, i) => ({
        fingerprint: `gone${i}:1`,
        ruleId: 's3-website',
        file: 'main.tf',
      }));
      const path = join(root, 'baseline.json');
      writeFileSync(path, JSON.stringify({ version: 'posture-baseline/v1', findings }, null, 2));
      const run = await runCli(['scan', root, '--baseline', path, '-f', 'json']);
      const { diagnostics } = JSON.parse(run.stdout) as { diagnostics: { message: string }[] };
      expect(diagnostics).toHaveLength(11);
      expect(diagnostics[10]?.message).toMatch(new RegExp(`^${rest};`));
    },
  );

  /** A public bucket policy that the bucket's public access block neutralises: low. */
  const BLOCKED = `resource "aws_s3_bucket" "r" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_public_access_block" "r" {
  bucket                  = aws_s3_bucket.r.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_policy" "r" {
  bucket = aws_s3_bucket.r.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "*" }]
  })
}
`;
  /** BLOCKED without its public access block: the public policy is critical. */
  const OPEN = BLOCKED.replace(/resource "aws_s3_bucket_public_access_block"[^}]*\}\n/, '');
  type Entry = { ruleId: string; file: string; address?: string; severity?: string };
  it.each<[string, string, (entry: Entry) => void, string[], RegExp | undefined]>([
    ['as recorded', BLOCKED, () => {}, [], undefined],
    [
      'at a severity lower than it records',
      BLOCKED,
      (entry) => void (entry.severity = 'critical'),
      [],
      undefined,
    ],
    [
      'not once it has grown worse than the severity it records',
      OPEN,
      () => {},
      ['s3-public-access-block', 's3-public-policy'],
      /^The entry for s3-public-policy at aws_s3_bucket\.r accepted the finding at low; it is critical now, so it is reported as new/,
    ],
    [
      'not when the entry records no severity, as baselines did before',
      BLOCKED,
      (entry) => void delete entry.severity,
      ['s3-public-policy'],
      /is not honoured: it records no severity \(a baseline written before entries recorded one\), so the finding, low now, is reported as new/,
    ],
    ...(
      [
        ['rule', (entry: Entry) => void (entry.ruleId = 'exception-unused')],
        ['file', (entry: Entry) => void (entry.file = 'docs/README.md')],
        ['address', (entry: Entry) => void (entry.address = 'docs')],
        ['address, by naming none', (entry: Entry) => void delete entry.address],
      ] as const
    ).map(([field, edit]): [string, string, (entry: Entry) => void, string[], RegExp] => [
      `not when it names another ${field} than the finding its fingerprint is of`,
      BLOCKED,
      edit,
      ['s3-public-policy'],
      /is not honoured: its fingerprint is that of another finding \(s3-public-policy at aws_s3_bucket\.r in main\.tf\), which it does not name/,
    ]),
  ])('an entry accepts its finding %s', async (_what, text, edit, open, note) => {
    const root = repo({ 'main.tf': BLOCKED });
    const path = join(root, 'baseline.json');
    const made = JSON.parse((await runCli(['baseline', root, '-o', '-'])).stdout) as {
      findings: Entry[];
    };
    expect(made.findings).toMatchObject([{ ruleId: 's3-public-policy', severity: 'low' }]);
    edit(made.findings[0]!);
    writeFileSync(path, JSON.stringify(made, null, 2));
    writeFileSync(join(root, 'main.tf'), text);
    const args = ['--baseline', path, '-f', 'json', '--fail-on', 'low'];
    const run = await runCli(['scan', root, ...args]);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; suppression?: object }[];
      diagnostics: { code: string; message: string }[];
    };
    const unsuppressed = report.findings.filter((f) => !f.suppression).map((f) => f.ruleId);
    expect(unsuppressed.sort()).toEqual(open);
    expect(run.code).toBe(open.length > 0 ? 1 : 0);
    expect(report.diagnostics.map((d) => d.message)).toEqual(
      note ? [expect.stringMatching(note)] : [],
    );
    expect(report.diagnostics.map((d) => d.code)).toEqual(note ? ['baseline-entry-unmatched'] : []);
    // --prune drops an entry that names another finding than its own, and keeps the others as
    // written: they are about a finding there is.
    const pruned = await runCli(['baseline', root, '-o', path, '--prune']);
    const kept = JSON.parse(pruned.files.get(path) ?? '{}') as { findings: Entry[] };
    expect(kept.findings).toEqual(/another finding/.test(String(note)) ? [] : made.findings);
  });

  it('an entry names its file from the scan root or from the repository top', async () => {
    const top = repo({ '.git/HEAD': 'ref: refs/heads/main\n', 'infra/main.tf': BLOCKED });
    const path = join(top, 'baseline.json');
    const made = await runCli(['baseline', top, '-o', path]);
    expect(made.files.get(path)).toContain('"file": "infra/main.tf"');
    writeFileSync(path, made.files.get(path) ?? '');
    const run = await runCli(['scan', join(top, 'infra'), '--baseline', path]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('baseline-entry-unmatched');
  });

  it('name no path of the machine, however the scan, its policy and its baseline are named', async () => {
    // A repository whose infra/ is scanned, its policy at the top, its baseline in infra/.
    const top = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'posture.config.yaml': 'owner: platform@acme.example\n',
      'infra/main.tf': PUBLIC_RELEASE_BUCKET,
    });
    const infra = join(top, 'infra');
    const made = await runCli(['baseline', infra, '-o', join(infra, 'baseline.json')]);
    writeFileSync(join(infra, 'baseline.json'), made.files.get(join(infra, 'baseline.json')) ?? '');
    const reports = async (cwd: string, scanned: string, baseline: string) => {
      const args = ['scan', scanned, '--baseline', baseline, '-f', 'json', '-o', 'r.json'];
      const run = await runCli([...args, '-f', 'sarif', '-o', 'r.sarif'], cwd);
      const json = JSON.parse(run.files.get(join(cwd, 'r.json')) ?? '{}') as {
        root: string;
        policy: { path: string };
        findings: { suppression?: { reason: string } }[];
        invocation: object;
      };
      const sarif = JSON.parse(run.files.get(join(cwd, 'r.sarif')) ?? '{}') as {
        runs: {
          properties: { policy: { path: string } };
          results: { suppressions?: { justification: string }[] }[];
          invocations: object[];
          originalUriBaseIds: object;
        }[];
      };
      return { json, sarif };
    };
    const absolute = await reports(top, infra, join(infra, 'baseline.json'));
    const relative = await reports(infra, '.', 'baseline.json');
    const { json, sarif } = absolute;
    const [run] = sarif.runs;
    // The root is the checkout, as the reports' paths are from it.
    expect(json.policy.path).toBe('posture.config.yaml');
    expect(run?.properties.policy.path).toBe('posture.config.yaml');
    expect(json.findings[0]?.suppression?.reason).toBe(
      'present in the baseline infra/baseline.json',
    );
    expect(run?.results[0]?.suppressions?.[0]?.justification).toBe(
      'present in the baseline infra/baseline.json',
    );
    // But for the root, its directory for SARIF, and the command line as it was written, the
    // reports are the same, and hold no path of the machine.
    const comparable = ({ json, sarif }: typeof absolute) => {
      const { root: _root, invocation: _invocation, ...rest } = json;
      const runs = sarif.runs.map(({ invocations: _i, originalUriBaseIds: _o, ...r }) => r);
      return JSON.stringify({ rest, runs });
    };
    expect(comparable(relative)).toBe(comparable(absolute));
    expect(comparable(absolute)).not.toContain(top);
  });

  it('name a baseline outside the repository by its name alone', async () => {
    const root = repo({ '.git/HEAD': 'ref: refs/heads/main\n', 'main.tf': PUBLIC_RELEASE_BUCKET });
    const elsewhere = join(repo({}), 'ci-baseline.json');
    const made = await runCli(['baseline', root, '-o', elsewhere]);
    writeFileSync(elsewhere, made.files.get(elsewhere) ?? '');
    const run = await runCli(['scan', root, '--baseline', elsewhere, '-f', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { suppression?: { reason: string } }[] };
    expect(report.findings[0]?.suppression?.reason).toBe(
      'present in the baseline ci-baseline.json',
    );
  });

  it.each(['{"x":1}', 'null', '[]', '"posture-baseline/v1"'])(
    'a file that is not a baseline is a usage error saying so: %s',
    async (text) => {
      const root = repo({ 'main.tf': '', 'b.json': text });
      const run = await runCli(['scan', root, '--baseline', join(root, 'b.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `posture: ${join(root, 'b.json')} is not a Posture baseline (expected "version": "posture-baseline/v1").\n`,
      );
    },
  );

  it('a baseline that is not JSON is a usage error at its line and column, quoting none of it', async () => {
    const token = 'ghp_0123456789abcdefghijklmnopqrstuvwxyz';
    const root = repo({ 'main.tf': '', 'b.json': `{\n  "version": ${token}\n}\n` });
    const run = await runCli(['scan', root, '--baseline', 'b.json'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'posture: b.json:2:14: the baseline is not valid JSON: invalid symbol\n',
    );
  });

  it('a baseline saved with a byte-order mark is read', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const path = join(root, 'baseline.json');
    const made = await runCli(['baseline', root, '-o', path]);
    writeFileSync(path, `\uFEFF${made.files.get(path) ?? ''}`);
    expect((await runCli(['scan', root, '--baseline', path])).code).toBe(0);
  });

  it.each([
    ['[{"fingerprint": "a"}, 123]', 'finding 2 of the baseline has no "fingerprint"'],
    [
      '[{"fingerprint": "a", "severity": "severe"}]',
      'finding 1 of the baseline has a "severity" that is none of critical, high, medium, low, info',
    ],
    [
      '[{"fingerprint": "a", "severity": "low", "severity": "high"}]',
      'b.json:1:89: the baseline gives "severity" twice in one object.',
    ],
  ])(
    'a damaged baseline entry is a usage error naming it, not an entry that suppresses nothing: %s',
    async (findings, error) => {
      const damaged = `{"version": "posture-baseline/v1", "findings": ${findings}}`;
      const root = repo({ 'main.tf': '', 'b.json': damaged });
      const run = await runCli(['scan', root, '--baseline', join(root, 'b.json')]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(error);
    },
  );

  it('reads a baseline whose entry holds a value nested 200,000 deep, with no internal error', async () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const baseline = `{"version": "posture-baseline/v1", "findings": [{"fingerprint": "a", "x": ${deep}}]}`;
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET, 'b.json': baseline });
    const run = await runCli(['scan', root, '--baseline', join(root, 'b.json')]);
    expect(run.stderr).not.toContain('internal error');
    expect(run.code).toBe(1);
  });
});

describe('reports', () => {
  // A job summary marked ❌ beside the green check of a gate that passed would mislead.
  const UNMANAGED_RELEASE_BUCKET =
    'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n';
  it.each([
    ['high', 1, PUBLIC_RELEASE_BUCKET, '### ❌ Posture: 2 findings (1 critical, 1 medium)'],
    ['medium', 1, UNMANAGED_RELEASE_BUCKET, '### ❌ Posture: 1 finding (1 medium)'],
    [
      'high',
      0,
      UNMANAGED_RELEASE_BUCKET,
      '### ✅ Posture: 1 finding (1 medium), none at or above fail-on high',
    ],
    [
      'none',
      0,
      PUBLIC_RELEASE_BUCKET,
      '### ⚠️ Posture: 2 findings (1 critical, 1 medium); the gate is off (fail-on none)',
    ],
  ])(
    'marks the Markdown headline as the gate decides: --fail-on %s, exit %i',
    async (failOn, code, tf, head) => {
      const run = await runCli([
        'scan',
        repo({ 'main.tf': tf }),
        '-f',
        'markdown',
        '--fail-on',
        failOn,
      ]);
      expect(run.code).toBe(code);
      expect(run.stdout.split('\n')[0]).toBe(head);
    },
  );

  it('writes several formats in one run, and the evidence record', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const out = (name: string) => join(root, name);
    const run = await runCli([
      'scan',
      root,
      '--format',
      'sarif',
      '--output',
      out('r.sarif'),
      '--format',
      'markdown',
      '--output',
      out('r.md'),
      '--format',
      'junit',
      '--output',
      out('r.xml'),
      '--format',
      'codequality',
      '--output',
      out('r.codequality.json'),
      '--format',
      'text',
      '--evidence',
      out('evidence.json'),
      '--sarif-category',
      'infra',
    ]);
    expect(run.stdout).toMatch(/findings? \(/);
    const sarif = JSON.parse(run.files.get(out('r.sarif')) ?? '{}') as {
      runs: { automationDetails: { id: string } }[];
    };
    expect(sarif.runs[0]?.automationDetails.id).toBe('infra/');
    expect(run.files.get(out('r.md'))).toContain('s3-public-acl');
    expect(run.files.get(out('r.xml'))).toMatch(/<failure type="critical" message="[^"]*public/);
    expect(JSON.parse(run.files.get(out('r.codequality.json')) ?? '[]')).toContainEqual(
      expect.objectContaining({ check_name: 's3-public-acl', severity: 'critical' }),
    );
    const evidence = JSON.parse(run.files.get(out('evidence.json')) ?? '{}') as Record<
      string,
      unknown
    >;
    expect(evidence).toMatchObject({
      evidenceVersion: 'posture-evidence/v1',
      exceptionsApplied: [],
    });
  });

  it('records applied exceptions with approver and expiry in the evidence', async () => {
    const root = repo({
      'main.tf': `# posture:ignore s3-public-acl reason="legacy mirror" approvedBy="jane" expires=2099-01-01\n${PUBLIC_RELEASE_BUCKET}`,
    });
    const run = await runCli([
      'scan',
      root,
      '--evidence',
      join(root, 'e.json'),
      '--fail-on',
      'critical',
    ]);
    const evidence = JSON.parse(run.files.get(join(root, 'e.json')) ?? '{}') as {
      exceptionsApplied: unknown[];
    };
    expect(evidence.exceptionsApplied).toEqual([
      expect.objectContaining({
        ruleId: 's3-public-acl',
        kind: 'inline',
        approvedBy: 'jane',
        expires: '2099-01-01',
      }),
    ]);
    expect(run.code).toBe(0);
  });

  it.each([
    ['scan', ['-f', 'sarif', '-o', '-'], '"version": "2.1.0"'],
    ['scan', ['-f', 'json', '-o', 'r.json', '-f', 'text', '--output', '-'], '2 findings'],
    ['baseline', ['-o', '-'], '"version": "posture-baseline/v1"'],
  ])('%s %j writes to standard output', async (command, args, text) => {
    const run = await runCli([command, repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }), ...args]);
    expect(run.stdout).toContain(text);
    expect([...run.files.keys()].map((path) => path.split('/').pop())).toEqual(
      args.includes('r.json') ? ['r.json'] : [],
    );
  });

  it('rejects more outputs than formats', async () => {
    const run = await runCli(['scan', repo({}), '-o', 'a', '-o', 'b']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('2 --output files for 1 --format value.');
  });

  it.each([
    [['-f', 'json', '-f', 'sarif'], '-f json and -f sarif'],
    [['-f', 'json', '-o', 'a.json', '-f', 'sarif', '-f', 'text'], '-f sarif and -f text'],
    [['-f', 'json', '-o', '-', '-f', 'text'], '-f json and -f text'],
  ])('rejects %j: two reports on standard output would run together', async (args, clash) => {
    const run = await runCli(['scan', repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${clash} would go to standard output together`);
    expect(run.stdout).toBe('');
    expect(run.files.size).toBe(0);
  });
});

// CI scans untrusted pull requests: a link one commits must not turn a file Posture writes into a
// write anywhere the job can.
describe('files written inside the repository or the working directory', () => {
  /** A repository holding `link`, a symbolic link to a file (dangling or not) or directory outside. */
  const linked = (link: string, to: 'file' | 'dangling' | 'directory') => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const outside = repo({ 'victim.txt': 'keep me\n', 'dir/keep.txt': 'keep me\n' });
    const target = { file: 'victim.txt', dangling: 'created.txt', directory: 'dir' }[to];
    symlinkSync(join(outside, target), join(root, link));
    return root;
  };

  it.each([
    [
      'scan -o, through a link to a file',
      ['scan', '.', '-o', 'posture.sarif'],
      'posture.sarif',
      'file',
    ],
    ['scan -o, into a linked directory', ['scan', '.', '-o', 'out/r.sarif'], 'out', 'directory'],
    [
      'scan --evidence, through a dangling link',
      ['scan', '.', '--evidence', 'e.json'],
      'e.json',
      'dangling',
    ],
    ['baseline, to its default file', ['baseline', '.'], '.posture-baseline.json', 'dangling'],
    ['init, through a dangling link', ['init'], 'posture.config.yaml', 'dangling'],
    ['init --force, through a link to a file', ['init', '--force'], 'posture.config.yaml', 'file'],
  ] as const)('%s is refused (exit 2), and nothing is written', async (_what, args, link, to) => {
    const root = linked(link, to);
    const run = await runCli([...args], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `posture: will not write through ${join(root, link)}: a symbolic link inside the repository or the working directory; name a path without one.\n`,
    );
    expect(run.files.size).toBe(0);
  });

  // Named as typed, as every path on stderr is, not in the system's words with its absolute path
  // (`EISDIR: illegal operation on a directory, open '/home/…/reports'`).
  it.each([
    ['-o, a directory', ['scan', '.', '-o', 'reports'], 'reports: it is a directory; name a file'],
    [
      '-o, under a file',
      ['scan', '.', '-f', 'sarif', '-o', 'main.tf/r.sarif'],
      'main.tf/r.sarif: a directory on its path is a file',
    ],
    [
      '--evidence, under a file',
      ['scan', '.', '--evidence', 'main.tf/e.json'],
      'main.tf/e.json: a directory on its path is a file',
    ],
    [
      'baseline -o, a directory',
      ['baseline', '.', '-o', 'reports'],
      'reports: it is a directory; name a file',
    ],
  ])('%s is a usage error naming the path as typed', async (_what, args, message) => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET, 'reports/.keep': '' });
    const run = await runCli(args, root, '', processIo().writeFile);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`posture: cannot write ${message}.\n`);
  });

  it('makes the directories an output is in', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const run = await runCli(['scan', '.', '-o', 'out/ci/r.txt'], root, '', processIo().writeFile);
    expect(run.code).toBe(1);
    expect(readFileSync(join(root, 'out/ci/r.txt'), 'utf8')).toContain('s3-public-acl');
  });

  it('refuses a link in the repository scanned from elsewhere', async () => {
    const root = linked('posture.sarif', 'file');
    const run = await runCli(['scan', root, '-o', join(root, 'posture.sarif')], repo({}));
    expect(run.code).toBe(2);
    expect(run.files.size).toBe(0);
  });

  it('writes through a link outside both, named by the user', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const reports = repo({ 'real/.keep': '' });
    symlinkSync(join(reports, 'real'), join(reports, 'latest'));
    const run = await runCli(['scan', '.', '-o', join(reports, 'latest/r.sarif')], root);
    expect(run.code).toBe(1);
    expect([...run.files.keys()]).toEqual([join(reports, 'latest/r.sarif')]);
  });
});

describe('files named for reading inside the repository or the working directory', () => {
  // A file of the runner, outside the checkout, holding a secret a pull request would have copied.
  const SECRET = 'tok-7f3a9c2e1b4d8f6a0e5c';
  const NAMED_BUCKET =
    'variable "name" {\n  default = "scratch"\n}\n' +
    'resource "aws_s3_bucket" "b" {\n  bucket = "acme-${var.name}-releases"\n  acl    = "public-read"\n}\n';
  const PLAN = JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.0',
    planned_values: {
      root_module: {
        resources: [
          {
            address: 'aws_s3_bucket.r',
            mode: 'managed',
            type: 'aws_s3_bucket',
            name: 'r',
            values: { bucket: `acme-${SECRET}-releases`, acl: 'public-read' },
          },
        ],
      },
    },
  });
  const outside = () =>
    repo({
      'vars.tfvars': `name = "${SECRET}"\n`,
      'dir/prod.tfvars': `name = "${SECRET}"\n`,
      'plan.json': PLAN,
      environ: `DEPLOY_TOKEN=${SECRET}\0HOME=/root\0`,
      'posture.config.yaml': `owner: ${SECRET}@acme.example\n`,
      'rules/mine.rule.yaml': `id: ${SECRET}\n`,
    });
  const refusal = (named: string) =>
    `posture: ${named} leads out of the repository or the working directory through a symbolic link: a file named there is read only from inside it; name a file outside them by its own path.\n`;

  it.each([
    [
      '--var-file',
      ['scan', '.', '--var-file', 'prod.tfvars'],
      'prod.tfvars',
      'vars.tfvars',
      '--var-file prod.tfvars',
    ],
    [
      '--var-file in a linked directory',
      ['scan', '.', '--var-file', 'env/prod.tfvars'],
      'env',
      'dir',
      '--var-file env/prod.tfvars',
    ],
    ['--plan', ['scan', '.', '--plan', 'plan.json'], 'plan.json', 'plan.json', '--plan plan.json'],
    // Refused before a look inside tells whether it is a plan.
    [
      '--var-file, to a plan',
      ['scan', '.', '--var-file', 'prod.tfvars.json'],
      'prod.tfvars.json',
      'plan.json',
      '--var-file prod.tfvars.json',
    ],
    [
      'a plan named as the path to scan',
      ['scan', 'plan.json'],
      'plan.json',
      'plan.json',
      'plan.json',
    ],
    [
      '--baseline',
      ['scan', '.', '--baseline', 'b.json'],
      'b.json',
      'environ',
      'the baseline b.json',
    ],
    [
      'baseline --prune',
      ['baseline', '.', '--prune'],
      '.posture-baseline.json',
      'environ',
      'the baseline .posture-baseline.json',
    ],
    [
      '--config',
      ['scan', '.', '--config', 'p.yaml'],
      'p.yaml',
      'posture.config.yaml',
      '--config p.yaml',
    ],
    ['--rules-dir', ['scan', '.', '--rules-dir', 'rules'], 'rules', 'rules', '--rules-dir rules'],
    ['rules --rules-dir', ['rules', '--rules-dir', 'rules'], 'rules', 'rules', '--rules-dir rules'],
  ] as const)(
    '%s is refused (exit 2), and nothing of it is said',
    async (_what, args, link, target, named) => {
      const root = repo({ 'main.tf': NAMED_BUCKET });
      symlinkSync(join(outside(), target), join(root, link));
      const run = await runCli([...args], root);
      expect(run.stderr).toBe(refusal(named));
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
    },
  );

  // A link to nothing said Node's message: `ENOENT: no such file or directory, stat '/abs/…'`.
  it.each([
    [
      'leads out',
      () => join(outside(), 'rules/mine.rule.yaml'),
      'leads out of the repository or the working directory through a symbolic link: not read',
    ],
    ['leads to nothing', () => 'gone.yaml', 'does not exist'],
  ])('refuses a rule file of the --rules-dir that %s, naming it', async (_what, target, why) => {
    const root = repo({ 'main.tf': NAMED_BUCKET, 'rules/.keep': '' });
    symlinkSync(target(), join(root, 'rules/mine.rule.yaml'));
    const run = await runCli(['scan', '.', '--rules-dir', 'rules'], root);
    expect(run.stderr).toBe(`posture: bad rule file rules/mine.rule.yaml: ${why}\n`);
    expect(run.code).toBe(2);
  });

  it('refuses a link in the repository scanned from elsewhere', async () => {
    const root = repo({ 'main.tf': NAMED_BUCKET });
    symlinkSync(join(outside(), 'vars.tfvars'), join(root, 'prod.tfvars'));
    const named = join(root, 'prod.tfvars');
    const run = await runCli(['scan', root, '--var-file', named], repo({}));
    expect(run.stderr).toBe(refusal(`--var-file ${named}`));
    expect(run.code).toBe(2);
  });

  it.each([
    [
      'a file outside both, by its own path',
      (_root: string, out: string) => join(out, 'vars.tfvars'),
    ],
    [
      'a link outside both',
      (_root: string, out: string) => {
        symlinkSync(join(out, 'vars.tfvars'), join(out, 'latest.tfvars'));
        return join(out, 'latest.tfvars');
      },
    ],
    [
      'a link inside the repository to a file of it',
      (root: string) => {
        mkdirSync(join(root, 'envs'));
        writeFileSync(join(root, 'envs/prod.tfvars'), `name = "${SECRET}"\n`);
        symlinkSync('envs/prod.tfvars', join(root, 'prod.tfvars'));
        return 'prod.tfvars';
      },
    ],
  ])('reads %s: the user named it', async (_what, named) => {
    const root = repo({ 'main.tf': NAMED_BUCKET });
    const run = await runCli(
      ['scan', '.', '--var-file', named(root, outside()), '-f', 'json'],
      root,
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(`acme-${SECRET}-releases`);
    expect(run.code).toBe(1);
  });
});

describe('rules and explain', () => {
  it('lists the catalogue', async () => {
    const run = await runCli(['rules']);
    expect(run.stdout.split('\n').filter(Boolean)).toHaveLength(builtinRules.length);
  });

  it("prints a rule's docs, and fails on an unknown id", async () => {
    const run = await runCli(['explain', 'r2-public-dev-url']);
    expect(run.stdout).toContain('enabled = false');
    expect((await runCli(['explain', 'nope'])).code).toBe(2);
  });

  // The rules a scan with --rules-dir runs are listed and explained with the same --rules-dir.
  it('list and explain your own rules with --rules-dir, marked as yours', async () => {
    const dir = ['--rules-dir', 'rules/examples'];
    const listed = (await runCli(['rules', ...dir])).stdout.split('\n').filter(Boolean);
    expect(listed).toHaveLength(builtinRules.length + 2);
    expect(listed.filter((line) => line.endsWith('  (user rule)'))).toEqual([
      expect.stringMatching(/^acme-gcs-website +high +GCS release bucket hosts a website {2}\(/),
      expect.stringMatching(/^acme-plain-http-download /),
    ]);
    const explained = await runCli(['explain', 'acme-gcs-website', ...dir]);
    expect(explained).toMatchObject({ code: 0, stderr: '' });
    expect(explained.stdout).toMatch(
      /^# acme-gcs-website: GCS release bucket hosts a website\n\n\| \| \|\n\| --- \| --- \|\n\| Source \| user rule \(--rules-dir rules\/examples\) \|\n\| Severity \| high \|/,
    );
    const without = await runCli(['explain', 'acme-gcs-website']);
    expect(without).toMatchObject({
      code: 2,
      stderr:
        'posture: no rule "acme-gcs-website" (one of your own? give its --rules-dir). Run "posture rules" for the list.\n',
    });
    expect((await runCli(['rules', '--rules-dir', 'nowhere'])).code).toBe(2);
  });

  // Each ran without the rules asked for: `rules` holds only the directory of the rule files, and
  // the other two said, in the system's words, a path of the machine.
  it.each([
    ['its parent', 'rules', '--rules-dir rules holds no rule file (*.rule.yaml, *.rule.json).'],
    ['a missing one', 'rules/acmee', 'rules/acmee does not exist.'],
    [
      'a file',
      'rules/acme/site.rule.yaml',
      '--rules-dir rules/acme/site.rule.yaml is not a directory.',
    ],
  ])('--rules-dir naming %s is a usage error', async (_what, dir, message) => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'rules/acme/site.rule.yaml': readFileSync(
        join(repoRoot(), 'rules/examples/gcs-website.rule.yaml'),
        'utf8',
      ),
    });
    for (const command of [['scan', '.'], ['rules'], ['explain', 'acme-gcs-website']]) {
      const run = await runCli([...command, '--rules-dir', dir], root);
      expect(run).toMatchObject({ code: 2, stdout: '', stderr: `posture: ${message}\n` });
    }
    expect((await runCli(['scan', '.', '--rules-dir', 'rules/acme'], root)).code).toBe(1);
  });
});

describe('SARIF of every example', () => {
  it.each([
    'r2-dev-release',
    's3-public-policy',
    'gcs-allusers-module',
    'private-release',
    'public-not-release',
    'march-2026-leak',
  ])('%s validates against the OASIS schema and the GitHub profile', async (name) => {
    const run = await runCli(['scan', `examples/${name}`, '--format', 'sarif']);
    const log = JSON.parse(run.stdout) as Parameters<typeof checkGithubProfile>[0];
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(checkGithubProfile(log)).toEqual([]);
  });
});

describe('a plan file scanned on its own', () => {
  it('reads only the plan, not the directory around it', async () => {
    const root = repo({
      'plan.json': '{"format_version": "1.2", "planned_values": ',
      'package.json':
        '{ "config": { "u": "https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/x" } }\n',
    });
    const run = await runCli(['scan', join(root, 'plan.json'), '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.map((f) => f.ruleId)).toEqual(['input-unreadable']);
    expect(run.code).toBe(1);
  });
});

describe('--plan before the directory', () => {
  it('takes one value, leaving the directory to the paths', async () => {
    const dir = 'packages/plan/test/fixtures/scenarios/s3-cross-module';
    const run = await runCli(['scan', '--plan', `${dir}/plan.json`, dir, '--format', 'json']);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      diagnostics: { code: string }[];
    };
    expect(report.diagnostics.map((d) => d.code)).toEqual([]);
    // Paths as every report prints them: from the repository's top level.
    expect(report.findings.map((f) => `${f.ruleId}@${f.location.file}`).sort()).toEqual([
      `s3-public-access-block@${dir}/modules/bucket/main.tf`,
      `s3-public-acl@${dir}/main.tf`,
      `s3-public-policy@${dir}/main.tf`,
    ]);
  });
});

describe('a committed .terraform/modules/modules.json', () => {
  it('that maps a registry call to a decoy of the repository does not hide its findings', async () => {
    const root = repo({
      'main.tf': [
        'module "releases" {',
        '  source             = "terraform-aws-modules/s3-bucket/aws"',
        '  version            = "4.1.0"',
        '  bucket             = "acme-releases"',
        '  block_public_acls  = false',
        '  ignore_public_acls = false',
        '}',
      ].join('\n'),
      '.terraform/modules/modules.json': JSON.stringify({
        Modules: [
          { Key: '', Source: '', Dir: '.' },
          {
            Key: 'releases',
            Source: 'registry.terraform.io/terraform-aws-modules/s3-bucket/aws',
            Version: '4.1.0',
            Dir: 'test/fixture',
          },
        ],
      }),
      'test/fixture/main.tf':
        'variable "bucket" {}\nresource "aws_s3_bucket" "this" {\n  bucket = "scratch"\n}\n',
    });
    const run = await runCli(['scan', '.', '-f', 'json'], root);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      diagnostics: { code: string; range: { file: string } }[];
    };
    expect(report.findings.map((f) => [f.ruleId, f.location.file])).toEqual([
      ['s3-public-access-block', 'main.tf'],
    ]);
    expect(report.diagnostics.map((d) => [d.code, d.range.file])).toEqual([
      ['module-manifest-mismatch', '.terraform/modules/modules.json'],
    ]);
    expect(run.code).toBe(1);
  });
});

describe('a directory of a repository', () => {
  it('is scanned with the modules it calls from elsewhere in the repository', async () => {
    const root = repo({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'infra/main.tf': 'module "releases" {\n  source = "../modules/bucket"\n}\n',
      'modules/bucket/main.tf': PUBLIC_RELEASE_BUCKET,
      'app/package.json':
        '{ "scripts": { "get": "curl https://acme-releases.s3.amazonaws.com/x" } }',
    });
    const run = await runCli(['scan', join(root, 'infra'), '--format', 'json']);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      files: { path: string }[];
    };
    expect(report.findings.map((f) => `${f.ruleId}@${f.location.file}`)).toContain(
      's3-public-acl@modules/bucket/main.tf',
    );
    // Only the directory named is walked: the app's links are not this scan's.
    expect(report.findings.map((f) => f.location.file)).not.toContain('app/package.json');
    expect(run.code).toBe(1);
  });
});

describe('--plan -', () => {
  it('reads the plan from standard input', async () => {
    const dir = 'packages/plan/test/fixtures/scenarios/s3-cross-module';
    const plan = readFileSync(`${dir}/plan.json`, 'utf8');
    const run = await runCli(['scan', dir, '--plan', '-', '--format', 'json'], repoRoot(), plan);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      files: { path: string; kind: string }[];
    };
    expect(report.findings.map((f) => `${f.ruleId}@${f.location.file}`).sort()).toEqual([
      `s3-public-access-block@${dir}/modules/bucket/main.tf`,
      `s3-public-acl@${dir}/main.tf`,
      `s3-public-policy@${dir}/main.tf`,
    ]);
    expect(report.files).toContainEqual(expect.objectContaining({ path: '-', kind: 'plan' }));
  });

  it('reads standard input once, however often `-` is named, as a plan file named twice is', async () => {
    const dir = 'packages/plan/test/fixtures/scenarios/s3-cross-module';
    const plan = readFileSync(`${dir}/plan.json`);
    let reads = 0;
    let stdout = '';
    const args = ['scan', dir, '--plan', '-', '--plan', '-', '--format', 'json'];
    const code = await main(args, {
      stdout: (text) => void (stdout += text),
      stderr: () => undefined,
      writeFile: () => undefined,
      // Standard input read to its end has nothing more for a second read.
      readStdin: () => Promise.resolve(reads++ === 0 ? plan : new Uint8Array()),
      isTty: false,
      cwd: repoRoot(),
      env: {},
    });
    expect(reads).toBe(1);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { files: { path: string }[]; findings: unknown[] };
    expect(report.files.filter((f) => f.path === '-')).toHaveLength(1);
    expect(report.findings).toHaveLength(3);
  });

  it('names what it reports on the plan itself `-`, whatever the scan root', async () => {
    // Plans alone: the root is their directory, `sub`, below the repository's top level.
    const root = repo({ '.git/HEAD': '', 'sub/plan.json': '{"format_version": ' });
    const run = await runCli(['scan', 'sub/plan.json', '--plan', '-'], root, '{"format_version": ');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^-\n {2}1:\d+ +high +input-unreadable/m);
    expect(run.stdout).toMatch(/^sub\/plan\.json\n/m);
  });
});

describe('an option without a value', () => {
  it.each([
    [['--plan'], 'plan'],
    [['--plan', ''], '--plan'],
    [['--plan', '-f', 'json'], 'plan'],
    [['--var-file'], 'var-file'],
    [['--var-file', ''], '--var-file'],
    [['--config', ''], '--config'],
    [['--baseline', ''], '--baseline'],
    [['--evidence='], '--evidence'],
    [['-o', ''], '-o'],
    [['--exclude', ''], '--exclude'],
  ])('%j is a usage error naming it, not an option silently left out', async (args, named) => {
    const run = await runCli(['scan', repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(named);
    expect(run.stdout).toBe('');
  });

  it.each([
    ['scan', '--no-config', '--no-config is not an option: --config takes a value.'],
    ['scan', '--no-var', '--no-var is not an option: --var takes a value.'],
    ['scan', '--no-exclude', '--no-exclude is not an option: --exclude takes a value.'],
    ['scan', '--no-plan', '--no-plan is not an option: --plan takes a value.'],
    ['scan', '--no-output', '--no-output is not an option: --output takes a value.'],
    // Said `--scope false: expected one of ...`, yargs checking the choices first.
    ['scan', '--no-scope', '--no-scope is not an option: --scope takes a value.'],
    ['scan', '--no-format', '--no-format is not an option: --format takes a value.'],
    ['artifact', '--no-fail-on', '--no-fail-on is not an option: --fail-on takes a value.'],
    ['artifact', '--no-manifest', '--no-manifest is not an option: --manifest takes a value.'],
    ['baseline', '--no-rules-dir', '--no-rules-dir is not an option: --rules-dir takes a value.'],
  ])(
    '%s %s, a negated option that takes a value, is a usage error, not a crash',
    async (command, flag, message) => {
      // yargs gives such an option `false`, which the code that reads its value took for a path.
      const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
      const run = await runCli([command, root, flag]);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(`posture: ${message}\n`);
      expect(run.stdout).toBe('');
    },
  );

  // Each was accepted and did nothing: no SARIF report, no run to name, no suppressed result to
  // keep (--include-suppressed, which only SARIF reads, was taken silently by any format).
  const SARIF_ONLY = {
    '--sarif-category': [
      ['--sarif-category', 'infra'],
      '--sarif-category names the run of a SARIF report',
    ],
    '--include-suppressed': [
      ['--include-suppressed'],
      '--include-suppressed keeps the suppressed findings in a SARIF report or leaves them out',
    ],
    '--no-include-suppressed': [
      ['--no-include-suppressed'],
      '--no-include-suppressed keeps the suppressed findings in a SARIF report or leaves them out',
    ],
  } as const;
  it.each<[string, keyof typeof SARIF_ONLY, string[]]>([
    ['scan', '--sarif-category', []],
    ['artifact', '--sarif-category', []],
    ['scan', '--sarif-category', ['-f', 'json']],
    ['scan', '--include-suppressed', []],
    ['artifact', '--no-include-suppressed', []],
    ['scan', '--no-include-suppressed', ['-f', 'junit']],
  ])('%s %s %j with no SARIF report is a usage error', async (command, option, more) => {
    const [args, does] = SARIF_ONLY[option];
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const run = await runCli([command, root, ...args, ...more]);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `posture: ${does}, and none is written: add -f sarif, or leave ${option} out.\n`,
    });
    const withSarif = [command, root, ...args, ...more, '-f', 'sarif'];
    expect((await runCli([...withSarif, '-o', join(root, 'r.sarif')])).stderr).toBe('');
  });

  it.each([
    // Before, the gate took neither --fail-on: a medium finding passed (exit 0).
    [['--fail-on', 'high', '--fail-on', 'low'], '--fail-on is given more than once'],
    [['--config', 'a.yaml', '--config=b.yaml'], '--config is given more than once'],
    [['--scope', 'all', '--scope', 'release'], '--scope is given more than once'],
    [['-f', 'sarif', '--sarif-category', 'a', '--sarif-category', 'b'], '--sarif-category is'],
    [['--baseline', 'a.json', '--baseline', 'b.json'], '--baseline is given more than once'],
  ])('%j, an option of one value given twice, is a usage error', async (args, message) => {
    const run = await runCli(['scan', repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }), ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stdout).toBe('');
  });

  it('takes an option of many values given many times', async () => {
    const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
    const run = await runCli([
      'scan',
      root,
      '--var',
      'a=1',
      '--var',
      'b=2',
      '--exclude',
      'x',
      '--exclude',
      'y',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
  });

  it.each(['--no-color', '--no-include-suppressed'])(
    '%s, a yes/no option negated, is taken',
    async (flag) => {
      const root = repo({ 'main.tf': PUBLIC_RELEASE_BUCKET });
      const run = await runCli([
        'scan',
        root,
        flag,
        '-f',
        'text',
        '-f',
        'sarif',
        '-o',
        '-',
        '-o',
        join(root, 'r.sarif'),
      ]);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe('');
    },
  );

  it('an empty path is a usage error, not the current directory', async () => {
    const run = await runCli(['scan', ''], repo({ 'main.tf': PUBLIC_RELEASE_BUCKET }));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('empty');
  });
});

describe('--exclude', () => {
  it('leaves out the paths it names, and adds to the policy file', async () => {
    const root = repo({
      'main.tf': PUBLIC_RELEASE_BUCKET,
      'examples/demo/main.tf': PUBLIC_RELEASE_BUCKET,
      'posture.config.yaml': 'exclude: ["vendor/**"]\n',
    });
    const files = async (...args: string[]) => {
      const run = await runCli(['scan', root, '-f', 'json', ...args], root);
      const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
      return [...new Set(report.findings.map((f) => f.location.file))].sort();
    };
    expect(await files()).toEqual(['examples/demo/main.tf', 'main.tf']);
    expect(await files('--exclude', 'examples/**')).toEqual(['main.tf']);
  });

  // An exclude over a path named would leave it unread: `scan infra --exclude 'infra/**'` read
  // nothing and, as the exclude was not applied to a path named, the scan went on as if not given.
  it.each([
    [['infra', '--exclude', 'infra/**'], "infra is excluded by --exclude 'infra/**'"],
    [['infra/', '--exclude', 'infra'], "infra/ is excluded by --exclude 'infra'"],
    [
      ['infra/main.tf', 'app', '--exclude', 'infra/**'],
      "infra/main.tf is excluded by --exclude 'infra/**'",
    ],
    [['infra', '--config', 'strict.yaml'], "infra is excluded by 'infra/**' (strict.yaml:2)"],
    [['app', 'infra'], "infra is excluded by 'infra/**' (posture.config.yaml:1)"],
  ])('a path named that an exclude covers is a usage error: %j', async (args, said) => {
    const root = repo({
      '.git/HEAD': '',
      'infra/main.tf': PUBLIC_RELEASE_BUCKET,
      'app/main.tf': PUBLIC_RELEASE_BUCKET,
      'strict.yaml': 'owner: x\nexclude: [infra/**]\n',
      'posture.config.yaml': args.includes('--exclude') ? 'owner: x\n' : 'exclude: [infra/**]\n',
    });
    const run = await runCli(['scan', ...args, '-f', 'sarif'], root);
    expect(run).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `posture: ${said}, so nothing in it would be scanned: name it or exclude it, not both.\n`,
    });
  });

  it.each([
    ['.', ['--exclude', '**'], "--exclude '**', the exclude of posture.config.yaml"],
    ['infra', ['--exclude', '*'], "--exclude '*'"],
    ['infra', ['--exclude', '**/*.tf'], "--exclude '**/*.tf'"],
  ])(
    'that leave nothing of the paths named are said, not a clean pass: in %s, %j',
    async (cwd, flags, excludes) => {
      const root = repo({
        '.git/HEAD': '',
        'infra/main.tf': PUBLIC_RELEASE_BUCKET,
        ...(cwd === '.' && { 'posture.config.yaml': 'exclude: [vendor/**]\n' }),
      });
      const run = await runCli(['scan', '.', ...flags, '-f', 'sarif'], join(root, cwd));
      expect(run).toMatchObject({
        code: 2,
        stdout: '',
        stderr: `posture: nothing to scan in .: no Terraform, plan or build configuration was found outside what is excluded (${excludes}). An empty report would pass the gate, and close every open alert where it is uploaded.\n`,
      });
    },
  );

  it('takes globs relative to the working directory, whichever directory is scanned', async () => {
    const root = repo({
      'infra/main.tf': PUBLIC_RELEASE_BUCKET,
      'infra/legacy/main.tf': PUBLIC_RELEASE_BUCKET,
    });
    const excludes = async (scanned: string, glob: string, cwd: string) => {
      const run = await runCli(['scan', scanned, '-f', 'json', '--exclude', glob], cwd);
      const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
      return !report.findings.some((f) => f.location.file.endsWith('legacy/main.tf'));
    };
    expect(await excludes('infra', 'infra/legacy/**', root)).toBe(true);
    expect(await excludes('.', 'legacy/**', join(root, 'infra'))).toBe(true);
    expect(await excludes('infra', 'legacy/**', root)).toBe(false);
  });
});

describe('a file as the scan path', () => {
  const OPENING_WORKFLOW =
    'on: push\njobs:\n  publish:\n    runs-on: ubuntu-latest\n    steps:\n' +
    '      - run: gsutil iam ch allUsers:objectViewer gs://acme-releases\n';

  it('a Terraform file stands for its module directory, which Terraform reads whole', async () => {
    const root = repo({
      'infra/main.tf': PUBLIC_RELEASE_BUCKET,
      'infra/variables.tf': '',
      'other/main.tf': PUBLIC_RELEASE_BUCKET,
    });
    const run = await runCli(['scan', 'infra/variables.tf', '-f', 'json'], root);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string } }[];
      files: { path: string }[];
    };
    expect(report.files.map((f) => f.path).sort()).toEqual(['main.tf', 'variables.tf']);
    expect(report.findings.map((f) => f.location.file)).toContain('main.tf');
    expect(run.code).toBe(1);
  });

  it.each([
    ['the repository top, run from there', true, ''],
    ['the repository top, run from elsewhere in it', true, 'infra'],
    ['the current directory holding it, outside a repository', false, ''],
  ])(
    'a build configuration is read alone, its path kept from %s',
    async (_from, inRepository, cwd) => {
      const root = repo({
        ...(inRepository && { '.git/HEAD': '' }),
        '.github/workflows/release.yml': OPENING_WORKFLOW,
        '.github/workflows/other.yml': OPENING_WORKFLOW,
        'infra/main.tf': PUBLIC_RELEASE_BUCKET,
      });
      const file = join(root, '.github/workflows/release.yml');
      const run = await runCli(['scan', file, '-f', 'json'], join(root, cwd));
      const report = JSON.parse(run.stdout) as {
        findings: { ruleId: string; location: { file: string } }[];
        files: { path: string }[];
      };
      expect(report.files.map((f) => f.path)).toEqual(['.github/workflows/release.yml']);
      expect(report.findings.map((f) => `${f.ruleId}@${f.location.file}`)).toEqual([
        'link-opens-bucket@.github/workflows/release.yml',
      ]);
    },
  );

  it('a file Posture does not read is a usage error naming it', async () => {
    const root = repo({ 'README.md': '# x\n', 'main.tf': PUBLIC_RELEASE_BUCKET });
    const run = await runCli(['scan', 'README.md'], root);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('README.md is not a file Posture scans');
  });
});

describe('several directories', () => {
  it('read only the named directories under their common root', async () => {
    const root = repo({});
    for (const dir of ['infra', 'app', 'legacy']) mkdirSync(join(root, dir));
    writeFileSync(join(root, 'infra/main.tf'), PUBLIC_RELEASE_BUCKET);
    writeFileSync(join(root, 'legacy/main.tf'), PUBLIC_RELEASE_BUCKET.replace('"b"', '"old"'));
    writeFileSync(
      join(root, 'legacy/package.json'),
      '{ "config": { "u": "https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/x" } }\n',
    );
    writeFileSync(join(root, 'app/package.json'), '{ "name": "app" }\n');
    const run = await runCli(['scan', join(root, 'infra'), join(root, 'app'), '--format', 'json']);
    const report = JSON.parse(run.stdout) as { findings: { location: { file: string } }[] };
    expect(new Set(report.findings.map((f) => f.location.file))).toEqual(
      new Set(['infra/main.tf']),
    );
  });
});

describe('build files written with YAML aliases', () => {
  const UPLOAD = 'aws s3 cp dist s3://acme-releases/x --acl public-read';
  type Report = {
    findings: { ruleId: string; location: { file: string; start: { line: number } } }[];
    diagnostics: { code: string; range: { start: { line: number } } }[];
  };

  it.each([
    [
      "GitLab's anchors for scripts",
      '.gitlab-ci.yml',
      [
        '.upload-script: &upload-script',
        `  - ${UPLOAD}`,
        'release:',
        '  script:',
        '    - echo start',
        '    - *upload-script',
        '  only: [tags]',
      ],
    ],
    [
      'a merge key',
      '.gitlab-ci.yml',
      ['.tmpl: &tmpl', '  script:', `    - ${UPLOAD}`, 'release:', '  <<: *tmpl', '  only: [tags]'],
    ],
    [
      'an aliased script',
      '.gitlab-ci.yml',
      ['.tmpl:', '  script: &s', `    - ${UPLOAD}`, 'release:', '  script: *s', '  only: [tags]'],
    ],
    [
      'a step aliased into a release job',
      '.github/workflows/ci.yml',
      [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - &upload',
        `        run: ${UPLOAD}`,
        '  release:',
        '    runs-on: ubuntu-latest',
        '    steps: [*upload]',
      ],
    ],
  ])('fail the gate on a public upload that %s runs, at its anchor', async (_name, path, lines) => {
    const text = [...lines, ''].join('\n');
    const line = text.split('\n').findIndex((l) => l.includes('s3://')) + 1;
    const run = await runCli(['scan', '.', '--format', 'json'], repo({ [path]: text }));
    const report = JSON.parse(run.stdout) as Report;
    expect(
      report.findings.map((f) => `${f.ruleId}@${f.location.file}:${f.location.start.line}`),
    ).toEqual([`link-public-upload@${path}:${line}`]);
    expect(report.diagnostics).toEqual([]);
    expect(run.code).toBe(1);
  });

  it('warn of an alias that cannot be followed', async () => {
    const text = [
      // js-yaml anchors the key, which has no path of its own.
      '.stages: [&stage deploy: x]',
      '.tmpl: &tmpl',
      '  script:',
      `    - ${UPLOAD}`,
      'release: { <<: *tmpl, stage: *stage, only: [tags] }',
      '',
    ].join('\n');
    const run = await runCli(['scan', '.', '--format', 'json'], repo({ '.gitlab-ci.yml': text }));
    const report = JSON.parse(run.stdout) as Report;
    expect(report.diagnostics.map((d) => `${d.code}:${d.range.start.line}`)).toEqual([
      'build-alias-unread:5',
    ]);
  });
});

describe('build files written in YAML flow style', () => {
  type Report = {
    findings: {
      ruleId: string;
      location: { file: string; start: { line: number; column: number } };
    }[];
    diagnostics: unknown[];
  };
  const WORKFLOW = '.github/workflows/release.yml';

  it.each([
    [
      'an upload action given its bucket in a flow env',
      [
        'name: release',
        'on: push',
        'jobs:',
        '  deploy:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - uses: jakejarvis/s3-sync-action@master',
        '        with: { args: --acl public-read }',
        '        env: { AWS_S3_BUCKET: my-release-artifacts, SOURCE_DIR: dist }',
      ],
      'link-public-upload@9:31',
    ],
    [
      'a workflow written as JSON',
      [
        '{ "on": "push", "jobs": { "deploy": { "runs-on": "ubuntu-latest", "steps": [',
        '  { "run": "aws s3 cp dist s3://my-release-artifacts/x --acl public-read" }',
        '] } } }',
      ],
      'link-public-upload@2:28',
    ],
  ])('fail the gate on %s, at the value', async (_name, lines, finding) => {
    const text = [...lines, ''].join('\n');
    const run = await runCli(['scan', '.', '--format', 'json'], repo({ [WORKFLOW]: text }));
    const report = JSON.parse(run.stdout) as Report;
    expect(
      report.findings.map(
        ({ ruleId, location: { file, start } }) =>
          `${file} ${ruleId}@${start.line}:${start.column}`,
      ),
    ).toEqual([`${WORKFLOW} ${finding}`]);
    expect(report.diagnostics).toEqual([]);
    expect(run.code).toBe(1);
  });
});

describe("a scan of one directory reads pnpm's .npmrc for its hooks setting, and says when it cannot", () => {
  /** [how it is scanned, arguments, exit code, whether the .npmrc is an error]. */
  const CASES: [string, string[], number, boolean][] = [
    ['web/ alone', ['scan', 'web'], 1, true],
    ['web/ alone, the .npmrc excluded', ['scan', 'web', '--exclude', '.npmrc'], 0, false],
  ];

  it.each(CASES)('%s', async (_how, args, code, said) => {
    const outside = tempTree('npmrc', { npmrc: 'enable-pre-post-scripts=true\n' });
    const root = tempTree('hooks', {
      '.git/HEAD': 'ref: refs/heads/main\n',
      'pnpm-lock.yaml': '',
      'web/package.json': JSON.stringify({ name: 'web', scripts: { ship: 'echo' } }),
      'web/Makefile': 'release:\n\tpnpm run ship\n',
    });
    symlinkSync(join(outside, 'npmrc'), join(root, '.npmrc'));
    const run = await runCli([...args, '-f', 'json'], root);
    expect(run.code).toBe(code);
    const { findings } = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string }; message: string }[];
    };
    expect(findings.map((f) => [f.ruleId, f.location.file])).toEqual(
      said ? [['input-unreadable', '.npmrc']] : [],
    );
    if (said) expect(findings[0]?.message).toContain('symbolic link leading out of the scan root');
  });
});
