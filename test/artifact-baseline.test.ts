import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkGithubProfile } from '@posture/report';
import {
  makePackage,
  makeTar,
  makeZip,
  npmPack,
  scratch,
} from '../packages/artifact/test/support.js';
import { runCli, type CliRun } from './support/cli.js';

const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' });

/** A package shipping a vendored map through its "files" entry, and its tarball beside it. */
function vendored(): { dir: string; tarball: string } {
  const dir = makePackage({
    'package.json': JSON.stringify({ name: 'acme-cli', version: '1.0.0', files: ['dist'] }),
    'dist/cli.js': 'run();\n',
    'dist/vendor/x.js.map': MAP,
  });
  return { dir, tarball: repack(dir) };
}

/** `npm pack`, the tarball left in the package directory as npm leaves it. */
function repack(dir: string): string {
  const packed = npmPack(dir);
  copyFileSync(packed, join(dir, basename(packed)));
  return basename(packed);
}

/** Runs the CLI and writes to disk the files it wrote, as the real one does. */
async function written(args: readonly string[], cwd: string): Promise<CliRun> {
  const run = await runCli(args, cwd);
  for (const [path, text] of run.files) writeFileSync(path, text);
  return run;
}

interface Judged {
  findings: { properties: { packagePath?: string }; suppression?: { kind: string } }[];
  diagnostics: { code: string; message: string }[];
}

/** The artifact gate with a baseline: its exit code, and what it left new. */
async function gate(cwd: string, artifact: string, baseline: string) {
  const run = await runCli(['artifact', artifact, '--baseline', baseline, '-f', 'json'], cwd);
  const report = JSON.parse(run.stdout) as Judged;
  const fresh = report.findings.filter((f) => !f.suppression).map((f) => f.properties.packagePath);
  const notes = report.diagnostics.filter((d) => d.code === 'baseline-entry-unmatched');
  return { code: run.code, fresh: fresh.sort(), notes: notes.map((d) => d.message) };
}

