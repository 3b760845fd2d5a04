import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The directory report paths are relative to: the git top level (found by walking up to `.git`,
 * never by running git), else the scan root. GitHub resolves SARIF paths from the repository root.
 */
export function findBaseDir(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return root;
  }
}
