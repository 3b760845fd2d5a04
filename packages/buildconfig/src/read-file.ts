/**
 * Reads one build file safely: inside the root only, not too large, not binary. A file that is not
 * read gives a diagnostic instead, so that nothing is skipped silently.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileRange, type Diagnostic, type ScannedFile } from '@posture/model';
import { isInsideRoot } from './paths.js';

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** A NUL byte in this many leading bytes makes a file binary (git's rule). */
const BINARY_PROBE = 8192;

export type ReadResult =
  { readonly text: string; readonly scanned: ScannedFile } | { readonly diagnostic: Diagnostic };

export function readBuildFile(root: string, path: string, maxBytes: number): ReadResult {
  if (!isInsideRoot(root, path))
    return skipped(path, 'it is outside the scan root (or does not exist)');
  const absolute = resolve(root, path);
  let bytes: Buffer;
  try {
    const size = statSync(absolute).size;
    if (size > maxBytes) return skipped(path, `it is larger than ${maxBytes} bytes (${size})`);
    bytes = readFileSync(absolute);
  } catch (error) {
    return {
      diagnostic: {
        severity: 'error',
        code: 'build-file-unreadable',
        message: `Could not read build file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
        range: fileRange(path),
      },
    };
  }
  if (bytes.subarray(0, BINARY_PROBE).includes(0)) return skipped(path, 'it is binary');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // A byte-order mark is not part of the text an editor shows; columns count from after it.
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  return { text, scanned: { path, kind: 'build', bytes: bytes.length, sha256 } };
}

function skipped(path: string, why: string): ReadResult {
  return {
    diagnostic: {
      severity: 'info',
      code: 'build-file-skipped',
      message: `Build file not scanned: ${why}.`,
      range: fileRange(path),
    },
  };
}
