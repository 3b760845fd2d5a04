import type { Finding, ScanResult } from '@posture/model';
import { sortFindings } from './order.js';
import { RepoPaths } from './paths.js';
import { Fingerprinter } from './sarif/fingerprint.js';

/**
 * Each finding's `postureFindingHash/v1`, exactly as the SARIF report carries it (same order, so
 * the same occurrence numbers): what baselines store and compare.
 */
export function findingFingerprints(result: ScanResult): Map<Finding, string> {
  const fingerprinter = new Fingerprinter(new RepoPaths(result.root, result.baseDir));
  return new Map(
    sortFindings(result.findings).map((f) => [f, fingerprinter.of(f).postureFindingHash]),
  );
}
