import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportSchemaErrors } from '../packages/report/test/support/report-schema.js';
import { sarifSchemaErrors } from '../packages/report/test/support/sarif-schema.js';
import {
  makeLinks,
  makePackage,
  makeTar,
  npmPack,
  SECRETS,
} from '../packages/artifact/test/support.js';
import { runCli } from './support/cli.js';

const R2 = 'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip';

function leakyPackage(): string {
  return makePackage({
    'package.json': JSON.stringify(
      { name: 'leaky', version: '1.0.0', main: 'dist/cli.js', files: ['dist'] },
      null,
      2,
    ),
    'dist/cli.js': `run();\nconst token = '${SECRETS.npm}';\nconst key = '${SECRETS.aws}';\nfetch('${R2}');\n`,
    'dist/cli.js.map': JSON.stringify({
      version: 3,
      sources: ['a.ts'],
      sourcesContent: ['x'],
      mappings: '',
    }),
    'dist/id_rsa.js': `module.exports = ${JSON.stringify(SECRETS.key)};\n`,
    'dist/gh.js': `const t = '${SECRETS.github}';\n`,
  });
}

describe('posture artifact', () => {
  it('fails the gate on a leaky tarball, in every format, and never echoes a credential', async () => {
    const dir = leakyPackage();
    const tarball = npmPack(dir);
    const run = await runCli(
      ['artifact', tarball, '-f', 'json', '-f', 'sarif', '-f', 'markdown', '-f', 'text'].concat([
        '-o',
        'r.json',
        '-o',
        'r.sarif',
        '-o',
        'r.md',
        '--evidence',
        'e.json',
      ]),
      dir,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const reports = [run.stdout, ...run.files.values()];
    expect(reports).toHaveLength(5);
    for (const text of reports) {
      for (const secret of [
        SECRETS.npm,
        SECRETS.aws,
        SECRETS.github,
        SECRETS.key.split('\n')[1] ?? '',
      ])
        expect(text).not.toContain(secret);
    }
    const json = JSON.parse(run.files.get(join(dir, 'r.json')) ?? '{}');
    // The JSON report and the evidence built on it keep to the published schema.
    expect(reportSchemaErrors(json)).toEqual([]);
    expect(reportSchemaErrors(JSON.parse(run.files.get(join(dir, 'e.json')) ?? '{}'))).toEqual([]);
    expect(json.files.map((f: { kind: string }) => f.kind)).toContain('artifact');
    const rules = json.findings.map((f: { ruleId: string }) => f.ruleId).sort();
    expect(rules).toEqual([
      'artifact-credential',
      'artifact-credential',
      'artifact-credential',
      'artifact-credential',
      'artifact-not-allowed',
      'artifact-sources-content',
      'artifact-storage-link',
    ]);
    const sarif = JSON.parse(run.files.get(join(dir, 'r.sarif')) ?? '{}');
    expect(sarifSchemaErrors(sarif)).toEqual([]);
    const map = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === 'artifact-sources-content',
    );
    // The package.json beside the tarball names the same package: the finding sits at its "files".
    expect(map.locations[0].physicalLocation.artifactLocation.uri).toMatch(/package\.json$/);
    expect(map.locations[0].physicalLocation.region.startLine).toBe(6);
    expect(map.properties).toMatchObject({
      entry: 'package/dist/cli.js.map',
      packagePath: 'dist/cli.js.map',
    });
  });

  it('in directory mode, places content findings on their line and file findings at "files"', async () => {
    const dir = leakyPackage();
    const run = await runCli(['artifact', '.', '-f', 'json'], dir);
    const findings = JSON.parse(run.stdout).findings as {
      ruleId: string;
      location: { file: string; start: { line: number } };
    }[];
    const at = (rule: string) =>
      findings
        .filter((f) => f.ruleId === rule)
        .map((f) => `${f.location.file}:${f.location.start.line}`);
    expect(at('artifact-storage-link')).toEqual([expect.stringMatching(/dist\/cli\.js:4$/)]);
    expect(at('artifact-not-allowed')).toEqual([expect.stringMatching(/package\.json:6$/)]);
  });

  it('a shipped link to a bucket the policy names release-use is high, with no Terraform at hand', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'app', version: '1.0.0', files: ['dist'] }),
      'dist/update.js': 'fetch("https://acme-cli-releases.s3.amazonaws.com/latest.json");\n',
    });
    const severity = async () => {
      const run = await runCli(['artifact', '.', '-f', 'json'], dir);
      const findings = JSON.parse(run.stdout).findings as { ruleId: string; severity: string }[];
      return findings.find((f) => f.ruleId === 'artifact-storage-link')?.severity;
    };
    expect(await severity()).toBe('medium');
    makePackage({ 'posture.config.yaml': 'release:\n  buckets: [acme-cli-releases]\n' }, dir);
    expect(await severity()).toBe('high');
  });

  it('--fail-on decides the exit code', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'typed', version: '1.0.0', files: ['dist', 'src'] }),
      'dist/index.js': '',
      'src/index.ts': '',
    });
    expect((await runCli(['artifact', '.'], dir)).code).toBe(1);
    expect((await runCli(['artifact', '.', '--fail-on', 'critical'], dir)).code).toBe(0);
    expect((await runCli(['artifact', '.', '--fail-on', 'none'], dir)).code).toBe(0);
  });

  it('writes a manifest, passes against it, and fails when the package changes', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'clean', version: '1.0.0', files: ['dist'] }),
      'dist/index.js': 'run();\n',
    });
    const wrote = await runCli(['artifact', '.', '--write-manifest', 'approved.json'], dir);
    expect(wrote.code).toBe(0);
    const manifest = wrote.files.get(join(dir, 'approved.json')) ?? '';
    writeFileSync(join(dir, 'approved.json'), manifest);
    expect(
      (await runCli(['artifact', npmPack(dir), '--manifest', 'approved.json'], dir)).code,
    ).toBe(0);
    writeFileSync(join(dir, 'dist/index.js'), 'run(); // after review\n');
    const changed = await runCli(['artifact', npmPack(dir), '--manifest', 'approved.json'], dir);
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/artifact-manifest-mismatch +dist\/index\.js differs in size/);
    expect(readFileSync(join(dir, 'approved.json'), 'utf8')).toContain('"path":"dist/index.js"');
  });

  it('resolves storage links to the Terraform buckets of --repo', async () => {
    const repo = makePackage({
      'infra/main.tf': `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-releases/*" }]
  })
}
`,
      'pkg/package.json': JSON.stringify({ name: 'linked', version: '1.0.0', files: ['dist'] }),
      'pkg/dist/index.js': "fetch('https://acme-releases.s3.amazonaws.com/cli.tgz');\n",
    });
    const run = await runCli(['artifact', 'pkg', '--repo', '.', '-f', 'json'], repo);
    const [finding] = JSON.parse(run.stdout).findings;
    expect(finding).toMatchObject({
      ruleId: 'artifact-storage-link',
      severity: 'critical',
      address: 'aws_s3_bucket.releases',
    });
  });

  it.each([
    ['a template', 'const B = "acme-releases";\nfetch(`https://${B}.s3.amazonaws.com/${key}`);\n'],
    [
      'a + chain',
      'const B = "acme-releases";\nfetch("https://" + B + ".s3.amazonaws.com/cli.tgz");\n',
    ],
    ['an SDK call', '\nclient.send(new PutObjectCommand({ Bucket: "acme-releases", Key }));\n'],
    [
      "an object's member",
      'var o={bucket:"acme-releases"};\nfetch(`https://${o.bucket}.s3.amazonaws.com/${key}`);\n',
    ],
    [
      'a conditional',
      'const B = prod ? "acme-releases" : process.env.B;\nnew URL(`https://${B}.s3.amazonaws.com`);\n',
    ],
    [
      'a host constant',
      'const B = "acme-releases", HOST = ".s3.amazonaws.com";\nfetch("https://" + B + HOST);\n',
    ],
  ])(
    'resolves a link %s assembles to the Terraform bucket of --repo, at its line',
    async (_what, js) => {
      const repo = makePackage({
        'infra/main.tf': 'resource "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\n',
        'pkg/package.json': JSON.stringify({
          name: 'assembled',
          version: '1.0.0',
          files: ['dist'],
        }),
        'pkg/dist/index.js': js,
      });
      const run = await runCli(['artifact', 'pkg', '--repo', '.', '-f', 'json'], repo);
      const findings = JSON.parse(run.stdout).findings as Record<string, unknown>[];
      expect(findings).toEqual([
        expect.objectContaining({
          ruleId: 'artifact-storage-link',
          severity: 'high',
          address: 'aws_s3_bucket.releases',
          message: expect.stringMatching(
            /^dist\/index\.js:2:\d+ points at release bucket "acme-releases"/,
          ),
        }),
      ]);
      expect(run.code).toBe(1);
    },
  );

  it('honours the allowlist of the policy file; a bad one is exit 2', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'listed', version: '1.0.0' }),
      'dist/index.js': '',
      'docs/guide.md': '',
      'posture.config.yaml':
        "artifact:\n  allow: ['dist/**', 'package.json', 'posture.config.yaml']\n",
    });
    const run = await runCli(['artifact', '.', '-f', 'json'], dir);
    const findings = JSON.parse(run.stdout).findings as { ruleId: string; message: string }[];
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^docs\/guide\.md would ship.*matches no glob/),
    ]);
    writeFileSync(join(dir, 'posture.config.yaml'), 'artifact:\n  allowTypes: [binaries]\n');
    const bad = await runCli(['artifact', '.'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad policy file: .*artifact\.allowTypes\.0/);
  });

  it.each([
    // what the package is, the rule its own policy file turns off, its package.json
    [
      'unbuilt',
      'artifact-target-missing',
      '{"name":"acme","version":"1.0.0","main":"dist/index.js","files":["dist"]}',
    ],
    ['unpackable', 'artifact-unreadable', '{"name":"acme", bad json'],
  ])(
    'an %s package fails closed with no policy; its own policy turning %s off is exit 2',
    async (_what, rule, manifest) => {
      const dir = makePackage({ 'package.json': manifest });
      expect((await runCli(['artifact', '.'], dir)).code).toBe(1);
      writeFileSync(join(dir, 'posture.config.yaml'), `rules:\n  ${rule}: { enabled: false }\n`);
      const run = await runCli(['artifact', '.'], dir);
      expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
      expect(run.stderr).toContain(
        `bad policy file: posture.config.yaml:2: rules.${rule}.enabled: ${rule} reports input that was not checked`,
      );
    },
  );

  it('refuses what it cannot run: a missing path, a bad manifest, a manifest for two artifacts', async () => {
    const dir = makePackage({ 'package.json': '{"name":"x","version":"1.0.0"}', 'm.json': '{}' });
    expect((await runCli(['artifact', 'nope.tgz'], dir)).code).toBe(2);
    const bad = await runCli(['artifact', '.', '--manifest', 'm.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad manifest: .*not a Posture artifact manifest/);
    // Where it breaks and why, quoting none of it (JSON.parse's message would quote the token).
    writeFileSync(join(dir, 'm.json'), '{"version": ghp_0123456789abcdefghijklmnopqrstuvwxyz}');
    const broken = await runCli(['artifact', '.', '--manifest', 'm.json'], dir);
    expect(broken.stderr).toBe('posture: bad manifest: m.json:1:13 is not JSON: invalid symbol\n');
    expect((await runCli(['artifact', '.', '.', '--write-manifest', 'x.json'], dir)).code).toBe(2);
  });

  it('writes no manifest through a symbolic link in the working directory', async () => {
    const dir = makePackage({ 'package.json': '{"name":"x","version":"1.0.0"}' });
    const outside = makePackage({});
    symlinkSync(join(outside, 'approved.json'), join(dir, 'approved.json'));
    const run = await runCli(['artifact', '.', '--write-manifest', 'approved.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/will not write through .*approved\.json: a symbolic link/);
    expect(run.files.size).toBe(0);
  });

  it.each([
    ['a package directory', ['pkg']],
    ['--package-dir', ['x.tgz', '--package-dir', 'pkg']],
    ['--repo', ['.', '--repo', 'pkg']],
  ])('refuses %s named through a symbolic link out of the working directory', async (_, args) => {
    const dir = makePackage({ 'package.json': '{"name":"x","version":"1.0.0"}', 'x.tgz': '' });
    const outside = makePackage({
      'package.json': '{"name":"x","version":"1.0.0"}',
      'index.js': `const t = '${SECRETS.github}';\n`,
    });
    symlinkSync(outside, join(dir, 'pkg'));
    const run = await runCli(['artifact', ...args], dir);
    expect(run.code).toBe(2);
    const typed = args[0] === 'pkg' ? 'pkg' : `${args[1]} pkg`;
    expect(run.stderr).toBe(
      `posture: ${typed} leads out of the repository or the working directory through a symbolic link: a file named there is read only from inside it; name a file outside them by its own path.\n`,
    );
  });

  it.each([
    ['--manifest', 'approved.json', '{"version": "ghp_0123456789abcdefghijklmnopqrstuvwxyz"}'],
    ['--config', 'posture.config.yaml', 'owner: ghp_0123456789abcdefghijklmnopqrstuvwxyz\n'],
  ])(
    'reads no %s through a symbolic link out of the working directory, nor says what it holds',
    async (option, name, text) => {
      const dir = makePackage({ 'package.json': '{"name":"x","version":"1.0.0"}' });
      const outside = makePackage({ [name]: text });
      symlinkSync(join(outside, name), join(dir, name));
      const run = await runCli(['artifact', '.', option, name], dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toBe(
        `posture: ${option} ${name} leads out of the repository or the working directory through a symbolic link: a file named there is read only from inside it; name a file outside them by its own path.\n`,
      );
      expect(run.stdout).toBe('');
    },
  );

  it('a truncated tarball is a finding that fails the gate, not a crash', async () => {
    const dir = leakyPackage();
    const tarball = npmPack(dir);
    const bytes = readFileSync(tarball);
    writeFileSync(tarball, bytes.subarray(0, bytes.length - 200));
    const run = await runCli(['artifact', tarball, '-f', 'json'], dir);
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('artifact-unreadable');
  });

  it('run in a workspace member, applies the ignore files of the workspace root in the repository', async () => {
    const repo = makePackage({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'package.json': JSON.stringify({ name: 'mono', private: true, workspaces: ['packages/*'] }),
      '.gitignore': '.env\n*.map\n',
      'packages/one/package.json': JSON.stringify({ name: 'one', version: '1.0.0' }),
      'packages/one/index.js': 'run();\n',
      'packages/one/index.js.map': JSON.stringify({ version: 3, sourcesContent: ['x'] }),
      'packages/one/.env': `NPM_TOKEN=${SECRETS.npm}\n`,
    });
    const run = await runCli(['artifact', '.', '-f', 'json'], join(repo, 'packages/one'));
    expect(JSON.parse(run.stdout).findings).toEqual([]);
    expect(run.code).toBe(0);
  });

  it.each([
    ['run in it', '.', 'pk'],
    ['run above it', 'pk', '.'],
  ])(
    'a repository in a workspace that is not its own: applies no ignore file above it, %s',
    async (_what, named, cwd) => {
      // The directory around the checkout (a runner's work directory) is not the repository's.
      const around = makePackage({
        'package.json': JSON.stringify({ name: 'around', private: true, workspaces: ['pk'] }),
        '.npmignore': '*.map\n',
        'pk/.git/HEAD': 'ref: refs/heads/main\n',
        'pk/package.json': JSON.stringify({ name: 'pk', version: '1.0.0' }),
        'pk/dist/a.js.map': JSON.stringify({ version: 3, sourcesContent: ['x'], mappings: '' }),
      });
      const run = await runCli(['artifact', named, '-f', 'json'], join(around, cwd));
      const found = JSON.parse(run.stdout).findings.map((f: { ruleId: string }) => f.ruleId);
      expect(found).toEqual(['artifact-sources-content', 'artifact-not-allowed']);
      expect(run.code).toBe(1);
    },
  );

  // One such file stopped the reading: "Reading stopped at the entry dist/a.js.gz", 0 files
  // scanned, and the environment file beside it was never judged.
  it('a package directory with a file it cannot read is read past it', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'acme', version: '1.0.0', files: ['dist'] }),
      'dist/a.js.gz': 'not gzip\n',
      'dist/.env.production': 'TOKEN=x\n',
    });
    const run = await runCli(['artifact', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      "artifact-unreadable   The package file dist/a.js.gz could not be checked: a file named as gzip-compressed does not unpack as gzip (incorrect header check: its first bytes are not gzip's, 1f 8b), so its content could not be checked. What could not be read",
    );
    expect(run.stdout).toContain('Fix or remove the file, and check the directory again.');
    expect(run.stdout).not.toContain('Reading stopped');
    expect(run.stdout).toContain(
      'artifact-not-allowed  dist/.env.production is an environment file',
    );
    expect(run.stdout).toContain('· 2 files scanned');
  });

  // A link in an extension's directory stopped its whole reading. vsce packs what a link leads
  // to: a file of the extension is read so, one out of it is said at it and the rest read on.
  it('an extension directory with symbolic links is read past the one leading out of it', async () => {
    const outside = makePackage({ 'secret.env': 'TOKEN=x\n' });
    const dir = makePackage({
      'package.json': JSON.stringify({
        name: 'ext',
        version: '1.0.0',
        publisher: 'acme',
        engines: { vscode: '^1.90.0' },
      }),
      'real.env': 'TOKEN=x\n',
      'z.js': '',
    });
    makeLinks(dir, { 'inside.env': 'real.env', 'outside.env': join(outside, 'secret.env') });
    const run = await runCli(['artifact', '.'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'artifact-unreadable   The package file outside.env could not be checked: outside.env is a symbolic link leading out of the package directory: vsce would pack what it leads to in its place',
    );
    expect(run.stdout).not.toContain('Reading stopped');
    expect(run.stdout).toContain('artifact-not-allowed  inside.env is an environment file');
    expect(run.stdout).toContain('· 4 files scanned');
  });

  it('a package.json npm cannot pack is a finding at package.json, with the report written', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'odd', version: '1.0.0', files: ['dist', 5] }),
      'dist/index.js': '',
    });
    const run = await runCli(['artifact', '.', '-f', 'sarif', '-o', 'out.sarif'], dir);
    expect(run.code).toBe(1);
    const sarif = run.files.get(join(dir, 'out.sarif')) ?? '';
    expect(sarif).toContain('"ruleId": "artifact-unreadable"');
    expect(sarif).toContain('package.json \\"files\\" entry 2 is a number, not a path');
  });
});

