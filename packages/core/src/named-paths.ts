import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileRange, isNotFound, unreadableReason, type Diagnostic } from '@posture/model';

/**
 * The paths a scan was asked to read that it cannot (`paths: ['infra']` with no `infra`): an error
 * at each, which fails the gate. A typo would otherwise scan nothing there and pass, where the
 * command line refuses the path it is given (exit 2).
 */
export function unreadPaths(root: string, paths: readonly string[] | undefined): Diagnostic[] {
  return (paths ?? []).flatMap((path) => {
    const why = whyUnread(resolve(root, path));
    if (why === undefined) return [];
    const message = `${why}, though the scan was asked to read it`;
    return [{ severity: 'error', code: 'path-unread', message, range: fileRange(path) }];
  });
}

function whyUnread(path: string): string | undefined {
  try {
    statSync(path);
    return undefined;
  } catch (error) {
    return isNotFound(error)
      ? 'nothing is there'
      : `it cannot be reached (${unreadableReason(error)})`;
  }
}
