import { realpathSync } from 'node:fs';
import path from 'node:path';

/** `abs` as a POSIX path relative to `root` (`.` for the root itself), or undefined when outside. */
export function relativeInside(root: string, abs: string): string | undefined {
  const rel = path.relative(root, abs);
  if (rel === '') return '.';
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * A file that a run reads beside the scanned ones (its policy, a baseline), as a report names it:
 * a POSIX path from the directory `from` (`../posture.config.yaml` above it) when the file is in
 * the `repository`, else its name alone. A report is the same wherever the repository lies, and
 * names no directory of the machine that made it.
 */
export function reportedPath(abs: string, from: string, repository: string): string {
  if (relativeInside(repository, abs) === undefined) return path.basename(abs);
  return path.relative(from, abs).split(path.sep).join('/');
}

/**
 * Whether `abs`, inside `tree` by its name, is outside it by where its symbolic links lead: the
 * test for a file of an untrusted tree that must not be read through a link (`prod.tfvars ->
 * ~/.env`). False when `abs` is not inside `tree` by name, or either cannot be resolved: what is
 * not there is left to the reading to report.
 */
export function leadsOutOf(tree: string, abs: string): boolean {
  // Unlike `resolvesInside`, outside by name is not out: a path is checked against each tree it
  // may be in (the CLI's input files), and a link into one of them is no escape from it.
  if (relativeInside(tree, abs) === undefined) return false;
  try {
    return !resolvesInside(realpathSync.native(tree), abs);
  } catch {
    return false;
  }
}

/**
 * Whether `abs` is inside `realTree` (a real path) where its symbolic links lead, wherever it is
 * by name: the test for a file that must be read from inside one tree. Throws as `realpath` does
 * when `abs` cannot be resolved, for the caller to report.
 */
export function resolvesInside(realTree: string, abs: string): boolean {
  return relativeInside(realTree, realpathSync.native(abs)) !== undefined;
}

/**
 * Why a symbolic link of the scanned repository that leads out of the scan root is not read:
 * where it leads is of the machine that scans, and the configuration it may hold was not checked.
 */
export function linkOutOfRoot(what: 'file' | 'directory'): string {
  const read = what === 'file' ? 'which is never read' : 'whose files are never read';
  return `it is a symbolic link leading out of the scan root, to a ${what} of the machine that scans (not of the repository), ${read}`;
}
