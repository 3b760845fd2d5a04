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

/**
 * The paths named that a scan reads, relative to the root as every reported path is (`infra` for
 * `./infra/` or its absolute path): those inside it and not excluded (left out as a directory the
 * walk meets would be); all of it when none are named. One outside the root is never read, not
 * even to match it against the exclusions, and `unreadPaths` says so.
 */
export function pathsRead(
  root: string,
  paths: readonly string[] | undefined,
  excluded: (path: string) => boolean,
): string[] | undefined {
  return paths?.flatMap((path) => {
    const inside = insideRoot(root, path);
    return inside === undefined || excludedWithin(inside, excluded) ? [] : [inside];
  });
}

/**
 * The paths a scan was asked to read that it cannot: one outside the root (`paths: ['../infra']`),
 * which is all a scan reads, and one read that is not there (`paths: ['infra']` with no `infra`):
 * an error at each, which fails the gate. A typo would otherwise scan nothing there and pass, where
 * the command line refuses the path it is given (exit 2).
 */
export function unreadPaths(
  root: string,
  paths: readonly string[] | undefined,
  excluded: (path: string) => boolean,
): Diagnostic[] {
  return (paths ?? []).flatMap((path) => {
    const inside = insideRoot(root, path);
    if (inside !== undefined && excludedWithin(inside, excluded)) return [];
    const why =
      inside === undefined
        ? 'it is outside the scan root, which is all a scan reads'
        : whyMissing(resolve(root, inside));
    if (why === undefined) return [];
    const message = `${why}, though the scan was asked to read it`;
    const range = fileRange(inside ?? path);
    return [{ severity: 'error' as const, code: 'path-unread', message, range }];
  });
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
