import type { ParseDiagnostic } from '../ast.js';

/** Deeper nesting is reported and skipped, so hostile input cannot exhaust the call stack. */
export const MAX_DEPTH = 200;
/** A file this broken is not worth more; the cap bounds the memory hostile input can take. */
const MAX_DIAGNOSTICS = 1000;

/**
 * Adds a syntax error to a file's, up to `MAX_DIAGNOSTICS`; the one at the cap says the rest of the
 * file is not checked. Each error is a finding: a file of a hundred thousand stray tokens would
 * otherwise take the scan and its reports tens of seconds, and more than a call's arguments.
 */
export function addSyntaxError(diagnostics: ParseDiagnostic[], error: ParseDiagnostic): void {
  if (diagnostics.length > MAX_DIAGNOSTICS) return;
  const message = `too many errors; the rest of the file is not checked`;
  diagnostics.push(diagnostics.length === MAX_DIAGNOSTICS ? { ...error, message } : error);
}
