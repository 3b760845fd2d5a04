/**
 * CircleCI job, command and executor parameters. A job (`jobs.<name>`), reusable command
 * (`commands.<name>`) or executor (`executors.<name>`) declares `parameters:`, each with an
 * optional `default`, and reads them as `<< parameters.name >>`, which CircleCI replaces when it
 * compiles the configuration. A workflow runs a job with the values its entry passes
 * (`- build: { host: … }`), a step runs a command with those of its own
 * (`- upload: { bucket: … }`), a job uses an executor with those its `executor:` gives
 * (`executor: { name: x, bucket: … }`), and a workflow entry's `matrix` each combination of its
 * values (less those its `exclude` lists); a parameter none passes has its default. An inline orb
 * (`orbs.<alias>:` written as a map) declares its own, used as `<alias>/<name>` outside it and by
 * name inside. The job, command or executor is read again for each set of values its runs have,
 * with them as `parameters.name` (a name the shell never sees).
 */
import { entriesAt, isRecord, valueAt, type Path } from '../structured/doc.js';
import { known, type Given } from '../variables/common.js';
import { boundedReadings, MAX_READINGS, type Inherited, type Readings } from './analysis.js';
import { eachValue } from './combinations.js';

/**
 * Each job, command and executor that uses its parameters, read again for each of its runs; a
 * matrix of more runs than are made (`passedBy`) is said to be cut, as a file of too many is.
 */
export function parameterReadings(data: unknown): Readings {
  const cut: Cut = { matrix: false };
  const readings = boundedReadings(
    parameterRuns(data, cut),
    `runs its jobs, commands and executors with more sets of parameter values than the ${MAX_READINGS} that are read again in one file`,
  );
  if (!cut.matrix || readings.notReadAgain !== undefined) return readings;
  return {
    ...readings,
    notReadAgain: `runs a job or command for more combinations of its matrix parameters than the ${MAX_READINGS} that are made`,
  };
}

/** Whether the combinations of a matrix were cut at the bound: the runs past it never made. */
interface Cut {
  matrix: boolean;
}

type Kind = 'jobs' | 'commands' | 'executors';

/** Where jobs, commands and executors are declared: the top level, and each inline orb. */
interface Declarer {
  readonly at: Path;
  /** What names its declarations outside it: `<alias>/`, nothing at the top level. */
  readonly prefix: string;
}

function* parameterRuns(data: unknown, cut: Cut): Generator<Inherited> {
  const declarers = declarersIn(data);
  for (const declarer of declarers) {
    for (const kind of ['jobs', 'commands', 'executors'] as const) {
      for (const [place, value] of entriesAt(data, [...declarer.at, kind])) {
        const declared = valueAt(data, [...place, 'parameters']);
        if (!isRecord(declared) || !/<<\s*parameters\./.test(JSON.stringify(value))) continue;
        const runs = runsOf(data, declarers, kind, declarer, String(place.at(-1)), cut);
        const seen = new Set<string>();
        for (const passed of runs.length > 0 ? runs : [{}]) {
          const variables = parameterValues(declared, passed);
          const key = JSON.stringify([...variables]);
          if (seen.has(key)) continue;
          seen.add(key);
          // CircleCI compiles the parameters away: the place never runs as written.
          yield { from: place, to: place, variables, replacesWritten: true };
        }
      }
    }
  }
}

/** The top level and each inline orb (`orbs.<alias>:` a map, not `circleci/x@1`). */
function declarersIn(data: unknown): Declarer[] {
  const orbs = entriesAt(data, ['orbs']).filter(([, value]) => isRecord(value));
  return [{ at: [], prefix: '' }, ...orbs.map(([at]) => ({ at, prefix: `${String(at[1])}/` }))];
}

/**
 * What each run of the job, command or executor `name` of `owner` passes it: each workflow entry
 * that runs the job (`- build` passes nothing), each step that runs the command, each job that uses
 * the executor. Outside its orb it is called `<alias>/<name>`.
 */
function runsOf(
  data: unknown,
  declarers: readonly Declarer[],
  kind: Kind,
  owner: Declarer,
  name: string,
  cut: Cut,
): Record<string, unknown>[] {
  const calledIn = (caller: Declarer) => (caller === owner ? name : `${owner.prefix}${name}`);
  if (kind === 'jobs') {
    const called = calledIn(declarers[0]!);
    return entriesAt(data, ['workflows'])
      .flatMap(([workflow]) => entriesAt(data, [...workflow, 'jobs']))
      .flatMap(([, entry]) => passedBy(entry, called, cut));
  }
  return declarers.flatMap((caller) => {
    const called = calledIn(caller);
    const jobs = entriesAt(data, [...caller.at, 'jobs']).map(([job]) => job);
    if (kind === 'executors') {
      return jobs.flatMap((job) => executorPassed(valueAt(data, [...job, 'executor']), called));
    }
    return [...jobs, ...entriesAt(data, [...caller.at, 'commands']).map(([command]) => command)]
      .flatMap((place) => entriesAt(data, [...place, 'steps']))
      .flatMap(([, step]) => passedBy(step, called, cut));
  });
}

/** What a job's `executor:` passes the executor `name`: its keys but `name`, if it names it. */
function executorPassed(executor: unknown, name: string): Record<string, unknown>[] {
  if (executor === name) return [{}];
  if (!isRecord(executor) || executor.name !== name) return [];
  return [Object.fromEntries(Object.entries(executor).filter(([key]) => key !== 'name'))];
}

/**
 * The values an entry (`name`, or `name: { … }`) passes to `name`, once for each combination of
 * its `matrix.parameters` that its `matrix.exclude` does not list; none when it runs another. The
 * combinations are made up to MAX_READINGS, and `cut` told when there are more.
 */
function passedBy(entry: unknown, name: string, cut: Cut): Record<string, unknown>[] {
  if (entry === name) return [{}];
  // Own keys only: a job or command named `toString` is not one every entry runs.
  if (!isRecord(entry) || !Object.hasOwn(entry, name)) return [];
  const passed = isRecord(entry[name]) ? entry[name] : {};
  const matrix = valueAt(passed, ['matrix', 'parameters']);
  let runs: ReadonlyMap<string, unknown>[] = [new Map(Object.entries(passed))];
  for (const [parameter, values] of isRecord(matrix) ? Object.entries(matrix) : []) {
    if (!Array.isArray(values)) continue;
    const made = eachValue(runs, parameter, values, MAX_READINGS);
    runs = made.found;
    cut.matrix ||= made.cut;
  }
  const excluded = entriesAt(passed, ['matrix', 'exclude']).flatMap(([, e]) =>
    isRecord(e) ? [e] : [],
  );
  return runs
    .filter((run) => !excluded.some((e) => Object.entries(e).every(([k, v]) => run.get(k) === v)))
    .map((run) => Object.fromEntries(run));
}

/**
 * The value of each declared parameter in a run, as `parameters.name`: the scalar it is passed,
 * else its default. A value that is not a scalar, is itself a parameter of the caller
 * (`<< parameters.bucket >>`), or has a name that says it holds a credential stays unknown.
 */
function parameterValues(
  declared: Record<string, unknown>,
  passed: Record<string, unknown>,
): Given {
  const variables = new Map<string, string>();
  for (const [name, declaration] of Object.entries(declared)) {
    const value = Object.hasOwn(passed, name)
      ? passed[name]
      : isRecord(declaration)
        ? declaration.default
        : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    if (text.includes('<<') || known(name, text) === undefined) continue;
    variables.set(`parameters.${name}`, text);
  }
  return variables;
}
