import type { Diagnostic, DiagnosticSeverity, Range } from '@posture/model';
import type { Span } from './ast.js';

export function spanRange(file: string, span: Span): Range {
  return { file, start: span.start, end: span.end };
}

/**
 * Collects diagnostics once each: a module evaluated for several instances or callers reports the
 * same problem at the same place only once.
 */
export class DiagnosticLog {
  private readonly seen = new Set<string>();
  readonly all: Diagnostic[] = [];

  report(severity: DiagnosticSeverity, code: string, message: string, range: Range): void {
    const key = `${code}\0${message}\0${range.file}\0${range.start.offset}\0${range.end.offset}`;
    this.reportOnce(key, severity, code, message, range);
  }

  /** Reports under `key` only the first time it is seen, wherever it happens. */
  reportOnce(
    key: string,
    severity: DiagnosticSeverity,
    code: string,
    message: string,
    range: Range,
  ): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.all.push({ severity, code, message, range });
  }
}
