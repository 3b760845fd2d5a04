/**
 * What a GitHub workflow step writes for the later steps of its job. A literal write to
 * `$GITHUB_ENV` at the outermost level of a step's `run` script (`echo "NAME=value" >>
 * "$GITHUB_ENV"`, and the other forms runner-files.ts reads), in a step with no `if:`, is as static
 * as the job's `env:`: every later step of the job has NAME, over the job's and the workflow's
 * `env:` (the runner sets the job's environment with it), under the step's own. Only a name that
 * nothing else in the file's scripts assigns is read so; a write of another form, one computed or
 * in a branch, or one in a step with `if:`, leaves the name unknown, as any assignment in a script
 * does (see ci-reader.ts). A step with an `id` writes its outputs to `$GITHUB_OUTPUT` the same way:
 * the later steps of the job read one as `${{ steps.<id>.outputs.<name> }}`, known when the step
 * writes it only so.
 */
import { entriesAt, isRecord, valueAt, type Path, type StructuredDoc } from '../structured/doc.js';
import { known, RUN_ASSIGNMENT } from './common.js';
import { runnerWrites } from './runner-files.js';
import { outermostIndent } from './shell.js';

/** What an earlier step of the job wrote last for a name; `value` undefined when not known. */
export interface StepWrite {
  readonly value: string | undefined;
  /** The variable lists that win over it: the `env:` of the step reading it. */
  readonly over: readonly Path[];
}

/** The `$GITHUB_ENV` writes of a workflow's jobs, by name, and the outputs of their steps. */
export interface StepWrites {
  /** The names that scripts assign only by such writes. */
  readonly names: ReadonlySet<string>;
  /** What the steps before the one at `path` wrote last for `name`; undefined for nothing. */
  before(name: string, path: Path | undefined): StepWrite | undefined;
  /**
   * The value of `steps.<id>.outputs.<name>` for the step at `path`: what an earlier step of its
   * job with that `id` wrote, when it is known; undefined for any other name.
   */
  output(name: string, path: Path | undefined): string | undefined;
}

interface Write {
  /** Where its name is written, as a file offset. */
  readonly at: number;
  readonly step: number;
  readonly name: string;
  readonly value: string | undefined;
}

/** A step's output, by `steps.<id>.outputs.<name>`: `step`, the index of the step writing it. */
interface Output {
  readonly step: number;
  readonly value: string | undefined;
}

export function githubEnvWrites(text: string, doc: StructuredDoc): StepWrites {
  const byJob = new Map<string, Write[]>();
  const outputsByJob = new Map<string, Map<string, Output>>();
  const recognized = new Set<number>();
  const assignedAt = new Map<string, number[]>();
  for (const [job] of entriesAt(doc.data, ['jobs'])) {
    const writes: Write[] = [];
    const outputs = new Map<string, Output>();
    for (const [step, value] of entriesAt(doc.data, [...job, 'steps'])) {
      const read = stepScript(text, doc, step, value);
      if (!read) continue;
      for (const [name, at] of read.assigned) addTo(assignedAt, name, at);
      for (const at of read.recognized) recognized.add(at);
      for (const write of read.env) writes.push(write);
      for (const [name, output] of read.outputs) outputs.set(name, output);
    }
    byJob.set(String(job[1]), writes);
    outputsByJob.set(String(job[1]), outputs);
  }
  const needed = jobOutputs(doc.data, outputsByJob);
  // A name written so but not found as `NAME=` (`printf 'A=1\nB=2\n'`) is one too.
  const written = new Set([...byJob.values()].flat().map((write) => write.name));
  const names = new Set(
    [...written].filter((name) => assignedAt.get(name)?.every((o) => recognized.has(o)) ?? true),
  );
  return {
    names,
    before: (name, path) => {
      const place = stepOf(path);
      if (!place) return undefined;
      const last = byJob
        .get(place.job)
        ?.filter((w) => w.name === name && w.step < place.step)
        .at(-1);
      return last && { value: last.value, over: [['jobs', place.job, 'steps', place.step, 'env']] };
    },
    output: (name, path) => {
      const [jobs, job] = path ?? [];
      const from = /^needs\.([\w-]+)\.outputs\./.exec(name)?.[1];
      if (from !== undefined)
        return jobs === 'jobs' && needs(doc.data, String(job), from) ? needed.get(name) : undefined;
      const place = stepOf(path);
      const output = place && outputsByJob.get(place.job)?.get(name);
      return output && output.step < place.step ? output.value : undefined;
    },
  };
}