describe('a package directory that is not what ships', () => {
  const UNBUILT = {
    'package.json': JSON.stringify(
      {
        name: 'unbuilt',
        version: '1.0.0',
        main: 'dist/index.js',
        files: ['dist'],
        scripts: { prepack: 'tsc --sourceMap' },
      },
      null,
      2,
    ),
    'src/index.ts': 'export const x = 1;\n',
  };

  /** A threshold, and the exit code: every one but none fails, as for what could not be read. */
  const THRESHOLDS: [string, number][] = [
    ['low', 1],
    ['critical', 1],
    ['none', 0],
  ];
  it.each(THRESHOLDS)('fails the gate at --fail-on %s: %i', async (failOn, code) => {
    const dir = makePackage(UNBUILT);
    const run = await runCli(['artifact', '.', '--fail-on', failOn, '-f', 'json'], dir);
    expect(run.code).toBe(code);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; location: { file: string; start: { line: number } } }[];
      diagnostics: { code: string }[];
    };
    expect(
      report.findings.map((f) => [f.ruleId, basename(f.location.file), f.location.start.line]),
    ).toEqual([
      ['artifact-target-missing', 'package.json', 4],
      ['artifact-target-missing', 'package.json', 6],
    ]);
    expect(report.diagnostics.map((d) => d.code)).toEqual(['artifact-built-at-pack-time']);
  });
});

