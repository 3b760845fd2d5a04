import { SEVERITIES } from '@posture/model';
import type { Diagnostic, Finding, Range, ScanResult, Severity } from '@posture/model';

/** Counts and splits every human-facing reporter shares, so text, Markdown and JSON agree. */

/** Findings that count: suppressed ones are reported apart. */
export function activeFindings(result: ScanResult): Finding[] {
  return result.findings.filter((finding) => finding.suppression === undefined);
}

export function suppressedFindings(result: ScanResult): Finding[] {
  return result.findings.filter((finding) => finding.suppression !== undefined);
}

/**
 * How many files were checked: those of `files`, or, for an artifact, the files it ships, which
 * an archive holds though `files` lists the archive alone.
 */
export function filesScanned(result: ScanResult): number {
  return result.summary.filesScanned ?? result.files.length;
}

/** Every severity with its count, worst first, zeros included. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((severity) => [severity, 0])) as Record<
    Severity,
    number
  >;
  for (const finding of findings) counts[finding.severity]++;
  return counts;
}

/** `1 critical, 2 high`: the non-zero severities, worst first. */
export function describeSeverities(findings: readonly Finding[]): string {
  const counts = countBySeverity(findings);
  return SEVERITIES.filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${severity}`)
    .join(', ');
}

/**
 * The diagnostics no finding shown says already: a rule that reports a diagnostic (an unreadable
 * file, an invalid exception) makes its finding at the diagnostic's place and records its code.
 * One that a suppressed finding, or none, says is still listed. A report that listed both would
 * name each unreadable input twice.
 */
export function unsaidDiagnostics(
  diagnostics: readonly Diagnostic[],
  shown: readonly Finding[],
): Diagnostic[] {
  const place = (code: unknown, { file, start }: Range) =>
    `${String(code)}\0${file}\0${start.line}:${start.column}`;
  const said = new Set(
    shown
      .filter((f) => f.properties?.code !== undefined)
      .map((f) => place(f.properties?.code, f.location)),
  );
  return diagnostics.filter((d) => !said.has(place(d.code, d.range)));
}
