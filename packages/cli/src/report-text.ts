/**
 * A report as it is written: one string, or parts to write as they come (the JSON report's, a few
 * megabytes each), so a report of hundreds of megabytes is never held whole.
 */
export type ReportText = string | Iterable<string>;

/** The text's parts, in order: a string is its only part. */
export function partsOf(text: ReportText): Iterable<string> {
  return typeof text === 'string' ? [text] : text;
}