describe("a package directory naming pnpm's publishConfig.directory", () => {
  /** Clean as pnpm packs it (dist/); npm ignores the field and would ship the root's deploy.env. */
  const files = (fields: Record<string, string>) => ({
    'package.json': JSON.stringify({
      name: 't3',
      version: '1.0.0',
      main: 'dist/index.js',
      publishConfig: { directory: 'dist' },
      ...fields,
    }),
    'deploy.env': `AWS_ACCESS_KEY_ID=${SECRETS.aws}\n`,
    'dist/package.json': JSON.stringify({ name: 't3', version: '1.0.0', main: 'index.js' }),
    'dist/index.js': 'module.exports = 1;\n',
  });
  /** [who publishes it, package.json fields, exit code, the credential found]. */
  const PUBLISHERS: [string, Record<string, string>, number, boolean][] = [
    ['nothing says: both packers are judged', {}, 1, true],
    ['npm by its packageManager', { packageManager: 'npm@11.6.0' }, 1, true],
    ['pnpm by its packageManager', { packageManager: 'pnpm@9.15.0' }, 0, false],
  ];
  it.each(PUBLISHERS)('%s', async (_name, fields, code, credential) => {
    const run = await runCli(['artifact', '.', '-f', 'json'], makePackage(files(fields)));
    expect(run.code).toBe(code);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.some((f) => f.ruleId === 'artifact-credential')).toBe(credential);
    expect(run.stdout).not.toContain(SECRETS.aws);
  });
});

