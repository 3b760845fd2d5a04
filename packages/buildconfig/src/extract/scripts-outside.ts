/**
 * Scripts a build file runs from out of the scan root (`bash ../ship.sh`, `cd .. && bash ship.sh`,
 * `cd /opt/app && bash ship.sh`, a step's `working-directory: ${{ github.workspace }}/..` or
 * `${{ runner.temp }}`), or from a directory the scan cannot tell (`cd $DIR && bash ship.sh`):
 * the scan reads nothing there, so what they do is not scanned.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '@posture/model';
import type { SourceFile } from '../files/analysis.js';
import {
  fromUnknownDirectory,
  runsByName,
  startsElsewhere,
  writtenAt,
  type ScriptRun,
} from '../script-refs.js';

/**
 * A `path-outside-root` warning where the file names each script that every path it may mean
 * leads out of the root: a name that one of them finds inside it (`cd .. && bash ship.sh` in
 * `web/Makefile`, run from `web/` or from the root) is followed there, or is missing there.
 */
export function outsideRootRuns(file: SourceFile, runs: readonly ScriptRun[]): Diagnostic[] {
  return [...runsByName(runs)]
    .filter(([, paths]) => paths.every((run) => run.outside))
    .map(([at, [run]]): Diagnostic => {
      const written = writtenAt(file.text, at);
      // An absolute path (after `cd /opt/app`) is where it is, from no root; so is one from a
      // directory written with a variable (`${{ runner.temp }}/ship.sh`, `$DIR/ship.sh`).
      const placed = posix.isAbsolute(run!.path) || startsElsewhere(run!.path);
      const unknown = fromUnknownDirectory(run!.path);
      const path = run!.path === written ? '' : ` (${run!.path}${placed ? '' : ' from the root'})`;
      const where = unknown
        ? 'from a directory the scan cannot tell, which may be out of the scan root'
        : 'which is outside the scan root';
      return {
        severity: 'warning',
        code: 'path-outside-root',
        message: `${file.path} runs ${written}${path}, ${where}: it is not read, and what it does is not scanned`,
        range: file.lines.range(file.path, at, at + written.length),
      };
    });
}
