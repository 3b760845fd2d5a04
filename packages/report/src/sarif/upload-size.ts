import { gzipSync } from 'node:zlib';
import type { Log } from 'sarif';

/**
 * GitHub rejects a SARIF file larger than 10 MB gzipped ("SARIF results file is too large"). Read
 * as decimal megabytes, the smaller reading.
 */
export const GITHUB_MAX_UPLOAD_BYTES = 10_000_000;

/**
 * The share of the limit a log is fitted to: gzip implementations differ, and GNU gzip made
 * 10,150,728 bytes of a log that Node's zlib made 9,999,149 (1.5% more).
 */
const MARGIN = 0.95;

/** A SARIF log as Posture writes it: what is measured against the limit is what is uploaded. */
export function sarifText(log: Log): string {
  return `${JSON.stringify(log, null, 2)}\n`;
}

/**
 * What a log leaves out before it cuts results: 0 nothing, 1 the artifacts no location points at,
 * 2 also the diagnostic notifications beyond the first few hundred, saying so. Each leaves out what
 * the one before it does, so a level is compared (`slim >= 1`), which names would not let be.
 */
export type Slimming = 0 | 1 | 2;
/** Tried in turn, while the log is too large, before any result is cut. */
const SLIMMER: readonly Slimming[] = [1, 2];
const SLIMMEST: Slimming = 2;

/** A log and its text, which was measured. */
export interface SarifReport {
  readonly log: Log;
  readonly text: string;
}

/**
 * The log of `count` results, or of fewer when it would not fit `maxBytes` gzipped, once what
 * GitHub does not need is left out (`Slimming`): the least severe are cut first, as results come
 * worst first. A log's gzipped size grows about in
 * proportion to its results, so each try keeps the share of them the last one's size says fits,
 * a little fewer: two tries, most often, where halving took fifteen compressions of a 40 MB log.
 * A text within the limit needs no compressing, and the text measured is the one written.
 */
export function fittedLog(
  count: number,
  logOf: (count: number, slim: Slimming) => Log,
  maxBytes: number,
): SarifReport {
  const budget = Math.floor(maxBytes * MARGIN);
  let kept = count;
  let report = measured(logOf(kept, 0), budget);
  // What GitHub does not need goes before any result: the files no location names, then notes.
  for (const slim of SLIMMER) {
    if (report.size <= budget) break;
    report = measured(logOf(kept, slim), budget);
  }
  while (report.size > budget && kept > 0) {
    kept = Math.min(kept - 1, Math.floor((kept * budget * 0.98) / report.size));
    report = measured(logOf(kept, SLIMMEST), budget);
  }
  return { log: report.log, text: report.text };
}

/** The log with its text and its size gzipped, or its text's when that is within `budget`. */
function measured(log: Log, budget: number): SarifReport & { size: number } {
  const text = sarifText(log);
  const bytes = Buffer.byteLength(text);
  return { log, text, size: bytes <= budget ? bytes : gzipSync(text).length };
}
