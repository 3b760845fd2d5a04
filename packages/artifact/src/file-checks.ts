import { lstatSync, statSync } from 'node:fs';

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
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}
