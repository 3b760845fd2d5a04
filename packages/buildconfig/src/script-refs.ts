/**
 * Shell scripts that build configurations run (`bash scripts/release.sh`, `./publish.sh`), so that
 * discovery scans them and a script run by a release step counts as a release step.
 */
import { posix } from 'node:path';
import { addTo } from '@posture/model';
import { nodeRunsIn, runsAsNamed, type VariableRuns } from './node-scripts.js';
import { leavesRoot } from './paths.js';
import type { Span } from './structured/doc.js';
import type { Substitution } from './variables/common.js';
import { SCRIPT_DIRECTORY_WRITTEN, type NamedDirectory } from './directory-variables.js';
import { outermostIndent } from './variables/shell.js';
import type { WindowsAt } from './windows-shells.js';

/**
 * A script a command text names: its path, the offset in the text where it is named, and whether
 * it is sourced (`source x.sh`, `. x.sh`), which runs it in the shell that names it.
 */
export interface ScriptRun {
  readonly path: string;
  readonly at: number;
  readonly sourced?: boolean;
  /**
   * Named where PowerShell or cmd runs it, on Windows, whose file systems ignore case: `.\Scripts\
   * Push.ps1` runs `scripts/push.ps1` (see `withPathsAsFound`).
   */
  readonly caseless?: boolean;
  /**
   * Named by a path that leads out of the root (`../x.sh`, `x.sh` after `cd ..`): no file of the
   * repository, never read (see `outsideRootRuns`).
   */
  readonly outside?: true;
}

/**
 * The runs by where each is named: a name may mean several paths (`ship.sh` from the file's
 * directory or from the root), which are judged together.
 */
export function runsByName(runs: Iterable<ScriptRun>): Map<number, ScriptRun[]> {
  const named = new Map<number, ScriptRun[]>();
  for (const run of runs) addTo(named, run.at, run);
  return named;
}

/** A variable as sh, PowerShell and cmd write it, by one of `names` (whose case cmd ignores). */
const variable = (...names: string[]) => {
  const name = `(?:env:)?(?:${names.join('|')})`;
  return String.raw`\$${name}(?!\w)|\$\{${name}\}|%${name}%`;
};
/** Where a CI checks the repository out, the top of the scan root. */
const CHECKOUT = [
  String.raw`\$\((?:Build\.SourcesDirectory|System\.DefaultWorkingDirectory|Build\.Repository\.LocalPath)\)`,
  String.raw`\$\{\{\s*github\.workspace\s*\}\}`,
  variable(
    'GITHUB_WORKSPACE',
    'CI_PROJECT_DIR',
    'BUILD_SOURCESDIRECTORY',
    'SYSTEM_DEFAULTWORKINGDIRECTORY',
    'BITBUCKET_CLONE_DIR',
    'TRAVIS_BUILD_DIR',
    'APPVEYOR_BUILD_FOLDER',
    'CODEBUILD_SRC_DIR',
    'BUILDKITE_BUILD_CHECKOUT_PATH',
    'CI_WORKSPACE',
    'DRONE_WORKSPACE',
    'WORKSPACE',
  ),
  // Where GitHub mounts the checkout in a container action's container: no other CI's path.
  '/github/workspace',
].join('|');
/** A path written from the CI's checkout (`${{ github.workspace }}/..`): what follows it. */
const FROM_CHECKOUT = new RegExp(String.raw`^(?:${CHECKOUT})(?=[\\/]|$)`, 'i');

/**
 * Where GitHub puts the composite action whose step runs a command (what the action's files are
 * read from: `uses: ./.github/actions/x` puts the repository's own there).
 */
const ACTION_PATH = [
  String.raw`\$\{\{\s*github\.action_path\s*\}\}`,
  variable('GITHUB_ACTION_PATH'),
].join('|');
const FROM_ACTION = new RegExp(String.raw`^(?:${ACTION_PATH})(?=[\\/]|$)`, 'i');

/**
 * Where a CI job checks the repository out, an absolute path where no other CI's is (Cloud
 * Build's `/workspace`, a CircleCI job's `working_directory`), `~/` written as the directory
 * `/~/`; and where the job's steps start, which CircleCI's `$CIRCLE_WORKING_DIRECTORY` names.
 */
