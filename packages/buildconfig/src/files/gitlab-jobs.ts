/**
 * GitLab CI jobs as GitLab runs them. Every top-level key that is not a global keyword is a job.
 * A job `extends` others (one name or a list, each of which may extend more), and GitLab merges
 * them into it deeply: the job's own keys win, then the last job listed; hashes (`variables`,
 * `environment`) merge key by key, anything else (a `script` list) is replaced whole. A hidden job
 * (`.name`) never runs itself: one that jobs extend is a template, whose values run only in them.
 * So is one that a job names with `!reference [.name, script]`, which GitLab replaces with the
 * value it names. A job with a `parallel: matrix` runs once for each combination of its values,
 * each instance with those as variables.
 */
import { isRecord, valueAt, type Path } from '../structured/doc.js';
import { scriptRuns } from '../script-refs.js';
import { referencedPath } from '../structured/yaml.js';
import type { Given } from '../variables/common.js';
import {
  allReadings,
  boundedReadings,
  MAX_READINGS,
  type Inherited,
  type Readings,
} from './analysis.js';
import { withEachValue } from './combinations.js';
import { mergedData, mergedOver, mergedValues, mergedWrites } from './gitlab-merge.js';
import { pushAll } from '@posture/model';

/** The top-level keys that are no job: settings of the whole configuration. */
export const GLOBAL_KEYWORDS: ReadonlySet<string> = new Set([
  'stages',
  'variables',
  'default',
  'include',
  'workflow',
  'image',
  'services',
  'before_script',
  'after_script',
  'cache',
]);

/**
 * GitLab reads a job and what it extends through this many levels (the job and ten above it), and
 * refuses a configuration that nests more (`nesting too deep`): a crafted chain of thousands would
 * exhaust the stack.
 */
export const MAX_EXTENDS_LEVELS = 11;

/** The jobs above a job. */
interface JobChain {
  /**
   * Those it extends and those they extend, the one whose values win first: one list for all the
   * jobs that extend the same ones (6,000 jobs extending thirty templates held 6,000 copies).
   */
  readonly above: readonly string[];
  /** Whether it reaches past `MAX_EXTENDS_LEVELS` levels, which are not followed. */
  readonly cut: boolean;
}

/**
 * `find` for each job of a file (or other name: a chain of jobs), found once per job: jobs,
 * templates and variables ask for the same job again and again.
 */
function perJob<T>(
  find: (data: Record<string, unknown>, job: string) => T,
  none: T,
): (data: unknown, job: string) => T {
  const found = new WeakMap<object, Map<string, T>>();
  return (data, job) => {
    if (!isRecord(data)) return none;
    let byJob = found.get(data);
    if (!byJob) found.set(data, (byJob = new Map()));
    if (!byJob.has(job)) byJob.set(job, find(data, job));
    return byJob.get(job) as T;
  };
}

/** The chain above the job `name`; none if it is no job. */
const chainOf = perJob(findChain, undefined);

/** The job `name` and the jobs it extends, the one whose values win first; none if it is no job. */
export function jobChain(data: unknown, name: string): readonly string[] {
  const chain = chainOf(data, name);
  return chain ? [name, ...chain.above] : [];
}

function findChain(data: Record<string, unknown>, name: string): JobChain | undefined {
  const node = data[name];
  if (GLOBAL_KEYWORDS.has(name) || !isRecord(node)) return undefined;
  // Jobs that extend the same jobs share what is above them: 6,000 jobs extending the same thirty
  // templates walked their 9,000 links each. Not where it leads back to the job, or is cut (which
  // a walk from the job might not be: it stops at the job first).
  const above = chainAbove(data, JSON.stringify(parentsOf(node)));
  if (above.cut || above.above.includes(name)) return walkedChain(data, name, parentsOf(node));
  return above;
}

/** The chain above a job that extends these jobs, written as JSON, but the job's own. */
const chainAbove = perJob(
  (data, parents) => walkedChain(data, undefined, JSON.parse(parents) as string[]),
  { above: [], cut: false },
);

/**
 * The jobs above the job `name` (if any) from those it extends (`parents`): each job before those
 * it extends, the last it lists first.
 */
