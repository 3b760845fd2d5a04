import { mapStrings, printable, type ScanResult } from '@posture/model';

/**
 * The result as the text and Markdown reports show it: control characters escaped (`\u001b`) in
 * every string of the findings, diagnostics, policy and Terraform read, the parts they print. Bucket names, link
 * text and messages come from the scanned files, and terminals and CI logs act on an escape
 * sequence: one could erase the lines above and print a false "No findings.". JSON escapes them
 * itself and XML leaves them out; the root and base directory stay as they are, to find files by.
 */
export function printableResult(result: ScanResult): ScanResult {
  return {
    ...result,
    findings: mapStrings(result.findings, printable),
    diagnostics: mapStrings(result.diagnostics, printable),
    policy: mapStrings(result.policy, printable),
    // The files `posture artifact` could not read and the module calls it did not follow.
    terraform: mapStrings(result.terraform, printable),
  };
}
