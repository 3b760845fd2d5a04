/**
 * A view of a file's text with JSON and JavaScript escapes (`https:\/\/`, `\u002F`, `\x2F`) and the
 * URL-encoded separators (`%2F`, `%3A`, …) decoded, and each URL's host written as a WHATWG URL
 * parser reads it, so that one set of patterns finds a URL however it was written. Offsets in the
 * view map back to the file, so ranges and their lines and columns still point at what is written.
 */
export interface TextView {
  readonly text: string;
  /** The file offset of a view offset; `text.length` maps to the file's length. */
  original(offset: number): number;
}

/** `text[start, end)` is read as `with`. */
interface Rewrite {
  readonly start: number;
  readonly end: number;
  readonly with: string;
}

export function decodedView(text: string): TextView {
  const decoded = rewritten(text, separatorsDecoded(text));
  const hostsRead = hostsAsParsed(decoded.text);
  if (hostsRead.length === 0) return decoded;
  const hosts = rewritten(decoded.text, hostsRead);
  return { text: hosts.text, original: (offset) => decoded.original(hosts.original(offset)) };
}

/**
 * What a JSON or JavaScript string escapes — `\/`, `\u002F`, `\u{2F}`, `\x2F`, which JSON parsers,
 * Node and bundlers read as the character — and the URL-encoded separators. An escaped backslash
 * (`\\u0061`) escapes nothing after it, and stays as written.
 */
const ENCODED = /\\(?:\\|\/|u[0-9a-f]{4}|u\{[0-9a-f]{1,6}\}|x[0-9a-f]{2})|%(?:2f|3a|3f|3d|26|40)/gi;

const DECODED: Readonly<Record<string, string>> = {
  '\\/': '/',
  '%2f': '/',
  '%3a': ':',
  '%3f': '?',
  '%3d': '=',
  '%26': '&',
  '%40': '@',
};

function separatorsDecoded(text: string): Rewrite[] {
  if (text.search(ENCODED) < 0) return [];
  return [...text.matchAll(ENCODED)].flatMap((m) => {
    const written = m[0];
    const decoded = /^\\[ux]/.test(written)
      ? escapedCharacter(written.slice(2).replace(/^\{|\}$/g, ''))
      : DECODED[written.toLowerCase()];
    if (decoded === undefined) return [];
    return [{ start: m.index, end: m.index + written.length, with: decoded }];
  });
}

/**
 * The character that the hex digits of a `\u` or `\x` escape (`002F`, `1F600`, `2F`) stand for;
 * none past Unicode's last code point, which JavaScript refuses.
 */
export function escapedCharacter(hex: string): string | undefined {
  const code = parseInt(hex, 16);
  return code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

/** The host after `//` and any userinfo, up to where a URL's authority or a written URL ends. */
const URL_HOST = /\/\/(?:[^\s/?#\\"'`<>]*@)?([^\s/?#\\@"'`<>:]+)/y;
/** Only a host holding a character outside printable ASCII or a percent-escape can read otherwise. */
const UNUSUAL_IN_HOST = /[^ -~]|%[0-9a-f]{2}/i;

/**
 * Hosts that a WHATWG URL parser (Node's `new URL` and `fetch`, browsers, Electron) reads as another
 * host than the one written: it decodes percent-escapes and maps the host by UTS-46, so fullwidth
 * letters become ASCII, `。`, `．` and `｡` are dots, a soft hyphen is dropped and upper case is
 * lowered. `https://ａｃｍｅ-releases。s3.amazonaws.com/` downloads from the bucket `acme-releases`,
 * and is read as that. A host the parser refuses is no URL's and is left as written. Looking only
 * where `//` is keeps this a small part of reading a large file.
 */
function hostsAsParsed(text: string): Rewrite[] {
  const rewrites: Rewrite[] = [];
  for (let at = text.indexOf('//'); at >= 0; at = text.indexOf('//', at + 2)) {
    URL_HOST.lastIndex = at;
    const m = URL_HOST.exec(text);
    if (!m) continue;
    const end = URL_HOST.lastIndex;
    at = end - 2;
    const host = m[1] ?? '';
    if (!UNUSUAL_IN_HOST.test(host)) continue;
    const parsed = parsedHost(host);
    if (parsed === undefined || parsed === host) continue;
    rewrites.push({ start: end - host.length, end, with: parsed });
  }
  return rewrites;
}

function parsedHost(host: string): string | undefined {
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * The text with `rewrites` (in order, apart) made. Each character of a rewrite maps to the written
 * character at the same place in what it replaces, or to its last: offsets stay in order, and a
 * range from before a rewrite to after it covers what is written.
 */
function rewritten(text: string, rewrites: readonly Rewrite[]): TextView {
  if (rewrites.length === 0) return { text, original: (offset) => offset };
  const grown = rewrites.reduce((sum, r) => sum + r.with.length - (r.end - r.start), 0);
  // origin[i] is the file offset of view character i; one extra entry for the end.
  const origin = new Int32Array(text.length + grown + 1);
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  for (const { start, end, with: replacement } of rewrites) {
    for (let i = last; i < start; i++) origin[length++] = i;
    parts.push(text.slice(last, start), replacement);
    for (let i = 0; i < replacement.length; i++)
      origin[length++] = start + Math.min(i, end - start - 1);
    last = end;
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
