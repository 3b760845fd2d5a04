import { findPolicyFile } from '@posture/core';
import { resolve } from 'node:path';

/** `--config FILE`, else the nearest posture.config.{yaml,yml,json} at or above the scan root. */
export function policyFileFor(
  root: string,
  config: string | undefined,
  cwd: string,
): string | undefined {
  return config === undefined ? findPolicyFile(root) : resolve(cwd, config);
}
