/**
 * The `pre<name>` and `post<name>` scripts that a package manager runs around a package.json script
 * run by name (`npm run release` runs `prerelease`, `release`, `postrelease`): what they run, a step
 * that runs the script runs too, in its release context.
 */
import { posix } from 'node:path';
import type { Diagnostic } from '@posture/model';
import { existingScripts } from './discover.js';
import type { ReadResult } from './read-file.js';
import type { TaskRun } from './task-runs.js';

/** The file of the setting that tells whether pnpm runs hooks, beside `pnpm-lock.yaml`. */
export const PNPM_SETTINGS = '.npmrc';
/** The pnpm setting that runs the hooks, which pnpm 7 and later leave off. */
const PNPM_HOOKS = /^[ \t]*enable-pre-post-scripts[ \t]*=[ \t]*true[ \t]*$/m;

/**
 * Whether the package manager of the workspace of each package.json (by its path) runs its scripts'
 * hooks. The lock file of the nearest directory up to the root that holds one tells which manager
 * it is: npm (`package-lock.json`, or no lock file) and Yarn 1 (`yarn.lock` alone) run them; Yarn 2
 * and later (`yarn.lock` beside `.yarnrc.yml`) never do; pnpm only when the workspace's `.npmrc`
 * sets `enable-pre-post-scripts=true`. Each directory is looked at once in a scan. A `.npmrc` is
 * read by `read`, which the scan shares with its reading of build files, so that one is read once
 * and within the same bound; why one that may say so could not be read goes to `unread`.
 */
export function hooksRunIn(
  root: string,
  read: (path: string) => ReadResult,
  unread: (diagnostic: Diagnostic) => void,
): (packageJson: string) => boolean {
  const there = (path: string) => existingScripts(root, [path]).length > 0;
  /** What the lock file in `dir` tells; undefined where it holds none. */
  const lockFileTells = (dir: string): boolean | undefined => {
    const at = (name: string) => posix.join(dir, name);
    if (there(at('pnpm-lock.yaml'))) return pnpmRunsHooks(root, at(PNPM_SETTINGS), read, unread);
    if (there(at('yarn.lock'))) return !there(at('.yarnrc.yml'));
    if (there(at('package-lock.json'))) return true;
    return undefined;
  };
  const byDirectory = new Map<string, boolean>();
  const runIn = (dir: string): boolean => {
    let runs = byDirectory.get(dir);
    if (runs === undefined) {
      runs = lockFileTells(dir) ?? (dir === '.' || runIn(posix.dirname(dir)));
      byDirectory.set(dir, runs);
    }
    return runs;
  };
  return (packageJson) => runIn(posix.dirname(packageJson));
}

/**
 * Whether pnpm runs hooks by the `.npmrc` at `path`. One that is there but cannot be read (too
 * large, a link out of the root) may turn them on: the hooks are read then, as reading a script
 * that does not run costs at most a finding too many, and missing one that runs hides its links;
 * and why it was not read goes to `unread`, as what it says was not checked.
 */
function pnpmRunsHooks(
  root: string,
  path: string,
  read: (path: string) => ReadResult,
  unread: (diagnostic: Diagnostic) => void,
): boolean {
  if (existingScripts(root, [path]).length === 0) return false;
  const settings = read(path);
  if ('text' in settings) return PNPM_HOOKS.test(settings.text);
  unread(settings.diagnostic);
  return true;
}

/**
 * Why a `.npmrc` read for its hooks setting was not read (`unread`), saying too what that left
 * unlearned: the build-file read of one the scan reads as a build file as well says it too.
 */
export function hooksNotLearned(diagnostic: Diagnostic): Diagnostic {
  return {
    ...diagnostic,
    message: `${diagnostic.message}; so whether pnpm runs scripts' pre and post hooks (its enable-pre-post-scripts setting) was not learned, and the hooks are taken to run: the scripts they name are followed as if they did`,
  };
}

/**
 * `tasks` with the hooks of each package.json script among them that `hooksRun` says run, named
 * where the script is: a hook is a task of the same step. A hook no script defines runs nothing.
 */
export function withHooks(
  tasks: readonly TaskRun[],
  hooksRun: (packageJson: string) => boolean,
): TaskRun[] {
  return tasks.flatMap((run) =>
    posix.basename(run.path) === 'package.json' && hooksRun(run.path)
      ? [{ ...run, task: `pre${run.task}` }, run, { ...run, task: `post${run.task}` }]
      : [run],
  );
}
