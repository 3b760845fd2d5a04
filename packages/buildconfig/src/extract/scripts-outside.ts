/**
 * Scripts a build file runs from out of the scan root (`bash ../ship.sh`, `cd .. && bash ship.sh`,
 * `cd /opt/app && bash ship.sh`, a step's `working-directory: ${{ github.workspace }}/..` or
 * `${{ runner.temp }}`): the scan reads nothing there, so what they do is not scanned.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '@posture/model';
import type { SourceFile } from '../files/analysis.js';
import { runsByName, startsElsewhere, writtenAt, type ScriptRun } from '../script-refs.js';

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
      // CI's temporary directory (`${{ runner.temp }}/ship.sh`).
      const placed = posix.isAbsolute(run!.path) || startsElsewhere(run!.path);
      const path = run!.path === written ? '' : ` (${run!.path}${placed ? '' : ' from the root'})`;
      return {
        severity: 'warning',
        code: 'path-outside-root',
        message: `${file.path} runs ${written}${path}, which is outside the scan root: it is not read, and what it does is not scanned`,
        range: file.lines.range(file.path, at, at + written.length),
      };
    });
}
