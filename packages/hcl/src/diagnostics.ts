import {
  EngineUnavailable,
  type Diagnostic,
  type DiagnosticSeverity,
  type Range,
} from '@posture/model';
import type { Span } from './ast.js';

/** How far a syntax error the parser recovered from kept it from reading the file. */
export const READ_ON =
  '; the parser skipped from there to the end of its line or bracket, and read the rest of the file';

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

/**
 * Runs one evaluation. One nested too deep for the stack (a crafted chain of thousands of
 * references or operators), or building something larger than the engine holds, becomes an error
 * at `range`, which fails the gate closed, and gives `fallback`, instead of ending the whole scan;
 * so does a call that needed re2js when it could not be loaded.
 */
export function withinLimits<T>(
  diagnostics: DiagnosticLog,
  range: Range,
  run: () => T,
  fallback: T,
): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof EngineUnavailable) {
      diagnostics.report(
        'error',
        'eval-unavailable',
        `${error.message}; its values were not checked`,
        range,
      );
      return fallback;
    }
    const limit =
      error instanceof RangeError ? LIMITS.find(([m]) => m.test(error.message)) : undefined;
    if (!limit) throw error;
    diagnostics.report(
      'error',
      'eval-too-large',
      `${limit[1]}; its values were not checked`,
      range,
    );
    return fallback;
  }
}

const LIMITS: readonly (readonly [RegExp, string])[] = [
  [
    /call stack/i,
    'nested too deeply to evaluate (a chain of references, operators or module calls too long to follow)',
  ],
  [/invalid (?:string|array) length/i, 'builds a value too large to evaluate'],
];
