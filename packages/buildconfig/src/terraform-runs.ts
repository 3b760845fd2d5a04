/**
 * The Terraform runs of CI files: a script that runs `terraform`, `tofu` or `terragrunt` `plan` or
 * `apply`, the directory it runs in (the step's `working-directory`, a `cd DIR` before it,
 * `-chdir=DIR`), the `TF_VAR_name` variables its environment gives it (the step's, job's and
 * workflow's `env:`, or where else the CI keeps them) and the `-var` and `-var-file` options it
 * and its `TF_CLI_ARGS` give. Terraform takes such a variable as the value of the root module's
 * variable `name`, over its default (an option, over every `.tfvars` file too). Nothing is run: a
 * value or a directory that is not written literally (`${{ secrets.X }}`, `$DIR`) is not known.
 */
import { posix } from 'node:path';
import { addTo, type Diagnostic, type Range } from '@posture/model';
import { tokenize, type Token } from './command-words.js';
import { globInside, MAX_FOLLOW_DEPTH } from './discover.js';
import { withGitlabConfigurations } from './extract/gitlab-configurations.js';
import { MAX_CALLING_TEXT } from './extract/local-calls.js';
import { parseFile, type Parse, type ParsedFile } from './extract/parse.js';
import { perFile } from './extract/per-file.js';
import { localCalls, type LocalCall } from './files/github-actions.js';
import {
  runOnlyByCalls,
  runsOnlyWhenCalled,
  calleeOf,
  CallReadings,
  MAX_CALL_DEPTH,
} from './terraform-calls.js';
import {
  cliArgsOptions,
  commandLineVariable,
  withVarFilesFound,
  type CommandLineVariable,
  type Unread,
  variableOptions,
  type VariableOption,
} from './terraform-options.js';
import { formatOf, mayBeOfType } from './file-types.js';
import type { Budget } from './files/gitlab-jobs.js';
import { gitlabShells, MAX_SHELL_VALUES, type JobShell } from './gitlab-shells.js';
import { includedFiles } from './includes.js';
import { leavesRoot, statUnderRoot } from './paths.js';
import type { ReadResult } from './read-file.js';
import { directoryVariables } from './directory-variables.js';
import {
  CD,
  Entering,
  runsByName,
  startsElsewhere,
  subshellEnds,
  type RunPlaces,
  type ScriptRun,
} from './script-refs.js';
import { isRecord, valueAt, type Path, type Span, type StructuredDoc } from './structured/doc.js';
import { yamlLineBreaks } from './structured/yaml.js';
import {
  callInputValues,
  environmentValue,
  withInputs,
  type EnvironmentValue,
  type Inputs,
  type Written,
} from './tf-var-values.js';
import { CI_VARIABLES } from './variables/index.js';
import type { CiVariables } from './variables/ci.js';
import type { SourceFile } from './files/analysis.js';

export type { EnvironmentValue } from './tf-var-values.js';
export type { CommandLineVariable, Unread } from './terraform-options.js';

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
  /**
   * The `-var` and `-var-file` options it is given, in the order Terraform reads them (later
   * winning, over every `.tfvars` file and `TF_VAR_`): those of `TF_CLI_ARGS`, then of
   * `TF_CLI_ARGS_<command>` (which Terraform puts right after the command), then its own.
   */
  readonly commandLine: readonly CommandLineVariable[];
  /**
   * What gives it variables that are not read (a `-var-file=$ENV.tfvars`, a `TF_VAR_` whose name is
   * computed), why and where: the scan says so, where it may deploy a release bucket failing closed.
   */
  readonly unread: readonly Unread[];
}

