/**
 * The scripts, make targets and package.json scripts that release and deploy steps run, which are
 * release and deploy steps too.
 */
import type { ReleaseStep } from '@posture/model';
import type { RefContext } from '../files/analysis.js';
import { releaseStepOf } from '../names.js';
import { contextAt, readingsAt, type AnalyzedFile } from './analyze.js';

/**
 * What release and deploy steps run of a file: all of it (a script), as the most of the steps that
 * run it, and its tasks by name (`TaskRun`), each as the most of those that run it.
 */
export interface RunBy {
  readonly file: ReleaseStep;
  readonly tasks: ReadonlyMap<string, ReleaseStep>;
}

/** A file no release or deploy step runs. */
export const NOT_RUN: RunBy = { file: false, tasks: new Map() };

/** What a place is by what runs it: its own release context, or that of a task it is. */
export function runStep({ releaseStep, tasks = [] }: RefContext, runBy: RunBy): ReleaseStep {
  return releaseStepOf(releaseStep, ...tasks.map((task) => runBy.tasks.get(task)));
}

/**
 * What release steps run of each file (`releaseRunsOf`), and what these run in turn, to a fixed
 * point: a step only ever becomes more of one.
 */
export function releaseScriptsIn(analyzed: readonly AnalyzedFile[]): Map<string, RunBy> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const release = new Map<string, { file: ReleaseStep; tasks: Map<string, ReleaseStep> }>();
  const queue: string[] = [];
  const reach: Reach = (path, task, step) => {
    let runBy = release.get(path);
    if (!runBy) release.set(path, (runBy = { file: false, tasks: new Map() }));
    const was = task === undefined ? runBy.file : (runBy.tasks.get(task) ?? false);
    const now = releaseStepOf(was, step);
    if (now === was) return;
    if (task === undefined) runBy.file = now;
    else runBy.tasks.set(task, now);
    queue.push(path);
  };
  for (const file of analyzed) releaseRunsOf(file, NOT_RUN, reach);
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const file = byPath.get(path);
    if (file) releaseRunsOf(file, release.get(path) ?? NOT_RUN, reach);
  }
  return release;
}

/** Told of a script (`task` none) or a task of the file at `path` that a release or deploy step runs. */
type Reach = (path: string, task: string | undefined, step: ReleaseStep) => void;

/**
 * The scripts and tasks that a release step runs, which are release steps too, each with what runs
 * it: named in a release context of a file that runs them (a package.json `release` script, a
 * GitLab job run for tags, a workflow run for releases, a Makefile's `release` target, a task that
 * `runBy` says a release step runs), as written or in a job that runs a template's script as its
 * own, or anywhere in a file whose name says it releases or that a release step runs.
 */
function releaseRunsOf(analyzed: AnalyzedFile, runBy: RunBy, reach: Reach): void {
  const { scripts, tasks, inComment, releaseName } = analyzed;
  const whole = releaseStepOf(releaseName, runBy.file);
  const readStepAt = (at: number) =>
    inComment(at)
      ? false
      : whole === 'release'
        ? whole
        : releaseStepOf(
            releaseName,
            runBy.file,
            ...readingsAt(analyzed, at).map((part) => runStep(contextAt(part, at), runBy)),
          );
  // A command names the files it may run one after another (`make` its three makefiles), and a
  // file may name thousands: the place last read is not read again.
  let last: { at: number; step: ReleaseStep } | undefined;
  const reachFrom = (at: number, path: string, task?: string) => {
    if (last?.at !== at) last = { at, step: readStepAt(at) };
    if (last.step !== false) reach(path, task, last.step);
  };
  for (const { path, at } of scripts) reachFrom(at, path);
  for (const { path, at, task } of tasks) reachFrom(at, path, task);
}
