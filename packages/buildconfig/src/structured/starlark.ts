/**
 * The dict and list literals of a Starlark file (Drone's `.drone.star`), read as text and never
 * run, as JavaScript configurations are (see js-literals.ts): strings, numbers, `True`, `False` and
 * `None` are values, anything computed (a variable, a call, `"%s" % x`) is there but undefined. A
 * pipeline a function returns as a literal is read as written; one it builds in steps is read in
 * the parts it writes literally.
 */
import type { Span, StructuredDoc } from './doc.js';
import {
  closingQuote,
  lineEnd,
  literalsDoc,
  stringToken,
  unescaped,
  type Token,
  type Words,
} from './js-literals.js';

const STARLARK_WORDS: Words = new Map([
  ['None', null],
  ['True', true],
  ['False', false],
]);

/** A string's prefix: raw (`r"…"`, no escapes) or bytes. */
const PREFIX = /^(?:[rR][bB]?|[bB][rR]?)$/;

/** The literals of a Starlark file, with its `#` comments. */
export function parseStarlarkLiterals(text: string): StructuredDoc {
  const comments: Span[] = [];
  const doc = literalsDoc(tokenize(text, comments), STARLARK_WORDS);
  return { ...doc, comments };
}

/** Words, strings (`'…'`, `"…"`, triple-quoted, prefixed) and punctuation; comments set aside. */
function tokenize(text: string, comments: Span[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '#') {
      const end = lineEnd(text, i);
      comments.push({ start: i, end });
      i = end;
    } else if (c === '"' || c === "'") {
      const { token, end } = stringAt(text, i, false);
      tokens.push(token);
      i = end;
    } else if (/\w/.test(c)) {
      const part = /\d/.test(c) ? /[\w.]/ : /\w/;
      let end = i + 1;
      while (end < text.length && part.test(text[end]!)) end++;
      const word = text.slice(i, end);
      if (PREFIX.test(word) && /["']/.test(text[end] ?? '')) {
        // The prefix is read as part of no token: the string starts at its quote.
        const string = stringAt(text, end, /r/i.test(word));
        tokens.push(string.token);
        i = string.end;
      } else {
        tokens.push({ kind: 'word', start: i, end, text: word });
        i = end;
      }
    } else {
      tokens.push({ kind: 'punct', start: i, end: i + 1, text: c });
      i++;
    }
  }
  return tokens;
}

/**
 * The string whose quote is at `start`, and where it ends; a triple-quoted one goes over lines. Its
 * value is unescaped unless it is raw; a string that does not close has none.
 */
function stringAt(text: string, start: number, raw: boolean): { token: Token; end: number } {
  const quote = text[start]!;
  const quotes = text.startsWith(quote.repeat(3), start) ? 3 : 1;
  const close =
    quotes === 3 ? text.indexOf(quote.repeat(3), start + 3) : closingQuote(text, start, quote);
  const closed = close >= 0 && text.startsWith(quote.repeat(quotes), close);
  const end = closed
    ? close + quotes
    : quotes === 3
      ? text.length
      : Math.min(close + 1, text.length);
  const body = text.slice(start + quotes, closed ? close : end);
  const value = closed ? (raw ? body : unescaped(body)) : undefined;
  // The reader finds a string's characters one in from each end of its token: a triple-quoted
  // string's token is narrowed to the quote next to them.
  const inset = quotes - 1;
  return {
    token: stringToken(text, start + inset, Math.max(start + inset, end - inset), value),
    end,
  };
}