describe('posture baseline --artifact', () => {
  it.each([
    ['the tarball', 'tarball', 'tarball'],
    ['the package directory', '.', 'tarball'],
    ['the tarball, for the package directory', 'tarball', '.'],
  ])(
    'records the findings of %s, which the artifact gate then accepts, and no other file',
    async (_what, recorded, gated) => {
      const { dir, tarball } = vendored();
      const named = (artifact: string) => (artifact === 'tarball' ? tarball : artifact);
      const made = await written(['baseline', '--artifact', named(recorded)], dir);
      expect(made.stderr).toBe('Wrote 1 finding to .posture-artifact-baseline.json.\n');
      const baseline = JSON.parse(
        readFileSync(join(dir, '.posture-artifact-baseline.json'), 'utf8'),
      );
      // What a reviewer reads in the baseline is the file it accepts.
      expect(baseline.findings).toEqual([
        {
          fingerprint: expect.any(String),
          ruleId: 'artifact-not-allowed',
          file: 'package.json',
          packagePath: 'dist/vendor/x.js.map',
          severity: 'high',
        },
      ]);
      expect(await gate(dir, named(gated), '.posture-artifact-baseline.json')).toEqual({
        code: 0,
        fresh: [],
        notes: [],
      });
      // A first-party map let in by the same "files" entry is new.
      writeFileSync(join(dir, 'dist/cli.js.map'), MAP);
      rmSync(join(dir, tarball));
      repack(dir);
      expect(await gate(dir, named(gated), '.posture-artifact-baseline.json')).toEqual({
        code: 1,
        fresh: ['dist/cli.js.map'],
        notes: [],
      });
    },
  );

  describe('for an archive read without its package directory, its findings at the archive', () => {
    /** `npm pack` of the vendored package as `name@version`, copied to `dir` as `as`. */
    function tarball(dir: string, name: string, version: string, as?: string): string {
      const source = makePackage({
        'package.json': JSON.stringify({ name, version, files: ['dist'] }),
        'dist/cli.js': 'run();\n',
        'dist/vendor/x.js.map': MAP,
      });
      const packed = npmPack(source);
      const named = as ?? basename(packed);
      copyFileSync(packed, join(dir, named));
      return named;
    }

    /** A zip of the same files without a package.json, as an app's build writes one, in `dir`. */
    function zip(dir: string, as: string): string {
      const made = makeZip([
        { name: 'dist/cli.js', content: 'run();\n' },
        { name: 'dist/vendor/x.js.map', content: MAP },
      ]);
      copyFileSync(made, join(dir, as));
      return as;
    }

    type Make = (dir: string) => string;
    // [what is gated after what was recorded, the two archives, the gate's exit code]
    const RELEASES: [string, Make, Make, number][] = [
      [
        'the next version',
        (d) => tarball(d, 'acme-cli', '1.0.0'),
        (d) => tarball(d, 'acme-cli', '1.0.1'),
        0,
      ],
      [
        'a pre-release',
        (d) => tarball(d, 'acme-cli', '1.0.0'),
        (d) => tarball(d, 'acme-cli', '2.0.0-beta.1'),
        0,
      ],
      [
        'a zip of the next version',
        (d) => zip(d, 'acme-app-1.0.0.zip'),
        (d) => zip(d, 'acme-app-1.0.1.zip'),
        0,
      ],
      [
        'the same version, renamed',
        (d) => tarball(d, 'acme-cli', '1.0.0'),
        (d) => tarball(d, 'acme-cli', '1.0.0', 'acme-cli.tgz'),
        1,
      ],
      [
        "another package's, with the same files",
        (d) => tarball(d, 'acme-cli', '1.0.0'),
        (d) => tarball(d, 'other-cli', '1.0.0'),
        1,
      ],
      [
        "another package's, named as this one's next version",
        (d) => tarball(d, 'acme-cli', '1.0.0'),
        (d) => tarball(d, 'other-cli', '1.0.0', 'acme-cli-1.0.1.tgz'),
        1,
      ],
      [
        "another app's zip",
        (d) => zip(d, 'acme-app-1.0.0.zip'),
        (d) => zip(d, 'other-app-1.0.0.zip'),
        1,
      ],
    ];
    it.each(RELEASES)(
      'a baseline accepts them in %s, or the gate exits 1',
      async (_what, recorded, gated, code) => {
        // No package.json beside the archives: no package directory is found.
        const dir = scratch('releases');
        await written(['baseline', '--artifact', recorded(dir), '-o', 'b.json'], dir);
        const fresh = code === 0 ? [] : ['dist/vendor/x.js.map'];
        const notes = code === 0 ? [] : [expect.stringMatching(/ matches no finding/)];
        expect(await gate(dir, gated(dir), 'b.json')).toEqual({ code, fresh, notes });
      },
    );

    /**
     * What GitHub code scanning keys an alert by: rule id, path and primaryLocationLineHash. A
     * versioned name in the path would close every alert as fixed at each release, and open it
     * again, a dismissal lost; an archive's first bytes hashed would do so at every build.
     */
    const alerts = async (dir: string, archive: string) => {
      const run = await runCli(['artifact', archive, '-f', 'sarif'], dir);
      const log = JSON.parse(run.stdout) as Parameters<typeof checkGithubProfile>[0];
      expect(checkGithubProfile(log)).toEqual([]);
      return (log.runs[0]?.results ?? []).map((r) => [
        r.ruleId,
        r.locations?.[0]?.physicalLocation?.artifactLocation?.uri,
        r.partialFingerprints?.primaryLocationLineHash,
        r.properties?.artifact,
      ]);
    };

    it.each(RELEASES)(
      'their code scanning alerts are the same in %s when a baseline accepts them',
      async (_what, recorded, gated, code) => {
        const dir = scratch('alerts');
        const before = await alerts(dir, recorded(dir));
        const archive = gated(dir);
        const after = await alerts(dir, archive);
        expect(before).toHaveLength(1);
        const key = (found: unknown[][]) => found.map((alert) => alert.slice(0, 3));
        expect(JSON.stringify(key(after)) === JSON.stringify(key(before))).toBe(code === 0);
        // The archive's own name is still the result's.
        expect(after.map((alert) => alert[3])).toEqual([archive]);
      },
    );
  });

  it('accepts a version control folder by its path, however many files the next release adds', async () => {
    const tarball = (objects: number) =>
      makeTar([
        { name: 'package/package.json', content: '{"name":"acme-cli","version":"1.0.0"}' },
        { name: 'package/.git/HEAD', content: 'ref: refs/heads/main\n' },
        ...Array.from({ length: objects }, (_, i) => ({
          name: `package/.git/objects/${i}`,
          content: 'x',
        })),
      ]);
    const first = await tarball(2);
    const dir = dirname(first);
    const made = await written(['baseline', '--artifact', basename(first)], dir);
    expect(made.stderr).toBe('Wrote 1 finding to .posture-artifact-baseline.json.\n');
    copyFileSync(await tarball(40), first);
    expect(await gate(dir, basename(first), '.posture-artifact-baseline.json')).toEqual({
      code: 0,
      fresh: [],
      notes: [],
    });
  });

  it('honours no entry that names another shipped file than its fingerprint is of', async () => {
    const { dir, tarball } = vendored();
    await written(['baseline', '--artifact', tarball, '-o', 'b.json'], dir);
    const path = join(dir, 'b.json');
    writeFileSync(path, readFileSync(path, 'utf8').replace('dist/vendor/x.js.map', 'dist/cli.js'));
    expect(await gate(dir, tarball, 'b.json')).toEqual({
      code: 1,
      fresh: ['dist/vendor/x.js.map'],
      notes: [
        expect.stringMatching(
          /^The entry for artifact-not-allowed at dist\/cli\.js is not honoured: its fingerprint is that of another finding \(artifact-not-allowed in package\.json about dist\/vendor\/x\.js\.map\)/,
        ),
      ],
    });
  });

  it('--prune drops the entries of files that no longer ship', async () => {
    const { dir, tarball } = vendored();
    await written(['baseline', '--artifact', tarball, '-o', 'b.json'], dir);
    rmSync(join(dir, 'dist/vendor/x.js.map'));
    rmSync(join(dir, tarball));
    repack(dir);
    const pruned = await written(
      ['baseline', '--artifact', tarball, '-o', 'b.json', '--prune'],
      dir,
    );
    expect(pruned.stderr).toBe('Kept 0 findings in b.json.\n');
  });

  it.each([
    [['--artifact', '.', '--plan', 'p.json'], '--plan is not for --artifact'],
    [['--artifact', '.', '--rule', 'artifact-not-allowed'], '--rule is not for --artifact'],
    [['.', '--package-dir', '.'], '--package-dir is for artifacts: add --artifact'],
    [['.', '--repo', '.'], '--repo is for artifacts: add --artifact'],
    [['--artifact', '.', '--manifest', 'm.json'], 'Unknown argument: manifest'],
  ])('refuses options of the other kind of run: baseline %j', async (args, message) => {
    const { dir } = vendored();
    const run = await runCli(['baseline', ...args], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.files.size).toBe(0);
  });
});

describe('what posture baseline --artifact leaves out', () => {
  it('names the rules of the findings that fail closed, which it never records', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'unbuilt', version: '1.0.0', main: 'dist/index.js' }),
      'src/index.ts': 'export {};\n',
    });
    const run = await written(['baseline', '--artifact', '.'], dir);
    expect(run.stderr).toContain('Left out 1 that fails closed (artifact-target-missing)');
  });
});