function walkedChain(
  data: Record<string, unknown>,
  name: string | undefined,
  parents: readonly string[],
): JobChain {
  const jobs = new Set<string>(name === undefined ? [] : [name]);
  let cut = false;
  const visit = (job: string, depth: number): void => {
    const node = data[job];
    // A job extended twice keeps its first place (the higher one); a cycle ends there too.
    if (GLOBAL_KEYWORDS.has(job) || !isRecord(node) || jobs.has(job)) return;
    if (depth >= MAX_EXTENDS_LEVELS) {
      cut = true;
      return;
    }
    jobs.add(job);
    for (const parent of parentsOf(node).reverse()) visit(parent, depth + 1);
  };
  for (const parent of parents.slice().reverse()) visit(parent, 1);
  return { above: [...jobs].slice(name === undefined ? 0 : 1), cut };
}

/** The jobs a job extends, as it lists them: one, or a list. */
function parentsOf(node: Record<string, unknown>): string[] {
  const parents = Array.isArray(node.extends) ? node.extends : [node.extends];
  return parents.filter((parent): parent is string => typeof parent === 'string');
}

/** The job `name` as GitLab runs it, with what it extends merged in; undefined if it is no job. */
export function mergedJob(data: unknown, name: string): Record<string, unknown> | undefined {
  const job = jobTree(data, name);
  return job && (mergedData(data, job, []) as Record<string, unknown>);
}

/**
 * Whether `name` is a hidden job that a job of the file extends: what it writes runs only in that
 * job, with that job's variables.
 */
export function isTemplate(data: unknown, name: string): boolean {
  return name.startsWith('.') && templatesOf(data).has(name);
}

/**
 * The values each job that runs takes from the jobs it extends, or through a `!reference`, where
 * they are written (`from`) and where the job has them (`to`). Only strings and lists: a link is
 * written in nothing else.
 */
export function inheritedValues(data: unknown): Readings {
  const jobs = runningJobs(data);
  const extended = boundedReadings(
    extendedValues(data, jobs),
    `runs more values that jobs take from the jobs they extend than the ${MAX_EXTENDED_READINGS} read again in one file`,
    MAX_EXTENDED_READINGS,
  );
  const deep = jobs.some((job) => chainOf(data, job)?.cut);
  const nested: Readings = {
    inherited: [],
    ...(deep && {
      notReadAgain: `extends jobs through more than ${MAX_EXTENDS_LEVELS} levels, which GitLab refuses, of which the first ${MAX_EXTENDS_LEVELS} were read`,
    }),
  };
  const referenced = referencedValues(data);
  const matrix = matrixReadings(data, referenced.inherited);
  return allReadings(extended, nested, referenced, matrix);
}

/**
 * At most this many values that jobs take from the jobs they extend are read again in one file:
 * eleven levels of templates, each extending thirty, give each job that extends them hundreds,
 * and a megabyte of such jobs asked for a million.
 */
const MAX_EXTENDED_READINGS = 50_000;

function* extendedValues(data: unknown, jobs: readonly string[]): Generator<Inherited> {
  for (const job of jobs)
    for (const { path, owner } of jobValues(data, job)) {
      const value = valueAt(data, [owner, ...path]);
      if (owner !== job && (typeof value === 'string' || Array.isArray(value)))
        yield { from: [owner, ...path], to: [job, ...path] };
    }
}

/** GitLab refuses a `parallel: matrix` of more instances than this. */
export const MAX_MATRIX_INSTANCES = 200;

/**
 * Each value a matrix job runs (its own, those it extends, and those it `referenced`) that uses a
 * variable of its matrix, or runs a script (which is given the instance's variables as its
 * environment), read again for each instance with that instance's variables.
 */
function matrixReadings(data: unknown, referenced: readonly Inherited[]): Readings {
  return boundedReadings(
    matrixRuns(data, referenced),
    `runs its jobs for more parallel: matrix instances than the ${MAX_READINGS} values read again in one file`,
  );
}

