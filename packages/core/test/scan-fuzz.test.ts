/**
 * Robustness of a whole scan, as `packages/hcl/test/fuzz.test.ts` is of the parser: seeded
 * mutations of the bundled examples and the loaders' fixtures, and their files replaced by what a
 * checkout may hold in a file's place. `scan()` must never throw on what it reads, every finding
 * must name a file and a line, and a Terraform or build file it could not read must fail the gate
 * at that file. Found so: a workflow or a step's `-var-file` that is a symlink in a loop threw
 * ELOOP out of the scan; a `terragrunt.hcl` that is a named pipe, a file or directory whose name
 * is not UTF-8, and a var file the caller names that is not there, were passed by in silence.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, symlinkSync, unlinkSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isModuleFile } from '@posture/hcl';
import { failsClosed, gateExitCode, isBuildFile, scan, type ScanReport } from '../src/index.js';
import { tempTree } from '../../../test/support/temp-dirs.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';
import { MUTATIONS, mutate, random } from '../../hcl/test/support/mutate.js';

const REPO = new URL('../../../', import.meta.url).pathname;

/** Each example and loader fixture directory, and its files: relative path to bytes. */
const FIXTURE_DIRS = [
  'examples',
  'packages/hcl/test/fixtures',
  'packages/buildconfig/test/fixtures',
].flatMap((base) =>
  readdirSync(join(REPO, base), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(REPO, base, entry.name)),
);
const FIXTURES: Record<string, Buffer>[] = FIXTURE_DIRS.map(filesOf);

function filesOf(dir: string): Record<string, Buffer> {
  const files: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes('/node_modules/'))
      files[relative(dir, path)] = readFileSync(path);
  }
  return files;
}

/** Bytes a checkout may hold that the token mutations do not make. */
const BYTES: readonly ((text: Buffer, at: number) => Buffer)[] = [
  (text) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]),
  (text) => Buffer.from(text.toString('latin1').replaceAll('\n', '\r\n'), 'latin1'),
  (text, at) => Buffer.concat([text.subarray(0, at), Buffer.from([0]), text.subarray(at)]),
  (text, at) => Buffer.concat([text.subarray(0, at), Buffer.from([0xc3, 0xff]), text.subarray(at)]),
];

/** Scans `root`, checking what holds for every input, and returns the report. */
async function scanChecked(root: string, options: { varFiles?: string[] } = {}) {
  const started = threadCpuMs();
  const report = await scan({ root, ...options, today: '2026-11-24' });
  expect(threadCpuMs() - started, 'scan CPU time in ms').toBeLessThan(5_000);
  for (const { ruleId, location } of report.result.findings) {
    expect(location.file, ruleId).not.toBe('');
    expect(location.start.line, `${ruleId} at ${location.file}`).toBeGreaterThanOrEqual(1);
  }
  const unread = report.result.findings.some((f) => failsClosed(f) && !f.suppression);
  if (unread) expect(gateExitCode(report.result.findings, report.policy.failOn)).toBe(1);
  return report;
}

/** The findings that fail closed at `file`. */
function unreadAt(report: ScanReport, file: string): string[] {
  return report.result.findings
    .filter((f) => failsClosed(f) && f.location.file === file)
    .map((f) => f.ruleId);
}

describe('a scan of mutated examples and fixtures', () => {
  it(
    'never throws, and names a file and line for every finding',
    { timeout: 120_000 },
    async () => {
      const rnd = random(2929);
      const pick = <T>(all: readonly T[]) => all[Math.floor(rnd() * all.length)] as T;
      for (let i = 0; i < 60; i++) {
        const files = { ...pick(FIXTURES) };
        const victim = pick(Object.keys(files));
        let text = files[victim] as Buffer;
        if (rnd() < 0.25) text = pick(BYTES)(text, Math.floor(rnd() * (text.length + 1)));
        else {
          let mutated = text.toString('utf8');
          for (let r = 1 + Math.floor(rnd() * 3); r > 0; r--)
            mutated = mutate(mutated, rnd, pick(MUTATIONS));
          text = Buffer.from(mutated);
        }
        files[victim] = text;
        await scanChecked(tempTree('fuzz', files));
      }
    },
  );
});

/** Each fixture directory with the files in it that the scan reads: Terraform and build files. */
const READ = FIXTURES.map((files, i) => {
  const dir = FIXTURE_DIRS[i] as string;
  const read = Object.keys(files).filter(
    (name) =>
      !name.includes('.terragrunt-cache/') && (isModuleFile(name) || isBuildFile(dir, name)),
  );
  return { files, read };
}).filter(({ read }) => read.length > 0);

describe('a file the scan reads replaced by one it cannot read', () => {
  it.each([
    ['a symlink in a loop', (path: string) => symlinkSync(basename(path), path)],
    ['a symlink to nothing', (path: string) => symlinkSync(`gone-${basename(path)}`, path)],
    ['a named pipe', (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0)],
  ])(
    '%s: never throws, and fails the gate at that file',
    async (_what, make) => {
      const rnd = random(77);
      for (let i = 0; i < 30; i++) {
        const { files, read } = READ[Math.floor(rnd() * READ.length)] as (typeof READ)[number];
        const victim = read[Math.floor(rnd() * read.length)] as string;
        const root = tempTree('fuzz', files);
        unlinkSync(join(root, victim));
        make(join(root, victim));
        expect(unreadAt(await scanChecked(root), victim), victim).not.toEqual([]);
      }
    },
    120_000,
  );
});

describe('a file the scan reads renamed to a name that is not UTF-8', () => {
  it('never throws, and fails the gate at its directory', async () => {
    const rnd = random(31);
    for (let i = 0; i < 10; i++) {
      const { files, read } = READ[Math.floor(rnd() * READ.length)] as (typeof READ)[number];
      const victim = read[Math.floor(rnd() * read.length)] as string;
      const root = tempTree('fuzz', files);
      const dir = dirname(victim);
      renameSync(join(root, victim), Buffer.from(join(root, dir, '\xff'), 'latin1'));
      const report = await scanChecked(root);
      expect(unreadAt(report, dir === '.' ? './' : `${dir}/`), victim).not.toEqual([]);
    }
  });
});

describe('a var file the caller names that is not there', () => {
  it('fails the gate at the var file', async () => {
    const root = tempTree('fuzz', {
      'main.tf': 'variable "name" {}\nresource "aws_s3_bucket" "r" {\n  bucket = var.name\n}\n',
    });
    const report = await scanChecked(root, { varFiles: [join(root, 'prod.tfvars')] });
    expect(unreadAt(report, 'prod.tfvars')).toEqual(['input-unreadable']);
  });
});