export interface Workspace {
  readonly checkout: string;
  readonly steps?: string;
}

/**
 * What a build file tells of where its commands run: the directory of the composite action whose
 * step runs them (`${{ github.action_path }}`), where its CI checks the repository out, by the
 * offset of the command (`Workspace`), and the directories its variables name.
 */
export interface RunPlaces {
  readonly action?: string;
  readonly workspace?: (at: number) => Workspace | undefined;
  /**
   * The value the file gives the variable written at an offset, where it tells it (`DIR=tools`
   * before `cd "$DIR"`): a directory so written is that one.
   */
  readonly valueAt?: (at: number) => Substitution | undefined;
  /** The directory the file gives a variable, where it can be placed (see `directoryVariables`). */
  readonly directoryOf?: (name: string) => NamedDirectory | undefined;
  /**
   * The directory of the file, where it is a script run by its path (`ops` for `ops/ship.sh`):
   * the one its `$(dirname "$0")`, `$PSScriptRoot` and `%~dp0` name. A CI file has none: its
   * step's `$0` is a script the CI writes out of the checkout.
   */
  readonly own?: string;
}

/**
 * A directory written from where the CI checks the repository out (`${{ github.workspace }}/..`,
 * `$GITHUB_WORKSPACE`, the file's CI's `workspace` at `at`), as a path from the root (`./..`, `.`);
 * undefined when it is not. Where `action` is the directory of the composite action whose step
 * writes it, one written from the action's own (`${{ github.action_path }}/bin`,
 * `$GITHUB_ACTION_PATH`) is from there.
 */
export function fromCheckout(
  written: string,
  { action, workspace }: RunPlaces = {},
  at = 0,
): string | undefined {
  const checkout = FROM_CHECKOUT.exec(written)?.[0];
  if (checkout !== undefined) return `.${written.slice(checkout.length)}`;
  const job = inWorkspace(written, workspace?.(at));
  if (job !== undefined) return `${job.from}${written.slice(job.prefix.length)}`;
  const own = action === undefined ? undefined : FROM_ACTION.exec(written)?.[0];
  return own === undefined ? undefined : `${action}${written.slice(own.length)}`;
}

/** Where CircleCI starts a job's steps, its `working_directory`. */
const CIRCLE_STEPS = new RegExp(String.raw`^(?:${variable('CIRCLE_WORKING_DIRECTORY')})(?=/|$)`);

/**
 * The start of a path written from a job's `Workspace` (`/workspace/x.sh`, `~/app/x.sh` where the
 * job checks out to `~/app`, `$CIRCLE_WORKING_DIRECTORY/x.sh`) and that directory from the root
 * (`.`, `./tools` for steps that start there).
 */
function inWorkspace(
  written: string,
  job: Workspace | undefined,
): { prefix: string; from: string } | undefined {
  if (job === undefined) return undefined;
  const { checkout, steps } = job;
  const named = steps === undefined ? undefined : CIRCLE_STEPS.exec(written)?.[0];
  if (named !== undefined) return { prefix: named, from: `./${posix.relative(checkout, steps!)}` };
  const home = /^~(?=\/|$)/.test(written);
  const absolute = home ? `/${written}` : written;
  if (absolute !== checkout && !absolute.startsWith(`${checkout}/`)) return undefined;
  return { prefix: written.slice(0, checkout.length - (home ? 1 : 0)), from: '.' };
}

/**
 * Where a CI keeps a job's files out of the checkout (GitHub's `${{ runner.temp }}`, Azure's
 * `$(Agent.TempDirectory)`): what runs there is none of the repository's scripts.
 */
const TEMP = [
  String.raw`\$\{\{\s*runner\.temp\s*\}\}`,
  String.raw`\$\(Agent\.TempDirectory\)`,
  variable('RUNNER_TEMP', 'AGENT_TEMPDIRECTORY'),
].join('|');
const FROM_TEMP = new RegExp(String.raw`^(?:${TEMP})(?=[\\/]|$)`, 'i');

/**
 * A directory out of the repository that the scan cannot place: a CI's temporary one (`TEMP`), or
 * one a variable or the home directory names (`cd $DIR`, `cd ~`, `cd -` before any other `cd`,
 * `$OLDPWD`): written as it is, a path from it starts with `$`, `~` or `%`.
 */
