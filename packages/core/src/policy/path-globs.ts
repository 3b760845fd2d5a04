import { dirname, isAbsolute, relative, sep } from 'node:path';
import { globTest } from '@posture/model';

/**
 * Path globs written relative to `base` (the directory of the policy file that holds them, as for
 * `.gitignore`; the working directory for `--exclude`), as a test of the scan-root-relative paths
 * the scan walks and reports. A path outside `base` matches none: a glob cannot reach above the
 * directory it is written in, so a policy means the same whichever directory is scanned.
 */
export function pathGlobs(
  globs: readonly string[],
  base: string,
  root: string,
): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = globTest(globs);
  const fromBase = baseRelative(base, root);
  return (path) => {
    const rebased = fromBase(path);
    return rebased !== undefined && match(rebased);
  };
}

/**
 * Path globs written in a policy (`exclude`, an exception's `file`): relative to the directory of
 * the policy file (absolute path) that holds them, and to the scan root when none does (a policy
 * given through the API).
 */
export function policyGlobs(
  globs: readonly string[],
  policyFile: string | undefined,
  root: string,
): (path: string) => boolean {
  return pathGlobs(globs, policyFile ? dirname(policyFile) : root, root);
}

/**
 * Turns a scan-root-relative path into a `base`-relative one, undefined when it is outside `base`.
 * The direction is settled once, not per path: the walk asks about every entry it meets.
 */
function baseRelative(base: string, root: string): (path: string) => string | undefined {
  const rootFromBase = posixRelative(base, root);
  if (rootFromBase === '') return (path) => path;
  if (!escapes(rootFromBase)) return (path) => `${rootFromBase}/${path}`;
  const baseFromRoot = posixRelative(root, base);
  // Beside the scan root: nothing scanned is inside `base`.
  if (escapes(baseFromRoot)) return () => undefined;
  const prefix = `${baseFromRoot}/`;
  return (path) => (path.startsWith(prefix) ? path.slice(prefix.length) : undefined);
}

function posixRelative(from: string, to: string): string {
  return relative(from, to).split(sep).join('/');
}

function escapes(path: string): boolean {
  return path === '..' || path.startsWith('../') || isAbsolute(path);
}
