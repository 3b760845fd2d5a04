import type { Finding, ScanResult } from '@posture/model';
import { sortFindings } from './order.js';
import { RepoPaths } from './paths.js';
import { fingerprintAll } from './sarif/fingerprint.js';

/**
 * Each finding's `postureFindingHash/v2`, exactly as the SARIF report carries it (same order, so
 * the same occurrence numbers): what baselines store and compare.
 */
export function findingFingerprints(result: ScanResult): Map<Finding, string> {
  const paths = new RepoPaths(result.root, result.baseDir);
  return new Map(
    fingerprintAll(sortFindings(result.findings), paths).map(({ finding, fingerprints }) => [
      finding,
      fingerprints.postureFindingHash,
    ]),
  );
}
