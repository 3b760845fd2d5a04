/**
 * Shell scripts that build configurations run (`bash scripts/release.sh`, `./publish.sh`), so that
 * discovery scans them and a script run by a release step counts as a release step.
 */
import { posix } from 'node:path';
import { leavesRoot } from './paths.js';

/**
 * A script a command text names: its path, the offset in the text where it is named, and whether
 * it is sourced (`source x.sh`, `. x.sh`), which runs it in the shell that names it.
 */
export interface ScriptRun {
  readonly path: string;
  readonly at: number;
  readonly sourced?: boolean;
}

/**
 * The words of a command text, as split where a script's name may start or end; a YAML flow list
 * (`script: [./a.sh, ./b.sh]`) is split too.
 */
const WORD = /[^\s"'`=;&|()[\],]+/g;
/** `source` or `.` as the command, right before a script's name. */
const SOURCE = /(?:^|[\s;&|(`])(?:source|\.)[ \t]+["']?$/;

/** The `.sh`/`.bash`/`.ps1` files a command text names, relative from `dir`, `/`-separated. */
export function scriptRuns(text: string, dir: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  for (const { 0: word, index } of text.matchAll(WORD)) {
    if (!/\.(?:sh|bash|ps1)$/.test(word) || !/^[\w./-]+$/.test(word) || word.startsWith('/'))
      continue;
    const path = posix.normalize(posix.join(dir, word));
    const sourced = SOURCE.test(text.slice(Math.max(0, index - 16), index));
    if (!leavesRoot(path)) runs.push({ path, at: index, ...(sourced && { sourced }) });
  }
  return runs;
}
