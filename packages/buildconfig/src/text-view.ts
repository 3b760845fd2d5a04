/**
 * A view of a file's text with JSON escapes (`https:\/\/`) and the URL-encoded separators (`%2F`,
 * `%3A`, …) decoded, so that one set of patterns finds a URL however it was written. Offsets in the
 * view map back to the file, so ranges still point at what is written.
 */
export interface TextView {
  readonly text: string;
  /** The file offset of a view offset; `text.length` maps to the file's length. */
  original(offset: number): number;
}

const ENCODED = /\\\/|%(?:2f|3a|3f|3d|26|40)/gi;

const DECODED: Readonly<Record<string, string>> = {
  '\\/': '/',
  '%2f': '/',
  '%3a': ':',
  '%3f': '?',
  '%3d': '=',
  '%26': '&',
  '%40': '@',
};

export function decodedView(text: string): TextView {
  if (text.search(ENCODED) < 0) return { text, original: (offset) => offset };
  const parts: string[] = [];
  // origin[i] is the file offset of view character i; one extra entry for the end.
  const origin = new Int32Array(text.length + 1);
  let length = 0;
  let last = 0;
  for (const m of text.matchAll(ENCODED)) {
    for (let i = last; i < m.index; i++) origin[length++] = i;
    parts.push(text.slice(last, m.index), DECODED[m[0].toLowerCase()] ?? m[0]);
    origin[length++] = m.index;
    last = m.index + m[0].length;
  }
  for (let i = last; i < text.length; i++) origin[length++] = i;
  parts.push(text.slice(last));
  origin[length] = text.length;
  return { text: parts.join(''), original: (offset) => origin[offset] ?? text.length };
}

/**
 * Lower-cases the text keeping every offset of the result equal to the input's. The native
 * `toLowerCase` is many times faster than a replace callback per run of capitals (it dominated
 * artifact scans); only where it changes the length (a few non-ASCII letters) are ASCII letters
 * lowered one run at a time instead.
 */
export function asciiLower(text: string): string {
  const lower = text.toLowerCase();
  return lower.length === text.length ? lower : text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}
