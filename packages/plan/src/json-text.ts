/**
 * Offsets in JSON text that `JSON.parse` has accepted: nothing here checks syntax. The values come
 * from `JSON.parse`; these only tell where things lie, stepping over a value by its brackets and
 * the ends of its strings, many times faster than a tokenizer's pass (`jsonc-parser`'s `visit` and
 * `parseTree` took most of the time a large plan took to load).
 */
import { closingQuote } from '@posture/model';

const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export function isObjectAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === OPEN_BRACE;
}

export function isArrayAt(text: string, at: number): boolean {
  return text.charCodeAt(at) === OPEN_BRACKET;
}

/** The offset of the first character at or after `at` that is not JSON whitespace. */
export function skipSpace(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** How many keys the objects in the text stepped over hold, as written: duplicates each count. */
export interface KeyTally {
  keys: number;
}

/**
 * The offset after the value that starts at `at`. `tally` counts the keys of the objects in it as
 * they are written, by the colon outside a string that follows each, on the same pass.
 */
export function valueEnd(text: string, at: number, tally?: KeyTally): number {
  let depth = 0;
  let colons = 0;
  let i = at;
  do {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = stringEnd(text, i);
      continue;
    }
    if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
    else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
    else if (c === COLON) colons++;
    else if (depth === 0) return scalarEnd(text, i);
    i++;
  } while (depth > 0);
  if (tally) tally.keys += colons;
  return i;
}

/**
 * Reads the object or array at `at` member by member, in order: `member` gets the member's key (an
 * array element's index), the offset it starts at (its key; an element's value) and the offset its
 * value starts at, and returns the offset after that value, found by `valueEnd` or by walking it.
 * Returns the offset after the container; a scalar has no members and is stepped over.
 */
export function eachMember(
  text: string,
  at: number,
  member: (key: string | number, memberAt: number, valueAt: number) => number,
): number {
  const open = text.charCodeAt(at);
  if (open !== OPEN_BRACE && open !== OPEN_BRACKET) return valueEnd(text, at);
  const close = open === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET;
  let index = 0;
  let i = skipSpace(text, at + 1);
  while (text.charCodeAt(i) !== close) {
    const memberAt = i;
    let key: string | number = index++;
    if (open === OPEN_BRACE) {
      const keyEnd = stringEnd(text, i);
      key = keyOf(text.slice(i, keyEnd));
      // Past the colon.
      i = skipSpace(text, skipSpace(text, keyEnd) + 1);
    }
    i = skipSpace(text, member(key, memberAt, i));
    if (text.charCodeAt(i) === COMMA) i = skipSpace(text, i + 1);
  }
  return i + 1;
}

/** A key as `JSON.parse` reads it; most have no escape and are their text between the quotes. */
function keyOf(quoted: string): string {
  return quoted.includes('\\') ? (JSON.parse(quoted) as string) : quoted.slice(1, -1);
}

/** The offset after the string whose opening quote is at `at`. */
function stringEnd(text: string, at: number): number {
  return closingQuote(text, at) + 1;
}

/** The offset after a number, `true`, `false` or `null`. */
function scalarEnd(text: string, at: number): number {
  let i = at;
  for (;;) {
    const c = text.charCodeAt(i);
    if (
      Number.isNaN(c) ||
      c === COMMA ||
      c === CLOSE_BRACE ||
      c === CLOSE_BRACKET ||
      c === 0x20 ||
      c === 0x0a ||
      c === 0x0d ||
      c === 0x09
    ) {
      return i;
    }
    i++;
  }
}
