/**
 * A command's bucket opening in the model's terms. A policy it writes is read here: inline JSON
 * from the command line, or the `file://` document it names, looked up inside the scan root from
 * the root (where CI runs commands) and from the directory of the file holding the command.
 */
import { posix } from 'node:path';
import { parsePolicyJson, type BucketOpening, type Range } from '@posture/model';
import type { Opening } from './commands.js';

/** Reads a file (relative to the scan root) when it is inside the root; undefined otherwise. */
export type ReadInside = (path: string) => string | undefined;

export function bucketOpening(opening: Opening, at: Range, read: ReadInside): BucketOpening {
  if (opening.policy === undefined) {
    const { kind, through, access, objects } = opening;
    return {
      kind,
      ...(through && { through }),
      ...(access && { access }),
      ...(objects && { objects }),
    };
  }
  return { kind: opening.kind, policy: policyWritten(opening.policy, at, read) };
}

function policyWritten(written: string, at: Range, read: ReadInside): BucketOpening['policy'] {
  const file = /^fileb?:\/\/(.+)$/.exec(written)?.[1];
  if (file === undefined) {
    if (written.trim() === '')
      return { statements: [], unknownReason: 'the command names no policy' };
    if (written.startsWith('$'))
      return { statements: [], unknownReason: `the policy comes from ${written}` };
    return parsePolicyJson(written, at);
  }
  const text = candidates(file, at.file)
    .map(read)
    .find((t) => t !== undefined);
  return text === undefined
    ? { statements: [], unknownReason: `${file} is not a file inside the scan root` }
    : parsePolicyJson(text, at);
}

function candidates(file: string, from: string): string[] {
  if (posix.isAbsolute(file) || /[$`]/.test(file)) return [];
  return [...new Set([posix.normalize(file), posix.join(posix.dirname(from), file)])];
}