function* matrixRuns(data: unknown, referenced: readonly Inherited[]): Generator<Inherited> {
  for (const job of runningJobs(data)) {
    const instances = matrixInstances(data, job).slice(0, MAX_MATRIX_INSTANCES);
    if (instances.length === 0) continue;
    const uses = usesOf(new Set(instances.flatMap((instance) => [...instance.keys()])));
    const values = [
      ...Array.from(jobValues(data, job), ({ path, owner }) => ({
        from: [owner, ...path],
        to: [job, ...path],
      })),
      ...referenced.filter(({ to }) => to[0] === job),
    ].filter(({ from }) => uses(valueAt(data, from)));
    // The job's own values run only as its instances; a template's run as written elsewhere too.
    const own = (from: Path) => from[0] === job && { replacesWritten: true as const };
    for (const variables of instances) {
      for (const value of values) yield { ...value, variables, ...own(value.from) };
    }
  }
}

/** Whether a value (a string, or a list of them) uses one of the variables `names`, or runs a script. */
function usesOf(names: ReadonlySet<string>): (value: unknown) => boolean {
  // GitLab's matrix names are letters, digits and underscores: none needs escaping.
  const words = [...names].filter((name) => /^\w+$/.test(name));
  const use = new RegExp(String.raw`\$\{?(?:${words.join('|')})\b`);
  return (value) => {
    if (words.length === 0 || (typeof value !== 'string' && !Array.isArray(value))) return false;
    const text = JSON.stringify(value);
    return use.test(text) || scriptRuns(text, '.').some((run) => !run.outside);
  };
}

/**
 * Where the `parallel: matrix` of a job, or of a job it extends, is written; none without one.
 * Found once per job: variables ask at every use.
 */
export const matrixPath = perJob(findMatrix, undefined);

function findMatrix(data: unknown, job: string): Path | undefined {
  const merged = mergedJob(data, job);
  if (!isRecord(merged?.parallel) || !Array.isArray(merged.parallel.matrix)) return undefined;
  const owner = jobChain(data, job).find(
    (name) => valueAt(data, [name, 'parallel', 'matrix']) !== undefined,
  );
  return owner === undefined ? undefined : [owner, 'parallel', 'matrix'];
}

/**
 * Where the `parallel: matrix` of each running job that GitLab refuses is written: of more than
 * MAX_MATRIX_INSTANCES instances, so that the pipeline is not created; the first are read as if
 * it were. A template several such jobs extend is said once.
 */
export function refusedMatrices(data: unknown): Path[] {
  const refused = new Map<string, Path>();
  for (const job of runningJobs(data)) {
    const path = matrixPath(data, job);
    if (path && matrixInstances(data, job).length > MAX_MATRIX_INSTANCES)
      refused.set(JSON.stringify(path), path);
  }
  return [...refused.values()];
}

/**
 * The variables of each instance of a job's `parallel: matrix`, as GitLab expands it: for each
 * entry, every combination of one value of each of its variables (a list, or one value); one more
 * than MAX_MATRIX_INSTANCES when there are more, which GitLab refuses.
 */
function matrixInstances(data: unknown, job: string): Given[] {
  const path = matrixPath(data, job);
  const matrix = path ? valueAt(data, path) : undefined;
  const instances: Given[] = [];
  const max = MAX_MATRIX_INSTANCES + 1;
  for (const entry of Array.isArray(matrix) ? matrix : []) {
    if (!isRecord(entry)) continue;
    const room = max - instances.length;
    let combinations: ReadonlyMap<string, string>[] = [new Map()];
    for (const [name, value] of Object.entries(entry)) {
      const values = [value]
        .flat()
        .filter((v) => typeof v === 'string' || typeof v === 'number')
        .map(String);
      // A variable of no value GitLab takes stays unknown in every instance.
      if (values.length > 0) combinations = withEachValue(combinations, name, values, room);
    }
    pushAll(
      instances,
      combinations.filter((combination) => combination.size > 0),
    );
    if (instances.length >= max) break;
  }
  return instances;
}

/** GitLab follows a `!reference` inside what another names this many levels deep, no deeper. */
const MAX_REFERENCE_DEPTH = 10;
/**
 * At most this many references are followed in a file: ten that each name a value holding ten
 * more, ten levels deep, would be ten billion.
 */
const MAX_REFERENCES = 1_000;

/** The values the running jobs name with `!reference`, each where the job has it. */
function referencedValues(data: unknown): Readings {
  const found: Inherited[] = [];
  let cut = false;
  for (const job of runningJobs(data)) {
    referencesOf(data, job, (reference) => {
      cut = found.length === MAX_REFERENCES;
      if (!cut) found.push(reference);
      return !cut;
    });
    if (cut) break;
  }
  return cut
    ? {
        inherited: found,
        notReadAgain: `names more values with !reference than the ${MAX_REFERENCES} that are followed in one file`,
      }
    : { inherited: found };
}