const ELSEWHERE = /^[$~%]/;
/**
 * A directory the scan cannot place at the start of a path (`ELSEWHERE`), up to its first
 * separator, the quote that closes it left out (`"$OUT"/ship.sh`): the group is the directory.
 */
const UNPLACED_START = /^([$~%][^/"]*)"?\/+/;

/**
 * Whether a script's path is of a directory out of the root (`../x.sh`, `/opt/x.sh`, one the scan
 * cannot place: `startsElsewhere`): no file of the repository, never read.
 */
export function runsElsewhere(path: string): boolean {
  return leavesRoot(path) || startsElsewhere(path);
}

/**
 * Whether a script's path is from a directory out of the repository that the scan cannot place
 * (`ELSEWHERE`), written as it is: `${{ runner.temp }}/x.sh`, `$DIR/x.sh`.
 */
export function startsElsewhere(path: string): boolean {
  return ELSEWHERE.test(path);
}

/**
 * Whether a script's path is from a directory the scan cannot tell (`$DIR/x.sh` after `cd $DIR`),
 * which may be in the root or not: not a CI's temporary directory.
 */
export function fromUnknownDirectory(path: string): boolean {
  return ELSEWHERE.test(path) && !FROM_TEMP.test(path);
}

/**
 * A directory written out of the checkout, where a CI keeps temporary files (`working-directory:
 * ${{ runner.temp }}`), as it is written; undefined when it is not.
 */
export function outOfCheckout(written: string): string | undefined {
  return FROM_TEMP.test(written) ? written.replace(/[\\/]+$/, '') : undefined;
}

/**
 * Where a Makefile's recipe runs, as make writes it: its `$(CURDIR)`, and the shell's `$PWD` (or
 * `$(pwd)`) with the `$$` that make passes to the shell as `$`.
 */
const MAKE_CWD = String.raw`\$\(CURDIR\)|\$\{CURDIR\}|\$\(shell pwd\)|\$\$(?:PWD(?!\w)|\{PWD\}|\(pwd\))`;
/** A shell variable, `$NAME` or `${NAME}`: its name is the group of the two that matched. */
const SHELL_NAME = String.raw`\$(?:(?<bare>[A-Za-z_]\w*)|\{(?<braced>[A-Za-z_]\w*)\})`;
/**
 * The directory a path is written from when a variable names it, before a separator: where the CI
 * checks the repository out (`$(Build.SourcesDirectory)\`, `${{ github.workspace }}/`,
 * `$CI_PROJECT_DIR/`), where GitHub puts the composite action that runs it
 * (`${{ github.action_path }}/`), where the command runs (`$PWD/`, `%CD%\`, `$(CURDIR)/`), the
 * directory of the script itself (`$PSScriptRoot\`, `"$(dirname "$0")/`, `${BASH_SOURCE%/*}/`), or
 * one a shell variable names (`$HERE/`, `"$HERE"/`, which the file may tell: `directoryOf`); or a
 * batch file's own, which cmd writes with the separator after it (`%~dp0push.cmd`).
 */
const FROM = String.raw`(?:(?<checkout>${CHECKOUT})|(?<action>${ACTION_PATH})|(?<cwd>\$\(pwd\)|${MAKE_CWD}|${variable('PWD', 'CD')})|(?<own>${variable('PSScriptRoot')})|(?<sh>(?:${SCRIPT_DIRECTORY_WRITTEN})"?)|(?<named>(?:${SHELL_NAME})"?))(?=[\\/])|(?<batch>%~dp0)`;
/**
 * The words of a command text, as split where a script's name may start or end, a directory a
 * variable names (`FROM`) kept with the path after it; a YAML flow list (`script: [./a.sh,
 * ./b.sh]`) is split too, and so is a double quote as a JSON string escapes it (`\"./a.sh\"` in a
 * package.json script).
 */
const WORD = new RegExp(String.raw`(?:${FROM})?(?:[^\s"'\`=;&|()[\],\\]|\\(?!"))+`, 'gi');
/** `source` or `.` as the command, right before a script's name. */
const SOURCE = /(?:^|[\s;&|(`])(?:source|\.)[ \t]+["']?$/;
/**
 * What double quotes hold where a command's output in them holds quotes of its own, `depth` deep
 * (`"$(dirname "$(readlink -f "$0")")"`). Each character is read by one alternative alone, so
 * quotes that never close cost a scan of the line, not more; CD falls back to reading the quoted
 * text up to its next quote (`"$(dirname $(pwd))"`, whose output holds a parenthesis).
 */
function inQuotes(depth: number): string {
  if (depth === 0) return String.raw`[^"\n]*`;
  const output = String.raw`\$\((?:[^"()\n]|"${inQuotes(depth - 1)}")*\)`;
  return String.raw`(?:[^"\n$]|\$(?!\()|${output})*`;
}
/**
 * `cd dir` or `pushd dir` as a command, and `popd`: what follows runs in the directory entered, to
 * the end of the line when it is chained to a command after it there, to the end of the script
 * when it starts a line of the script's outermost level. PowerShell's own, in any case, are
 * `Set-Location` (`sl`, `chdir`, cmd's too), `Push-Location` and `Pop-Location`, given the
 * directory alone, after `--`, or as `-Path` or `-LiteralPath`. Its double quotes may hold a
 * command's output with quotes of its own (`inQuotes`), or be escaped as a JSON string escapes
 * them (`cd \"$OUT\"` in a package.json script); a CI's expression in it, spaces (`cd ${{
 * env.DIR }}`). A `cd` alone enters the home directory, as `cd ~` (`home`), where it is the
 * command: not a word given to another (`npm run cd && ./deploy.sh` runs the root's script). Its
 * lookbehind comes after `cd`, so it is tried only where a cd is: put first, it scanned back over a
 * run of blanks from every position in it, quadratic on a padded line (safety.test's padded rows).
 */
export const CD = new RegExp(
  String.raw`(?<![^\s;&|("'\`])(?:(?<popd>popd|pop-location)|(?:cd|chdir|sl|set-location|(?<push>pushd|push-location))[ \t]+(?:-(?:literal)?path[ \t]+|--[ \t]+)?(?:\\"(?<jq>[^"\\\n]*)\\"|"(?<dq>${inQuotes(2)}|${inQuotes(0)})"|'(?<sq>[^'\n]*)'|(?<bare>(?:\$\{\{[^}\n]{0,120}\}\}|\$(?!\{\{)|[^\s;&|()"'$])+))|(?<home>cd(?<=(?:^|[\n;&|({\`'"!]|\b(?:if|elif|while|until|then|do|else))[ \t]*cd)))[ \t]*(?=&&|\|\||;|#|\r?\n|$)`,
  'gi',
);
/** A directory written as a path, not through a variable, a command, `-` or the home directory. */
const LITERAL_PATH = /^(?!-)[\w./-]+$/;
/**
 * A script's name as a command names it: a relative path ending in `.sh`, `.bash`, `.ps1`, or a
 * batch file's `.bat` or `.cmd`, with `/` between its directories (a backslash where it separates
 * them is read as one: `separated`).
 */
const SCRIPT_NAME = /^(?!\/)[\w./-]+\.(?:sh|bash|ps1|bat|cmd)$/;
/** A script's name where the file system ignores case (Windows'), its extension too: `Push.PS1`. */
const SCRIPT_NAME_ANY_CASE = new RegExp(SCRIPT_NAME.source, 'i');
/** A directory entered deeper than this many characters is taken for the one the text starts in. */
const MAX_DIR = 256;
/**
 * The start of a path that is absolute on Windows: a drive, a share, or a directory a variable names
 * (`%ProgramFiles%`, `$env:ProgramFiles`, `${env:ProgramFiles(x86)}`).
 */
const WINDOWS_ABSOLUTE = /^(?:[a-z]:|\\\\|%[\w()]+%|\$\{?env:)/i;
/** How long a path Windows takes, at most (its `MAX_PATH`). */
const MAX_PATH = 260;
/** Where no shell that reads a backslash as a separator is known: sh's, an escape. */
const NOWHERE: WindowsAt = () => false;

/**
 * The scripts (`.sh`, `.bash`, `.ps1`, `.bat`, `.cmd`, and the source files that Node, ts-node,
 * tsx, Bun or Deno runs: `node x.js`) a command text names, relative from `dir`,
 * `/`-separated, those a path leads out of the root marked `outside`; from the directory a `cd`
 * before the name on its line enters (`cd deploy &&
 * ./upload.sh`), when it is written as a path (from the checkout: `cd $GITHUB_WORKSPACE/web`); an
 * absolute one (`cd /opt/app`) leads out of the root, and so does a CI's temporary directory
 * (`cd "$RUNNER_TEMP"`); so may one a variable or the home directory names (`cd "$OUT"`, `cd ~`),
 * unless the file tells where (`places`: `OUT=dist`, or the script's own directory); `cd -`
 * returns where the last `cd` left. One entered through the script's own directory (`cd
 * "$(dirname "$0")/.."`) is from there in a script, one the scan cannot tell in a CI file. A name
 * written from the CI's checkout (`$GITHUB_WORKSPACE/x.sh`, Cloud Build's `/workspace/x.sh`) is
 * from the root; one from the script's own directory (`$(dirname "$0")/x.sh`,
 * `$HERE/x.sh` where the file sets `HERE` so: `places`), from there. Each line of the text is read as a command of its own, as a
 * Makefile's recipe lines are run. A backslash separates directories where `windows`
 * says PowerShell or cmd reads the command; a variable run as the command (`$(NODE) x.js`) runs
 * the source file it names where `variableRuns` says its value is a runner. A name written from
 * the directory of the composite action that runs it (`${{ github.action_path }}/x.sh`) is from
 * `action`, that directory; not followed where no action runs it.
 */
export function scriptRuns(
  text: string,
  dir: string,
  windows = NOWHERE,
  variableRuns = runsAsNamed,
  places: RunPlaces = {},
): ScriptRun[] {
  const whole = [{ start: 0, end: text.length }];
  return runsAlong(text, whole, { dir, from: dir, places }, false, windows, variableRuns).runs;
}

/**
 * The scripts that the scripts of one shell (`spans` of `text`, in order) name, as `scriptRuns`
 * finds them, where a `cd` that starts a line at a script's outermost level (not in a block, a
 * subshell or a chain) also holds for the lines after it, to the end of the shell, which starts in
 * `from`.
 */
export function shellScriptRuns(
  text: string,
  spans: readonly Span[],
  dir: string,
  from = dir,
  windows = NOWHERE,
  variableRuns = runsAsNamed,
  places: RunPlaces = {},
): ScriptRun[] {
  return runsAlong(text, spans, { dir, from, places }, true, windows, variableRuns).runs;
}

/** The directory that the scripts of a shell, read as `shellScriptRuns` reads them, end in. */
export function directoryAfter(
  text: string,
  spans: readonly Span[],
  dir: string,
  windows = NOWHERE,
  places: RunPlaces = {},
): string {
  return runsAlong(text, spans, { dir, from: dir, places }, true, windows, runsAsNamed).dir;
}

/**
 * Where the scripts of a text are read from: `from` at its start, `dir` for a directory entered
 * otherwise than by a path and the script's own, and what its file tells (`RunPlaces`).
 */
interface Places {
  readonly dir: string;
  readonly from: string;
  readonly places: RunPlaces;
}

/**
 * The scripts named along `spans` of `text`, read in order from `places`, and the directory they
 * end in; a `cd` that starts a line at its script's outermost level holds on when `lasting`.
 */
function runsAlong(
  text: string,
  spans: readonly Span[],
  { dir, from, places }: Places,
  lasting: boolean,
  windows: WindowsAt,
  variableRuns: VariableRuns,
): { runs: ScriptRun[]; dir: string } {
  const runs: ScriptRun[] = [];
  const entering = new Entering(dir, places, windows);
  let current = from;
  for (const span of spans) {
    const script = text.slice(span.start, span.end);
    const outer = lasting ? outermostIndent(script) : -1;
    // The line of the last `cd`, found once however many `cd`s it holds, and where that one entered.
    let line = { start: 0, end: -1 };
    let entered: string | undefined;
    const cds = [...script.matchAll(CD)];
    const closes = subshellEnds(script, cds);
    // The directories subshells (`$(cd x && pwd)`, `(cd x; make)`) entered, innermost last, each
    // until its `)`.
    const inner: { end: number; dir: string }[] = [];
    const here = (at: number) => {
      while (inner.length > 0 && inner.at(-1)!.end <= at) inner.pop();
      return inner.at(-1)?.dir ?? (entered !== undefined && at < line.end ? entered : current);
    };
    const enter = (m: RegExpMatchArray, close: number | undefined) => {
      const at = m.index ?? 0;
      if (close === undefined && at >= line.end)
        [line, entered] = [lineAround(script, at), undefined];
      const to = entering.to(m, here(at), span.start + at);
      if (close !== undefined) {
        if (inner.at(-1)?.end === close) inner.pop();
        inner.push({ end: close, dir: to });
        return;
      }
      const starts = at - line.start === outer && /^[ \t]*$/.test(script.slice(line.start, at));
      if (starts) [current, entered] = [to, undefined];
      else entered = to;
    };
    // The source files a runner names (`node x.js`, `npx tsx x.ts`), found once for the script.
    const runsAt: VariableRuns = (name, at) => variableRuns(name, span.start + at);
    const sources = new Set([...nodeRunsIn(script, runsAt)].map(({ at }) => at));
    let next = 0;
    for (const word of script.matchAll(WORD)) {
      const { index } = word;
      while (next < cds.length && cds[next]!.index < index) enter(cds[next]!, closes[next++]);
      const { checkout: ci, action: fromAction, cwd, own, sh, named, batch } = word.groups ?? {};
      const { action, workspace } = places;
      if (fromAction !== undefined && action === undefined) continue;
      // `$0` is the script's own path only in a script: a CI's step has it a file of the CI's.
      if (sh !== undefined && places.own === undefined) continue;
      // Cloud Build's checkout is a path, `/workspace/x.sh`, that the file's CI alone gives it.
      const job =
        ci === undefined ? inWorkspace(word[0], workspace?.(span.start + index)) : undefined;
      const checkout = ci ?? job?.prefix;
      const namedFrom =
        named === undefined ? undefined : namedDirectory(named, places, places.own)?.from;
      const placed = namedFrom === undefined ? undefined : named;
      const variable = checkout ?? fromAction ?? cwd ?? own ?? sh ?? placed ?? batch ?? '';
      const written = separated(word[0].slice(variable.length), windows, span.start + index);
      // A directory that a variable the file does not place, or the home directory, names
      // (`$OUT/ship.sh`, `~/ship.sh`): the path is from there as written, as after `cd $OUT`, and
      // so out of what the scan reads (see `ELSEWHERE`), not dropped as no script's name.
      const unplaced = variable ? undefined : UNPLACED_START.exec(written);
      // The path from a variable's directory starts after the separators that follow it (a Groovy
      // string writes each backslash twice).
      const name = variable
        ? written.replace(/^\/+/, '')
        : written.slice(unplaced?.[0].length ?? 0);
      const caseless = SCRIPT_NAME_ANY_CASE.test(name) && windows(span.start + index);
      const source = !variable && sources.has(index);
      if (!caseless && !SCRIPT_NAME.test(name) && !source) continue;
      if (!variable && continuesQuotedPath(script, index) && windows(span.start + index)) continue;
      const from = checkout
        ? (job?.from ?? '.')
        : fromAction
          ? (action ?? dir)
          : (own ?? batch)
            ? (places.own ?? dir)
            : ((sh !== undefined ? places.own : namedFrom) ?? unplaced?.[1] ?? here(index));
      const path = under(from, name);
      const sourced = SOURCE.test(script.slice(Math.max(0, index - 16), index));
      runs.push({
        path,
        at: span.start + index,
        ...(sourced && { sourced }),
        ...(caseless && { caseless }),
        ...(runsElsewhere(path) && { outside: true as const }),
      });
    }
    for (; next < cds.length; next++) enter(cds[next]!, closes[next]);
  }
  return { runs, dir: current };
}

/**
 * What the `cd`s of a shell (`CD`'s matches, in order) enter: `popd` where the last `pushd` left
 * (`dir` past the first), `cd -` where the last `cd` left (a directory the scan cannot tell before
 * one), any other as `entering` reads it. `put` gives the text a CI puts in a directory as written
 * before a shell reads it (a called file's `${{ inputs.dir }}`), undefined where it is not known.
 */
export class Entering {
  private readonly pushed: string[] = [];
  private back = '$OLDPWD';
  constructor(
    private readonly dir: string,
    private readonly places: RunPlaces,
    private readonly windows: WindowsAt,
    private readonly put: (written: string) => string | undefined = (written) => written,
  ) {}

  /** The directory the `cd` matched as `m`, at offset `at`, enters from `here`. */
  to(m: RegExpMatchArray, here: string, at: number): string {
    const { popd, push, jq, dq, sq, bare, home } = m.groups ?? {};
    const raw = jq ?? dq ?? sq ?? bare ?? (home ? '~' : '');
    // Where the directory is written: after a `cd` alone, nowhere.
    const valueAt = home ? m[0].length : m[0].lastIndexOf(raw);
    const written = this.put(separated(raw, this.windows, at));
    const to = popd
      ? (this.pushed.pop() ?? this.dir)
      : written === '-'
        ? this.back
        : written === undefined
          ? this.dir
          : entering(here, written, at + valueAt, this.dir, this.places);
    if (push) this.pushed.push(here);
    this.back = here;
    return to;
  }
}

/**
 * The directory `cd to` enters from `from`: from the root when `to` is written from the CI's
 * checkout (or from the composite action's directory: see `fromCheckout`); `to` itself when it is
 * absolute, a directory out of the root (what runs there is none of the repository's scripts), or
 * a CI's temporary directory; from `dir` when written from the script's own (`$PSScriptRoot`, or
 * a variable the file gives it: see `startOf`); where a variable names it whose value the file
 * tells (`valueAt`, `to` being written at `at`), that; and where a variable or the home directory
 * names one the scan cannot tell (`cd $DIR`), that, written as it is: what runs there is read from
 * no directory it may not be.
 */
function entering(from: string, to: string, at: number, dir: string, places: RunPlaces): string {
  const temp = outOfCheckout(to);
  if (temp !== undefined) return temp;
  const [base, written] = startOf(to, from, at, dir, places);
  if (!LITERAL_PATH.test(written)) {
    // Its value once, which names no variable the file tells again.
    const value = places.valueAt?.(at);
    if (value?.start === at) {
      const known = `${value.value}${to.slice(value.end - value.start)}`;
      return entering(from, known, at, dir, { ...places, valueAt: undefined });
    }
    return startsElsewhere(to) ? to : dir;
  }
  if (written.startsWith('/')) return posix.normalize(written);
  const entered = under(base, written);
  return entered.length > MAX_DIR ? dir : entered;
}

/**
 * Where a directory written as `to` is from, and the path from there: the root for one written
 * from the CI's checkout (`fromCheckout`), `dir` for one from the script's own (`$PSScriptRoot`;
 * `${BASH_SOURCE%/*}` in a script, from its own), either for a variable the file gives one of them
 * (`directoryOf`; one it sets to its own directory, only in a script: a CI step's `$0` is a file of
 * the CI's), else `from`: from where the command runs (`$PWD/tools`, `%CD%\tools`), or as written.
 */
function startOf(
  to: string,
  from: string,
  at: number,
  dir: string,
  places: RunPlaces,
): [string, string] {
  const checkout = fromCheckout(to, places, at);
  if (checkout !== undefined) return ['.', checkout];
  const own = OWN_DIRECTORY.exec(to)?.[0];
  if (own !== undefined) return [dir, `.${to.slice(own.length)}`];
  // As a path from it is, only in a script: a CI step's `$0` is a file of the CI's.
  const script = places.own;
  const sh = script === undefined ? undefined : SH_OWN_DIRECTORY.exec(to)?.[0];
  if (script !== undefined && sh !== undefined) return [script, `.${to.slice(sh.length)}`];
  const cwd = CWD.exec(to)?.[0];
  if (cwd !== undefined) return [from, `.${to.slice(cwd.length)}`];
  const named = namedDirectory(to, places, places.own);
  const rest = to.slice(named?.length ?? 0);
  if (named === undefined || !/^(?:\/|$)/.test(rest)) return [from, to];
  return [named.from, `.${rest}`];
}

/**
 * The directory the shell variable that `written` starts with names (`$HERE`, `${ROOT}`), where
 * the file tells it (see `directoryVariables`): from `own` when it is the script's own directory
 * (none when `own` is undefined), from the root when it is the repository's top; and the
 * variable's length as written.
 */
function namedDirectory(
  written: string,
  places: RunPlaces,
  own: string | undefined,
): { from: string; length: number } | undefined {
  const variable = SHELL_VARIABLE.exec(written);
  const { bare, braced } = variable?.groups ?? {};
  const named = places.directoryOf?.(bare ?? braced ?? '');
  const base = named?.from === 'script' ? own : '.';
  if (!variable || named === undefined || base === undefined) return undefined;
  return { from: posix.join(base, `.${named.path}`), length: variable[0].length };
}

/** A script's path from a directory: from one the scan cannot place, as it is written. */
function under(from: string, name: string): string {
  return startsElsewhere(from)
    ? `${from}/${posix.normalize(name)}`
    : posix.normalize(posix.join(from, name));
}

/** The directory of the script itself, as PowerShell (`$PSScriptRoot`) and cmd (`%~dp0`) write it. */
const OWN_DIRECTORY = /^(?:\$PSScriptRoot|\$\{PSScriptRoot\}|%~dp0)(?=[\\/]|$)/i;
/** The directory of the script itself as sh writes it: `${BASH_SOURCE%/*}`, `$(dirname $0)`. */
const SH_OWN_DIRECTORY = new RegExp(String.raw`^(?:${SCRIPT_DIRECTORY_WRITTEN})(?=/|$)`);
/** Where the command runs, as sh, PowerShell and cmd name it: `$PWD`, `$env:PWD`, `%CD%`. */
const CWD = new RegExp(String.raw`^(?:${variable('PWD', 'CD')})(?=[\\/]|$)`, 'i');
/** A shell variable at the start of a text. */
const SHELL_VARIABLE = new RegExp(`^${SHELL_NAME}`);

/**
 * A path written at an offset, with `/` for its backslashes where they separate directories, as
 * `windows` tells (else they are escapes, and the path is none a script is named by).
 */
export function separated(written: string, windows: WindowsAt, at: number): string {
  return written.includes('\\') && windows(at) ? written.replaceAll('\\', '/') : written;
}

/**
 * Whether the word at `at` is the rest of an absolute path with spaces that a double quote opened
 * before it (`"C:\Program Files (x86)\Microsoft Visual Studio\…\vcvars64.bat"`): no script named
 * from where the command runs.
 */
function continuesQuotedPath(text: string, at: number): boolean {
  if (text[at - 1] !== ' ' && text[at - 1] !== '\t') return false;
  const before = text.slice(Math.max(0, at - MAX_PATH), at);
  const quoted = before.slice(before.lastIndexOf('"') + 1);
  return quoted.length < before.length && !quoted.includes('\n') && WINDOWS_ABSOLUTE.test(quoted);
}

/**
 * For each of `cds` (in order), the offset of the `)` that closes the parenthesis it is in on its
 * line, where the subshell it enters ends; undefined for one in none. One pass over the text.
 */
export function subshellEnds(
  text: string,
  cds: readonly RegExpMatchArray[],
): (number | undefined)[] {
  const ends: (number | undefined)[] = [];
  // Most scripts enter no directory: no pass over their text for it.
  if (cds.length === 0) return ends;
  // The cds waiting for their `)`, by how many parentheses are open where each is.
  const waiting: number[][] = [];
  let next = 0;
  for (let i = 0; i <= text.length; i++) {
    while (next < cds.length && cds[next]!.index === i) {
      if (waiting.length > 0) waiting.at(-1)!.push(next);
      next++;
    }
    const c = text[i];
    if (c === '(') waiting.push([]);
    else if (c === ')') for (const cd of waiting.pop() ?? []) ends[cd] = i;
    else if (c === '\n' || c === undefined) waiting.length = 0;
  }
  return ends;
}

/** Where the line holding `offset` starts and ends. */
function lineAround(text: string, offset: number): Span {
  const end = text.indexOf('\n', offset);
  return { start: text.lastIndexOf('\n', offset - 1) + 1, end: end < 0 ? text.length : end };
}

const WORD_AT = new RegExp(WORD.source, 'iy');

/** A script's name as the command text writes it, at a run's `at`. */
export function writtenAt(text: string, at: number): string {
  WORD_AT.lastIndex = at;
  return WORD_AT.exec(text)?.[0] ?? '';
}