/** The environment variables read: `TF_VAR_name`, and `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>`. */
const READ = /^(?:TF_VAR_[A-Za-z_][\w-]*|TF_CLI_ARGS(?:_[a-z]+)?)$/;
/** `TF_VAR_name=` written somewhere in a script (`echo "TF_VAR_public=true" >> "$GITHUB_ENV"`). */
const TF_VAR_WRITTEN = /(?<![\w$])TF_VAR_([A-Za-z_][\w-]*)=/g;
/** A `TF_VAR_` name computed as the script runs (`TF_VAR_%s=`, `"TF_VAR_$v=…"`): any variable's. */
const TF_VAR_COMPUTED = /(?<![\w$])TF_VAR_[\w-]*(?:[$%`]|["']\$)[^\s"'=;|&<>]*/g;
/**
 * The key an environment holds a `TF_VAR_` whose name is computed by: no variable's. Which
 * variable it sets, and so what it gives Terraform, is not known: a run with it reads one unread.
 */
const COMPUTED_NAME = 'TF_VAR_';
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
/** What the shell runs one command after another on: lines, `&&`, `||`, `;`, pipes. */
const COMMAND_SEPARATOR = /\n|&&|\|\||;|\|/;
/** The checkout's top as a CI names it: `$GITHUB_WORKSPACE`, `${{ github.workspace }}`, GitLab's. */
const CHECKOUT =
  /^(?:\$\{?GITHUB_WORKSPACE\}?|\$\{\{\s*github\.workspace\s*\}\}|\$\{?CI_PROJECT_DIR\}?)(?=\/|$)/;

/**
 * The Terraform runs of the CI files among `files` (relative to `root`), of the CI files they
 * include (GitLab's `include: local`, read as its configuration merges them), of the local
 * composite actions and reusable workflows they call, and of the scripts they run, each read with
 * `read` and parsed with `parse`; files not read give none (the build-file read says why). What
 * stops the reading of one (a bug) is an error on it, in `diagnostics`.
 */
export function terraformRuns(
  root: string,
  files: readonly string[],
  read: (path: string) => ReadResult,
  parse: Parse = parseFile,
): { runs: TerraformRun[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const ciTypes = new Set(Object.keys(CI_VARIABLES));
  const reader = fileReader(root, read, parse);
  const listed = files.filter((path) => mayBeOfType(path, ciTypes));
  // What a configuration of several files merges is reported where the build files are read.
  const included = withIncluded(root, listed, reader);
  const ci = withGitlabConfigurations(root, included, []);
  const calls = new CallReadings(diagnostics);
  const writers = new Map(included.flatMap((p) => (p.doc ? [[p.doc, p] as const] : [])));
  const texts = new ScriptTexts(diagnostics);
  const reading: Reading = { script: reader, diagnostics, writers, calls, texts, chain: [] };
  const called = runOnlyByCalls(ci, reader);
  const runs = ci.flatMap((parsed) => {
    const variables = CI_VARIABLES[parsed.file.fileType];
    const doc = parsed.doc;
    if (!variables || !doc?.data || called.has(parsed.file.path)) return [];
    const path = parsed.file.path;
    return perFile(path, diagnostics, () => runsIn(parsed, doc, variables, reading)) ?? [];
  });
  return { runs: runs.map((run) => withVarFilesFound(root, run)), diagnostics };
}

/**
 * The files read, each parsed once (as the type a file that includes it reads it as, `as`):
 * undefined for one not there (a step may name many a build makes, each only looked up), not read
 * or not parsed, which the read of the build files for links reports.
 */
export type FileReader = (path: string, as?: string) => ParsedFile | undefined;

function fileReader(root: string, read: (path: string) => ReadResult, parse: Parse): FileReader {
  const parsedFiles = new Map<string, ParsedFile | undefined>();
  const parsed = (path: string, as?: string) => {
    // Looked up before it is read: a step may name many scripts a build makes, and the read of each
    // one not there is a diagnostic the read-ahead keeps for the link scan, which never takes it
    // (150,000 named: 5.3 s and 720 MB with the lookup, 8 s and up to 970 MB without). A file gone
    // between the two is a read that fails, as any; one made after was not there when scanned.
    if (leavesRoot(path) || !statUnderRoot(root, path)) return undefined;
    const result = read(path);
    if (!('text' in result)) return undefined;
    const text = formatOf(path) === 'yaml' ? yamlLineBreaks(result.text) : result.text;
    // A file that cannot be parsed is reported where the build files are read for links.
    return perFile(path, [], () => parse(path, text, [], as));
  };
  return (path, as) => {
    if (!parsedFiles.has(path)) parsedFiles.set(path, parsed(path, as));
    return parsedFiles.get(path);
  };
}

/**
 * The CI files `listed`, and those they include (GitLab's `include: local`, Azure's `template:`),
 * read as the including file's type, up to `MAX_FOLLOW_DEPTH` levels down.
 */
function withIncluded(root: string, listed: readonly string[], reader: FileReader): ParsedFile[] {
  const seen = new Set(listed);
  const found: ParsedFile[] = [];
  let frontier = listed.flatMap((path) => reader(path) ?? []);
  for (let depth = 0; frontier.length > 0 && depth <= MAX_FOLLOW_DEPTH; depth++) {
    found.push(...frontier);
    frontier = frontier.flatMap(({ file, doc }) =>
      includedFiles(file.path, file.fileType, doc, file.text).flatMap(({ path, type }) => {
        const paths =
          path === undefined ? [] : /[*?[{]/.test(path) ? globInside(root, path) : [path];
        return paths.flatMap((included) => {
          if (seen.has(included)) return [];
          seen.add(included);
          return reader(included, type) ?? [];
        });
      }),
    );
  }
  return found;
}

/**
 * How a file is read: the scripts it runs, what bounds the readings of the files it calls, and,
 * for a file read as a step or job calls it, the files calling it (outermost first), the inputs
 * they give it, the environment of the step that runs a composite action and what the job's
 * earlier steps wrote to `$GITHUB_ENV` (which its steps see, and add to).
 */
interface Reading {
  readonly script: FileReader;
  /** Where what stops a file's reading short is said. */
  readonly diagnostics: Diagnostic[];
  /** The CI files read, by their document: where a configuration merged from several writes a value. */
  readonly writers: ReadonlyMap<StructuredDoc, ParsedFile>;
  readonly calls: CallReadings;
  readonly texts: ScriptTexts;
  readonly chain: readonly string[];
  readonly inputs?: Inputs;
  readonly environment?: ReadonlyMap<string, EnvironmentValue>;
  readonly carried?: Map<string, EnvironmentValue>;
}

/** Where the steps of a composite action run: each its own `working-directory`, or the top. */
const ACTION_DIRECTORY = (path: Path, data: unknown) =>
  valueAt(data, [...path.slice(0, 3), 'working-directory']);

/**
 * The runs of a CI file's scripts, in order (a step's or job's call of a local action or workflow
 * where it is, as the call runs it): of each shell that runs scripts (`shellsOf`), in which a `cd`
 * or an `export` holds for the later lines.
 */
function runsIn(
  parsed: ParsedFile,
  doc: StructuredDoc,
  variables: CiVariables,
  reading: Reading,
): TerraformRun[] {
  const { file } = parsed;
  const { data } = doc;
  const range = (start: number, end: number) => file.lines.range(file.path, start, end);
  // A file merged with those of its GitLab configuration holds values another writes.
  const writer = (path: Path): { parsed: ParsedFile; doc: StructuredDoc } => {
    const other = doc.writtenElsewhere?.(path);
    const writing = other && reading.writers.get(other.doc);
    return writing ? { parsed: writing, doc: other.doc } : { parsed, doc };
  };
  // Where the first of `paths` the files write is written; else the file's start.
  const place: Place = (...paths) => {
    for (const path of paths) {
      const { parsed: at, doc: written } = writer(path);
      const span = written.valueSpan(path);
      if (span) return at.file.lines.range(at.file.path, span.start, span.end);
    }
    return range(0, 0);
  };
  const commands = new Map<ParsedFile, Commands>();
  const commandsOf = (at: ParsedFile) => {
    const { file: source, scripts } = at;
    if (!commands.has(at)) {
      const { script, inputs, texts } = reading;
      const places = { directoryOf: directoryVariables(source.text) };
      const read = { file: source, scripts: byPlace(scripts), script, texts, runBy: [], places };
      commands.set(at, inputs ? { ...read, inputs } : read);
    }
    return commands.get(at)!;
  };
  // What a step writes to `$GITHUB_ENV`, by job: the environment of the job's later steps.
  const carried = new Map<string, Map<string, EnvironmentValue>>();
  const carriedIn = (job: string) => {
    if (reading.carried) return reading.carried;
    if (!carried.has(job)) carried.set(job, new Map());
    return carried.get(job)!;
  };
  // An action or a called workflow no file of the repository calls runs in another's checkout, if
  // anywhere: its steps are read at the top, not in every root a directory not known (its
  // `${{ inputs.dir }}`) may be.
  const alone = reading.inputs === undefined && runsOnlyWhenCalled(parsed);
  const action = file.fileType === 'github-action';
  const directory = alone ? undefined : action ? ACTION_DIRECTORY : variables.directory;
  // The lines a shell runs (`paths`), read with the variables and directory of `as`.
  const shellRuns = ({ paths, as }: JobShell) => {
    const later = carriedIn(JSON.stringify(as.slice(0, 2)));
    const environment = new Map(reading.environment);
    for (const [name, value] of tfVariables(doc, variables, as, place, reading.inputs))
      environment.set(name, value);
    for (const [name, value] of later) environment.set(name, value);
    const written = directory?.(as, data) ?? '.';
    const dir =
      typeof written === 'string' ? resolvedDirectory(written, reading.inputs) : undefined;
    const shell = { dir, environment, later };
    return paths.flatMap((path) => {
      const runs = commandsAt(path, shell);
      const span = doc.valueSpan(path);
      if (span) withJobEnvironment(later, file.text.slice(span.start, span.end), span.start, range);
      return runs;
    });
  };
  const commandsAt = (path: Path, shell: Shell) => {
    const { parsed: at, doc: written } = writer(path);
    const span = written.valueSpan(path);
    if (!span || typeof valueAt(data, path) !== 'string') return [];
    const text = commandText(at.file.text.slice(span.start, span.end));
    return commandRuns(commandsOf(at), text, span.start, shell);
  };
  const callRuns = (call: LocalCall) => {
    const later = carriedIn(JSON.stringify(call.at.slice(0, 2)));
    return calledRuns({ file, doc }, call, variables, place, later, reading);
  };
  const units = [
    ...shellsOf(parsed, variables, reading.diagnostics).map((shell) => ({ shell, at: shell.as })),
    ...localCalls(data).map((call) => ({ call, at: call.at })),
  ];
  if (units.some((unit) => 'call' in unit)) {
    const start = (at: Path) => doc.valueSpan(at)?.start ?? 0;
    units.sort((a, b) => start(a.at) - start(b.at));
  }
  return units.flatMap((unit) => ('call' in unit ? callRuns(unit.call) : shellRuns(unit.shell)));
}

/**
 * The shells that run a file's scripts, in order: a GitLab file's as its jobs run them (see
 * `gitlabShells`; past its bound, an error), another's each read where it is written.
 */
function shellsOf(
  { file, doc }: ParsedFile,
  variables: CiVariables,
  diagnostics: Diagnostic[],
): JobShell[] {
  const data = doc?.data;
  if (file.fileType !== 'gitlab-ci')
    return shells(variables.scripts(data), variables, data).map((paths) => ({
      paths,
      as: paths[0]!,
    }));
  const budget: Budget = { left: MAX_SHELL_VALUES };
  const found = gitlabShells(data, budget);
  if (budget.cut)
    diagnostics.push({
      severity: 'error',
      code: 'build-links-truncated',
      message: `${file.path} runs more script lines in its jobs, through the jobs they extend and the values they name with !reference, than the ${MAX_SHELL_VALUES} read in one file; the TF_VAR_ variables and options the jobs past them give Terraform were not read`,
      range: file.lines.range(file.path, 0, 0),
    });
  return found;
}

/**
 * The runs of the local composite action or reusable workflow a step or job (`call`, of `caller`)
 * calls, as it runs it: with the inputs the call gives; a composite action in the environment of
 * the step, seeing and adding to what the job's steps write to `$GITHUB_ENV` (`later`). Ten levels
 * deep at most, a file calling itself not again.
 */
function calledRuns(
  caller: Written,
  call: LocalCall,
  variables: CiVariables,
  place: Place,
  later: Map<string, EnvironmentValue>,
  reading: Reading,
): readonly TerraformRun[] {
  const callee = calleeOf(call, reading.script);
  const calleeDoc = callee?.doc;
  const calleeVariables = callee && CI_VARIABLES[callee.file.fileType];
  const chain = [...reading.chain, caller.file.path];
  if (!callee || !calleeDoc?.data || !calleeVariables) return [];
  if (chain.includes(callee.file.path) || chain.length > MAX_CALL_DEPTH) return [];
  const written = { file: callee.file, doc: calleeDoc };
  const inputs = callInputValues(caller, call.at, reading.inputs, written, call.type);
  const action = call.type === 'github-action';
  const environment = action
    ? new Map([
        ...(reading.environment ?? []),
        ...tfVariables(caller.doc, variables, call.at, place, reading.inputs),
      ])
    : undefined;
  const seen = environment && [...environment, ...later];
  const key = JSON.stringify([callee.file.path, chain, [...inputs], seen]);
  const result = reading.calls.of(callee.file, key, () => {
    const { script, diagnostics, writers, calls, texts } = reading;
    const carried = new Map(later);
    const outer = { script, diagnostics, writers, calls, texts, chain, inputs };
    const inner: Reading = environment ? { ...outer, environment, carried } : outer;
    const runs = runsIn(callee, calleeDoc, calleeVariables, inner);
    return { runs, writes: new Map([...carried].filter(([key, v]) => later.get(key) !== v)) };
  });
  for (const [name, value] of result?.writes ?? []) later.set(name, value);
  return result?.runs ?? [];
}

/** A directory as written, with the inputs of a called file put in; undefined when not known. */
function resolvedDirectory(written: string, inputs: Inputs | undefined): string | undefined {
  const text = inputs ? withInputs(written, inputs) : written;
  return text === undefined ? undefined : directoryOf(text);
}

/** Where the first of the values at `paths` is written, in the file that writes it. */
type Place = (...paths: Path[]) => Range;

/**
 * Where commands run: the directory (undefined when it is not known) and the `TF_VAR_`s (and
 * `TF_CLI_ARGS`), by their environment names.
 */
interface Shell {
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
interface Commands {
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

/**
 * At most this many readings of scripts are made in a scan for the Terraform commands they run, of
 * `MAX_CALLING_TEXT` at most: scripts that each run the next three times are read 43 million times
 * sixteen levels down, and a reading of one that runs Terraform is a run to resolve.
 */
const MAX_SCRIPT_READINGS = 10_000;

/**
 * The scripts read for the Terraform commands they run, in a scan: each time a script runs one, up
 * to the bounds; past one, an error on the script not read.
 */
class ScriptTexts {
  private made = 0;
  private read = 0;
  private cut = false;
  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** Whether `script` is read once more, within the bound. */
  reads(script: SourceFile): boolean {
    this.made++;
    this.read += script.text.length;
    if (this.made <= MAX_SCRIPT_READINGS && this.read <= MAX_CALLING_TEXT) return true;
    if (!this.cut)
      this.diagnostics.push({
        severity: 'error',
        code: 'build-links-truncated',
        message: `${script.path} is run by scripts more times than the ${MAX_SCRIPT_READINGS} readings (of ${MAX_CALLING_TEXT / 1024 / 1024} MB at most) of scripts made in a scan for the Terraform commands they run; the TF_VAR_ variables and options it and those past it give Terraform were not read`,
        range: script.lines.range(script.path, 0, 0),
      });
    this.cut = true;
    return false;
  }
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
 * The `TF_VAR_` variables a step's script (at `at`) may write to `$GITHUB_ENV` for the later steps
 * of its job, added to `later`: in a script that writes to it at all, each `TF_VAR_name=` it holds,
 * however it is written (`echo`, `printf`, a heredoc, `{ …; } >> "$GITHUB_ENV"`). Not known, as
 * which of them and of a step's `env:` wins is not.
 */
function withJobEnvironment(
  later: Map<string, EnvironmentValue>,
  script: string,
  at: number,
  range: (start: number, end: number) => Range,
): void {
  if (!script.includes('GITHUB_ENV')) return;
  for (const m of script.matchAll(TF_VAR_WRITTEN)) {
    const where = range(at + m.index, at + m.index + m[0].length);
    const why = `TF_VAR_${m[1]} is written to $GITHUB_ENV by an earlier step of the job`;
    later.set(`TF_VAR_${m[1]}`, { text: undefined, why, range: where });
  }
  for (const m of script.matchAll(TF_VAR_COMPUTED)) {
    const where = range(at + m.index, at + m.index + m[0].length);
    const why = `a TF_VAR_ whose name is computed (${m[0]}) is written to $GITHUB_ENV by an earlier step of the job`;
    later.set(COMPUTED_NAME, { text: undefined, why, range: where });
  }
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
    addTo(byShell, key, script);
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
 * it (`terragrunt run-all`, `terragrunt run --all`), whether it deploys (see `TerraformRun`), the
 * command and its `-var` and `-var-file` options; undefined for any other command, and for the
 * `apply` of a saved plan (`terraform apply tfplan`), which reads no variables (Terraform refuses
 * `-var` with a plan file): the plan's run did.
 */
function terraformDeploy(tokens: readonly Token[]):
  | {
      chdir: string;
      all: boolean;
      deploys: boolean;
      terragrunt: boolean;
      subcommand: string;
      options: VariableOption[];
    }
  | undefined {
  const words = tokens.map((t) => t.text);
  if (!TERRAFORM.test(words[0] ?? '')) return undefined;
  const terragrunt = words[0]!.endsWith('terragrunt');
  let chdir = '';
  let all = false;
  let subcommand: string | undefined;
  let saved = false;
  let end = 1;
  while (end < words.length && !COMMAND_END.test(words[end]!)) end++;
  for (let j = 1; j < end; j++) {
    const word = words[j]!;
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
  const deploys = subcommand === 'apply' || (subcommand === 'plan' && saved);
  const options = variableOptions(tokens.slice(1, end));
  return { chdir, all, deploys, terragrunt, subcommand, options };
}

/** The `TF_VAR_` variables of an environment read, by the name of the variable each sets. */
function tfVariablesOf(
  environment: ReadonlyMap<string, EnvironmentValue>,
): Map<string, EnvironmentValue> {
  return new Map(
    [...environment]
      .filter(([key]) => key.startsWith('TF_VAR_') && key !== COMPUTED_NAME)
      .map(([key, value]) => [key.slice('TF_VAR_'.length), value]),
  );
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
 * The `TF_VAR_name=value` (and `TF_CLI_ARGS…=`) words among `tokens` (of a command at `at`), set in
 * `variables`; one whose name is computed (`export TF_VAR_$v=true`) as `COMPUTED_NAME`.
 */
function assigned(
  tokens: readonly Token[],
  at: number,
  range: (start: number, end: number) => Range,
  variables: Map<string, EnvironmentValue>,
): void {
  for (const token of tokens) {
    const eq = token.text.indexOf('=');
    const key = token.text.slice(0, eq);
    const where = range(at + token.start, at + token.end);
    if (key.startsWith(COMPUTED_NAME) && /[$`]/.test(key)) {
      const why = `a TF_VAR_ whose name is computed (${key}) is exported`;
      variables.set(COMPUTED_NAME, { text: undefined, why, range: where });
    }
    if (eq <= 0 || !READ.test(key)) continue;
    variables.set(key, environmentValue(key, token.text.slice(eq + 1), where));
  }
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

