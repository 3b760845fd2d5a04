/**
 * Where an element of an array or object literal that is not read ends (`region: f(a, [b])`,
 * `get() { … }`, `...base`), so that the ones after it are read: the `,` after it, or the bracket
 * that closes the literal. Its own brackets, strings, templates and comments are passed over, read
 * without a parser, as far as `stop` at most.
 */

const [COMMA, SLASH, STAR, BACKSLASH, DOLLAR, NEWLINE] = [44, 47, 42, 92, 36, 10];
const [BRACE, CLOSE_BRACE] = [123, 125];
const [BACKTICK, DOUBLE, SINGLE] = [96, 34, 39];
const CLOSER = new Map([
  [40, 41], // ( )
  [91, 93], // [ ]
  [BRACE, CLOSE_BRACE],
]);
/**
 * What each ASCII character is to the walk: most are ORDINARY, passed over with one lookup (a
 * bundle's objects are walked whole).
 */
const [ORDINARY, OPENS, CLOSES, OTHER] = [0, 1, 2, 3];
const KIND = new Uint8Array(128);
for (const c of CLOSER.keys()) KIND[c] = OPENS;
for (const c of CLOSER.values()) KIND[c] = CLOSES;
for (const c of [BACKTICK, DOUBLE, SINGLE, SLASH, COMMA]) KIND[c] = OTHER;
/** Space, tab, line feed, carriage return. */
const BLANKS = new Set([32, 9, 10, 13]);
/** What a template's `${` is closed by, kept with the brackets open: its text follows. */
const PLACEHOLDER = -1;

/**
 * The `,` or closing bracket at which the element from `at` ends. Undefined when `stop` comes
 * first, a bracket closes another than it opened, or a string ends its line unclosed: where the
 * next element starts is then unknown.
 */
export function elementEnd(text: string, at: number, stop: number): number | undefined {
  const open: number[] = [];
  const end = Math.min(stop, text.length);
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || KIND[c] === ORDINARY) continue;
    let close: number | undefined;
    if (c === BACKTICK || (c === CLOSE_BRACE && open.at(-1) === PLACEHOLDER)) {
      if (c !== BACKTICK) open.pop();
      close = templateText(text, i + 1, end);
      // Its `${` opens code again, up to the `}` that closes it.
      if (close !== undefined && text.charCodeAt(close) === DOLLAR) {
        open.push(PLACEHOLDER);
        close++;
      }
    } else if (c === DOUBLE || c === SINGLE) close = stringEnd(text, i, end);
    else if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next !== SLASH && next !== STAR) continue;
      close = commentEnd(text, i, end);
    } else if (KIND[c] === OPENS) {
      open.push(CLOSER.get(c)!);
      continue;
    } else if (KIND[c] === CLOSES) {
      if (open.length === 0) return i;
      if (open.pop() !== c) return undefined;
      continue;
    } else if (open.length === 0)
      return i; // a comma
    else continue;
    if (close === undefined) return undefined;
    i = close;
  }
  return undefined;
}

/** Where the blanks and comments from `at` end; `at` when a comment does not end before `stop`. */
export function afterComments(text: string, at: number, stop: number): number {
  let i = at;
  for (; i < stop; i++) {
    const c = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (c === SLASH && (next === SLASH || next === STAR)) {
      const close = commentEnd(text, i, stop);
      if (close === undefined) return at;
      i = close;
    } else if (!BLANKS.has(c)) break;
  }
  return i;
}

/** The end of a template's text from `at`: its closing backtick, or the `$` of a `${`. */
function templateText(text: string, at: number, end: number): number | undefined {
  for (let i = at; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === BACKTICK || (c === DOLLAR && text.charCodeAt(i + 1) === BRACE)) return i;
  }
  return undefined;
}

/** The closing quote of the string whose opening quote is at `at`, on its line. */
function stringEnd(text: string, at: number, end: number): number | undefined {
  const quote = text.charCodeAt(at);
  for (let i = at + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === NEWLINE) return undefined;
    else if (c === quote) return i;
  }
  return undefined;
}

/** The last character of the comment that opens at `at`: its line's end, or its closing `/`. */
function commentEnd(text: string, at: number, end: number): number | undefined {
  const line = text.charCodeAt(at + 1) === SLASH;
  for (let i = at + 2; i < end; i++) {
    const c = text.charCodeAt(i);
    if (line && c === NEWLINE) return i;
    if (!line && c === STAR && text.charCodeAt(i + 1) === SLASH) return i + 1;
  }
  return undefined;
}
