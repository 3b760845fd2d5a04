import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scan } from '../src/index.js';
import { tempTree } from '../../../test/support/temp-dirs.js';
import { scanFiles } from './support/scan-files.js';

/** Counts the calls of an `fs` function by their first argument, for the named imports too. */
function countCalls(name: 'readdirSync' | 'readFileSync' | 'openSync'): Map<string, number> {
  const original = fs[name] as (...args: unknown[]) => unknown;
  const calls = new Map<string, number>();
  (fs as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
    const key = String(args[0]);
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return original(...args);
  };
  syncBuiltinESMExports();
  restores.push(() => {
    (fs as unknown as Record<string, unknown>)[name] = original;
    syncBuiltinESMExports();
  });
  return calls;
}

/** Makes `readdirSync` fail with EACCES, as for a user without read permission, for `dirs`. */
function unlistable(...dirs: string[]): void {
  const original = fs.readdirSync;
  (fs as unknown as Record<string, unknown>).readdirSync = (...args: unknown[]) => {
    if (dirs.some((dir) => String(args[0]).endsWith(`/${dir}`)))
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    return (original as (...a: unknown[]) => unknown)(...args);
  };
  syncBuiltinESMExports();
  restores.push(() => {
    fs.readdirSync = original;
    syncBuiltinESMExports();
  });
}

const restores: (() => void)[] = [];
afterEach(() => {
  for (const restore of restores.splice(0)) restore();
});