/** Where a shell is that the scan cannot tell, as `Entering` reads a directory from. */
const NOT_KNOWN = '$PWD';
/** Where no shell that reads a backslash as a separator is: sh's, read here, an escape. */
const NOWHERE = () => false;

/**
 * Where the commands of a text (at `base` of its file) run in `shell`, read along it: each `cd`,
 * `pushd` and `popd`, read as for the scripts a step runs (`CD`, `Entering`), holds for the rest
 * of the shell, whose directory it changes; one in a subshell (`(cd infra && terraform plan)`,
 * `$(cd .. && pwd)`), only to its `)`.
 */
class Directories {
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
 * written (the inputs of a called file put in), anything else not known. A value whose name or
 * shape says it is a credential is never read.
 */
function tfVariables(
  doc: StructuredDoc,
  variables: CiVariables,
  path: Path,
  place: Place,
  inputs: Inputs | undefined,
): Map<string, EnvironmentValue> {
  const found = new Map<string, EnvironmentValue>();
  for (const scope of variables.scopes(path, doc.data)) {
    const listed = valueAt(doc.data, scope);
    const entries =
      variables.entries?.(listed) ?? new Map(isRecord(listed) ? Object.entries(listed) : []);
    for (const [key, value] of entries) {
      if (!READ.test(key) || found.has(key)) continue;
      const at = place([...scope, key], scope);
      found.set(key, environmentValue(key, value, at, inputs));
    }
  }
  return found;
}
