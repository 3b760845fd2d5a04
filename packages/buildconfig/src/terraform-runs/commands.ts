/** The Terraform runs of a shell's commands, one after another, and of the scripts they run. */
import { posix } from 'node:path';
import { tokenize } from '../command-words.js';
import { MAX_FOLLOW_DEPTH } from '../discover.js';
import type { ParsedFile } from '../extract/parse.js';
import {
  cliArgsOptions,
  commandLineVariable,
  type CommandLineVariable,
  type Unread,
} from '../terraform-options.js';
import { directoryVariables } from '../directory-variables.js';
import { Entering, runsByName, type RunPlaces, type ScriptRun } from '../script-refs.js';
import type { Span } from '../structured/doc.js';
import { withInputs, type EnvironmentValue, type Inputs } from '../tf-var-values.js';
import type { SourceFile } from '../files/analysis.js';
import type { TerraformRun } from './run.js';
import { COMPUTED_NAME, withJobEnvironment, tfVariablesOf, assigned } from './environment.js';
import type { ScriptTexts } from './script-texts.js';
import { terraformDeploy } from './terraform-command.js';
import { NOT_KNOWN, NOWHERE, Directories, within } from './directories.js';

/** Words before a command that run it (`env`, `time`, `exec`) or that the shell reads first. */
const PREFIXES = new Set(['env', 'time', 'exec', 'then', 'do', 'else']);
/** What the shell runs one command after another on: lines, `&&`, `||`, `;`, pipes. */
const COMMAND_SEPARATOR = /\n|&&|\|\||;|\|/;
/**
 * Where commands run: the directory (undefined when it is not known) and the `TF_VAR_`s (and
 * `TF_CLI_ARGS`), by their environment names.
 */
export interface Shell {
  dir: string | undefined;
  readonly environment: Map<string, EnvironmentValue>;
  /** What it writes to `$GITHUB_ENV`, for the later steps of its job (`withJobEnvironment`). */
  readonly later?: Map<string, EnvironmentValue>;
}

/**
 * A file whose commands are read, the scripts it runs, how those are read (undefined where one
 * is not), and the scripts that run it, from the CI file down; and the inputs a called file's
 * commands are given, which GitHub puts in them (`${{ inputs.dir }}`) before a shell runs them.
 */
export interface Commands {
  readonly file: SourceFile;
  /** In the order the file names them (`byPlace`). */
  readonly scripts: readonly ScriptRun[];
  readonly script: (path: string) => ParsedFile | undefined;
  readonly texts: ScriptTexts;
  readonly runBy: readonly string[];
  /** Where its `cd`s are read from: a script's own directory, the directories its variables name. */
  readonly places: RunPlaces;
  readonly inputs?: Inputs;
}

/**
 * A script as the shell reads its commands: its continued lines joined, its comments (a word from
 * `#` to the end of the line) blank. Offsets stay those of the file.
 */
