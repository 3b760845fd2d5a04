import { findPolicyFile } from '@posture/core';
import { resolve } from 'node:path';

/**
 * `--config FILE`, else the nearest posture.config.{yaml,yml,json} from the scan root up to the top
 * of its repository.
 */
export function policyFileFor(
  root: string,
  config: string | undefined,
  cwd: string,
): string | undefined {
  return config === undefined ? findPolicyFile(root) : resolve(cwd, config);
}
