import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fchmodSync,
  lstatSync,
  mkdirSync,
  openSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `parts` to `path` whole or not at all. A report is rendered as it is written: a rendering
 * that failed half way left half a file, which a CI uploading whatever file exists uploaded as its
 * SARIF. So the parts go to a file beside the target, renamed into place once all are written and
 * removed if any fails, leaving the target as it was. What is not a regular file (`-o /dev/stdout`,
 * a named pipe) has nothing to rename over, and is written in place; a link outside the checkout
 * (the user's own to name) is followed, and the file it leads to replaced.
 */
export function writeWhole(path: string, parts: Iterable<string>): void {
  mkdirSync(dirname(path), { recursive: true });
  const target = regularFileAt(path);
  if (target === undefined) {
    writeTo(path, 'w', parts);
    return;
  }
  const temporary = join(
    dirname(target.path),
    `.${basename(target.path)}.${randomBytes(6).toString('hex')}.tmp`,
  );
  try {
    writeTo(temporary, 'wx', parts, target.mode);
    renameSync(temporary, target.path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/**
 * The regular file `path` is or leads to, and its permissions, which the new file keeps; `path`
 * when nothing is there yet. Undefined for anything else, a link that leads nowhere included.
 */
function regularFileAt(path: string): { path: string; mode?: number } | undefined {
  const found = statsOrNone(() => lstatSync(path));
  if (found === undefined) return { path };
  // What a link leads to, as opening it would: `/dev/stdout` leads to a pipe that realpath names
  // as a file, `/proc/<pid>/fd/pipe:[…]`, which is not there.
  const stats = found.isSymbolicLink() ? statsOrNone(() => statSync(path)) : found;
  if (!stats?.isFile()) return undefined;
  return { path: found.isSymbolicLink() ? realpathSync(path) : path, mode: stats.mode & 0o7777 };
}

/** What `read` gives, or undefined when nothing is at the path. */
function statsOrNone(read: () => Stats): Stats | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Writes all the parts to `path`, opened with `flags`, given `mode` when there is one to keep. */
function writeTo(path: string, flags: string, parts: Iterable<string>, mode?: number): void {
  const fd = openSync(path, flags);
  try {
    if (mode !== undefined) fchmodSync(fd, mode);
    for (const part of parts) writeAll(fd, part);
  } finally {
    closeSync(fd);
  }
}

/** Writes all of `text`, UTF-8, however few bytes each write takes (a pipe named by `-o`). */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}
