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
 * The log of `count` results, or of fewer when it would not fit `maxBytes` gzipped: the least
 * severe are cut first, as results come worst first. A log's gzipped size grows about in
 * proportion to its results, so each try keeps the share of them the last one's size says fits,
 * a little fewer: two tries, most often, where halving took fifteen compressions of a 40 MB log.
 * A text within the limit needs no compressing: every log but a very large one is serialised once.
 */
export function fittedLog(count: number, logOf: (count: number) => Log, maxBytes: number): Log {
  const budget = Math.floor(maxBytes * MARGIN);
  let kept = count;
  let log = logOf(kept);
  let size = gzippedSize(log, budget);
  while (size > budget && kept > 0) {
    kept = Math.min(kept - 1, Math.floor((kept * budget * 0.98) / size));
    log = logOf(kept);
    size = gzippedSize(log, budget);
  }
  return log;
}

/** The log's size gzipped, or its text's when that is already within `budget`. */
function gzippedSize(log: Log, budget: number): number {
  const text = sarifText(log);
  const bytes = Buffer.byteLength(text);
  return bytes <= budget ? bytes : gzipSync(text).length;
}
