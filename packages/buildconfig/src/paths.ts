/**
 * Paths relative to the scan root, and the rule that nothing outside the root is read — a symlink
 * pointing out of it included.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** `file` (absolute, or relative to `root`) as a `/`-separated path relative to `root`. */
export function relativeTo(root: string, file: string): string {
  return relative(resolve(root), resolve(root, file)).split(sep).join('/');
}

/** Whether a path relative to the root, as written, leads out of it (`../x`, `/x`) or is none. */
export function leavesRoot(relativePath: string): boolean {
  return (
    relativePath === '' ||
    relativePath.startsWith('../') ||
    relativePath === '..' ||
    isAbsolute(relativePath)
  );
}

/**
 * What a path relative to the root leads to, its symlinks followed; undefined where nothing is, and
 * where what is there cannot be looked at (a symlink in a loop): reading it fails, and the read of
 * the build files says so, so a lookup that throws would end the scan over one broken link.
 */
export function statUnderRoot(root: string, relativePath: string): Stats | undefined {
  try {
    return statSync(join(root, relativePath), { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** Whether the file, with every symlink resolved, is inside the root. False if it does not exist. */
export function isInsideRoot(root: string, relativePath: string): boolean {
  try {
    return resolvesInsideRoot(root, relativePath);
  } catch {
    return false;
  }
}

/**
 * `isInsideRoot`, but a file whose symlinks cannot be resolved throws the system's error: `ENOENT`
 * for a symlink to nothing, `ELOOP` for a loop.
 */
export function resolvesInsideRoot(root: string, relativePath: string): boolean {
  if (leavesRoot(relativePath)) return false;
  const realRoot = realpathSync.native(root);
  return realpathSync.native(resolve(root, relativePath)).startsWith(realRoot + sep);
}
