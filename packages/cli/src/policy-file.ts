import { findPolicyFile, gitTopLevel, reportedPath, type PolicyError } from '@posture/core';
import { resolve } from 'node:path';
import { UsageError } from './exit-codes.js';

/**
 * `--config FILE`, else the nearest posture.config.{yaml,yml,json} from `start` (the directory
 * scanned) up to the top of its repository.
 */
export function policyFileFor(
  start: string,
  config: string | undefined,
  cwd: string,
): string | undefined {
  return config === undefined ? findPolicyFile(start) : resolve(cwd, config);
}

/**
 * A policy file that cannot be used, as a usage error (exit 2) that names it as the reports do:
 * as typed with `--config`, else, found by the scan, from the top of the repository around `root`
 * (`infra/posture.config.yaml`), never by a path of this machine.
 */
export function badPolicyFile(
  error: PolicyError,
  config: string | undefined,
  root: string,
): UsageError {
  const top = gitTopLevel(root) ?? root;
  const name = config ?? reportedPath(error.file, top, top);
  return new UsageError(`bad policy file: ${error.naming(name)}`);
}
