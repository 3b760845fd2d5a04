/**
 * The Terraform runs of CI files: a script that runs `terraform`, `tofu` or `terragrunt` `plan` or
 * `apply`, the directory it runs in (the step's `working-directory`, a `cd DIR` before it,
 * `-chdir=DIR`) and the `TF_VAR_name` variables its environment gives it (the step's, job's and
 * workflow's `env:`, or where else the CI keeps them). Terraform takes such a variable as the
 * value of the root module's variable `name`, over its default. Nothing is run: a value or a
 * directory that is not written literally (`${{ secrets.X }}`, `$DIR`) is not known.
 */
import { statSync } from 'node:fs';
import { join, posix } from 'node:path';
import { looksSecret, redactText, type Diagnostic, type Range } from '@posture/model';
import { tokenize, type Token } from './command-words.js';
import { MAX_FOLLOW_DEPTH } from './discover.js';
import { parseFile, type ParsedFile } from './extract/parse.js';
import { perFile } from './extract/per-file.js';
import { formatOf, mayBeOfType } from './file-types.js';
import { leavesRoot } from './paths.js';
import type { ReadResult } from './read-file.js';
import type { ScriptRun } from './script-refs.js';
import { isRecord, valueAt, type Path, type Span, type StructuredDoc } from './structured/doc.js';
import { yamlLineBreaks } from './structured/yaml.js';
import { CI_VARIABLES } from './variables/index.js';
import type { CiVariables } from './variables/ci.js';
import type { SourceFile } from './files/analysis.js';

export interface TerraformRun {
  /**
   * The directory Terraform runs in, relative to the scan root; undefined when it is not known
   * (`cd $DIR`), so the run may be of any root.
   */
  readonly dir: string | undefined;
  /** Where the command is written. */
  readonly range: Range;
  /** The `TF_VAR_` variables its environment gives it, by variable name (without `TF_VAR_`). */
  readonly variables: ReadonlyMap<string, EnvironmentValue>;
  /** It runs every Terragrunt unit at or under `dir` (`terragrunt run-all apply`). */
  readonly all: boolean;
  /**
   * It deploys the root with its variables: an `apply`, or a `plan` saved for one (`-out`). A plan
   * that saves nothing only shows what would change, and a `destroy` removes what it would deploy.
   */
  readonly deploys: boolean;
}

export interface EnvironmentValue {
  /** The value as written; undefined when it is not known before the CI runs, for `why`. */
  readonly text: string | undefined;
  readonly why?: string;
  /** Where it is written. */
  readonly range: Range;
}