/** Terraform of a public bucket, "acme-releases", which its name makes release-use. */
const PUBLIC_RELEASES = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
}
resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::acme-releases/*" }]
  })
}
`;

describe('the Terraform storage links are judged against', () => {
  const FOUND =
    'Terraform: . (the git checkout around the package; --repo names another, --no-repo none): 1 file read, 1 bucket';
  const NONE =
    'Terraform: none read (no --repo, and no git checkout around the package): storage links were not judged against release buckets';
  /** A package linking to the release bucket, in a checkout whose Terraform declares it, or not. */
  const layout = (git: boolean) => {
    const top = makePackage({
      ...(git && { '.git/HEAD': 'ref: refs/heads/main\n' }),
      'infra/main.tf': PUBLIC_RELEASES,
      'pkg/package.json': JSON.stringify({ name: 'linked', version: '1.0.0', files: ['dist'] }),
      'pkg/dist/index.js': "fetch('https://acme-releases.s3.amazonaws.com/cli.tgz');\n",
    });
    const tarball = npmPack(join(top, 'pkg'));
    mkdirSync(join(top, 'out'));
    copyFileSync(tarball, join(top, 'out', basename(tarball)));
    return { top, tarball, inside: join(top, 'out', basename(tarball)) };
  };
  type Layout = ReturnType<typeof layout>;
  // [what, in a checkout, the working directory, what is inspected, the link's severity, the line]
  const CASES: [string, boolean, (l: Layout) => string, (l: Layout) => string[], string, string][] =
    [
      ['a directory in a checkout', true, (l) => l.top, () => ['pkg'], 'critical', FOUND],
      [
        'a tarball outside the checkout, run in it',
        true,
        (l) => join(l.top, 'pkg'),
        (l) => [l.tarball],
        'critical',
        FOUND,
      ],
      [
        'a tarball in the checkout, run outside it',
        true,
        () => makePackage({}),
        (l) => [l.inside],
        'critical',
        FOUND,
      ],
      [
        'a tarball and its --package-dir in the checkout, run outside it',
        true,
        () => makePackage({}),
        (l) => [l.tarball, '--package-dir', join(l.top, 'pkg')],
        'critical',
        FOUND,
      ],
      [
        '--repo naming another repository, read instead',
        true,
        (l) => l.top,
        () => ['pkg', '--repo', makePackage({ 'main.tf': '' })],
        'medium',
        'Terraform: . (--repo): 1 file read, no bucket: storage links were not judged against release buckets',
      ],
      [
        '--repo naming the part of the checkout that holds it',
        true,
        (l) => l.top,
        () => ['pkg', '--repo', 'infra'],
        'critical',
        'Terraform: infra (--repo): 1 file read, 1 bucket',
      ],
      [
        '--no-repo, in a checkout: none read',
        true,
        (l) => l.top,
        () => ['pkg', '--no-repo'],
        'medium',
        'Terraform: none read (--no-repo): storage links were not judged against release buckets',
      ],
      ['a directory in no checkout', false, (l) => l.top, () => ['pkg'], 'medium', NONE],
      [
        'a tarball in no checkout, run in none',
        false,
        (l) => l.top,
        (l) => [l.inside],
        'medium',
        NONE,
      ],
    ];

  it.each(CASES)('%s', async (_what, git, cwd, args, severity, line) => {
    const made = layout(git);
    const run = await runCli(['artifact', ...args(made)], cwd(made));
    expect(run.stdout).toMatch(new RegExp(`${severity} +artifact-storage-link`));
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(line);
  });

  const READ = { files: 1, buckets: 1, unread: [], modules: [] };
  const NONE_READ = { files: 0, buckets: 0, unread: [], modules: [] };
  it.each([
    ['the checkout found', [] as string[], { root: '.', chosen: 'checkout', ...READ }],
    ['--repo', ['--repo', 'infra'], { root: '.', chosen: 'named', ...READ }],
    ['--no-repo', ['--no-repo'], { root: null, chosen: 'declined', ...NONE_READ }],
  ])('says in the JSON report which Terraform it read: %s', async (_what, options, expected) => {
    const made = layout(true);
    const run = await runCli(['artifact', 'pkg', ...options, '-f', 'json'], made.top);
    const report = JSON.parse(run.stdout) as { root: string; terraform: unknown };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.terraform).toEqual(expected);
  });

  it('says it in the Markdown summary too, as its last line', async () => {
    const made = layout(true);
    const run = await runCli(['artifact', 'pkg', '-f', 'markdown'], made.top);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(FOUND);
  });

  it('a repository scan, which reads its Terraform as such, says nothing of it', async () => {
    const run = await runCli(['scan', '.'], layout(true).top);
    expect(run.stdout).not.toContain('Terraform:');
  });
});

