import { fileRange, redactText, type Diagnostic } from '@posture/model';

/** What of an internal error's message a diagnostic says: enough to report it, no more of the input. */
const MAX_MESSAGE = 120;

/**
 * Runs one file's step of the extraction. Bad input is reported, never thrown, so what throws is a
 * bug in Posture (a stack overflow on a crafted file): it becomes an error on that file, which fails
 * the gate, where it ended the whole scan, and the other files are still read.
 */
export function perFile<T>(path: string, diagnostics: Diagnostic[], step: () => T): T | undefined {
  try {
    return step();
  } catch (error) {
    const said = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const cut = said.length > MAX_MESSAGE ? `${said.slice(0, MAX_MESSAGE)}…` : said;
    diagnostics.push({
      severity: 'error',
      code: 'build-file-unreadable',
      message: `an internal error stopped its reading (${redactText(cut)}); this is a bug in Posture, please report it`,
      range: fileRange(path),
    });
    return undefined;
  }
}