const TF_VAR = /^TF_VAR_(?<name>[A-Za-z_][\w-]*)$/;
/** `TF_VAR_name=` written somewhere in a line (`echo "TF_VAR_public=true" >> "$GITHUB_ENV"`). */
const TF_VAR_WRITTEN = /(?<![\w$])TF_VAR_([A-Za-z_][\w-]*)=/g;
/** The tools whose `plan`, `apply` and `destroy` read `TF_VAR_` variables. */
const TERRAFORM = /^(?:.*\/)?(?:terraform|tofu|terragrunt)$/;
const READS_VARIABLES = new Set(['plan', 'apply', 'destroy']);
/** Terraform's options whose value may be the next word (`-var-file prod.tfvars`), not a plan file. */
const TAKES_VALUE = new Set([
  'var',
  'var-file',
  'target',
  'replace',
  'state',
  'state-out',
  'backup',
  'lock-timeout',
  'parallelism',
  'out',
]);
/** Words before a command that run it (`env`, `time`, `exec`) or that the shell reads first. */
const PREFIXES = new Set(['env', 'time', 'exec', 'then', 'do', 'else']);
/** A word from which on the shell redirects (`> log`, `2>&1`), runs in the background, or comments. */
const COMMAND_END = /^(?:\d*[<>]|&|#)/;
/** A script's own directory, as it names it: `$(dirname "$0")` (its quotes read), `${0%/*}`. */
const SCRIPT_DIR = /^(?:\$\(dirname \$(?:0|\{?BASH_SOURCE(?:\[0\])?\}?)\)|\$\{0%\/\*\})(?=\/|$)/;
/** What the shell runs one command after another on: lines, `&&`, `||`, `;`, pipes. */
const COMMAND_SEPARATOR = /\n|&&|\|\||;|\|/;
/** The checkout's top as a CI names it: `$GITHUB_WORKSPACE`, `${{ github.workspace }}`, GitLab's. */
const CHECKOUT =
  /^(?:\$\{?GITHUB_WORKSPACE\}?|\$\{\{\s*github\.workspace\s*\}\}|\$\{?CI_PROJECT_DIR\}?)(?=\/|$)/;

/**
 * The Terraform runs of the CI files among `files` (relative to `root`) and of the scripts they
 * run, each read with `read`; files not read give none (the build-file read says why). What stops
 * the reading of one (a bug) is an error on it, in `diagnostics`.
 */
export function terraformRuns(
  root: string,
  files: readonly string[],
  read: (path: string) => ReadResult,
): { runs: TerraformRun[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ciTypes = new Set(Object.keys(CI_VARIABLES));
  const script = scriptReader(root, read);
  const runs = files.flatMap((path) => {
    if (!mayBeOfType(path, ciTypes)) return [];
    const result = read(path);
    if (!('text' in result)) return [];
    const text = formatOf(path) === 'yaml' ? yamlLineBreaks(result.text) : result.text;
    // A file that cannot be parsed is reported where the build files are read for links.
    const parsed = perFile(path, [], () => parseFile(path, text, []));
    const variables = parsed && CI_VARIABLES[parsed.file.fileType];
    const doc = parsed?.doc;
    if (!variables || !doc?.data) return [];
    return perFile(path, diagnostics, () => runsIn(parsed, doc, variables, script)) ?? [];
  });
  return { runs, diagnostics };
}

/**
 * The scripts steps run, each read and parsed once: undefined for one not there (a step may name
 * many a build makes, each only looked up), not read or not parsed, which the read of the build
 * files for links reports.
 */
function scriptReader(
  root: string,
  read: (path: string) => ReadResult,
): (path: string) => ParsedFile | undefined {
  const scripts = new Map<string, ParsedFile | undefined>();
  const parsed = (path: string) => {
    if (leavesRoot(path) || !statSync(join(root, path), { throwIfNoEntry: false }))
      return undefined;
    const result = read(path);
    if (!('text' in result)) return undefined;
    const { text } = result;
    return perFile(path, [], () => parseFile(path, text, []));
  };
  return (path) => {
    if (!scripts.has(path)) scripts.set(path, parsed(path));
    return scripts.get(path);
  };
}

function runsIn(
  { file, scripts }: ParsedFile,
  doc: StructuredDoc,
  variables: CiVariables,
  script: (path: string) => ParsedFile | undefined,
): TerraformRun[] {
  const { data } = doc;
  const range = (start: number, end: number) => file.lines.range(file.path, start, end);
  const reading: Commands = { file, scripts: byPlace(scripts), script, runBy: [] };
  // What a step writes to `$GITHUB_ENV`, by job: the environment of the job's later steps.
  const carried = new Map<string, Map<string, EnvironmentValue>>();
  return shells(variables.scripts(data), variables, data).flatMap((paths) => {
    const first = paths[0]!;
    const job = JSON.stringify(first.slice(0, 2));
    const environment = tfVariables(doc, variables, first, range);
    for (const [name, value] of carried.get(job) ?? []) environment.set(name, value);
    const shell = { dir: directoryOf(variables.directory?.(first, data) ?? '.'), environment };
    return paths.flatMap((path) => {
      const span = doc.valueSpan(path);
      const value = valueAt(data, path);
      if (!span || typeof value !== 'string') return [];
      const written = commandText(file.text.slice(span.start, span.end));
      const later = carried.get(job) ?? new Map<string, EnvironmentValue>();
      carried.set(job, withJobEnvironment(later, written, span.start, range));
      return commandRuns(reading, written, span.start, shell);
    });
  });
}

/** Where commands run: the directory (undefined when it is not known) and the `TF_VAR_`s. */
interface Shell {
  dir: string | undefined;
  readonly environment: Map<string, EnvironmentValue>;
}

/**
 * A file whose commands are read, the scripts it runs, how those are read (undefined where one
 * is not), and the scripts that run it, from the CI file down.
 */
interface Commands {
  readonly file: SourceFile;
  /** In the order the file names them (`byPlace`). */
  readonly scripts: readonly ScriptRun[];
  readonly script: (path: string) => ParsedFile | undefined;
  readonly runBy: readonly string[];
}

/**
 * A script as the shell reads its commands: its continued lines joined, its comments (a word from
 * `#` to the end of the line) blank. Offsets stay those of the file.
 */
function commandText(written: string): string {
  return written
    .replace(/\\(\r?)\n/g, (_, cr: string) => ` ${cr} `)
    .replace(/(?<=^|\s)#[^\n]*/g, (comment) => ' '.repeat(comment.length));
}

/**
 * The Terraform runs of the commands of `written` (at `base` in `reading`'s file), run one after
 * another in `shell`, which a `cd` or an `export` changes; and of the scripts they run.
 */
function commandRuns(reading: Commands, written: string, base: number, shell: Shell) {
  const { file } = reading;
  const range = (start: number, end: number) => file.lines.range(file.path, start, end);
  const runs: TerraformRun[] = [];
  let offset = 0;
  for (const command of written.split(COMMAND_SEPARATOR)) {
    const start = written.indexOf(command, offset);
    offset = start + command.length;
    const at = base + start;
    const tokens = tokenize(command, 0, command.length);
    const words = tokens.map((t) => t.text);
    const named = commandWord(words);
    if (words[named] === 'cd' || words[named] === 'pushd')
      shell.dir = entered(reading, shell.dir, words[named + 1] ?? '.');
    // `export TF_VAR_x=…` holds for the rest of the shell, `TF_VAR_x=… terraform` for one command.
    if (words[named] === 'export') assigned(tokens.slice(named + 1), at, range, shell.environment);
    const variables = new Map(shell.environment);
    assigned(tokens.slice(0, named), at, range, variables);
    const deploy = terraformDeploy(words.slice(named));
    if (deploy === undefined) {
      runs.push(...scriptsRun(reading, { start: at, end: base + offset }, shell, variables));
      continue;
    }
    runs.push({
      dir: deploy.chdir === '' ? shell.dir : within(shell.dir, deploy.chdir),
      range: range(at, base + offset),
      variables,
      all: deploy.all,
      deploys: deploy.deploys,
    });
  }
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
  const named = new Map<number, ScriptRun[]>();
  for (const run of between(reading.scripts, span))
    named.set(run.at, [...(named.get(run.at) ?? []), run]);
  const runBy = [...reading.runBy, reading.file.path];
  return [...named.values()].flatMap((meant) => {
    const run = meant.find(({ path }) => reading.script(path) !== undefined);
    // A script that runs itself, or one that runs it, adds no run.
    if (run === undefined || runBy.includes(run.path)) return [];
    const parsed = reading.script(run.path)!;
    const inner = run.sourced ? shell : { dir: shell.dir, environment: new Map(variables) };
    const script = { ...reading, file: parsed.file, scripts: byPlace(parsed.scripts), runBy };
    return commandRuns(script, commandText(parsed.file.text), 0, inner);
  });
}

/** Scripts a file runs, in the order it names them. */
function byPlace(scripts: readonly ScriptRun[]): ScriptRun[] {
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
 * The `TF_VAR_` variables a script (at `at`) writes to `$GITHUB_ENV` for the later steps of its
 * job, added to `later`: not known, as which of them and of a step's `env:` wins is not.
 */
function withJobEnvironment(
  later: Map<string, EnvironmentValue>,
  script: string,
  at: number,
  range: (start: number, end: number) => Range,
): Map<string, EnvironmentValue> {
  let lineStart = 0;
  for (const line of script.split('\n')) {
    if (line.includes('GITHUB_ENV')) {
      for (const m of line.matchAll(TF_VAR_WRITTEN)) {
        const where = range(at + lineStart + m.index, at + lineStart + m.index + m[0].length);
        const why = `TF_VAR_${m[1]} is written to $GITHUB_ENV by an earlier step of the job`;
        later.set(m[1]!, { text: undefined, why, range: where });
      }
    }
    lineStart += line.length + 1;
  }
  return later;
}

/**
 * The scripts grouped by the shell that runs them, in order: a script's lines (a GitLab `script:`
 * list) run in one shell, so a `cd` on one holds for the next.
 */
function shells(scripts: readonly Path[], variables: CiVariables, data: unknown): Path[][] {
  const byShell = new Map<string, Path[]>();
  for (const script of scripts) {
    const shell = variables.shell?.(script, data) ?? holding(script);
    const key = JSON.stringify(shell);
    byShell.set(key, [...(byShell.get(key) ?? []), script]);
  }
  return [...byShell.values()];
}

/** The list holding a line of a script list, or the script itself. */
function holding(script: Path): Path {
  return typeof script[script.length - 1] === 'number' ? script.slice(0, -1) : script;
}

/**
 * For a command (its words from the one that names it) that runs Terraform's `plan`, `apply` or
 * `destroy`: the directory its `-chdir=` names ('' without one), whether it runs every unit under
 * it (`terragrunt run-all`, `terragrunt run --all`) and whether it deploys (see `TerraformRun`);
 * undefined for any other command, and for the `apply` of a saved plan (`terraform apply tfplan`),
 * which reads no variables (Terraform refuses `-var` with a plan file): the plan's run did.
 */
function terraformDeploy(
  words: readonly string[],
): { chdir: string; all: boolean; deploys: boolean } | undefined {
  if (!TERRAFORM.test(words[0] ?? '')) return undefined;
  const terragrunt = words[0]!.endsWith('terragrunt');
  let chdir = '';
  let all = false;
  let subcommand: string | undefined;
  let saved = false;
  const rest = words.slice(1);
  for (let j = 0; j < rest.length && !COMMAND_END.test(rest[j]!); j++) {
    const word = rest[j]!;
    const option = /^--?(?<name>[\w-]+)(?<value>=.*)?$/.exec(word)?.groups;
    if (option) {
      const { name, value } = option as { name: string; value?: string };
      if (name === 'chdir' && value) chdir = value.slice(1);
      if (name === 'all') all = true;
      if (name === 'out') saved = true;
      if (value === undefined && TAKES_VALUE.has(name)) j++;
    } else if (subcommand !== undefined) {
      // A word from a variable (`$TF_ARGS`) may be options, not a plan file: the run is kept.
      if (subcommand === 'apply' && !word.includes('$')) return undefined;
    } else if (terragrunt && (word === 'run-all' || word === 'run')) {
      all ||= word === 'run-all';
    } else {
      // `--` (`terragrunt run --all -- apply`) is read as an option.
      if (!READS_VARIABLES.has(word)) return undefined;
      subcommand = word;
    }
  }
  if (subcommand === undefined) return undefined;
  return { chdir, all, deploys: subcommand === 'apply' || (subcommand === 'plan' && saved) };
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

/** The `TF_VAR_name=value` words among `tokens` (of a command at `at`), set in `variables`. */
function assigned(
  tokens: readonly Token[],
  at: number,
  range: (start: number, end: number) => Range,
  variables: Map<string, EnvironmentValue>,
): void {
  for (const token of tokens) {
    const eq = token.text.indexOf('=');
    const key = token.text.slice(0, eq);
    const name = eq > 0 ? TF_VAR.exec(key)?.groups?.name : undefined;
    if (name === undefined) continue;
    const value = environmentValue(key, token.text.slice(eq + 1));
    variables.set(name, { ...value, range: range(at + token.start, at + token.end) });
  }
}

/**
 * The directory a `cd dir` enters from `from`: in a script, one written from its own directory
 * (`cd "$(dirname "$0")/../infra"`) is from there.
 */
function entered(reading: Commands, from: string | undefined, dir: string): string | undefined {
  if (reading.runBy.length === 0 || !SCRIPT_DIR.test(dir)) return within(from, dir);
  return within('.', dir.replace(SCRIPT_DIR, posix.dirname(reading.file.path)));
}

/** `dir` joined to where the shell is, inside the root; undefined when either is not known. */
function within(from: string | undefined, dir: string): string | undefined {
  const named = directoryOf(dir);
  if (from === undefined || named === undefined) return undefined;
  const joined = posix.normalize(posix.join(from, named)).replace(/\/$/, '');
  return leavesRoot(joined) ? undefined : joined;
}

/** A directory written literally, from the checkout's top; undefined when it is not known. */
function directoryOf(written: unknown): string | undefined {
  if (typeof written !== 'string') return undefined;
  const dir = written.replace(CHECKOUT, '.');
  if (/[$`*?~]|\{\{/.test(dir) || dir.startsWith('/')) return undefined;
  return posix.normalize(dir).replace(/\/$/, '') || '.';
}

/**
 * The `TF_VAR_` variables a script at `path` sees, innermost scope winning: a literal value as
 * written, anything else not known. A value whose name or shape says it is a credential is never
 * read.
 */
function tfVariables(
  doc: StructuredDoc,
  variables: CiVariables,
  path: Path,
  range: (start: number, end: number) => Range,
): Map<string, EnvironmentValue> {
  const found = new Map<string, EnvironmentValue>();
  for (const scope of variables.scopes(path, doc.data)) {
    const listed = valueAt(doc.data, scope);
    const entries =
      variables.entries?.(listed) ?? new Map(isRecord(listed) ? Object.entries(listed) : []);
    for (const [key, value] of entries) {
      const name = TF_VAR.exec(key)?.groups?.name;
      if (name === undefined || found.has(name)) continue;
      const span = doc.valueSpan([...scope, key]) ?? doc.valueSpan(scope);
      const at = range(span?.start ?? 0, span?.end ?? 0);
      found.set(name, { ...environmentValue(key, value), range: at });
    }
  }
  return found;
}

function environmentValue(key: string, value: unknown): Omit<EnvironmentValue, 'range'> {
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  if (text === undefined) return { text, why: `${key} is not written as a value` };
  if (looksSecret(key) || redactText(text) !== text)
    return { text: undefined, why: `${key} may hold a credential, which is not read` };
  if (/\$|\{\{/.test(text))
    return { text: undefined, why: `${key} is set from what the CI gives it when it runs` };
  return { text };
}