describe('how much of the Terraform was read, and what could not be', () => {
  const LINK = "fetch('https://acme-releases.s3.amazonaws.com/cli.tgz');\n";
  const R2_LINK = `fetch('${R2}');\n`;
  const RELEASES = 'resource "aws_s3_bucket" "releases" {\n  bucket = "acme-releases"\n}\n';
  /** The brace on the next line: Terraform refuses it, and posture scan fails closed on it. */
  const BROKEN = 'resource "aws_s3_bucket" "releases"\n{\n  bucket = "acme-releases"\n}\n';
  /** A release step that uploads to acme-releases, which makes it a bucket no Terraform declares. */
  const UPLOAD =
    'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws s3 cp pkg/dist s3://acme-releases/ --recursive\n';
  const CHECKOUT = 'the git checkout around the package; --repo names another, --no-repo none';
  const UNJUDGED = 'storage links were not judged against release buckets';
  const FIFO = Symbol('a named pipe');
  /** A symbolic link out of the checkout, to a file that declares the release bucket. */
  const LINKED_OUT = Symbol('a symbolic link out of the checkout');
  type Files = Record<string, string | typeof FIFO | typeof LINKED_OUT>;
  // [what, the checkout's files besides the package, what it ships, the exit code,
  //  the storage link's severity, artifact-link-unjudged findings, the JSON's terraform, the line]
  const CASES: [string, Files, string, number, string, number, object, string][] = [
    [
      'no Terraform in the checkout',
      {},
      LINK,
      0,
      'medium',
      0,
      { files: 0, buckets: 0, unread: [], modules: [] },
      `Terraform: none read in . (${CHECKOUT}): ${UNJUDGED}`,
    ],
    [
      "all of it excluded by the policy's exclude",
      { 'infra/main.tf': RELEASES, 'posture.config.yaml': "exclude: ['infra/**']\n" },
      LINK,
      0,
      'medium',
      0,
      { files: 0, buckets: 0, unread: [], modules: [] },
      `Terraform: none read in . (${CHECKOUT}): ${UNJUDGED}`,
    ],
    [
      'Terraform that declares no bucket',
      { 'infra/main.tf': 'variable "region" {}\n' },
      LINK,
      0,
      'medium',
      0,
      { files: 1, buckets: 0, unread: [], modules: [] },
      `Terraform: . (${CHECKOUT}): 1 file read, no bucket: ${UNJUDGED}`,
    ],
    [
      'Terraform that declares the release bucket',
      { 'infra/main.tf': RELEASES },
      LINK,
      1,
      'high',
      0,
      { files: 1, buckets: 1, unread: [], modules: [] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 bucket`,
    ],
    [
      'an unparseable .tf, and a link to no bucket read: fails closed',
      { 'infra/main.tf': BROKEN },
      LINK,
      1,
      'medium',
      1,
      { files: 0, buckets: 0, unread: ['infra/main.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 0 files read, 1 unreadable (infra/main.tf), no bucket: ${UNJUDGED}`,
    ],
    [
      'a .tf that is a named pipe, and a link to no bucket read: fails closed',
      { 'infra/main.tf': FIFO },
      LINK,
      1,
      'medium',
      1,
      { files: 0, buckets: 0, unread: ['infra/main.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 0 files read, 1 unreadable (infra/main.tf), no bucket: ${UNJUDGED}`,
    ],
    [
      'a .tf that links out of the checkout, and a link to no bucket read: fails closed',
      { 'infra/main.tf': 'variable "region" {}\n', 'infra/releases.tf': LINKED_OUT },
      LINK,
      1,
      'medium',
      1,
      { files: 1, buckets: 0, unread: ['infra/releases.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 unreadable (infra/releases.tf), no bucket: ${UNJUDGED}`,
    ],
    [
      'a registry module not installed, and a link to no bucket read: fails closed',
      {
        'infra/main.tf':
          'module "releases" {\n  source  = "acme/releases/aws"\n  version = "1.0.0"\n}\n',
      },
      LINK,
      1,
      'medium',
      1,
      { files: 1, buckets: 0, unread: [], modules: ['infra/main.tf:2:3'] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 module not read (infra/main.tf:2:3), no bucket: ${UNJUDGED}`,
    ],
    [
      'a git module and a missing local one, and a link to no bucket read: fails closed',
      {
        'infra/main.tf':
          'module "git" {\n  source = "git::https://example.com/releases.git"\n}\nmodule "local" {\n  source = "./modules/missing"\n}\n',
      },
      LINK,
      1,
      'medium',
      1,
      { files: 1, buckets: 0, unread: [], modules: ['infra/main.tf:2:3', 'infra/main.tf:5:3'] },
      `Terraform: . (${CHECKOUT}): 1 file read, 2 modules not read (infra/main.tf:2:3, infra/main.tf:5:3), no bucket: ${UNJUDGED}`,
    ],
    [
      'a registry module not installed, and a link to a bucket another file declares: judged',
      { 'infra/main.tf': `${RELEASES}module "cdn" {\n  source = "acme/cdn/aws"\n}\n` },
      LINK,
      1,
      'high',
      0,
      { files: 1, buckets: 1, unread: [], modules: ['infra/main.tf:5:3'] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 module not read (infra/main.tf:5:3), 1 bucket`,
    ],
    [
      'a well-known module read by its inputs, not installed: judged by them',
      {
        'infra/main.tf':
          'module "releases" {\n  source  = "terraform-aws-modules/s3-bucket/aws"\n  version = "4.1.0"\n  bucket  = "acme-releases"\n}\n',
      },
      LINK,
      1,
      'high',
      0,
      { files: 1, buckets: 1, unread: [], modules: [] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 bucket`,
    ],
    [
      'an unparseable .tf, and a link to a bucket another file declares: judged',
      { 'infra/main.tf': RELEASES, 'infra/other.tf': BROKEN.replace(/releases/g, 'other') },
      LINK,
      1,
      'high',
      0,
      { files: 1, buckets: 1, unread: ['infra/other.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 1 file read, 1 unreadable (infra/other.tf), 1 bucket`,
    ],
    [
      'an unparseable .tf, and a link to a bucket only a release step names: fails closed',
      { 'infra/main.tf': BROKEN, '.github/workflows/release.yml': UPLOAD },
      LINK,
      1,
      'high',
      1,
      { files: 0, buckets: 1, unread: ['infra/main.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 0 files read, 1 unreadable (infra/main.tf), 1 bucket`,
    ],
    [
      'an unparseable .tf, and an r2.dev link, public whatever it declares: judged',
      { 'infra/main.tf': BROKEN },
      R2_LINK,
      1,
      'critical',
      0,
      { files: 0, buckets: 0, unread: ['infra/main.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 0 files read, 1 unreadable (infra/main.tf), no bucket: ${UNJUDGED}`,
    ],
    [
      'an unparseable .tf, and no storage link: a note, and the gate passes',
      { 'infra/main.tf': BROKEN },
      'run();\n',
      0,
      '',
      0,
      { files: 0, buckets: 0, unread: ['infra/main.tf'], modules: [] },
      `Terraform: . (${CHECKOUT}): 0 files read, 1 unreadable (infra/main.tf), no bucket: ${UNJUDGED}`,
    ],
  ];
  const checkout = (files: Files, shipped: string) => {
    const text = Object.entries(files).filter(
      (file): file is [string, string] => typeof file[1] === 'string',
    );
    const top = makePackage({
      '.git/HEAD': 'ref: refs/heads/main\n',
      ...Object.fromEntries(text),
      'pkg/package.json': JSON.stringify({ name: 'linked', version: '1.0.0', files: ['dist'] }),
      'pkg/dist/index.js': shipped,
    });
    for (const [path] of Object.entries(files).filter(([, body]) => body === FIFO)) {
      mkdirSync(dirname(join(top, path)), { recursive: true });
      expect(spawnSync('mkfifo', [join(top, path)]).status, 'mkfifo is needed').toBe(0);
    }
    const outside = makePackage({ 'releases.tf': RELEASES });
    for (const [path] of Object.entries(files).filter(([, body]) => body === LINKED_OUT))
      symlinkSync(join(outside, 'releases.tf'), join(top, path));
    return top;
  };
  const ruleCount = (stdout: string, rule: string) =>
    stdout.split('\n').filter((line) => new RegExp(`^ +\\S+ +\\w+ +${rule} `).test(line)).length;

  it.each(CASES)('%s', async (_what, files, shipped, code, severity, unjudged, read, line) => {
    const top = checkout(files, shipped);
    const run = await runCli(['artifact', 'pkg'], top);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(code);
    if (severity !== '')
      expect(run.stdout).toMatch(new RegExp(`${severity} +artifact-storage-link`));
    expect(ruleCount(run.stdout, 'artifact-link-unjudged')).toBe(unjudged);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe(line);
    const json = await runCli(['artifact', 'pkg', '-f', 'json'], top);
    const report = JSON.parse(json.stdout) as {
      terraform: object;
      diagnostics: {
        code: string;
        message: string;
        range: { file: string; start: { line: number; column: number } };
      }[];
    };
    expect(reportSchemaErrors(report)).toEqual([]);
    expect(report.terraform).toEqual({ root: '.', chosen: 'checkout', ...read });
    const { unread, modules } = read as { unread: string[]; modules: string[] };
    const notes = report.diagnostics.filter((d) => d.code === 'repository-unread');
    expect(notes.map((d) => d.range.file)).toEqual(unread);
    // A module's note sits at its call and names it.
    const calls = report.diagnostics.filter((d) => d.code === 'repository-module-unread');
    expect(
      calls.map(({ range: { file, start } }) => `${file}:${start.line}:${start.column}`),
    ).toEqual(modules);
    for (const call of calls) expect(call.message).toMatch(/^module "\w+" \(source "/);
  });

  it('a link not judged fails the gate at any --fail-on but none, naming what was not read', async () => {
    const top = checkout({ 'infra/main.tf': BROKEN }, LINK);
    const critical = await runCli(['artifact', 'pkg', '--fail-on', 'critical'], top);
    expect(critical.code).toBe(1);
    expect(critical.stdout).toContain('could not be read: infra/main.tf:1:');
    expect((await runCli(['artifact', 'pkg', '--fail-on', 'none'], top)).code).toBe(0);
    // --no-repo reads none, and says so: nothing unread is then in question.
    const declined = await runCli(['artifact', 'pkg', '--no-repo'], top);
    expect(declined.code).toBe(0);
    expect(declined.stdout).not.toContain('repository-unread');
  });
});

describe('outside a checkout, reports do not change with the working directory', () => {
  interface Result {
    locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    fingerprints: object;
    partialFingerprints: object;
  }
  /** The SARIF base, and each result's URI and fingerprints, of a run in `cwd`. */
  const sarifRun = async (path: string, cwd: string) => {
    const run = await runCli(['artifact', path, '-f', 'sarif'], cwd);
    const [sarif] = JSON.parse(run.stdout).runs as {
      originalUriBaseIds: { '%SRCROOT%': { uri: string } };
      results: Result[];
    }[];
    return {
      base: sarif?.originalUriBaseIds['%SRCROOT%'].uri,
      results: sarif?.results.map((r) => [
        r.locations[0]?.physicalLocation.artifactLocation.uri,
        r.fingerprints,
        r.partialFingerprints,
      ]),
    };
  };
  /** `npm pack` of a directory, the tarball written in it. */
  const packedBeside = (dir: string) => {
    const tarball = join(dir, basename(npmPack(dir)));
    copyFileSync(npmPack(dir), tarball);
    return tarball;
  };
  const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' });
  // [what is inspected, the URI findings are at, relative to the package's directory]
  const CASES: [string, (dir: string) => string, string][] = [
    ['the package directory', (dir) => dir, 'package.json'],
    ['its tarball, beside it', packedBeside, 'package.json'],
  ];

  it.each(CASES)('%s: the base is its directory', async (_what, inspected, uri) => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'loose', version: '1.0.0', files: ['dist'] }),
      'dist/a.js.map': MAP,
    });
    const path = inspected(dir);
    const near = await sarifRun(path, makePackage({}));
    const deeper = await sarifRun(path, join(makePackage({ 'a/b/c/.keep': '' }), 'a/b/c'));
    expect(near).toEqual(deeper);
    expect(near.base).toBe(`file://${dir}/`);
    expect(near.results?.map((r) => r[0])).toEqual([uri]);
  });

  /** A policy whose exception covers nothing: a note at its line, in every report. */
  const POLICY = [
    'exceptions:',
    '  - rule: artifact-not-allowed',
    '    target: { file: "nothing/**" }',
    '    reason: covers nothing here',
    '    approvedBy: jane@acme.example',
    '    expires: 2099-01-01',
    '',
  ].join('\n');
  /** The JSON report's root, and the files it names, relative to it, of a run in `cwd`. */
  const jsonRun = async (path: string, cwd: string) => {
    const run = await runCli(['artifact', path, '-f', 'json'], cwd);
    const report = JSON.parse(run.stdout);
    expect(reportSchemaErrors(report)).toEqual([]);
    return {
      root: report.root,
      policy: report.policy.path,
      diagnostics: report.diagnostics.map((d: { range: { file: string } }) => d.range.file),
      findings: report.findings.map((f: { location: { file: string } }) => f.location.file),
    };
  };

  it.each(CASES)(
    '%s: JSON names files from its root, the base, as SARIF and text do',
    async (_what, inspected, uri) => {
      const dir = makePackage({
        'package.json': JSON.stringify({ name: 'loose', version: '1.0.0', files: ['dist'] }),
        'dist/a.js.map': MAP,
        'posture.config.yaml': POLICY,
      });
      const path = inspected(dir);
      const expected = {
        root: dir,
        policy: 'posture.config.yaml',
        diagnostics: ['posture.config.yaml'],
        findings: [uri],
      };
      expect(await jsonRun(path, makePackage({}))).toEqual(expected);
      expect(await jsonRun(path, dir)).toEqual(expected);
      const text = await runCli(['artifact', path], makePackage({}));
      expect(text.stdout).toContain('posture.config.yaml:2:1 ');
      expect(text.stdout).toContain('Policy: posture.config.yaml');
    },
  );
});

describe('a workspace member in no checkout', () => {
  // The workspace root's .npmignore would keep the map out, as npm run in the member keeps it.
  // What is above the package is read only when --repo names it: a shared /tmp, or a runner's work
  // directory, could otherwise hide a file that ships; and never by where the gate runs.
  const workspace = () =>
    makePackage({
      'package.json': JSON.stringify({ name: 'ws', private: true, workspaces: ['packages/*'] }),
      '.npmignore': '*.map\n',
      'packages/a/package.json': JSON.stringify({ name: 'a', version: '1.0.0' }),
      'packages/a/index.js': 'run();\n',
      'packages/a/index.js.map': JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' }),
    });
  const SHIPPED = ['artifact-not-allowed index.js.map'];
  // [what, the working directory and the arguments, given the workspace root, the findings]
  const CASES: [string, (ws: string) => [string, string[]], string[]][] = [
    ['run in the member', (ws) => [join(ws, 'packages/a'), ['.']], SHIPPED],
    ['run in the workspace root', (ws) => [ws, ['packages/a']], SHIPPED],
    ['run in packages/', (ws) => [join(ws, 'packages'), ['a']], SHIPPED],
    ['run elsewhere', (ws) => [makePackage({}), [join(ws, 'packages/a')]], SHIPPED],
    ['run in /', (ws) => ['/', [join(ws, 'packages/a')]], SHIPPED],
    ['with --repo naming the workspace root', (ws) => [ws, ['packages/a', '--repo', '.']], []],
  ];

  it.each(CASES)('%s', async (_what, how, findings) => {
    const [cwd, args] = how(workspace());
    const run = await runCli(['artifact', ...args, '-f', 'json'], cwd);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string; properties: { entry: string } }[];
    };
    expect(report.findings.map((f) => `${f.ruleId} ${f.properties.entry}`)).toEqual(findings);
  });
});

describe('a package outside --repo, in no checkout', () => {
  it("is read as it is without --repo: the Terraform may be another checkout's", async () => {
    const top = makePackage({
      'infra/main.tf': PUBLIC_RELEASES,
      'pkg/package.json': JSON.stringify({ name: 'apart', version: '1.0.0', files: ['dist'] }),
      'pkg/dist/index.js': "fetch('https://acme-releases.s3.amazonaws.com/cli.tgz');\n",
      'pkg/dist/index.js.map': JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' }),
    });
    const found = async (args: string[]) => {
      const run = await runCli(['artifact', 'pkg', ...args, '-f', 'json'], top);
      return JSON.parse(run.stdout).findings.map(
        (f: { ruleId: string; severity: string }) => `${f.ruleId} ${f.severity}`,
      );
    };
    expect(await found(['--repo', 'infra'])).toEqual([
      'artifact-storage-link critical',
      'artifact-not-allowed high',
    ]);
    expect(await found([])).toEqual(['artifact-not-allowed high', 'artifact-storage-link medium']);
  });
});

describe('a shipped file full of hits', () => {
  it('is reported by its first 100 of a kind, and the report says how many more there were', async () => {
    const urls = Array.from({ length: 130 }, (_, i) => `fetch('${R2}?part=${i}');`).join('\n');
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'many', version: '1.0.0', files: ['dist'] }),
      'dist/index.js': `${urls}\n`,
    });
    const run = await runCli(['artifact', dir, '-f', 'json']);
    const report = JSON.parse(run.stdout) as {
      findings: { ruleId: string }[];
      diagnostics: { code: string; message: string }[];
    };
    expect(report.findings.filter((f) => f.ruleId === 'artifact-storage-link')).toHaveLength(100);
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        code: 'artifact-hits-capped',
        message: expect.stringContaining('30 more hits'),
      }),
    ]);
    expect(run.code).toBe(1);
  });
});

