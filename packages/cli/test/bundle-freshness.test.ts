import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleIsStale, LAST_BUILT, MAX_INPUTS } from '../scripts/bundle-freshness.mjs';
import { tempDir } from '../../../test/support/temp-dirs.js';

const BUNDLE = LAST_BUILT;

/** A workspace whose files all date from `at` (seconds), the bundle from `built` unless missing. */
function workspace(built: number | undefined, files: readonly string[] = []): string {
  const root = tempDir('fresh');
  const paths = [
    'package.json',
    'packages/core/src/scan.ts',
    'packages/core/package.json',
    'packages/cli/src/main.ts',
    'rules/src/catalogue.ts',
    ...files,
  ];
  for (const path of paths) write(root, path, 100);
  for (const dir of ['packages/core/src', 'packages/cli/src', 'rules/src', 'packages', 'rules'])
    utimesSync(join(root, dir), 100, 100);
  if (built !== undefined) write(root, BUNDLE, built);
  return root;
}

function write(root: string, path: string, at: number): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), '');
  utimesSync(join(root, path), at, at);
}

function stale(root: string): boolean {
  return bundleIsStale(root, join(root, BUNDLE));
}

describe('bundleIsStale: `pnpm posture` builds only when it must', () => {
  it.each<[string, number | undefined, (root: string) => void, boolean]>([
    ['the bundle is newer than every source', 200, () => {}, false],
    ['the bundle is missing', undefined, () => {}, true],
    ['a source changed since', 200, (root) => write(root, 'packages/core/src/scan.ts', 300), true],
    ['a rule changed since', 200, (root) => write(root, 'rules/src/catalogue.ts', 300), true],
    [
      "a package's settings changed since",
      200,
      (root) => write(root, 'packages/core/package.json', 300),
      true,
    ],
    [
      'a source was deleted since',
      200,
      (root) => {
        rmSync(join(root, 'packages/cli/src/main.ts'));
        utimesSync(join(root, 'packages/cli/src'), 300, 300);
      },
      true,
    ],
    [
      'a test changed since: not built from',
      200,
      (root) => write(root, 'packages/core/test/a.test.ts', 300),
      false,
    ],
  ])('%s', (_what, built, change, expected) => {
    const root = workspace(built);
    change(root);
    expect(stale(root)).toBe(expected);
  });

  it('stops after a bounded number of files and directories, and builds', () => {
    const root = workspace(200);
    expect(bundleIsStale(root, join(root, BUNDLE), 20)).toBe(false);
    expect(bundleIsStale(root, join(root, BUNDLE), 5)).toBe(true);
  });

  // Else every call would build: a bundle written now is fresh for this workspace's sources.
  it(`walks this workspace within its bound of ${MAX_INPUTS}`, () => {
    const now = join(workspace(200), BUNDLE);
    writeFileSync(now, '');
    expect(bundleIsStale(new URL('../../..', import.meta.url).pathname, now)).toBe(false);
  });
});
