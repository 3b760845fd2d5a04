// eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * The text with every control character escaped (`\u001b`). Text from scanned files and archives
 * is written by anyone: printed raw, an escape sequence could rewrite a terminal line or forge a
 * log entry.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function hasControlCharacters(text: string): boolean {
  return new RegExp(CONTROL.source).test(text);
}
