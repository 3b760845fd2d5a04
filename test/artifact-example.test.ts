import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmDryRun, npmPack } from '../packages/artifact/test/support.js';
import { repoRoot, runCli } from './support/cli.js';

const EXAMPLE = join(repoRoot(), 'examples', 'npm-artifact-leak');

/** What examples/npm-artifact-leak/README.md promises for the leaky package: rule, file, line. */
const LEAKY = [
  'artifact-not-allowed examples/npm-artifact-leak/leaky/package.json:8',
  'artifact-source-map-url examples/npm-artifact-leak/leaky/lib/cli.js:8',
  'artifact-sources-content examples/npm-artifact-leak/leaky/package.json:8',
  'artifact-storage-link examples/npm-artifact-leak/leaky/lib/cli.js:5',
];

async function findings(args: readonly string[], cwd?: string) {
  const run = await runCli(['artifact', ...args, '-f', 'json'], cwd);
  const report = JSON.parse(run.stdout) as {
    findings: { ruleId: string; location: { file: string; start: { line: number } } }[];
  };
  return {
    code: run.code,
    found: report.findings
      // JSON paths are relative to the scan root, which holds both the tarball and the package.
      .map(
        (f) =>
          `${f.ruleId} ${f.location.file.replace(/^.*?(?=examples\/)/, '')}:${f.location.start.line}`,
      )
      .sort(),
  };
}

describe('examples/npm-artifact-leak', () => {
  it('the leaky package fails with its documented findings', async () => {
    expect(await findings(['examples/npm-artifact-leak/leaky'])).toEqual({ code: 1, found: LEAKY });
  });

  it('its npm tarball fails with the same rules, at its package.json', async () => {
    const tarball = npmPack(join(EXAMPLE, 'leaky'));
    const { code, found } = await findings([tarball, '--package-dir', join(EXAMPLE, 'leaky')]);
    expect(code).toBe(1);
    // The built file is let in by package.json "bin" (line 5), the map by "files" (line 8).
    expect(found).toEqual([
      'artifact-not-allowed examples/npm-artifact-leak/leaky/package.json:8',
      'artifact-source-map-url examples/npm-artifact-leak/leaky/package.json:5',
      'artifact-sources-content examples/npm-artifact-leak/leaky/package.json:8',
      'artifact-storage-link examples/npm-artifact-leak/leaky/package.json:5',
    ]);
  });

  it('the fixed package passes, and ships exactly what npm packs', async () => {
    expect(await findings(['examples/npm-artifact-leak/fixed'])).toEqual({ code: 0, found: [] });
    expect(npmDryRun(join(EXAMPLE, 'fixed'))).toEqual(['lib/cli.js', 'package.json']);
  });
});
