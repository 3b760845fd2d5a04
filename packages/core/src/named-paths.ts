import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { excludedWithin } from '@posture/buildconfig';
import {
  fileRange,
  isNotFound,
  relativeInside,
  unreadableReason,
  type Diagnostic,
} from '@posture/model';

/** The paths a scan was named: those it reads, and what it says of those it cannot. */
export interface NamedPaths {
  /**
   * Relative to the root as every reported path is (`infra` for `./infra/` or its absolute path):
   * those inside it and not excluded (left out as a directory the walk meets would be); undefined,
   * all of it, when none are named. One outside the root is never read, not even to match it
   * against the exclusions.
   */
  readonly read: string[] | undefined;
  /**
   * An error at each path that cannot be read: one outside the root (`paths: ['../infra']`), which
   * is all a scan reads, and one read that is not there (`paths: ['infra']` with no `infra`),
   * which fails the gate. A typo would otherwise scan nothing there and pass, where the command
   * line refuses the path it is given (exit 2).
   */
  readonly unread: Diagnostic[];
}

/** Places each path named once, in the root or not and excluded or not, for both lists. */
export function namedPaths(
  root: string,
  paths: readonly string[] | undefined,
  excluded: (path: string) => boolean,
): NamedPaths {
  const read: string[] = [];
  const unread: Diagnostic[] = [];
  for (const path of paths ?? []) {
    const inside = insideRoot(root, path);
    if (inside === undefined) {
      unread.push(pathUnread('it is outside the scan root, which is all a scan reads', path));
      continue;
    }
    if (excludedWithin(inside, excluded)) continue;
    read.push(inside);
    const why = whyMissing(resolve(root, inside));
    if (why !== undefined) unread.push(pathUnread(why, inside));
  }
  return { read: paths && read, unread };
}

function pathUnread(why: string, path: string): Diagnostic {
  const message = `${why}, though the scan was asked to read it`;
  return { severity: 'error', code: 'path-unread', message, range: fileRange(path) };
}

function insideRoot(root: string, path: string): string | undefined {
  return relativeInside(root, resolve(root, path));
}

function whyMissing(path: string): string | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return isNotFound(error)
      ? 'nothing is there'
      : `it cannot be reached (${unreadableReason(error)})`;
  }
}
