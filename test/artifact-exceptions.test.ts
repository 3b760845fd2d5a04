import { copyFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePackage, npmPack } from '../packages/artifact/test/support.js';
import { runCli } from './support/cli.js';
import { tempDir } from './support/temp-dirs.js';

interface Reported {
  findings: { ruleId: string; properties: { packagePath?: string }; suppression?: object }[];
  diagnostics: {
    code: string;
    message: string;
    range: { file: string; start: { line: number } };
  }[];
}

const MAP = (sources: object) =>
  JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '', ...sources });

/**
 * Two source maps let in by one "files" entry, where every finding about them sits; the tarball
 * npm packs of it beside its package.json, as `npm pack` leaves it.
 */
function twoMaps(policy: string): { dir: string; tarball: string } {
  const dir = makePackage({
    'package.json': JSON.stringify({ name: 'acme-cli', version: '1.0.0', files: ['dist'] }),
    'dist/cli.js': 'run();\n',
    'dist/cli.js.map': MAP({ sourcesContent: ['first-party source'] }),
    'dist/vendor/x.js.map': MAP({}),
  });
  const packed = npmPack(dir);
  copyFileSync(packed, join(dir, basename(packed)));
  writeFileSync(join(dir, 'posture.config.yaml'), policy);
  return { dir, tarball: basename(packed) };
}

async function run(dir: string, artifact: string): Promise<Reported> {
  const { stdout } = await runCli(['artifact', artifact, '-f', 'json'], dir);
  return JSON.parse(stdout) as Reported;
}

/** The paths in the package of the shipped files whose findings an exception waived. */
function suppressedPaths(findings: Reported['findings']): (string | undefined)[] {
  return findings
    .filter((f) => f.suppression)
    .map((f) => f.properties.packagePath)
    .sort();
}

const exception = (file: string) => `exceptions:
  - rule: artifact-not-allowed
    target: { file: "${file}" }
    reason: vendored map without sources, reviewed
`;

describe("a policy exception's file: for a finding about a shipped file", () => {
  it.each<[string, string, string[], string[]]>([
    // what file: names, the glob (in the policy beside package.json), suppressed in a directory
    // run, and in a run on the tarball npm packed there, whose files are named as the directory's
    [
      'its path in the package',
      'dist/vendor/x.js.map',
      ['dist/vendor/x.js.map'],
      ['dist/vendor/x.js.map'],
    ],
    [
      'a glob of paths in the package',
      'dist/vendor/**',
      ['dist/vendor/x.js.map'],
      ['dist/vendor/x.js.map'],
    ],
    [
      'its path in the tarball, its package directory known',
      'package/dist/vendor/x.js.map',
      [],
      [],
    ],
    [
      'the package.json its findings sit at: every file it lets in',
      'package.json',
      ['dist/cli.js.map', 'dist/vendor/x.js.map'],
      ['dist/cli.js.map', 'dist/vendor/x.js.map'],
    ],
    ['a path not from the package root', 'vendor/x.js.map', [], []],
    ['a file that does not ship', 'dist/other.js.map', [], []],
  ])('%s (%s)', async (_what, file, inDirectory, inTarball) => {
    const { dir, tarball } = twoMaps(exception(file));
    for (const [artifact, expected] of [
      ['.', inDirectory],
      [tarball, inTarball],
    ] as const) {
      const { findings } = await run(dir, artifact);
      const suppressed = suppressedPaths(findings);
      expect({ artifact, suppressed }).toEqual({ artifact, suppressed: expected });
      // The first-party map's sources are never waived by an exception of another rule.
      expect(findings.find((f) => f.ruleId === 'artifact-sources-content')?.suppression).toBe(
        undefined,
      );
    }
  });
});

describe("a policy exception's file: for a file of a tarball read without its package directory", () => {
  it.each<[string, string, string[]]>([
    // what file: names, the glob, suppressed
    [
      'its path in the tarball, as the report prints it',
      'package/dist/vendor/x.js.map',
      ['dist/vendor/x.js.map'],
    ],
    ['a glob of paths in the tarball', 'package/dist/vendor/**', ['dist/vendor/x.js.map']],
    ['its path in the package', 'dist/vendor/x.js.map', []],
  ])('%s (%s)', async (_what, file, expected) => {
    const { dir, tarball } = twoMaps('');
    const alone = tempDir('alone');
    copyFileSync(join(dir, tarball), join(alone, tarball));
    writeFileSync(join(alone, 'posture.config.yaml'), exception(file));
    const { findings } = await run(alone, tarball);
    expect(suppressedPaths(findings)).toEqual(expected);
  });
});

/**
 * A monorepo whose packages a and b ship a map at the same path, with a's tarball packed beside
 * it, governed by the policy file at its top.
 */
function monorepo(policy: string): string {
  const top = tempDir('monorepo');
  writeFileSync(join(top, 'posture.config.yaml'), policy);
  makePackage({ '.git/HEAD': 'ref: refs/heads/main\n' }, top);
  for (const name of ['a', 'b'])
    makePackage(
      {
        'package.json': JSON.stringify({ name, version: '1.0.0', files: ['dist'] }),
        'dist/vendor/x.js.map': MAP({}),
      },
      join(top, 'packages', name),
    );
  const packed = npmPack(join(top, 'packages/a'));
  copyFileSync(packed, join(top, 'packages/a', basename(packed)));
  return top;
}

