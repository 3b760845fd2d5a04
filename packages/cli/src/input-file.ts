import { leadsOutOf } from '@posture/core';
import { UsageError } from './exit-codes.js';

/**
 * Refuses a file or directory named on the command line for reading (`--var-file`, `--plan`,
 * `--baseline`, `--config`, `--rules-dir`, `--manifest`, a plan named as a scan path, an artifact
 * and its `--package-dir` and `--repo`) when its path
 * is inside one of the `trees` (`checkoutTrees`: the repository and the working directory) but a
 * symbolic link leads it out of that tree: in CI both are the checkout of a pull request, and a
 * committed `prod.tfvars -> ~/.env` would have the scan read a file of the machine and copy what
 * it holds into the report. It is the rule for the files the scan finds there. Outside both the
 * path is the user's to name (`--plan /tmp/plan.json`); so is everything under a tree that is the
 * file system's root. What is not there is left to the reading to report. `named` is how errors
 * name it: the option and the path as typed.
 */
export function refuseLeaving(path: string, named: string, trees: readonly string[]): void {
  if (leavesTrees(path, trees))
    throw new UsageError(
      `${named} leads out of the repository or the working directory through a symbolic link: a file named there is read only from inside it; name a file outside them by its own path.`,
    );
}

/** Whether `path` is inside one of `trees` by its name and outside it by where its links lead. */
export function leavesTrees(path: string, trees: readonly string[]): boolean {
  return trees.some((tree) => leadsOutOf(tree, path));
}
