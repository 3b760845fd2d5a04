import type { ScanResult } from '@posture/model';
import { toJsonReport } from './json.js';

export const EVIDENCE_SCHEMA_VERSION = 'posture-evidence/v1';

/**
 * The audit record of a run (`--evidence FILE`): the JSON report — tool version, policy hash and
 * owner, scanned files with hashes, findings, start and end — plus every exception that was
 * applied, with its approver and expiry, so an auditor sees what was waived and by whom.
 */
export function toEvidence(result: ScanResult): string {
  const exceptionsApplied = result.findings.flatMap((f) =>
    f.suppression
      ? [
          {
            ruleId: f.ruleId,
            address: f.address ?? null,
            file: f.location.file,
            line: f.location.start.line,
            kind: f.suppression.kind,
            reason: f.suppression.reason,
            approvedBy: f.suppression.approvedBy ?? null,
            expires: f.suppression.expires ?? null,
          },
        ]
      : [],
  );
  const record = {
    evidenceVersion: EVIDENCE_SCHEMA_VERSION,
    ...toJsonReport(result),
    exceptionsApplied,
  };
  return `${JSON.stringify(record, null, 2)}\n`;
}