describe("a policy exception's file: in a monorepo's top-level policy file", () => {
  const RUNS = ['packages/a', 'packages/a/a-1.0.0.tgz', 'packages/b'];
  it.each<[string, string, string[]]>([
    // what file: names, the glob, the runs (of RUNS) whose map it waives
    [
      "package a's map, from the policy file's directory",
      'packages/a/dist/vendor/x.js.map',
      ['packages/a', 'packages/a/a-1.0.0.tgz'],
    ],
    ["every package's map, by a glob", 'packages/*/dist/vendor/x.js.map', RUNS],
    // Every package ships its own dist/vendor/x.js.map: the path in the package names none.
    ['a path in the package', 'dist/vendor/x.js.map', []],
    ['the path in a tarball whose package directory is known', 'package/dist/vendor/x.js.map', []],
  ])('%s (%s)', async (_what, file, waived) => {
    const top = monorepo(exception(file));
    const waives: string[] = [];
    for (const artifact of RUNS) {
      const { findings } = await run(top, artifact);
      const suppressed = suppressedPaths(findings);
      expect(findings.filter((f) => f.ruleId === 'artifact-not-allowed')).toHaveLength(1);
      if (suppressed.length > 0) waives.push(artifact);
    }
    expect(waives).toEqual(waived);
  });
});

describe("a policy exception's file: for a file that differs from the approved manifest", () => {
  it.each<[string, string, boolean]>([
    // what file: names, the glob, whether the difference is waived
    ['the file, from the policy file at the top', 'packages/a/dist/index.js', true],
    ['the manifest line the difference sits at', 'packages/a/approved.json', true],
    ['its path in the package, which every package may ship', 'dist/index.js', false],
  ])('%s (%s)', async (_what, file, waived) => {
    const top = monorepo(
      exception(file).replace('artifact-not-allowed', 'artifact-manifest-mismatch'),
    );
    const a = join(top, 'packages/a');
    writeFileSync(join(a, 'dist/index.js'), 'run();\n');
    const wrote = await runCli(['artifact', '.', '--write-manifest', 'approved.json'], a);
    writeFileSync(join(a, 'approved.json'), wrote.files.get(join(a, 'approved.json')) ?? '');
    writeFileSync(join(a, 'dist/index.js'), 'run(); // after review\n');
    const { stdout } = await runCli(
      ['artifact', 'packages/a', '--manifest', 'packages/a/approved.json', '-f', 'json'],
      top,
    );
    const { findings } = JSON.parse(stdout) as Reported;
    const mismatch = findings.filter((f) => f.ruleId === 'artifact-manifest-mismatch');
    expect(mismatch.map((f) => [f.properties.packagePath, f.suppression !== undefined])).toEqual([
      ['dist/index.js', waived],
    ]);
  });
});

describe('policy exceptions that cover no finding of an artifact run', () => {
  const policy = `exceptions:
  - rule: artifact-not-allowed
    target: { file: dist/vendor/x.js.map }
    reason: vendored, covers a finding
  - rule: artifact-not-allowed
    target: { file: dist/vendor/gone.js.map }
    reason: shipped once, no longer
  - rule: artifact-credential
    target: { file: "dist/**" }
    reason: no credential ships, so this covers nothing
  - rule: s3-website
    target: { bucket: acme-docs }
    reason: a repository rule, not this gate's
  - rule: artifact-not-allowed
    target: { file: dist/old.js.map }
    reason: expired, reported as such
    expires: 2020-01-01
`;

  it.each([
    ['a package directory', '.'],
    ['its tarball', 'tarball'],
  ])('are a note at their line in the policy file, run on %s', async (_what, named) => {
    const { dir, tarball } = twoMaps(policy);
    const report = await run(dir, named === 'tarball' ? tarball : named);
    const notes = report.diagnostics
      .filter((d) => d.code === 'policy-exception-unmatched')
      .map((d) => `${basename(d.range.file)}:${d.range.start.line} ${d.message}`);
    expect(notes).toEqual([
      expect.stringMatching(
        /^posture\.config\.yaml:5 The policy file's exception for artifact-not-allowed \(file: dist\/vendor\/gone\.js\.map\) covers no finding of this run: delete it/,
      ),
      expect.stringMatching(
        /^posture\.config\.yaml:8 The policy file's exception for artifact-credential \(file: dist\/\*\*\) covers no finding/,
      ),
    ]);
    // A note, not a finding: the gate's verdict is the findings'.
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual([
      'artifact-not-allowed',
      'artifact-not-allowed',
      'artifact-sources-content',
      'exception-expired',
    ]);
  });

  it('are not noted by a repository scan, which may be of part of what the policy governs', async () => {
    const { dir } = twoMaps(policy);
    writeFileSync(
      join(dir, 'main.tf'),
      'resource "aws_s3_bucket" "b" {\n  bucket = "acme-docs"\n}\n',
    );
    const { stdout } = await runCli(['scan', '.', '-f', 'json'], dir);
    const report = JSON.parse(stdout) as Reported;
    expect(report.diagnostics.map((d) => d.code)).not.toContain('policy-exception-unmatched');
  });
});