/** What a step's `run` script writes for later steps, and where it assigns names at all. */
interface StepScript {
  /** Where it assigns each name, `NAME=` anywhere (as file offsets). */
  readonly assigned: ReadonlyMap<string, readonly number[]>;
  /** Those of the assignments that are writes read here. */
  readonly recognized: readonly number[];
  readonly env: readonly Write[];
  /** Its outputs, by `steps.<id>.outputs.<name>`, for a step with an `id`. */
  readonly outputs: ReadonlyMap<string, Output>;
}

function stepScript(
  text: string,
  doc: StructuredDoc,
  step: Path,
  value: unknown,
): StepScript | undefined {
  const span = isRecord(value) ? doc.valueSpan([...step, 'run']) : undefined;
  if (!isRecord(value) || !span) return undefined;
  const script = text.slice(span.start, span.end);
  const assigned = new Map<string, number[]>();
  for (const m of script.matchAll(RUN_ASSIGNMENT))
    addTo(assigned, m.groups!.name!, [span.start + m.index]);
  const outer = outermostIndent(script);
  const conditional = value.if !== undefined;
  const index = Number(step[step.length - 1]);
  const env = runnerWrites(script, 'GITHUB_ENV', outer).map((write) => ({
    at: span.start + write.at,
    step: index,
    name: write.name,
    value: conditional ? undefined : write.value,
  }));
  const id = typeof value.id === 'string' ? value.id : undefined;
  const written = id === undefined ? [] : runnerWrites(script, 'GITHUB_OUTPUT', outer);
  const outputAt = new Set(written.map((write) => span.start + write.at));
  const outputs = new Map<string, Output>();
  for (const write of written) {
    // An output the step also writes otherwise (`echo "b=$B" >> "$GITHUB_OUTPUT"`) is unknown.
    const only = assigned.get(write.name)?.every((at) => outputAt.has(at)) ?? true;
    const literal = only && !conditional ? write.value : undefined;
    outputs.set(`steps.${id}.outputs.${write.name}`, { step: index, value: literal });
  }
  const recognized = [...env.map((write) => write.at), ...outputAt];
  return { assigned, recognized, env, outputs };
}

/**
 * A job's `outputs:`, which the jobs that need it read as `${{ needs.<job>.outputs.<name> }}`, by
 * that name: a literal, or a step output of the job (`${{ steps.<id>.outputs.<name> }}`) known as
 * its steps write it.
 */
function jobOutputs(
  data: unknown,
  outputsByJob: ReadonlyMap<string, ReadonlyMap<string, Output>>,
): Map<string, string | undefined> {
  const found = new Map<string, string | undefined>();
  for (const [job] of entriesAt(data, ['jobs'])) {
    const id = String(job[1]);
    for (const [at, value] of entriesAt(data, [...job, 'outputs'])) {
      const name = String(at[at.length - 1]);
      const steps = outputsByJob.get(id) ?? new Map<string, Output>();
      found.set(`needs.${id}.outputs.${name}`, jobOutput(name, value, steps));
    }
  }
  return found;
}

/** A job output's value: a literal, or the one step output it names, when known. */
function jobOutput(
  name: string,
  value: unknown,
  steps: ReadonlyMap<string, Output>,
): string | undefined {
  if (typeof value !== 'string') return undefined;
  const step = /^\$\{\{\s*(steps\.[\w-]+\.outputs\.[\w-]+)\s*\}\}$/.exec(value.trim())?.[1];
  if (step !== undefined) return steps.get(step)?.value;
  return value.includes('${{') ? undefined : known(name, value);
}

/** Whether the job `job` lists `other` in its `needs:`, which its `needs` context holds. */
function needs(data: unknown, job: string, other: string): boolean {
  const listed = valueAt(data, ['jobs', job, 'needs']);
  return Array.isArray(listed) ? listed.includes(other) : listed === other;
}

/** Adds `values` to the list of `key`. */
function addTo<V>(lists: Map<string, V[]>, key: string, values: readonly V[]): void {
  const list = lists.get(key) ?? [];
  lists.set(key, list);
  for (const value of values) list.push(value);
}

/** The job and the index of the step holding `path`, in a workflow. */
function stepOf(path: Path | undefined): { job: string; step: number } | undefined {
  const [jobs, job, steps, step] = path ?? [];
  if (jobs !== 'jobs' || steps !== 'steps' || typeof step !== 'number') return undefined;
  return { job: String(job), step };
}
