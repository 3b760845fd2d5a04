/**
 * Shell scripts that build configurations run (`bash scripts/release.sh`, `./publish.sh`), so that
 * discovery scans them and a script run by a release step counts as a release step.
 */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';

/** A script a command text names: its path, and the offset in the text where it is named. */
export interface ScriptRun {
  readonly path: string;
  readonly at: number;
}

/**
 * The words of a command text, as split where a script's name may start or end; a YAML flow list
 * (`script: [./a.sh, ./b.sh]`) is split too.
 */
const WORD = /[^\s"'`=;&|()[\],]+/g;

/** The `.sh`/`.bash`/`.ps1` files a command text names, relative from `dir`, `/`-separated. */
export function scriptRuns(text: string, dir: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const { 0: word, index } of text.matchAll(WORD)) {
    if (!/\.(?:sh|bash|ps1)$/.test(word) || !/^[\w./-]+$/.test(word) || word.startsWith('/'))
      continue;
    const path = posix.normalize(posix.join(dir, word));
    if (!leavesRoot(path)) runs.push({ path, at: index });
  }
  return runs;
}
