// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
// The bidirectional controls reorder how the text around them is shown: a file name or bucket
// name can display as another (Trojan Source, CVE-2021-42574).
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE = new RegExp(`${CONTROL.source}|${BIDI.source}`, 'g');

/**
 * The text with every control character and bidirectional control escaped (`\u001b`). Text from
 * scanned files and archives is written by anyone: printed raw, an escape sequence could rewrite
 * a terminal line or forge a log entry.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasControlCharacters(text: string): boolean {
  return CONTROL.test(text);
}
