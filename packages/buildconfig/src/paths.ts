/**
 * Paths relative to the scan root, and the rule that nothing outside the root is read — a symlink
 * pointing out of it included.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';

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