export function commandText(written: string): string {
  return written
    .replace(/\\(\r?)\n/g, (_, cr: string) => ` ${cr} `)
    .replace(/(?<=^|\s)#[^\n]*/g, (comment) => ' '.repeat(comment.length));
}

/**
 * The Terraform runs of the commands of `written` (at `base` in `reading`'s file), run one after
 * another in `shell`, which a `cd` or an `export` changes; and of the scripts they run.
 */
export function commandRuns(reading: Commands, written: string, base: number, shell: Shell) {
  const { file } = reading;
  const range = (start: number, end: number) => file.lines.range(file.path, start, end);
  const runs: TerraformRun[] = [];
  const { inputs } = reading;
  const put = inputs && ((dir: string) => withInputs(dir, inputs));
  const directories = new Directories(
    written,
    base,
    shell,
    new Entering(NOT_KNOWN, reading.places, NOWHERE, put),
  );
  let offset = 0;
  for (const command of written.split(COMMAND_SEPARATOR)) {
    const start = written.indexOf(command, offset);
    offset = start + command.length;
    const at = base + start;
    const here = directories.at(start);
    const { start: first, end: last } = inSubshell(command);
    const tokens = tokenize(command, first, last).map((token) => {
      const text = inputs && withInputs(token.text, inputs);
      return text === undefined ? token : { ...token, text };
    });
    const words = tokens.map((t) => t.text);
    const named = commandWord(words);
    // `export TF_VAR_x=…` holds for the rest of the shell, `TF_VAR_x=… terraform` for one command.
    if (words[named] === 'export') assigned(tokens.slice(named + 1), at, range, shell.environment);
    const variables = new Map(shell.environment);
    assigned(tokens.slice(0, named), at, range, variables);
    const deploy = terraformDeploy(tokens.slice(named));
    if (deploy === undefined) {
      const inShell = here === shell.dir ? shell : { ...shell, dir: here };
      runs.push(...scriptsRun(reading, { start: at, end: base + offset }, inShell, variables));
      continue;
    }
    const dir = deploy.chdir === '' ? here : within(here, deploy.chdir);
    const fileAt = (file: string) => (dir === undefined ? undefined : within(dir, file));
    const given = deploy.options.map((o) => ({ ...o, range: range(at + o.start, at + o.end) }));
    const computed = variables.get(COMPUTED_NAME);
    const options = [
      ...(computed ? [{ why: computed.why!, range: computed.range }] : []),
      ...cliArgsOptions(variables, deploy.subcommand),
      ...given,
    ].flatMap((o) => ('why' in o ? [o] : commandLineVariable(o, fileAt, deploy.terragrunt)));
    runs.push({
      dir,
      range: range(at, base + offset),
      variables: tfVariablesOf(variables),
      all: deploy.all,
      deploys: deploy.deploys,
      commandLine: options.filter((o): o is CommandLineVariable => !('why' in o)),
      unread: options.filter((o): o is Unread => 'why' in o),
    });
  }
  directories.at(written.length + 1);
  return runs;
}

/**
 * The Terraform runs of the scripts a command (`span` of `reading`'s file) runs, in the directory
 * it runs in, with `variables`: of the first of the paths a name may mean that is read. A script
 * it sources runs in its shell, whose directory and environment it changes.
 */
function scriptsRun(
  reading: Commands,
  span: Span,
  shell: Shell,
  variables: Map<string, EnvironmentValue>,
): TerraformRun[] {
  if (reading.runBy.length > MAX_FOLLOW_DEPTH) return [];
  const named = runsByName(between(reading.scripts, span));
  const runBy = [...reading.runBy, reading.file.path];
  return [...named.values()].flatMap((meant) => {
    const run = meant.find(({ path }) => reading.script(path) !== undefined);
    // A script that runs itself, or one that runs it, adds no run.
    if (run === undefined || runBy.includes(run.path)) return [];
    const parsed = reading.script(run.path)!;
    if (!reading.texts.reads(parsed.file)) return [];
    const { dir, later } = shell;
    const inner = run.sourced ? shell : { dir, environment: new Map(variables), later };
    // A script's text is its own: no inputs are put in it.
    const { inputs: _own, ...outer } = reading;
    const { file } = parsed;
    const places = { own: posix.dirname(file.path), directoryOf: directoryVariables(file.text) };
    const script = { ...outer, file, scripts: byPlace(parsed.scripts), runBy, places };
    const commands = commandText(file.text);
    const range = (start: number, end: number) => file.lines.range(file.path, start, end);
    if (later) withJobEnvironment(later, commands, 0, range);
    return commandRuns(script, commands, 0, inner);
  });
}

/** Scripts a file runs, in the order it names them. */
export function byPlace(scripts: readonly ScriptRun[]): ScriptRun[] {
  return [...scripts].sort((a, b) => a.at - b.at);
}

/** The scripts (in order) named inside `span`: found by halves, as a step may name many. */
function between(scripts: readonly ScriptRun[], span: Span): readonly ScriptRun[] {
  let [low, high] = [0, scripts.length];
  while (low < high) {
    const middle = (low + high) >> 1;
    if (scripts[middle]!.at < span.start) low = middle + 1;
    else high = middle;
  }
  let end = low;
  while (end < scripts.length && scripts[end]!.at < span.end) end++;
  return scripts.slice(low, end);
}

/**
 * The index of the word that names the command: variables before it (`TF_VAR_x=1 terraform …`,
 * `env X=1 terraform …`), `time`, `exec` and the shell's `then`, `do` and `else` do not hide it.
 */
function commandWord(words: readonly string[]): number {
  let i = 0;
  while (i < words.length && (PREFIXES.has(words[i]!) || /^\w+=/.test(words[i]!))) i++;
  return i;
}

/**
 * Where a command's words are in the subshell it opens or closes (`(cd infra && terraform plan)`
 * splits into `(cd infra` and `terraform plan)`): past its `(`, before the `)` that closes one
 * opened before it. Not a command's output (`-var "v=$(cat v)"`), whose `)` closes its own.
 */
function inSubshell(command: string): Span {
  const start = /^[\s(]*/.exec(command)![0].length;
  let depth = 0;
  for (let i = start; i < command.length; i++) {
    if (command[i] === '(') depth++;
    else if (command[i] === ')' && --depth < 0) return { start, end: i };
  }
  return { start, end: command.length };
}
