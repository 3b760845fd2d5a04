/**
 * The shells the jobs of a GitLab CI file run their scripts in, as GitLab runs them: a running
 * job's `before_script` and `script` in one, its `after_script` in another, each the job's own or
 * that of the first job it extends that writes it (`before_script` and `after_script` else
 * `default:`'s), a `!reference` item as the lines it names. A hidden job runs only so, in the jobs
 * that extend or reference it, with their variables.
 */
import { jobChain, linesRun, runningJobs, type Budget } from './files/gitlab-jobs.js';
import { valueAt, type Path } from './structured/doc.js';
import { gitlabJobScript } from './variables/ci.js';

/**
 * At most this many values (lines, lists, `!reference`s) are read for the shells of a file's jobs,
 * each job reading those it runs anew: two thousand jobs that extend a template of a hundred lines
 * read as many, and a `!reference` naming ten that each name ten, ten deep, ten billion.
 */
export const MAX_SHELL_VALUES = 200_000;

/** The lines a shell runs, each where it is written, and where its job has them (`as`). */
export interface JobShell {
  readonly as: Path;
  readonly paths: readonly Path[];
}

/** The shells of the running jobs of `data`, each with at least a line, read within `budget`. */
export function gitlabShells(data: unknown, budget: Budget): JobShell[] {
  return runningJobs(data).flatMap((job) => {
    const lines = (path: Path | undefined) => (path ? linesRun(data, path, budget) : []);
    const owner = jobChain(data, job).find((name) => valueAt(data, [name, 'script']) !== undefined);
    const script = [
      ...lines(gitlabJobScript(data, job, 'before_script')),
      ...lines(owner === undefined ? undefined : [owner, 'script']),
    ];
    const after = lines(gitlabJobScript(data, job, 'after_script'));
    return [
      { as: [job, 'script'], paths: script },
      { as: [job, 'after_script'], paths: after },
    ].filter((shell) => shell.paths.length > 0);
  });
}
