import { pushAll } from '@posture/model';
import {
  escaped,
  isNameChar,
  isNameStart,
  isPlus,
  skipBlanks,
  skipBlanksBack,
} from './characters.js';
import { MAX_CHAIN, MAX_OPERANDS, type Join, type JoinPart } from './join.js';
import { INDEX, MAX_KEY, readOperand } from './operands.js';

/**
 * How many operands around a place are read with it: a chain is read from at most this many
 * before the place, so that one reading serves the places of the next MAX_OPERANDS - 2 * CONTEXT
 * operands (a generated table of `+` chains would else be read again for each).
 */
const CONTEXT = 10;
/** How far back from a place in a string its opening quote, or its `.concat(`, is looked for. */
const MAX_BACK = 512;

const QUOTES = '"\'`';

/**
 * The `+` chain whose operand starts at `at`, or whose string literal or template holds `at`: from
 * its first operand to its last. Undefined when `at` is neither.
 */
export function joinAround(text: string, at: number): Join | undefined {
  if (isNameOperand(text, at)) return chainAround(text, at, at);
  const quote = openingQuote(text, at, QUOTES);
  const join = quote === undefined ? undefined : chainAround(text, quote, at);
  if (join || quote === undefined || text[quote] === '`') return join;
  // The quote may close a string inside a template's `${…}` (`${env.B || "acme"}.s3.amazonaws.com`).
  const tick = openingQuote(text, quote, '`');
  return tick === undefined ? undefined : chainAround(text, tick, at);
}

/** The chain whose operand starting at `operand` holds `at`, from its first operand to its last. */
function chainAround(text: string, operand: number, at: number): Join | undefined {
  let start = operand;
  for (let operands = 0; operands < CONTEXT; operands++) {
    const before = operandBefore(text, start);
    if (before === undefined || at - before > MAX_CHAIN) break;
    start = before;
  }
  const receiver = concatReceiver(text, start);
  const concat =
    receiver !== undefined && at - receiver <= MAX_CHAIN ? joinAt(text, receiver) : undefined;
  if (concat && concat.end > at) return concat;
  const join = joinAt(text, start);
  return join && join.end > at ? join : undefined;
}

/** `.concat(` of a string, as TypeScript (target ES5) and Babel compile a template. */
export const CONCAT = '.concat(';

/**
 * The string whose `.concat(` calls the operand at `start` is an argument of
 * (`"https://".concat(BUCKET, ".s3.amazonaws.com/").concat(key)`), when it is one.
 */
function concatReceiver(text: string, start: number): number | undefined {
  const before = skipBlanksBack(text, start);
  if (text[before] !== ',' && text[before] !== '(') return undefined;
  // Sought a short way back only: each string of a long array is preceded by a comma too.
  const from = Math.max(0, start - MAX_BACK);
  const stretch = text.slice(from, before + 1);
  let call = stretch.lastIndexOf(CONCAT);
  for (let calls = 0; call >= 0 && calls < MAX_OPERANDS; calls++) {
    const receiverEnd = from + call - 1;
    if (text[receiverEnd] !== ')') return stringStart(text, receiverEnd);
    call = stretch.lastIndexOf(CONCAT, call - 1);
  }
  return undefined;
}

/**
 * The chain that starts at `at` (a literal, a template or a name), when one does: operands joined
 * with `+` or passed to a string's `.concat(…)`.
 */
export function joinAt(text: string, at: number): Join | undefined {
  const parts: JoinPart[] = [];
  const starts: number[] = [];
  let pos = at;
  let operands = 0;
  let cut = false;
  // Inside the arguments of a string's `.concat(…)`, which join as `+` does.
  let concat = false;
  for (;;) {
    const operand = readOperand(text, pos);
    if (!operand) break;
    pushAll(parts, operand.parts);
    starts.push(pos);
    operands++;
    pos = operand.end;
    cut = operands >= MAX_OPERANDS || pos - at > MAX_CHAIN;
    if (cut) break;
    let next = skipBlanks(text, pos);
    if (concat && text[next] === ')') {
      pos = next + 1;
      next = pos;
      concat = false;
    }
    // A string's, or the string a `.concat(…)` before returns (no other operand ends with `)`).
    if (
      !concat &&
      text.startsWith(CONCAT, next) &&
      (QUOTES.includes(text[pos - 1]!) || text[pos - 1] === ')')
    )
      concat = true;
    else if (!(concat && text[next] === ',') && !isPlus(text, next)) break;
    pos = skipBlanks(text, next + (text[next] === '.' ? CONCAT.length : 1));
  }
  if (operands === 0) return undefined;
  const through = cut ? starts[Math.max(0, operands - CONTEXT)]! : pos;
  return { start: at, end: pos, parts, operands, through };
}

/** The quote that opens the literal around `at`: the nearest of `quotes` before it on its line. */
function openingQuote(text: string, at: number, quotes: string): number | undefined {
  for (let i = at - 1; i >= 0 && at - i <= MAX_BACK; i--) {
    const c = text[i]!;
    if (c === '\n') return undefined;
    if (quotes.includes(c) && !escaped(text, i)) return i;
  }
  return undefined;
}

/** Whether a name starts at `at` that a `+` joins (`"https://" + B + HOST`). */
function isNameOperand(text: string, at: number): boolean {
  if (!isNameStart(text, at) || isNameChar(text, at - 1)) return false;
  const operand = readOperand(text, at);
  return (
    operand !== undefined &&
    (isPlus(text, skipBlanksBack(text, at)) || isPlus(text, skipBlanks(text, operand.end)))
  );
}

/** Where the operand joined by a `+` before `start` starts, when one is. */
function operandBefore(text: string, start: number): number | undefined {
  const plus = skipBlanksBack(text, start);
  if (!isPlus(text, plus)) return undefined;
  const last = skipBlanksBack(text, plus);
  const c = text[last];
  if (c === undefined) return undefined;
  if (QUOTES.includes(c)) return stringStart(text, last);
  let i = last + 1;
  while (i > 0 && last - i < 256) {
    if (isNameChar(text, i - 1) || text[i - 1] === '.') i--;
    else if (text[i - 1] === ']') {
      // A key or index (`cfg["bucket"]`, `list[0]`): its `[`, if what it opens reads as one.
      const from = Math.max(0, i - MAX_KEY);
      const open = from + text.slice(from, i).lastIndexOf('[');
      INDEX.lastIndex = open;
      if (open < from || !INDEX.test(text) || INDEX.lastIndex !== i) break;
      i = open;
    } else break;
  }
  return isNameStart(text, i) ? i : undefined;
}

/** Where the string literal whose closing quote is at `last` opens, on the same line. */
function stringStart(text: string, last: number): number | undefined {
  const quote = text[last]!;
  if (!QUOTES.includes(quote)) return undefined;
  for (let i = last - 1; i >= 0 && last - i <= MAX_CHAIN; i--) {
    if (text[i] === '\n') return undefined;
    if (text[i] === quote && !escaped(text, i)) return i;
  }
  return undefined;
}
