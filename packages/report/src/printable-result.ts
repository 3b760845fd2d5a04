import { printable, type ScanResult } from '@posture/model';

/**
 * The result as the text and Markdown reports show it: control characters escaped (`\u001b`) in
 * every string of the findings, diagnostics and policy, the parts they print. Bucket names, link
 * text and messages come from the scanned files, and terminals and CI logs act on an escape
 * sequence: one could erase the lines above and print a false "No findings.". JSON escapes them
 * itself and XML leaves them out; the root and base directory stay as they are, to find files by.
 */
export function printableResult(result: ScanResult): ScanResult {
  return {
    ...result,
    findings: escaped(result.findings),
    diagnostics: escaped(result.diagnostics),
    policy: escaped(result.policy),
  };
}

function escaped<T>(value: T): T {
  if (typeof value === 'string') return printable(value) as T;
  if (Array.isArray(value)) return value.map(escaped) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, escaped(v)])) as T;
}
