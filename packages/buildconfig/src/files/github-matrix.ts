/**
 * A GitHub Actions job's `strategy.matrix`: the job runs once for each combination of the values
 * of its variables, less those `exclude` lists, with what `include` adds. Each run sees the
 * combination as `${{ matrix.name }}`: the job is read again for each, with it as variables.
 */
import { entriesAt, isRecord, valueAt, type Path } from '../structured/doc.js';
import { known, type Given } from '../variables/common.js';
import { boundedReadings, MAX_READINGS, type Inherited, type Readings } from './analysis.js';
import { eachValue } from './combinations.js';

/** GitHub refuses a matrix of more jobs than this; no more of any list of a matrix is read. */
export const MAX_COMBINATIONS = 256;

type Combination = ReadonlyMap<string, unknown>;

/**
 * Each job that uses its matrix (`matrix.` anywhere in it), read again for each combination of
 * the matrix with `matrix.name` given the value of each scalar variable (one whose name says it
 * holds a credential is left unknown).
 */
export function matrixReadings(data: unknown): Readings {
  return boundedReadings(
    matrixRuns(data),
    `runs its jobs for more matrix combinations than the ${MAX_READINGS} that are read again in one file`,
  );
}

function* matrixRuns(data: unknown): Generator<Inherited> {
  for (const [job, value] of entriesAt(data, ['jobs'])) {
    const matrix = valueAt(data, [...job, 'strategy', 'matrix']);
    if (!isRecord(matrix) || !JSON.stringify(value).includes('matrix.')) continue;
    for (const variables of matrixVariables(data, job))
      yield { from: job, to: job, variables, replacesWritten: true };
  }
}

/** What each run of a job's matrix sees as `matrix.name` (see `variablesOf`); none without one. */
export function matrixVariables(data: unknown, job: Path): Given[] {
  const matrix = valueAt(data, [...job, 'strategy', 'matrix']);
  if (!isRecord(matrix)) return [];
  return combinations(matrix).runs.slice(0, MAX_COMBINATIONS).map(variablesOf);
}

/**
 * Where the jobs' matrices that GitHub refuses are written (`jobs.<id>.strategy.matrix`): of more
 * than MAX_COMBINATIONS runs, so that the workflow does not run; the first are read as if it did.
 */
export function refusedMatrices(data: unknown): Path[] {
  return matrices(data)
    .filter(({ expansion: { runs, uncounted } }) => !uncounted && runs.length > MAX_COMBINATIONS)
    .map(({ path }) => path);
}

/**
 * Where the jobs' matrices are written whose runs were not all worked out, and why (see
 * `Expansion.uncounted`): how many there are, whether GitHub refuses them, and what the runs not
 * made run, is not known.
 */
export function uncountedMatrices(data: unknown): { path: Path; why: string }[] {
  return matrices(data).flatMap(({ path, expansion: { uncounted } }) =>
    uncounted ? [{ path, why: uncounted }] : [],
  );
}

/** Each job's matrix, where it is written. */
function matrices(data: unknown): { path: Path; expansion: Expansion }[] {
  return entriesAt(data, ['jobs']).flatMap(([job]) => {
    const path = [...job, 'strategy', 'matrix'];
    const matrix = valueAt(data, path);
    return isRecord(matrix) ? [{ path, expansion: combinations(matrix) }] : [];
  });
}

/** The runs of a matrix, as far as they were made. */
interface Expansion {
  readonly runs: Combination[];
  /**
   * Why `runs` may be neither all of them nor the first MAX_COMBINATIONS + 1 of more: a
   * variable's values were cut at that bound and `exclude` then left out enough of the
   * combinations made to come under it (a first variable of 300 values, 50 of them excluded with
   * the second's), or `exclude` or `include` lists more entries than are applied. The runs never
   * made, left out by no entry applied, or extended or added by one not applied, may be runs GitHub
   * makes.
   */
  readonly uncounted?: string;
}

