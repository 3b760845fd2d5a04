/**
 * Paths relative to the scan root, and the rule that nothing outside the root is read — a symlink
 * pointing out of it included.
 */
import { realpathSync, statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { unreadableReason } from '@posture/model';

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
 * Why no file is read at a path relative to the root, or undefined where a regular file is, its
 * symlinks followed: a path out of the root by its name (`../x`, `/x`), nothing there (a symlink
 * to nothing too), a directory or another kind of file, or what cannot be looked at (a symlink in
 * a loop, no permission), which a lookup that threw would end the scan over. One that is a symlink
 * leading out of the root is a file here: looking reads nothing there, and the read that follows
 * refuses it and says so, as for any file.
 */
export function fileUnreadUnderRoot(root: string, relativePath: string): string | undefined {
  if (leavesRoot(relativePath)) return 'is outside the scan root, which is never read';
  let stats: Stats | undefined;
  try {
    stats = statSync(join(root, relativePath), { throwIfNoEntry: false });
  } catch (error) {
    return `cannot be read: ${unreadableReason(error)}`;
  }
  if (stats === undefined) return 'is not in the repository (a step may write it)';
  if (stats.isFile()) return undefined;
  return stats.isDirectory() ? 'is a directory, not a file' : 'is not a regular file';
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