describe("a Composer auth.json whose secret is under a section's second host", () => {
  const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'codequality'];
  /** [section, its hosts as written, the secret in them]: the first host's secret is empty. */
  const CASES: [string, string, string][] = [
    [
      'http-basic',
      '{"m.example": {"password": ""}, "r.example": {"password": "Pw-7hq2"}}',
      'Pw-7hq2',
    ],
    ['github-oauth', '{"ghe.example": "", "github.com": "tok-93kd"}', 'tok-93kd'],
    [
      'gitlab-token',
      '{"a.example": {"username": "ci"}, "b.example": {"token": "gl-4kx8"}}',
      'gl-4kx8',
    ],
    ['bearer', '{"a.example": "", "b.example": "bearer-8xq"}', 'bearer-8xq'],
  ];

  it.each(CASES)(
    '%s: fails the gate, and no output format carries the secret',
    async (section, hosts, secret) => {
      const dir = makePackage({
        'package.json': JSON.stringify({
          name: 'php-tools',
          version: '1.0.0',
          files: ['auth.json'],
        }),
        'auth.json': `{\n  "${section}": ${hosts}\n}\n`,
      });
      const run = await runCli(
        [
          'artifact',
          '.',
          ...FORMATS.flatMap((f) => ['-f', f, '-o', `out.${f}`]),
          '--evidence',
          'evidence.json',
        ],
        dir,
      );
      expect(run.code).toBe(1);
      expect(run.files.size).toBe(FORMATS.length + 1);
      const outputs = [...run.files.values(), run.stdout, run.stderr].join('\n');
      expect(outputs).toContain('Composer auth.json with a token or password');
      expect(outputs).not.toContain(secret);
    },
  );
});

