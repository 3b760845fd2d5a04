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
/**
 * `cd dir` (or `pushd dir`) as a command chained to the next with `&&` or `;`: what follows on its
 * line runs in `dir`.
 */
const CD =
  /(?<![^\s;&|("'`])(?:cd|pushd)[ \t]+(?:"(?<dq>[^"\n]*)"|'(?<sq>[^'\n]*)'|(?<bare>[^\s;&|()"']+))[ \t]*(?=&&|;)/g;
/** A directory written as a path, not through a variable, a command, `-` or the home directory. */
const LITERAL_PATH = /^(?!-)[\w./-]+$/;

/**
 * The `.sh`/`.bash`/`.ps1` files a command text names, relative from `dir`, `/`-separated; from
 * the directory a `cd` before the name on its line enters (`cd deploy && ./upload.sh`), when it is
 * written as a path inside `dir`'s tree. One entered otherwise (`cd "$(dirname "$0")"`) is taken
 * for `dir`.
 */
export function scriptRuns(text: string, dir: string): ScriptRun[] {
  const runs: ScriptRun[] = [];
  // Each line's end found once, however many `cd`s it holds.
  let end = -1;
  const cds = [...text.matchAll(CD)].map((m) => {
    if (m.index >= end) end = lineEnd(text, m.index + m[0].length);
    return { at: m.index, to: m.groups?.dq ?? m.groups?.sq ?? m.groups?.bare ?? '', lineEnd: end };
  });
  let next = 0;
  for (const { 0: word, index } of text.matchAll(WORD)) {
    if (!/\.(?:sh|bash|ps1)$/.test(word) || !/^[\w./-]+$/.test(word) || word.startsWith('/'))
      continue;
    while (next < cds.length && cds[next]!.at < index) next++;
    const cd = cds[next - 1];
    const entered = cd && cd.lineEnd > index && LITERAL_PATH.test(cd.to) ? cd.to : '';
    const path = posix.normalize(posix.join(dir, entered, word));
    const sourced = SOURCE.test(text.slice(Math.max(0, index - 16), index));
    if (!leavesRoot(path)) runs.push({ path, at: index, ...(sourced && { sourced }) });
  }
  return runs;
}

const WORD_AT = new RegExp(WORD.source, 'y');

/** A script's name as the command text writes it, at a run's `at`. */
export function writtenAt(text: string, at: number): string {
  WORD_AT.lastIndex = at;
  return WORD_AT.exec(text)?.[0] ?? '';
}

/** Where the line holding `offset` ends. */
function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  return end < 0 ? text.length : end;
}
