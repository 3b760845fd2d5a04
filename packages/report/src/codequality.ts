import type { Finding, ScanResult, Severity } from '@posture/model';
import { findingFingerprints } from './fingerprints.js';
import { sortFindings } from './order.js';
import { RepoPaths } from './paths.js';
import { activeFindings } from './summary.js';
import { firstSentence } from './wording.js';

/** One issue of GitLab's Code Quality report (a subset of the Code Climate format). */
export interface CodeQualityIssue {
  readonly type: 'issue';
  readonly check_name: string;
  readonly description: string;
  readonly categories: readonly string[];
  /** Stable across runs, so GitLab shows in a merge request which findings are new or fixed. */
  readonly fingerprint: string;
  readonly severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  readonly location: { readonly path: string; readonly lines: { readonly begin: number } };
}

/** Trivy's Code Quality template maps severities the same way, so the two read alike. */
const SEVERITY: Readonly<Record<Severity, CodeQualityIssue['severity']>> = {
  critical: 'critical',
  high: 'major',
  medium: 'minor',
  low: 'info',
  info: 'info',
};

/**
 * GitLab's Code Quality report (`artifacts:reports:codequality`), shown in the merge request
 * widget and diff on every GitLab tier. Suppressed findings are left out, as they are of the gate.
 * Unreadable inputs cannot be said in this format: the gate's exit code and the other reports say
 * them.
 */
export function toCodeQuality(result: ScanResult): string {
  const paths = new RepoPaths(result.root, result.baseDir);
  const fingerprints = findingFingerprints(result);
  const issues = sortFindings(activeFindings(result)).map((finding) =>
    issue(finding, paths, fingerprints.get(finding) ?? ''),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
}

function issue(finding: Finding, paths: RepoPaths, fingerprint: string): CodeQualityIssue {
  return {
    type: 'issue',
    check_name: finding.ruleId,
    description: firstSentence(finding.message),
    categories: ['Security'],
    fingerprint,
    severity: SEVERITY[finding.severity],
    location: {
      path: paths.of(finding.location.file),
      lines: { begin: finding.location.start.line },
    },
  };
}