/**
 * The combinations a matrix runs, as GitHub expands it: one more than MAX_COMBINATIONS when
 * there are more, which GitHub refuses. Made once for each matrix: its runs, whether it is refused
 * and whether they were all made, are each asked of it.
 */
function combinations(matrix: Record<string, unknown>): Expansion {
  let found = expansions.get(matrix);
  if (!found) expansions.set(matrix, (found = expand(matrix)));
  return found;
}

const expansions = new WeakMap<object, Expansion>();

function expand(matrix: Record<string, unknown>): Expansion {
  const max = MAX_COMBINATIONS + 1;
  const { include, exclude, ...variables } = matrix;
  // GitHub leaves out what `exclude` lists before it counts runs against its limit, so a
  // combination is left out as soon as it has every variable an entry names.
  const excluded = listed(exclude, MAX_COMBINATIONS);
  const admits = (combination: Combination) =>
    !excluded.some((entry) => matches(combination, entry));
  let found: Combination[] = [new Map()];
  let cut = false;
  for (const [name, values] of Object.entries(variables)) {
    // A value computed when the workflow runs (`${{ fromJSON(…) }}`) leaves the variable unknown.
    if (!Array.isArray(values) || values.length === 0) continue;
    const expanded = eachValue(found, name, values, max, admits);
    [found, cut] = [expanded.found, cut || expanded.cut];
  }
  if (found.length === 1 && found[0]!.size === 0) found = [];
  const original = new Set(Object.keys(variables));
  const expanded = found.length;
  for (const entry of listed(include, max)) {
    // An entry extends each combination of the variables whose original values it leaves as they
    // are, or is one of its own when it extends none; one of its own no later entry extends.
    const keeps = (combination: Combination, i: number) =>
      i < expanded &&
      [...entry].every(([name, v]) => !original.has(name) || combination.get(name) === v);
    if (found.some(keeps))
      found = found.map((combination, i) =>
        keeps(combination, i) ? new Map([...combination, ...entry]) : combination,
      );
    else if (found.length < max) found.push(entry);
  }
  // Each combination made is one GitHub makes: past the bound, it refuses the matrix whatever the
  // runs not made are; under it, they may be runs of their own. An include entry not applied may
  // extend a run (a later entry's values replace an earlier's) or add one, and none leaves a run
  // out: a matrix already past the bound is refused whatever they do.
  const uncounted =
    Array.isArray(exclude) && exclude.length > MAX_COMBINATIONS
      ? `its exclude lists ${exclude.length} entries, and only the first ${MAX_COMBINATIONS} were applied`
      : cut && expanded < max
        ? `its combinations were made up to a bound, ${max} kept, and its exclude left out enough of them to come under GitHub's ${MAX_COMBINATIONS} jobs`
        : Array.isArray(include) && include.length > max && found.length < max
          ? `its include lists ${include.length} entries, and only the first ${max} were applied`
          : undefined;
  return { runs: found, ...(uncounted && { uncounted }) };
}

/**
 * The mappings of an `include` or `exclude` list, its first `bound` to bound the work (a longer
 * list is said by `Expansion.uncounted`): as many entries of `include` as make a refused matrix.
 */
function listed(value: unknown, bound: number): Combination[] {
  return Array.isArray(value)
    ? value
        .slice(0, bound)
        .filter(isRecord)
        .map((entry) => new Map(Object.entries(entry)))
    : [];
}

/** Whether `combination` has each variable of `entry`, with its value. */
function matches(combination: Combination, entry: Combination): boolean {
  return [...entry].every(([name, v]) => combination.has(name) && combination.get(name) === v);
}

/** `matrix.name` for each variable of a combination whose value is a known scalar. */
function variablesOf(combination: Combination): Given {
  const given = new Map<string, string>();
  for (const [name, value] of combination) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      continue;
    const path = `matrix.${name}`;
    const literal = known(path, String(value));
    if (literal !== undefined) given.set(path, literal);
  }
  return given;
}
