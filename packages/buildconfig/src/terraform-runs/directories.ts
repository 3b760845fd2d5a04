/** The directories Terraform runs in: as written, and as a shell's `cd`s enter them. */
import { posix } from 'node:path';
import { leavesRoot } from '../paths.js';
import type { Entering } from '../script-refs.js';
import { CD, startsElsewhere, subshellEnds } from '../script-refs.js';
import type { Shell } from './commands.js';

/** The checkout's top as a CI names it: `$GITHUB_WORKSPACE`, `${{ github.workspace }}`, GitLab's. */
const CHECKOUT =
  /^(?:\$\{?GITHUB_WORKSPACE\}?|\$\{\{\s*github\.workspace\s*\}\}|\$\{?CI_PROJECT_DIR\}?)(?=\/|$)/;

/** Where a shell is that the scan cannot tell, as `Entering` reads a directory from. */
export const NOT_KNOWN = '$PWD';
/** Where no shell that reads a backslash as a separator is: sh's, read here, an escape. */
export const NOWHERE = () => false;

/**
 * Where the commands of a text (at `base` of its file) run in `shell`, read along it: each `cd`,
 * `pushd` and `popd`, read as for the scripts a step runs (`CD`, `Entering`), holds for the rest
 * of the shell, whose directory it changes; one in a subshell (`(cd infra && terraform plan)`,
 * `$(cd .. && pwd)`), only to its `)`.
 */
export class Directories {
  private readonly cds: RegExpMatchArray[];
  private readonly closes: (number | undefined)[];
  /** The directories the subshells open entered, innermost last, each until its `)`. */
  private readonly inner: { end: number; dir: string }[] = [];
  private next = 0;
  constructor(
    text: string,
    private readonly base: number,
    private readonly shell: Shell,
    private readonly entering: Entering,
  ) {
    this.cds = [...text.matchAll(CD)];
    this.closes = subshellEnds(text, this.cds);
  }

  /** The directory at offset `at` of the text, the `cd`s before it read; undefined if not known. */
  at(at: number): string | undefined {
    const { cds, closes, inner, shell } = this;
    for (; this.next < cds.length && (cds[this.next]!.index ?? 0) < at; this.next++) {
      const cd = cds[this.next]!;
      const index = cd.index ?? 0;
      const close = closes[this.next];
      this.pop(index);
      const to = this.entering.to(cd, this.here(), this.base + index);
      if (close === undefined) shell.dir = known(to);
      else {
        if (inner.at(-1)?.end === close) inner.pop();
        inner.push({ end: close, dir: to });
      }
    }
    this.pop(at);
    return inner.length > 0 ? known(this.here()) : shell.dir;
  }

  private here(): string {
    return this.inner.at(-1)?.dir ?? this.shell.dir ?? NOT_KNOWN;
  }

  /** Leaves the subshells that end before `at`. */
  private pop(at: number): void {
    while (this.inner.length > 0 && this.inner.at(-1)!.end <= at) this.inner.pop();
  }
}

/** A directory `Entering` read, inside the root; undefined when not known or out of the root. */
function known(dir: string): string | undefined {
  if (startsElsewhere(dir) || dir.startsWith('/')) return undefined;
  const inside = dir.replace(/\/$/, '') || '.';
  return leavesRoot(inside) ? undefined : inside;
}

/** `dir` joined to where the shell is, inside the root; undefined when either is not known. */
export function within(from: string | undefined, dir: string): string | undefined {
  const named = directoryOf(dir);
  if (from === undefined || named === undefined) return undefined;
  const joined = posix.normalize(posix.join(from, named)).replace(/\/$/, '');
  return leavesRoot(joined) ? undefined : joined;
}

/** A directory written literally, from the checkout's top; undefined when it is not known. */
export function directoryOf(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const dir = written.replace(CHECKOUT, '.');
  if (/[$`*?~]|\{\{/.test(dir) || dir.startsWith('/')) return undefined;
  return posix.normalize(dir).replace(/\/$/, '') || '.';
}