/**
 * Each value the job `name` names with `!reference`, where the job has it, and those named in what
 * it names, as GitLab follows them, until `take` refuses one.
 */
function referencesOf(data: unknown, name: string, take: (found: Inherited) => boolean): void {
  let cut = false;
  const visit = (node: unknown, at: Path, depth: number): void => {
    if (cut) return;
    const from = referencedPath(node);
    if (from) {
      const named = valueAt(data, from);
      if (named === undefined || depth >= MAX_REFERENCE_DEPTH) return;
      cut = !take({ from, to: at });
      visit(named, at, depth + 1);
    } else if (Array.isArray(node)) node.forEach((item, i) => visit(item, [...at, i], depth));
    else if (isRecord(node))
      for (const [key, child] of Object.entries(node)) visit(child, [...at, key], depth);
  };
  visit(mergedJob(data, name), [name], 0);
}

/** What is left of a bound on the values read; `cut` once it is reached. */
export interface Budget {
  left: number;
  cut?: boolean;
}

/**
 * The lines the script list (or script) at `path` runs, each where it is written: a `!reference`
 * as the lines of the value it names, which GitLab puts in its place (lists in it flattened), ten
 * levels deep. Each value read takes one from `budget`: none is read past it.
 */
export function linesRun(data: unknown, path: Path, budget: Budget, depth = 0): Path[] {
  if (budget.left <= 0) {
    budget.cut = true;
    return [];
  }
  budget.left--;
  const value = valueAt(data, path);
  const named = referencedPath(value);
  if (named) return depth >= MAX_REFERENCE_DEPTH ? [] : linesRun(data, named, budget, depth + 1);
  if (Array.isArray(value))
    return value.flatMap((_, i) => linesRun(data, [...path, i], budget, depth));
  return typeof value === 'string' ? [path] : [];
}

/**
 * The jobs whose values the job `name` runs: itself, those it extends, and those it names with
 * `!reference` (at most `MAX_REFERENCES` of them).
 */
export function jobsRunBy(data: unknown, name: string): Set<string> {
  const jobs = new Set(jobChain(data, name));
  let references = 0;
  referencesOf(data, name, ({ from }) => {
    jobs.add(String(from[0]));
    return ++references < MAX_REFERENCES;
  });
  return jobs;
}

const templates = new WeakMap<object, ReadonlySet<string>>();

/**
 * The jobs that the running jobs extend or reference, found once per file: variables ask at every
 * use.
 */
function templatesOf(data: unknown): ReadonlySet<string> {
  if (!isRecord(data)) return new Set();
  let found = templates.get(data);
  if (!found) {
    found = new Set([
      ...runningJobs(data).flatMap((job) => chainOf(data, job)?.above ?? []),
      ...referencedValues(data).inherited.map(({ from }) => String(from[0])),
    ]);
    templates.set(data, found);
  }
  return found;
}

/** The jobs that run: those that are not hidden. */
export function runningJobs(data: unknown): string[] {
  return Object.keys(isRecord(data) ? data : {}).filter(
    (name) => !name.startsWith('.') && chainOf(data, name) !== undefined,
  );
}

/**
 * The job merged with the jobs it extends: its own values over the merge of theirs, which every
 * job that extends the same jobs shares.
 */
const jobTree = perJob((data, job) => {
  const chain = chainOf(data, job);
  if (!chain) return undefined;
  return mergedOver(
    mergedWrites([{ owner: job, value: data[job] }]),
    mergedChain(data, JSON.stringify(chain.above)),
  );
}, undefined);

/** The merge of the jobs of a chain, written as JSON: found once for all the jobs that extend it. */
const mergedChain = perJob(
  (data, chain) =>
    mergedWrites((JSON.parse(chain) as string[]).map((owner) => ({ owner, value: data[owner] }))),
  undefined,
);

/** Each value of the job merged from the jobs it extends, with the job that writes it. */
function* jobValues(data: unknown, job: string): Generator<{ path: Path; owner: string }> {
  const tree = jobTree(data, job);
  if (tree) yield* mergedValues(tree, []);
}
