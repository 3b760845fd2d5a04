import { findPolicyFile } from '@posture/core';
import { resolve } from 'node:path';

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
