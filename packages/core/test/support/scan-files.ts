import { join } from 'node:path';
import { tempTree } from '../../../../test/support/temp-dirs.js';
import { scan, type ScanOptions, type ScanReport } from '../../src/index.js';

/**
 * Writes a little repository to a temp dir, removed after the test file, and scans it, or its
 * directory `dir`; a relative `policyFile`, and the `plans` and `varFiles`, are inside the
 * repository.
 */
export async function scanFiles(
  files: Readonly<Record<string, string>>,
  options: Omit<ScanOptions, 'root' | 'plans'> & { readonly plans?: readonly string[] } = {},
  dir = '.',
): Promise<ScanReport> {
  const root = tempTree('core', files);
  const given = options.policyFile;
  const policyFile = typeof given === 'string' ? join(root, given) : given;
  const plans = options.plans?.map((plan) => join(root, plan));
  const varFiles = options.varFiles?.map((file) => join(root, file));
  return scan({ root: join(root, dir), ...options, policyFile, plans, varFiles });
}

/** `rule@file:line` for each finding, sorted: compact to assert in tables. */
export function summarize(report: ScanReport): string[] {
  return report.result.findings
    .map(
      (f) =>
        `${f.ruleId}${f.severity === 'low' ? '(low)' : ''}@${f.location.file}:${f.location.start.line}`,
    )
    .sort();
}