describe('a package counts the files it ships, as a directory and as an archive alike', () => {
  const FILES = {
    'package.json': JSON.stringify({ name: 'two', version: '1.0.0', files: ['index.js'] }),
    'index.js': 'module.exports = 1;\n',
    'notes.txt': 'not shipped\n',
  };
  /** [what is checked, made from the package directory]: each ships package.json and index.js. */
  const FORMS: [string, (dir: string) => Promise<string>][] = [
    ['the directory', (dir) => Promise.resolve(dir)],
    ['its npm pack tarball', (dir) => Promise.resolve(npmPack(dir))],
    [
      'a tarball with folder entries',
      (dir) =>
        makeTar([
          { name: 'package/', type: 'directory' },
          { name: 'package/package.json', content: readFileSync(join(dir, 'package.json')) },
          { name: 'package/index.js', content: readFileSync(join(dir, 'index.js')) },
        ]),
    ],
  ];

  it.each(FORMS)('%s: 2 files scanned', async (_form, made) => {
    const artifact = await made(makePackage(FILES));
    const text = await runCli(['artifact', artifact, '--no-repo']);
    expect(text.stdout).toContain('· 2 files scanned');
    const json = await runCli(['artifact', artifact, '--no-repo', '-f', 'json']);
    expect(JSON.parse(json.stdout).summary.filesScanned).toBe(2);
    const markdown = await runCli(['artifact', artifact, '--no-repo', '-f', 'markdown']);
    expect(markdown.stdout).toContain('· 2 files scanned');
  });
});
