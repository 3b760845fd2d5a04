import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as core from '@posture/core';
import * as hcl from '@posture/hcl';
import * as report from '@posture/report';
import { repoRoot } from './support/cli.js';
import { tempDir } from './support/temp-dirs.js';

function readme(): string {
  return readFileSync(join(repoRoot(), 'README.md'), 'utf8');
}

/** The README's "As a library" example, as the README has it: the first code block after it. */
function readmeLibraryExample(): string {
  const block = /As a library[\s\S]*?```js\n([\s\S]*?)```/.exec(readme())?.[1];
  if (block === undefined) throw new Error('README.md has no ```js block after "As a library"');
  return block;
}

const MAIN_TF = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
  acl    = "public-read"
}

# posture:ignore s3-public-acl,s3-public-access-block reason="public docs"
resource "aws_s3_bucket" "docs" {
  bucket = "acme-docs-releases"
  acl    = "public-read"
}

variable "env" {
  type = string
}

# posture:ignore s3-public-access-block reason="the account's block applies"
resource "aws_s3_bucket" "cli" {
  bucket = "acme-cli-\${var.env}-releases"
}
`;

/**
 * Writes the README's example into `dir`, as `scan.mjs` (naming `paths` where it names `infra`),
 * and runs it from `cwd`.
 */
function runExample(dir: string, cwd = dir, paths = 'infra') {
  // `@posture/core` is not on npm: the example resolves it in this workspace; here, by its path.
  const core = pathToFileURL(join(repoRoot(), 'packages/core/dist/index.js')).href;
  writeFileSync(
    join(dir, 'scan.mjs'),
    readmeLibraryExample()
      .replaceAll("'@posture/core'", `'${core}'`)
      .replaceAll("'infra'", `'${paths}'`),
  );
  const script = join(dir, 'scan.mjs');
  return spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: 20_000 });
}

describe("the README's library example", () => {
  it('runs as written, prints the open findings only, and gates on the policy as the CLI does', () => {
    const dir = tempDir('readme');
    mkdirSync(join(dir, 'infra'));
    writeFileSync(join(dir, 'infra/main.tf'), MAIN_TF);
    // The policy's failOn, above the open findings (high, medium): the gate passes, as the CLI's.
    writeFileSync(join(dir, 'infra/posture.config.yaml'), 'failOn: critical\n');
    const run = runExample(dir);
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      's3-public-acl infra/main.tf 3',
      's3-public-access-block infra/main.tf 1',
      "[ 'acme-releases', 'acme-docs-releases', 'acme-cli-*-releases' ]",
    ]);
    expect(run.status).toBe(0);
  });

  // With no infra/, it printed nothing and exited 0, where `posture scan infra` exits 2 (session 25).
  it('fails the gate where the path it names is not there', () => {
    const run = runExample(tempDir('readme'));
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual(['input-unreadable infra 1', '[]']);
    expect(run.status).toBe(1);
  });

  // The README sends a reader at the top of this checkout, which has no infra/, to this example.
  it("shows the bundled example's three findings at the top of this checkout", () => {
    const run = runExample(tempDir('readme'), repoRoot(), 'examples/march-2026-leak');
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n')).toEqual([
      'link-source-map examples/march-2026-leak/app/vite.config.ts 8',
      'r2-public-dev-url examples/march-2026-leak/infra/main.tf 17',
      'link-public-bucket examples/march-2026-leak/app/package.json 15',
      "[ 'acme-cli-releases' ]",
    ]);
    expect(run.status).toBe(1);
  });
});

describe("the README's names for the library", () => {
  const PACKAGES: Readonly<Record<string, object>> = {
    '@posture/core': core,
    '@posture/hcl': hcl,
    '@posture/report': report,
  };

  // It named `loadTerraform({ root, focus: ADAPTED })` as @posture/core's, which has no
  // loadTerraform: @posture/hcl has (session 31).
  it('finds each name the README says is from a package there', () => {
    const prose = readme().replace(/\s+/g, ' ');
    const claims = [...prose.matchAll(/`(\w+)[^`]*` from `(@posture\/\w+)`/g)];
    expect(claims.length).toBeGreaterThan(0);
    for (const [claim, name = '', pkg = ''] of claims) {
      expect(Object.keys(PACKAGES), claim).toContain(pkg);
      expect(Object.keys(PACKAGES[pkg] ?? {}), claim).toContain(name);
    }
  });
});

describe("the README's command lines", () => {
  const BUNDLE = join(repoRoot(), 'packages/cli/bundle/posture.js');
  const help = (...command: string[]) =>
    spawnSync(process.execPath, [BUNDLE, ...command, '--help'], {
      encoding: 'utf8',
      timeout: 20_000,
    }).stdout;
  const COMMANDS = [...help().matchAll(/^ {2}posture (\w+)/gm)].map((m) => m[1] ?? '');
  /** The long options a command's help lists, by name: `--var-file`. */
  const OPTIONS = new Map(
    COMMANDS.map((c) => [
      c,
      [...help(c).matchAll(/^ {2}(?:-\w, | {4})(--[\w-]+)/gm)].map((m) => m[1] ?? ''),
    ]),
  );
  const text = readme();
  const fenced = [...text.matchAll(/^```\w*\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? '');
  const prose = text.replace(/^```\w*\n[\s\S]*?^```/gm, '').replace(/\s+/g, ' ');
  /** Each `posture <command> …` the README writes, in a code block's line or in a code span. */
  const commandLines = [
    ...fenced.flatMap((block) => block.split('\n').map((line) => line.replace(/\s#.*/, ''))),
    ...[...prose.matchAll(/(`+)(.+?)\1(?!`)/g)].map((m) => m[2] ?? ''),
  ].flatMap((code) => [...code.matchAll(/(?<![\w/.-])posture (\w+)([^#]*)/g)]);

  it('documents every option of every command', () => {
    expect(COMMANDS).toContain('artifact');
    for (const [command, options] of OPTIONS) {
      expect(options.length, command).toBeGreaterThan(1);
      for (const option of options) {
        const name = option.slice(2);
        expect(text, `posture ${command} ${option}`).toMatch(
          new RegExp(`(?<![\\w-])--(no-)?${name}(?![\\w-])`),
        );
      }
    }
  });

  it('writes only options the command has', () => {
    expect(commandLines.length).toBeGreaterThan(20);
    for (const [line, command = '', rest = ''] of commandLines) {
      const options = OPTIONS.get(command);
      expect(options, line).toBeDefined();
      for (const [, option = ''] of rest.matchAll(/(?:^|\s)(--[\w-]+)/g)) {
        expect(options, line).toContain(option.replace(/^--no-/, '--'));
      }
    }
  });
});
