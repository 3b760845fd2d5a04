import { lstatSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { relativeInside, unreadableReason } from '@posture/core';
import { checkoutTrees } from './checkout-trees.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import type { ReportText } from './report-text.js';

/** `-o -`: standard output, as for most tools. */
export const STANDARD_OUTPUT = '-';

/** Whether an output named (or none) is standard output. */
export function isStandardOutput(
  output: string | undefined,
): output is undefined | typeof STANDARD_OUTPUT {
  return output === undefined || output === STANDARD_OUTPUT;
}

/**
 * Writes a file a command was asked for (`typed`, from the working directory): a report, evidence,
 * a baseline, a manifest, a starter policy. Inside the `repository` and the working directory no
 * part of its path may be a symbolic link: in CI both are the checkout of a pull request, and a
 * committed `posture.sarif -> ~/.bashrc` would have the scan write wherever the link leads. Outside
 * them the path is the user's own to name (`-o /dev/stdout`, a `/tmp` that macOS links elsewhere);
 * so is everything under a tree that is the file system's root, as a container's working directory
 * often is. The directories it is in are made; a path that cannot be written is a usage error
 * naming it as typed.
 */
export function writeOutput(io: Io, typed: string, text: ReportText, repository: string): void {
  const path = resolve(io.cwd, typed);
  const link = checkoutTrees(io.cwd, repository)
    .map((tree) => linkBelow(tree, path))
    .find((found) => found !== undefined);
  if (link !== undefined)
    throw new UsageError(
      `will not write through ${link}: a symbolic link inside the repository or the working directory; name a path without one.`,
    );
  try {
    io.writeFile(path, text);
  } catch (error) {
    // A report is rendered as it is written: an error of the rendering is Posture's own bug, not
    // a path that cannot be written, and is left to be reported as one.
    if (!isSystemError(error)) throw error;
    throw new UsageError(`cannot write ${typed}: ${unwritable(error)}.`);
  }
}

/** An error of the system (it has a `code`, such as `EISDIR`), as writing a path gives. */
function isSystemError(error: unknown): boolean {
  return typeof (error as NodeJS.ErrnoException | undefined)?.code === 'string';
}

/** Why a path could not be written: the system's words name it by its absolute path. */
function unwritable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EISDIR') return 'it is a directory; name a file';
  // mkdir of a directory on the way that is a file says EEXIST; opening a file under one, ENOTDIR.
  if (code === 'EEXIST' || code === 'ENOTDIR') return 'a directory on its path is a file';
  if (code === 'EACCES' || code === 'EPERM') return `no permission (${code})`;
  return unreadableReason(error);
}

/** The first symbolic link on `path` below `tree`, when `path` is inside it. */
function linkBelow(tree: string, path: string): string | undefined {
  const inside = relativeInside(tree, path);
  if (inside === undefined || inside === '.') return undefined;
  let at = tree;
  for (const part of inside.split('/')) {
    at = join(at, part);
    try {
      if (lstatSync(at).isSymbolicLink()) return at;
    } catch {
      // Nothing is there yet: what the write makes is no link.
      return undefined;
    }
  }
  return undefined;
}
