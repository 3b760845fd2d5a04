/**
 * CircleCI job and command parameters. A job (`jobs.<name>`) or reusable command
 * (`commands.<name>`) declares `parameters:`, each with an optional `default`, and its steps read
 * them as `<< parameters.name >>`, which CircleCI replaces when it compiles the configuration. A
 * workflow runs a job with the values its entry passes (`- build: { host: … }`), a step runs a
 * command with those of its own (`- upload: { bucket: … }`), and a workflow entry's `matrix`
 * each combination of its values; a parameter none passes has its default. The job or command is
 * read again for each set of values its runs have, with them as `parameters.name` (a name the
 * shell never sees).
 */
import { entriesAt, isRecord, valueAt } from '../structured/doc.js';
import { known, type Given } from '../variables/common.js';
import { boundedReadings, MAX_READINGS, type Inherited, type Readings } from './analysis.js';
import { withEachValue } from './combinations.js';

/** Each job and command that uses its parameters, read again with the values of each of its runs. */
export function parameterReadings(data: unknown): Readings {
  return boundedReadings(
    parameterRuns(data),
    `runs its jobs and commands with more sets of parameter values than the ${MAX_READINGS} that are read again in one file`,
  );
}

function* parameterRuns(data: unknown): Generator<Inherited> {
  for (const kind of ['jobs', 'commands'] as const) {
    for (const [place, value] of entriesAt(data, [kind])) {
      const declared = valueAt(data, [...place, 'parameters']);
      if (!isRecord(declared) || !/<<\s*parameters\./.test(JSON.stringify(value))) continue;
      const name = String(place[1]);
      const runs = kind === 'jobs' ? jobRuns(data, name) : commandRuns(data, name);
      const seen = new Set<string>();
      for (const passed of runs.length > 0 ? runs : [{}]) {
        const variables = parameterValues(declared, passed);
        const key = JSON.stringify([...variables]);
        if (seen.has(key)) continue;
        seen.add(key);
        yield { from: place, to: place, variables };
      }
    }
  }
}

/** What each workflow entry that runs the job passes it (`- build` passes nothing). */
function jobRuns(data: unknown, job: string): Record<string, unknown>[] {
  return entriesAt(data, ['workflows']).flatMap(([workflow]) =>
    entriesAt(data, [...workflow, 'jobs']).flatMap(([, entry]) => passedBy(entry, job)),
  );
}

/** What each step of a job or command that runs the command passes it. */
function commandRuns(data: unknown, command: string): Record<string, unknown>[] {
  return ['jobs', 'commands'].flatMap((kind) =>
    entriesAt(data, [kind]).flatMap(([place]) =>
      entriesAt(data, [...place, 'steps']).flatMap(([, step]) => passedBy(step, command)),
    ),
  );
}

/**
 * The values an entry (`name`, or `name: { … }`) passes to `name`, once for each combination of
 * its `matrix.parameters` (its `exclude` is not read: it only takes runs away); none when it runs
 * another.
 */
function passedBy(entry: unknown, name: string): Record<string, unknown>[] {
  if (entry === name) return [{}];
  if (!isRecord(entry) || !(name in entry)) return [];
  const passed = isRecord(entry[name]) ? entry[name] : {};
  const matrix = valueAt(passed, ['matrix', 'parameters']);
  let runs: ReadonlyMap<string, unknown>[] = [new Map(Object.entries(passed))];
  for (const [parameter, values] of isRecord(matrix) ? Object.entries(matrix) : []) {
    if (Array.isArray(values)) runs = withEachValue(runs, parameter, values, MAX_READINGS);
  }
  return runs.map((run) => Object.fromEntries(run));
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
    const value =
      name in passed ? passed[name] : isRecord(declaration) ? declaration.default : undefined;
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    if (text.includes('<<') || known(name, text) === undefined) continue;
    variables.set(`parameters.${name}`, text);
  }
  return variables;
}
