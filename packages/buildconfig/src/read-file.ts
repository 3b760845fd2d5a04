/**
 * Reads one build file safely: inside the root only, a regular file, not too large, text. A file
 * that is not read gives a diagnostic instead, so that nothing is skipped silently.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  decodeText,
  fileRange,
  FileTooLarge,
  LineIndex,
  linkOutOfRoot,
  readRegularFile,
  unreadableReason,
  type Diagnostic,
  type ScannedFile,
} from '@posture/model';
import { leavesRoot, resolvesInsideRoot } from './paths.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A NUL in this many leading characters makes a file binary (git's rule). */
const BINARY_PROBE = 8192;

/**
 * Binary files that build files' names are given to and that are no source, each by how it opens:
 * noted, not read. A compiled property list is Xcode's output (reading one is out of scope); a file
 * git-crypt encrypted is text only once unlocked, which a scan before `git-crypt unlock` is not.
 */
const KNOWN_BINARY: readonly { magic: string; diagnostic: Omit<Diagnostic, 'range'> }[] = [
  {
    magic: 'bplist',
    diagnostic: {
      severity: 'info',
      code: 'build-file-skipped',
      message:
        'Build file not scanned: it is a compiled (binary) property list, not a source file.',
    },
  },
  {
    magic: '\0GITCRYPT\0',
    diagnostic: {
      severity: 'warning',
      code: 'build-file-skipped',
      message:
        'Build file not scanned: it is encrypted with git-crypt. Scan after `git-crypt unlock` to check its links.',
    },
  },
];

export type ReadResult =
  { readonly text: string; readonly scanned: ScannedFile } | { readonly diagnostic: Diagnostic };

/**
 * The text of a build file, or why it is not read. One outside the root is not read by design: by
 * its name (`../x`, which only a caller names), a warning; one the repository holds as a symlink
 * leading out may hold a link to a release bucket, which was not checked: an error, as for a
 * Terraform file, which fails the gate closed. One that cannot be read (a symlink to nothing or in
 * a loop, a named pipe, no permission) is broken input: an error.
 */
export function readBuildFile(root: string, path: string, maxBytes: number): ReadResult {
  let bytes: Buffer;
  try {
    if (leavesRoot(path)) return { diagnostic: outsideRoot(path) };
    if (!resolvesInsideRoot(root, path))
      return { diagnostic: unreadable(path, linkOutOfRoot(linkedKind(resolve(root, path)))) };
    bytes = readRegularFile(resolve(root, path), maxBytes);
  } catch (error) {
    if (error instanceof FileTooLarge) return { diagnostic: tooLarge(path, error) };
    return { diagnostic: unreadable(path, `cannot be read: ${unreadableReason(error)}`) };
  }
  const text = decodeText(bytes);
  const nul = text.slice(0, BINARY_PROBE).indexOf('\0');
  if (nul >= 0) return { diagnostic: binary(path, text, nul) };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { text, scanned: { path, kind: 'build', bytes: bytes.length, sha256 } };
}

/** What a symlink that resolves leads to: a `.npmrc` may be one to a directory. */
function linkedKind(abs: string): 'file' | 'directory' {
  return statSync(abs).isDirectory() ? 'directory' : 'file';
}

/**
 * A file named as a build file that holds a NUL: bash runs a script with one past its first line,
 * make a Makefile with one in a comment, so the file is no less a build file for it. Unless it is
 * a known kind of binary file, it is an error where the NUL is: what it holds was not checked.
 */
function binary(path: string, text: string, nul: number): Diagnostic {
  const known = KNOWN_BINARY.find(({ magic }) => text.startsWith(magic));
  if (known) return { ...known.diagnostic, range: fileRange(path) };
  return {
    severity: 'error',
    code: 'build-file-binary',
    message:
      'it holds a NUL character, so it is binary and was not read as text (save it as UTF-8, or as UTF-16 with a byte-order mark)',
    range: new LineIndex(text).range(path, nul, nul + 1),
  };
}

/**
 * A build file past the bound, which keeps the links of a file from taking the time of a whole
 * scan: an error, as what it holds was not checked.
 */
function tooLarge(path: string, { size, limit }: FileTooLarge): Diagnostic {
  return {
    severity: 'error',
    code: 'build-file-too-large',
    message: `${path} is ${size} bytes, larger than the ${limit} bytes a build file is read up to: it was not read, and the links in it were not checked`,
    range: fileRange(path),
  };
}

/** A build file not read, whose links were then not checked: an error, which fails the gate. */
function unreadable(path: string, message: string): Diagnostic {
  return { severity: 'error', code: 'build-file-unreadable', message, range: fileRange(path) };
}

function outsideRoot(path: string): Diagnostic {
  return {
    severity: 'warning',
    code: 'path-outside-root',
    message: `${path} is outside the scan root and is not read`,
    range: fileRange(path),
  };
}

/**
 * Build files read before the scan reads them for links (the CI files that give Terraform its
 * environment), handed to that reading (`ExtractOptions.read`) so each file is read once.
 */
export class ReadAhead {
  private readonly kept = new Map<string, ReadResult>();

  constructor(
    private readonly root: string,
    private readonly maxBytes = DEFAULT_MAX_FILE_BYTES,
  ) {}

  /** Reads a file, keeping what it read for `take`. */
  readonly read = (path: string): ReadResult => {
    const result = readBuildFile(this.root, path, this.maxBytes);
    this.kept.set(path, result);
    return result;
  };

  /** What `read` read of the file, handed over once; else the file read now. */
  readonly take = (path: string): ReadResult => {
    const kept = this.kept.get(path);
    this.kept.delete(path);
    return kept ?? readBuildFile(this.root, path, this.maxBytes);
  };
}
