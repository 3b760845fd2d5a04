/**
 * Temporary directories for tests, each removed once the tests of the file that made it have run,
 * so that test runs leave nothing behind in the system's temporary directory. The packages' tests
 * use it too (by relative path: it is no package's).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh, empty `<tmp>/posture-<name>-XXXXXX`, removed after the file's tests. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `posture-${name}-`));
  made.push(dir);
  return dir;
}

/** `tempDir(name)` with `files` (relative path → content) written in it. */
export function tempTree(name: string, files: Readonly<Record<string, string | Buffer>>): string {
  const root = tempDir(name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}
