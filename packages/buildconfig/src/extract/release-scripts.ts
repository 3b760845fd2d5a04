/**
 * The scripts, make targets and package.json scripts that release and deploy steps run, which are
 * release and deploy steps too.
 */
import type { ReleaseStep } from '@posture/model';
import type { RefContext } from '../files/analysis.js';
import { releaseStepOf } from '../names.js';
import type { ScriptRun } from '../script-refs.js';
import type { TaskRun } from '../task-runs.js';
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
 * point: a step only ever becomes more of one. When a task of a file becomes more of one, only the
 * places inside it are read again, and only if that makes the tasks they are in more of one: a
 * file read again whole for each change was quadratic in a chain of scripts that each run the next
 * (`"s1": "npm run s2"`), and a rule of thousands of targets was read again for each of them.
 */
export function releaseScriptsIn(analyzed: readonly AnalyzedFile[]): Map<string, RunBy> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const places = new Map<string, Places>();
  const release = new Map<string, { file: ReleaseStep; tasks: Map<string, ReleaseStep> }>();
  const queue: { path: string; task: string | undefined }[] = [];
  const reach: Reach = (path, task, step) => {
    let runBy = release.get(path);
    if (!runBy) release.set(path, (runBy = { file: false, tasks: new Map() }));
    const was = task === undefined ? runBy.file : (runBy.tasks.get(task) ?? false);
    const now = releaseStepOf(was, step);
    if (now === was) return;
    if (task === undefined) runBy.file = now;
    else runBy.tasks.set(task, now);
    queue.push({ path, task });
  };
  const placesOf = (file: AnalyzedFile): Places => {
    let found = places.get(file.file.path);
    if (!found) places.set(file.file.path, (found = placesIn(file)));
    return found;
  };
  for (const file of analyzed) releaseRunsOf(file, placesOf(file).all, false, reach);
  for (let next = queue.pop(); next !== undefined; next = queue.pop()) {
    const file = byPath.get(next.path);
    const runBy = release.get(next.path);
    if (!file || !runBy) continue;
    const { all, withTask } = placesOf(file);
    if (next.task === undefined) releaseRunsOf(file, all, runBy.file, reach);
    else
      for (const group of withTask().get(next.task) ?? []) {
        const now = releaseStepOf(group.step, runBy.tasks.get(next.task));
        if (now === group.step) continue;
        group.step = now;
        releaseRunsOf(file, group.places, runBy.file, reach);
      }
  }
  return release;
}

/** Told of a script (`task` none) or a task of the file at `path` that a release or deploy step runs. */
type Reach = (path: string, task: string | undefined, step: ReleaseStep) => void;

/**
 * The places that are in the same tasks (an analyzer gives one list for all of a rule's places),
 * and the most of a step that a release step runs any of them as, so far read.
 */
interface Group {
  readonly tasks: readonly string[];
  step: ReleaseStep;
  readonly places: Place[];
}

/** A place in a file that runs scripts or tasks, and what its analyzers read there, found once. */
interface Place {
  readonly at: number;
  readonly runs: readonly (ScriptRun | TaskRun)[];
  readonly readings: () => readonly { readonly releaseStep?: ReleaseStep; readonly group: Group }[];
}

interface Places {
  readonly all: readonly Place[];
  /** The groups each task is in. */
  readonly withTask: () => ReadonlyMap<string, readonly Group[]>;
}

/**
 * A file's places, in order: a command names the files it may run one after another (`make` its
 * three makefiles), and a file may name thousands, so each place is one, read once.
 */
function placesIn(analyzed: AnalyzedFile): Places {
  const byAt = new Map<number, (ScriptRun | TaskRun)[]>();
  for (const run of [...analyzed.scripts, ...analyzed.tasks]) {
    const runs = byAt.get(run.at) ?? [];
    if (runs.length === 0) byAt.set(run.at, runs);
    runs.push(run);
  }
  const groups = new Map<readonly string[], Group>();
  const groupOf = (tasks: readonly string[], place: Place): Group => {
    let group = groups.get(tasks);
    if (!group) groups.set(tasks, (group = { tasks, step: false, places: [] }));
    if (group.places.at(-1) !== place) group.places.push(place);
    return group;
  };
  const all = [...byAt].map(([at, runs]): Place => {
    let readings: ReturnType<Place['readings']> | undefined;
    const place: Place = {
      at,
      runs,
      readings: () =>
        (readings ??= readingsAt(analyzed, at).map((part) => {
          const { releaseStep, tasks = NO_TASKS } = contextAt(part, at);
          return {
            ...(releaseStep !== undefined && { releaseStep }),
            group: groupOf(tasks, place),
          };
        })),
    };
    return place;
  });
  let withTask: Map<string, Group[]> | undefined;
  const indexed = () => {
    for (const place of all) place.readings();
    withTask = new Map();
    for (const group of groups.values())
      for (const task of new Set(group.tasks)) {
        const within = withTask.get(task) ?? [];
        if (within.length === 0) withTask.set(task, within);
        within.push(group);
      }
    return withTask;
  };
  return { all, withTask: () => withTask ?? indexed() };
}

const NO_TASKS: readonly string[] = [];

/**
 * The scripts and tasks that a release step runs, which are release steps too, each with what runs
 * it: named in a release context of a file that runs them (a package.json `release` script, a
 * GitLab job run for tags, a workflow run for releases, a Makefile's `release` target, a task that
 * a release step runs), as written or in a job that runs a template's script as its own, or
 * anywhere in a file whose name says it releases or that a release step runs (`file`). Only the
 * `places` given are read.
 */
function releaseRunsOf(
  analyzed: AnalyzedFile,
  places: readonly Place[],
  file: ReleaseStep,
  reach: Reach,
): void {
  const { releaseName } = analyzed;
  const whole = releaseStepOf(releaseName, file);
  for (const place of places) {
    // A comment runs nothing.
    if (analyzed.inComment(place.at)) continue;
    const step =
      whole === 'release'
        ? whole
        : releaseStepOf(
            releaseName,
            file,
            ...place
              .readings()
              .map(({ releaseStep, group }) => releaseStepOf(releaseStep, group.step)),
          );
    if (step === false) continue;
    for (const run of place.runs) reach(run.path, 'task' in run ? run.task : undefined, step);
  }
}
