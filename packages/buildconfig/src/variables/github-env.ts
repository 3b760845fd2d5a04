/**
 * What a GitHub workflow step writes to `$GITHUB_ENV` for the later steps of its job. A literal
 * `echo "NAME=value" >> "$GITHUB_ENV"` line at the outermost level of a step's `run` script, in a
 * step with no `if:`, is as static as the job's `env:`: every later step of the job has NAME, over
 * the job's and the workflow's `env:` (the runner sets the job's environment with it), under the
 * step's own. Only a name that nothing else in the file's scripts assigns is read so; a write of
 * another form, one computed or in a branch, or one in a step with `if:`, leaves the name unknown,
 * as any assignment in a script does (see ci-reader.ts).
 */
import { entriesAt, isRecord, type Path, type StructuredDoc } from '../structured/doc.js';
import { known, RUN_ASSIGNMENT } from './common.js';
import { outermostIndent } from './shell.js';

/**
 * `echo WORD >> "$GITHUB_ENV"` on a line of its own, the word double-quoted with nothing to expand,
 * single-quoted or bare.
 */
const ENV_WRITE =
  /^(?<indent>[ \t]*)echo[ \t]+(?<word>"[^"`$\\\n]*"|'[^'\n]*'|[^\s"'`$\\;&|()<>#]+)[ \t]*>>[ \t]*(?:"\$\{?GITHUB_ENV\}?"|\$\{?GITHUB_ENV\}?)[ \t]*(?:#.*)?$/gm;

/** What an earlier step of the job wrote last for a name; `value` undefined when not known. */
export interface StepWrite {
  readonly value: string | undefined;
  /** The variable lists that win over it: the `env:` of the step reading it. */
  readonly over: readonly Path[];
}

/** The `$GITHUB_ENV` writes of a workflow's jobs, by name. */
export interface StepWrites {
  /** The names that scripts assign only by such writes. */
  readonly names: ReadonlySet<string>;
  /** What the steps before the one at `path` wrote last for `name`; undefined for nothing. */
  before(name: string, path: Path | undefined): StepWrite | undefined;
}

interface Write {
  readonly step: number;
  readonly name: string;
  readonly value: string | undefined;
}

export function githubEnvWrites(text: string, doc: StructuredDoc): StepWrites {
  const byJob = new Map<string, Write[]>();
  const recognized = new Set<number>();
  const assignedAt = new Map<string, number[]>();
  for (const [job] of entriesAt(doc.data, ['jobs'])) {
    const writes: Write[] = [];
    for (const [step, value] of entriesAt(doc.data, [...job, 'steps'])) {
      const span = isRecord(value) ? doc.valueSpan([...step, 'run']) : undefined;
      if (!span) continue;
      const script = text.slice(span.start, span.end);
      for (const m of script.matchAll(RUN_ASSIGNMENT)) {
        const name = m.groups!.name!;
        const at = assignedAt.get(name) ?? [];
        assignedAt.set(name, at);
        at.push(span.start + m.index);
      }
      const outer = outermostIndent(script);
      const conditional = isRecord(value) && value.if !== undefined;
      for (const m of script.matchAll(ENV_WRITE)) {
        const { indent = '', word = '' } = m.groups ?? {};
        const quoted = /^["']/.test(word);
        const pair = /^([A-Za-z_]\w*)=(.*)$/s.exec(quoted ? word.slice(1, -1) : word);
        if (!pair || indent.length !== outer) continue;
        const [, name = '', written = ''] = pair;
        recognized.add(span.start + m.index + m[0].indexOf(word) + (quoted ? 1 : 0));
        const index = Number(step[step.length - 1]);
        writes.push({ step: index, name, value: conditional ? undefined : known(name, written) });
      }
    }
    byJob.set(String(job[1]), writes);
  }
  const names = new Set(
    [...assignedAt].filter(([, at]) => at.every((o) => recognized.has(o))).map(([name]) => name),
  );
  return {
    names,
    before: (name, path) => {
      const [jobs, job, steps, step] = path ?? [];
      if (jobs !== 'jobs' || steps !== 'steps' || typeof step !== 'number') return undefined;
      const last = byJob
        .get(String(job))
        ?.filter((w) => w.name === name && w.step < step)
        .at(-1);
      return last && { value: last.value, over: [['jobs', String(job), 'steps', step, 'env']] };
    },
  };
}