describe('scan input and output', () => {
  it('lists each directory once and reads each file once, Terraform and build files together', async () => {
    const listed = countCalls('readdirSync');
    // Terraform files are opened, then read through the descriptor; build files are read by path.
    const read = countCalls('readFileSync');
    const opened = countCalls('openSync');
    const report = await scanFiles({
      'infra/main.tf': 'module "site" { source = "../modules/site" }',
      'modules/site/main.tf': 'resource "aws_s3_bucket" "b" { bucket = "acme-releases" }',
      'app/package.json': '{"scripts": {"get": "curl https://acme-releases.s3.amazonaws.com/x"}}',
      '.github/workflows/release.yml': 'on: push\njobs: {}\n',
    });
    expect(report.facts.links).toHaveLength(1);
    const dirs = [...listed.keys()].filter((dir) => dir.includes('posture-core-'));
    expect(dirs.length).toBeGreaterThanOrEqual(6);
    expect(dirs.filter((dir) => listed.get(dir)! > 1)).toEqual([]);
    const reads = new Map([...read, ...opened]);
    const files = [...reads.keys()].filter((file) => file.includes('posture-core-'));
    expect(files.map((file) => file.replace(/.*posture-core-\w+\//, '')).sort()).toEqual([
      '.github/workflows/release.yml',
      'app/package.json',
      'infra/main.tf',
      'modules/site/main.tf',
    ]);
    expect(files.filter((file) => reads.get(file)! > 1)).toEqual([]);
  });

  it('a directory that cannot be listed is an error there, once, whichever walks reach it', async () => {
    unlistable('.github/workflows', 'modules/locked');
    const report = await scanFiles({
      '.github/workflows/release.yml': 'on: push\njobs: {}\n',
      'infra/main.tf': 'module "m" {\n  source = "../modules/locked"\n}\n',
      'modules/locked/main.tf': 'resource "aws_s3_bucket" "b" { bucket = "acme-releases" }',
    });
    expect(
      report.result.diagnostics.map((d) => `${d.severity} ${d.code} ${d.range.file} ${d.message}`),
    ).toEqual([
      'error directory-unreadable .github/workflows/ the directory cannot be listed (permission denied), so none of the files in it were scanned',
      'warning module-unresolved infra/main.tf module "m" (source "../modules/locked") leads to modules/locked, which cannot be listed (permission denied)',
      'error directory-unreadable modules/locked/ the directory cannot be listed (permission denied), so none of the files in it were scanned',
    ]);
    expect(report.result.findings.filter((f) => f.ruleId === 'input-unreadable')).toHaveLength(2);
  });

  // A name that is not UTF-8 is listed with U+FFFD for its bytes, a path no read finds: a module
  // directory `infra-\xff/` (or a file `x\xff.tf`) vanished, and a public bucket in it with it.
  it.each([
    ['a directory', 'infra-\xff/main.tf', './', 'infra-\uFFFD'],
    ['a file', 'infra/x\xff.tf', 'infra/', 'x\uFFFD.tf'],
  ])('%s whose name is not UTF-8 leaves its directory unlisted: an error', async (...row) => {
    const [, name, dir, shown] = row;
    const root = tempTree('core', { 'main.tf': '' });
    const path = Buffer.from(join(root, name), 'latin1');
    fs.mkdirSync(path.subarray(0, path.lastIndexOf('/')), { recursive: true });
    fs.writeFileSync(path, 'resource "aws_s3_bucket" "b" {\n  bucket = "acme-releases"\n}\n');
    const report = await scan({ root });
    expect(report.result.diagnostics.map((d) => `${d.code} ${d.range.file} ${d.message}`)).toEqual([
      `directory-unreadable ${dir} the directory cannot be listed (the name "${shown}" in it is not UTF-8), so none of the files in it were scanned`,
    ]);
  });
});

// A `.npmrc` that is a symlink to a directory out of the root was reported twice: by the Terraform
// walk, which finds every directory linked out of the root, and by the build-file walk, which
// lists it by its name and said it led to a file. It is one error at the link, as one to a file is.
describe('a symlink out of the root', () => {
  it.each([
    ['.npmrc', 'outside', 'directory'],
    ['.npmrc', 'outside/npmrc', 'file'],
    ['vendored', 'outside', 'directory'],
  ])('%s, to %s: one error at the link, to a %s', async (name, target, kind) => {
    const tree = tempTree('core', {
      'repo/package.json': '{"name": "app", "version": "1.0.0"}',
      'outside/npmrc': 'registry=https://registry.npmjs.org/',
    });
    fs.symlinkSync(join(tree, target), join(tree, 'repo', name));
    const report = await scan({ root: join(tree, 'repo') });
    const unread = report.result.findings.filter((f) => f.ruleId === 'input-unreadable');
    expect(unread.map((f) => `${f.location.file}:${f.location.start.line}`)).toEqual([`${name}:1`]);
    expect(unread[0]?.message).toContain(`leading out of the scan root, to a ${kind} of`);
  });

  // The build-file read of pnpm's `.npmrc` says too that the hooks were then taken to run, in
  // other words than the Terraform walk's: both said it, two errors at the link, until a place
  // not read was told by its place, not its words.
  it.each([
    ['a link to a directory out of the root', 'link'],
    ['too large to read', 'large'],
  ])("pnpm's .npmrc, %s: one error, that says the hooks were taken to run", async (_, npmrc) => {
    const tree = tempTree('core', {
      'repo/web/package.json': '{"scripts": {"ship": "echo", "preship": "node x.js"}}',
      'repo/.github/workflows/ci.yml':
        'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: pnpm --dir web run ship\n',
      'repo/pnpm-lock.yaml': '',
      'outside/npmrc': 'enable-pre-post-scripts=false\n',
      ...(npmrc === 'large' && { 'repo/.npmrc': `# ${'x'.repeat(6 * 1024 * 1024)}\n` }),
    });
    if (npmrc === 'link') fs.symlinkSync(join(tree, 'outside'), join(tree, 'repo', '.npmrc'));
    const report = await scan({ root: join(tree, 'repo') });
    const unread = report.result.findings.filter((f) => f.ruleId === 'input-unreadable');
    expect(unread.map((f) => `${f.location.file}:${f.location.start.line}`)).toEqual(['.npmrc:1']);
    expect(unread[0]?.message).toContain(
      npmrc === 'link' ? 'leading out of the scan root' : 'larger than',
    );
    expect(unread[0]?.message).toContain('the hooks are taken to run');
  });
});

// A symlink in a loop where a build file, or a var file a CI step passes, is looked up ended the
// scan: the lookup's `stat` threw ELOOP, and the command line said the system's error (exit 2)
// with nothing reported. It is input not read, at its file or at the step that names it.
describe('a symlink in a loop', () => {
  const STEP = 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: ';
  it.each([
    [
      'a workflow',
      '.github/workflows/ci.yml',
      {},
      '.github/workflows/ci.yml:1',
      'cannot be read: its symbolic links loop',
    ],
    [
      'a var file a step passes',
      'prod.tfvars',
      { '.github/workflows/ci.yml': `${STEP}terraform apply -var-file=prod.tfvars\n` },
      '.github/workflows/ci.yml:6',
      '-var-file prod.tfvars cannot be read: its symbolic links loop',
    ],
  ])('%s: input not read, where it is named', async (_what, loop, files, at, said) => {
    const root = tempTree('core', {
      'main.tf': 'resource "aws_s3_bucket" "r" {\n  bucket = "acme-releases"\n}\n',
      ...files,
    });
    fs.mkdirSync(join(root, '.github/workflows'), { recursive: true });
    fs.symlinkSync(loop.split('/').at(-1)!, join(root, loop));
    const report = await scan({ root });
    const unread = report.result.findings.filter((f) => f.ruleId === 'input-unreadable');
    expect(unread.map((f) => `${f.location.file}:${f.location.start.line}`)).toEqual([at]);
    expect(unread[0]?.message).toContain(said);
  });
});
