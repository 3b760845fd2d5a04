// Whether `pnpm posture` must build before it runs (see run-in-init-cwd.mjs): the bundle is
// missing, or older than a file or directory it is built from. A directory's time changes when a
// file in it is added, removed or renamed, so a deleted source counts too.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Past this many files and directories the walk stops and says to build: it stays quick. */
export const MAX_INPUTS = 5000;

/**
 * The build's last output, relative to the workspace: the code cache that scripts/bundle.mjs
 * makes after the bundle. A build stopped before it leaves none, or an old one.
 */
export const LAST_BUILT = 'packages/cli/bundle/cli.cache';

/**
 * The paths, relative to the workspace, that a build reads: each package's sources and settings,
 * the workspace's, the bin and its loader, and the scripts that bundle and cache.
 */
function inputs(workspace) {
  const packages = readdirSync(join(workspace, 'packages')).map((name) => `packages/${name}`);
  return [
    'package.json',
    'pnpm-lock.yaml',
    'tsconfig.json',
    'tsconfig.base.json',
    'packages/cli/bundle/posture.js',
    'packages/cli/bundle/load-cli.mjs',
    'packages/cli/scripts/bundle.mjs',
    'packages/cli/scripts/make-code-cache.mjs',
    ...['rules', ...packages].flatMap((dir) => [
      `${dir}/src`,
      `${dir}/package.json`,
      `${dir}/tsconfig.json`,
    ]),
  ];
}

/**
 * Whether `bundle` is missing or older than an input of the build of `workspace`; past
 * `maxInputs` files and directories, whether or not.
 */
export function bundleIsStale(workspace, bundle, maxInputs = MAX_INPUTS) {
  const built = modified(bundle);
  if (built === undefined) return true;
  let seen = 0;
  const newer = (path) => {
    const stats = statOrNone(path);
    if (stats === undefined) return false;
    if (++seen > maxInputs || stats.mtimeMs > built) return true;
    return stats.isDirectory() && readdirSync(path).some((name) => newer(join(path, name)));
  };
  return inputs(workspace).some((path) => newer(join(workspace, path)));
}

function modified(path) {
  return statOrNone(path)?.mtimeMs;
}

function statOrNone(path) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
