/** The Terraform runs of a CI file: of its shells, and of the local files its steps and jobs call. */
import { addTo, type Diagnostic, type Range } from '@posture/model';
import type { ParsedFile } from '../extract/parse.js';
import { localCalls, type LocalCall } from '../files/github-actions.js';
import type { CallReadings } from '../terraform-calls.js';
import { runsOnlyWhenCalled, calleeOf, MAX_CALL_DEPTH } from '../terraform-calls.js';
import type { Budget } from '../files/gitlab-jobs.js';
import { gitlabShells, MAX_SHELL_VALUES, type JobShell } from '../gitlab-shells.js';
import { directoryVariables } from '../directory-variables.js';
import { valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import {
  callInputValues,
  withInputs,
  type EnvironmentValue,
  type Inputs,
  type Written,
} from '../tf-var-values.js';
import { CI_VARIABLES } from '../variables/index.js';
import type { CiVariables } from '../variables/ci.js';
import type { TerraformRun } from './run.js';
import type { FileReader } from './file-reader.js';
import { type Shell, type Commands, commandText, commandRuns, byPlace } from './commands.js';
import type { ScriptTexts } from './script-texts.js';
import { withJobEnvironment, tfVariables } from './environment.js';
import { directoryOf } from './directories.js';

/**
 * How a file is read: the scripts it runs, what bounds the readings of the files it calls, and,
 * for a file read as a step or job calls it, the files calling it (outermost first), the inputs
 * they give it, the environment of the step that runs a composite action and what the job's
 * earlier steps wrote to `$GITHUB_ENV` (which its steps see, and add to).
 */
export interface Reading {
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
export function runsIn(
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
export type Place = (...paths: Path[]) => Range;

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
