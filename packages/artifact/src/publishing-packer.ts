import { dirname, join, relative } from 'node:path';
import { printable, relativeInside } from '@posture/model';
import type { ManifestTree } from './manifest-tree.js';
import { isThere } from './file-checks.js';

/**
 * Who publishes a package, by what its checkout says: only pnpm packs a `publishConfig.directory`
 * in place of the package's own; npm and yarn ignore the field and pack the package directory.
 */
export interface Publisher {
  readonly packer: 'npm' | 'pnpm';
  /** What says so: `package.json "packageManager" names pnpm@9.15.0`. */
  readonly evidence: string;
}

/** The files pnpm keeps in a project it manages, at its root or the package's. */
const PNPM_FILES = ['pnpm-lock.yaml', 'pnpm-workspace.yaml'];

/**
 * The package manager package.json names (`packageManager`, else npm's `devEngines.packageManager`),
 * else pnpm when its lockfile or workspace file is in the package directory or one above it, up to
 * `top` (the checkout's top): nothing higher is the project's. Undefined when nothing says.
 */
export function publisherOf(
  packageDir: string,
  top: string,
  manifest: ManifestTree,
): Publisher | undefined {
  return namedManager(manifest) ?? pnpmProject(packageDir, top);
}

function namedManager(manifest: ManifestTree): Publisher | undefined {
  for (const [path, field] of [
    [['packageManager'], '"packageManager"'],
    [['devEngines', 'packageManager', 'name'], '"devEngines.packageManager.name"'],
  ] as const) {
    const node = manifest.find(path);
    if (node?.type !== 'string') continue;
    const value = String(node.value);
    const name = /^(npm|pnpm|yarn)(@|$)/.exec(value)?.[1];
    if (name === undefined) continue;
    return {
      packer: name === 'pnpm' ? 'pnpm' : 'npm',
      evidence: `package.json ${field} names ${printable(value)}`,
    };
  }
  return undefined;
}

function pnpmProject(packageDir: string, top: string): Publisher | undefined {
  for (let dir = packageDir; ; dir = dirname(dir)) {
    const found = PNPM_FILES.find((name) => isThere(join(dir, name)));
    if (found) {
      const where = dir === packageDir ? 'this directory' : relative(packageDir, dir);
      return { packer: 'pnpm', evidence: `${found} is in ${printable(where)}` };
    }
    if (dir === top || dir === dirname(dir) || relativeInside(top, dir) === undefined)
      return undefined;
  }
}
