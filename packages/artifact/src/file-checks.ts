import { lstatSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** Whether the path is a directory, or a link to one; false when nothing is there. */
export function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether anything is at the path, a link or a named pipe too (nothing is followed or read). */
export function isThere(path: string): boolean {
  return lstatOrNone(path) !== undefined;
}

/**
 * The first symbolic link on the way to `path` (a `/`-separated path in `dir`): the path itself or
 * a folder above it. Each step looks at what is inside a real folder of `dir`, so none is followed.
 */
export function linkOnTheWay(dir: string, path: string): string | undefined {
  const segments = path.split('/');
  for (let i = 1; i <= segments.length; i++) {
    const at = segments.slice(0, i).join('/');
    const stats = lstatOrNone(join(dir, at));
    if (stats?.isSymbolicLink()) return at;
    if (!stats?.isDirectory()) return undefined;
  }
  return undefined;
}

function lstatOrNone(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
