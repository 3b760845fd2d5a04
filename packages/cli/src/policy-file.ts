import {
  findPolicyFile,
  gitTopLevel,
  loadPolicyFile,
  PolicyError,
  reportedPath,
  type LoadedPolicy,
} from '@posture/core';
import { resolve } from 'node:path';
import { UsageError } from './exit-codes.js';
import { refuseLeaving } from './input-file.js';
import { checkoutTrees } from './checkout-trees.js';

/**
 * `--config FILE`, else the nearest posture.config.{yaml,yml,json} from `start` (the directory
 * scanned) up to the top of its repository. A file named inside the repository or the working
 * directory (`trees`) is read only from inside it, as one found there is.
 */
export function policyFileFor(
  start: string,
  config: string | undefined,
  cwd: string,
  trees: readonly string[],
): string | undefined {
  if (config === undefined) return findPolicyFile(start);
  const path = resolve(cwd, config);
  refuseLeaving(path, `--config ${config}`, trees);
  return path;
}

/**
 * The policy file of a scan of `root` (see `policyFileFor`), loaded before the scan, so that what
 * the command line asks for can be checked against it; a bad one is a usage error (`badPolicyFile`).
 */
export function loadScanPolicy(
  start: string,
  config: string | undefined,
  cwd: string,
  root: string,
  knownRules: ReadonlySet<string>,
): LoadedPolicy | undefined {
  try {
    const file = policyFileFor(start, config, cwd, checkoutTrees(cwd, root));
    return file === undefined ? undefined : loadPolicyFile(file, knownRules);
  } catch (error) {
    if (error instanceof PolicyError) throw badPolicyFile(error, config, root);
    throw error;
  }
}

/**
 * A policy file that cannot be used, as a usage error (exit 2) that names it as `policyFileName`
 * does.
 */
export function badPolicyFile(
  error: PolicyError,
  config: string | undefined,
  root: string,
): UsageError {
  return new UsageError(
    `bad policy file: ${error.naming(policyFileName(error.file, config, root))}`,
  );
}

/**
 * A policy file as stderr names it, as the reports do: as typed with `--config`, else, found by
 * the scan, from the top of the repository around `root` (`infra/posture.config.yaml`), never by
 * a path of this machine.
 */
export function policyFileName(file: string, config: string | undefined, root: string): string {
  const top = gitTopLevel(root) ?? root;
  return config ?? reportedPath(file, top, top);
}
