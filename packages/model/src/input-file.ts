/**
 * Reading an input file whole, safely. Only a regular file is read: a named pipe waits for a writer
 * forever and a device such as `/dev/zero` never ends, and either can be committed as a symlink or
 * named on a command line. Only up to a size, so that no file takes the memory of the machine
 * that reads it.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  statSync,
  type Stats,
} from 'node:fs';
import { ownEntry } from './own-entry.js';

/**
 * The most a file is read whole (a plan, a Terraform file, a policy, a baseline): far more than a
 * real one holds (a plan of 120,000 resources is 26 MB), and half the longest text V8 holds.
 */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/**
 * A file that is there but is not read. `code` says why, where a system error's names the error
 * (`EACCES`), so that both are reported alike.
 */
export class FileRefused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** A regular file larger than the most that is read of it. */
export class FileTooLarge extends FileRefused {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`larger than ${limit} bytes (${size})`);
  }
}

/**
 * A regular file's bytes, at most `maxBytes` of them; else throws a system error (`ENOENT`,
 * `EACCES`, `ELOOP`) or a `FileRefused`.
 */
export function readRegularFile(path: string, maxBytes = MAX_INPUT_BYTES): Buffer {
  // Checked before opening it, as opening some devices acts on them.
  refuseIrregular(statSync(path), maxBytes);
  return readListedFile(path, maxBytes);
}

/**
 * `readRegularFile` for a file that a directory listing has just said is a regular file (by the
 * type of its entry, which is no symlink): the listing made the check before opening, so it is not
 * paid for again, a system call for every file of a tree. What is opened is still checked, as it
 * may have been replaced in between.
 */
export function readListedFile(path: string, maxBytes = MAX_INPUT_BYTES): Buffer {
  // Opened without blocking, as opening a pipe blocks.
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    refuseIrregular(fstatSync(fd), maxBytes);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function refuseIrregular(stats: Stats, maxBytes: number): void {
  if (!stats.isFile()) throw new FileRefused('not a regular file');
  if (stats.size > maxBytes) throw new FileTooLarge(stats.size, maxBytes);
}

/** Whether anything is at the path, a symlink that leads nowhere included. */
export function isEntry(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The system's errors reading a path, in words: a code (`ENOENT`) is for logs, not for people. */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'does not exist',
  ENOTDIR: 'a part of its path is not a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ELOOP: 'its symbolic links loop',
  ENAMETOOLONG: 'its name is too long',
  EMFILE: 'too many files are open',
  ENFILE: 'too many files are open',
};

/**
 * Why a file could not be read: the system's error in words (`does not exist`, `permission
 * denied`), or its code when it is not one of those, why it was refused, or else the error's
 * message.
 */
export function unreadableReason(error: unknown): string {
  const { code } = error as NodeJS.ErrnoException;
  if (code !== undefined) return ownEntry(REASONS, code) ?? code;
  return error instanceof Error ? error.message : String(error);
}

/** Whether a read failed because nothing is at the path. */
export function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ENOENT';
}

const UTF16 = [
  [0xff, 0xfe, 'utf-16le'],
  [0xfe, 0xff, 'utf-16be'],
] as const;

/**
 * A file's bytes as the text an editor shows: UTF-16 when it opens with the byte-order mark of one
 * (Windows PowerShell 5.1 saves scripts so), else UTF-8. The mark is no part of the text: lines and
 * columns count from after it.
 */
export function decodeText(bytes: Buffer): string {
  const utf16 = UTF16.find(([first, second]) => bytes[0] === first && bytes[1] === second);
  if (utf16) return new TextDecoder(utf16[2]).decode(bytes);
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}
