/** The scripts that release and deploy steps run, which are release and deploy steps too. */
import type { ReleaseStep } from '@posture/model';
import { releaseStepOf } from '../names.js';
import { contextAt, readingsAt, type AnalyzedFile } from './analyze.js';

/**
 * The scripts release steps run (`releaseScriptsOf`), and those that these run in turn, each as the
 * most of the steps that run it: a release step, or a deploy step.
 */
export function releaseScriptsIn(analyzed: readonly AnalyzedFile[]): Map<string, ReleaseStep> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const release = new Map<string, ReleaseStep>();
  const queue: string[] = [];
  const reached = (runs: readonly (readonly [string, ReleaseStep])[]) => {
    for (const [path, step] of runs) {
      const was = release.get(path) ?? false;
      const now = releaseStepOf(was, step);
      if (now === was) continue;
      release.set(path, now);
      queue.push(path);
    }
  };
  for (const file of analyzed) reached(releaseScriptsOf(file, false));
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const file = byPath.get(path);
    if (file) reached(releaseScriptsOf(file, release.get(path) ?? false));
  }
  return release;
}

/**
 * The scripts that a release step runs, which are release steps too, each with what runs it: named
 * in a release context of a file that runs scripts (a package.json `release` script, a GitLab job
 * run for tags, a workflow run for releases, a Makefile's `release` target), as written or in a job
 * that runs a template's script as its own, or anywhere in a file whose name says it releases or
 * that a release step runs (`runBy`).
 */
function releaseScriptsOf(
  analyzed: AnalyzedFile,
  runBy: ReleaseStep,
): (readonly [string, ReleaseStep])[] {
  const { scripts, inComment } = analyzed;
  const whole = releaseStepOf(analyzed.releaseName, runBy);
  const stepAt = (at: number) =>
    whole === 'release'
      ? whole
      : releaseStepOf(
          whole,
          ...readingsAt(analyzed, at).map((part) => contextAt(part, at).releaseStep),
        );
  return scripts.flatMap(({ path, at }) => {
    const step = inComment(at) ? false : stepAt(at);
    return step === false ? [] : [[path, step] as const];
  });
}
