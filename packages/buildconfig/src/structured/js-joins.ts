/**
 * Strings that JavaScript text joins, read as text and never run: a `+` chain of string literals,
 * templates and names (`"https://" + BUCKET + ".s3.amazonaws.com/" + key`), and the names a file
 * declares a string (`const BUCKET = "acme-releases"`). For shipped bundles, which may be megabytes
 * on one line: every reading is a forward or backward walk over a bounded stretch of characters,
 * and no regular expression backtracks more than a bounded run.
 */

/** A part of a joined string: its text, or a name (or member, `cfg.bucket`) to look up. */
export type JoinPart = string | { readonly name: string };

export interface Join {
  /** Where the chain is written: offsets into the text, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly parts: readonly JoinPart[];
  /** How many operands are joined (a template alone is one). */
  readonly operands: number;
}

/** A chain longer than this, in characters or operands, is read no further. */
const MAX_CHAIN = 2048;
const MAX_OPERANDS = 32;
const MAX_ALTERNATIVES = 8;
/** How far back from a place in a string its opening quote is looked for. */
const MAX_BACK = 512;

const QUOTES = '"\'`';
const NAME_START = /[A-Za-z_$]/;
const NAME_CHAR = /[\w$]/;

/**
 * The `+` chain whose string literal or template holds `at`: from its first operand to its last.
 * Undefined when no quote opens a literal before `at` on its line.
 */
export function joinAround(text: string, at: number): Join | undefined {
  let start = openingQuote(text, at);
  if (start === undefined) return undefined;
  for (let operands = 1; operands < MAX_OPERANDS; operands++) {
    const before = operandBefore(text, start);
    if (before === undefined || at - before > MAX_CHAIN) break;
    start = before;
  }
  const join = joinAt(text, start);
  return join && join.end > at ? join : undefined;
}

/** The `+` chain that starts at `at` (a literal, a template or a name), when one does. */
export function joinAt(text: string, at: number): Join | undefined {
  const parts: JoinPart[] = [];
  let pos = at;
  let operands = 0;
  for (;;) {
    const operand = readOperand(text, pos);
    if (!operand) break;
    parts.push(...operand.parts);
    operands++;
    pos = operand.end;
    const plus = skipBlanks(text, pos);
    if (operands >= MAX_OPERANDS || pos - at > MAX_CHAIN || !isPlus(text, plus)) break;
    pos = skipBlanks(text, plus + 1);
  }
  return operands === 0 ? undefined : { start: at, end: pos, parts, operands };
}

/**
 * The chains of a value that falls back from one to the next (`process.env.BUCKET || "acme"`,
 * `a ?? b`), from `at`: each is a value it may have.
 */
export function alternativesAt(text: string, at: number): Join[] {
  const joins: Join[] = [];
  for (let join = joinAt(text, at); join;) {
    joins.push(join);
    const or = skipBlanks(text, join.end);
    const op = text.slice(or, or + 2);
    if (joins.length >= MAX_ALTERNATIVES || (op !== '||' && op !== '??')) break;
    join = joinAt(text, skipBlanks(text, or + 2));
  }
  return joins;
}

/** The joined string, each name its `value`, or written as a template's placeholder when unknown. */
export function joinedText(join: Join, value: (name: string) => string | undefined): string {
  return join.parts
    .map((part) => (typeof part === 'string' ? part : (value(part.name) ?? `\${${part.name}}`)))
    .join('');
}

/** Whether a name of the join has a `value`. */
export function resolvesAName(join: Join, value: (name: string) => string | undefined): boolean {
  return join.parts.some((part) => typeof part !== 'string' && value(part.name) !== undefined);
}

/**
 * `= "…"` ending an expression, or `|| "…"` and `?? "…"` ending a fallback, its value lower-case URL
 * characters (a bucket name, a host, a URL): what a declaration of such a constant assigns. The
 * value is taken whole in a lookahead, so a string of other characters fails at once rather than
 * after trying each shorter run; the name and `const` before it are read backwards (`DECLARED`),
 * which costs far less than starting a pattern at every word.
 */
const ASSIGNED =
  /(?:=|\|\||\?\?)[ \t]{0,16}(["'`])(?=([a-z0-9._\-/:~%]{1,256}))\2\1(?=[ \t]{0,16}(?:[,;)}\]\r\n]|$))/g;
/**
 * The declared name before `=`, or before the `||` of `NAME = process.env.BUCKET || "…"`, whose
 * string is a value the name may have whatever the environment is.
 */
const DECLARED =
  /(?:(?:^|[^\w$.])(?:const|let|var)[ \t]+|,[ \t]{0,16})([A-Za-z_$][\w$]{0,63})[ \t]{0,16}$/;
const DECLARED_FALLBACK =
  /(?:(?:^|[^\w$.])(?:const|let|var)[ \t]+|,[ \t]{0,16})([A-Za-z_$][\w$]{0,63})[ \t]{0,16}=[ \t]{0,16}[\w$.]{1,128}[ \t]{0,16}$/;

/**
 * The names a file declares a string of lower-case URL characters (`const BUCKET =
 * "acme-releases"`, or `let`, `var`, and `, NAME = "…"` further in one declaration), each with
 * its one value. Scopes are not told apart: a name declared with two values has none, as a
 * template's name in a JavaScript configuration (see variables/js.ts). At most MAX_NAMES are kept.
 */
export class JsConstants {
  static readonly MAX_NAMES = 50_000;
  private readonly values = new Map<string, string | null>();
  /** A name was declared past MAX_NAMES, and stays unknown. */
  capped = false;

  /** Reads the declarations whose value starts in `[from, limit)` of `text`. */
  learn(text: string, from = 0, limit = text.length): void {
    for (const m of text.matchAll(ASSIGNED)) {
      if (m.index < from || m.index >= limit) continue;
      const declared = m[0].startsWith('=') ? DECLARED : DECLARED_FALLBACK;
      const name = declared.exec(text.slice(Math.max(0, m.index - 256), m.index))?.[1];
      if (name === undefined) continue;
      const value = m[2]!;
      const seen = this.values.get(name);
      if (seen === undefined && this.values.size >= JsConstants.MAX_NAMES) this.capped = true;
      else if (seen === undefined) this.values.set(name, value);
      else if (seen !== value) this.values.set(name, null);
    }
  }

  valueOf = (name: string): string | undefined => this.values.get(name) ?? undefined;

  /** Whether a declaration of the name was read, with one value or several. */
  declares(name: string): boolean {
    return this.values.has(name);
  }
}

/** The quote that opens the literal around `at`: the nearest before it on its line. */
function openingQuote(text: string, at: number): number | undefined {
  for (let i = at - 1; i >= 0 && at - i <= MAX_BACK; i--) {
    const c = text[i]!;
    if (c === '\n') return undefined;
    if (QUOTES.includes(c) && !escaped(text, i)) return i;
  }
  return undefined;
}

/** Where the operand joined by a `+` before `start` starts, when one is. */
function operandBefore(text: string, start: number): number | undefined {
  const plus = skipBlanksBack(text, start);
  if (!isPlus(text, plus)) return undefined;
  const last = skipBlanksBack(text, plus);
  const c = text[last];
  if (c === undefined) return undefined;
  if (QUOTES.includes(c)) {
    for (let i = last - 1; i >= 0 && last - i <= MAX_CHAIN; i--) {
      if (text[i] === '\n') return undefined;
      if (text[i] === c && !escaped(text, i)) return i;
    }
    return undefined;
  }
  let i = last;
  while (i > 0 && last - i < 256 && (NAME_CHAR.test(text[i - 1]!) || text[i - 1] === '.')) i--;
  return NAME_START.test(text[i] ?? '') ? i : undefined;
}

interface Operand {
  readonly end: number;
  readonly parts: readonly JoinPart[];
}

function readOperand(text: string, at: number): Operand | undefined {
  const c = text[at];
  if (c === '`') return readTemplate(text, at);
  if (c === '"' || c === "'") return readString(text, at, c);
  if (c === undefined || !NAME_START.test(c)) return undefined;
  let end = at + 1;
  while (end < text.length && end - at < 256 && (NAME_CHAR.test(text[end]!) || isMember(text, end)))
    end++;
  // A call or an index is computed: not an operand this reading follows.
  if ('(['.includes(text[skipBlanks(text, end)] ?? '')) return undefined;
  return { end, parts: [{ name: text.slice(at, end) }] };
}

/** `.name` of a member: a dot followed by a name's first character. */
function isMember(text: string, i: number): boolean {
  return text[i] === '.' && NAME_START.test(text[i + 1] ?? '');
}

/** A quoted string, its characters as written (escapes are decoded where links are found). */
function readString(text: string, at: number, quote: string): Operand | undefined {
  for (let i = at + 1; i < text.length && i - at <= MAX_CHAIN; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n') return undefined;
    else if (c === quote) return { end: i + 1, parts: [text.slice(at + 1, i)] };
  }
  return undefined;
}

/** A template: its text, and each `${name}` part a name; any other part stays as written. */
function readTemplate(text: string, at: number): Operand | undefined {
  const parts: JoinPart[] = [];
  let last = at + 1;
  for (let i = at + 1; i < text.length && i - at <= MAX_CHAIN; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      parts.push(text.slice(last, i));
      return { end: i + 1, parts };
    } else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      if (close < 0 || close - at > MAX_CHAIN || text.slice(i, close).includes('`'))
        return undefined;
      const inner = text.slice(i + 2, close).trim();
      const named = /^[A-Za-z_$][\w$]*$/.test(inner);
      parts.push(text.slice(last, i), named ? { name: inner } : text.slice(i, close + 1));
      last = close + 1;
      i = close;
    }
  }
  return undefined;
}

function isPlus(text: string, i: number): boolean {
  return text[i] === '+' && text[i - 1] !== '+' && text[i + 1] !== '+' && text[i + 1] !== '=';
}

/** Blanks around a `+`, line breaks included (a formatter breaks long chains), a few lines' worth. */
const MAX_BLANKS = 64;

function skipBlanks(text: string, i: number): number {
  const stop = Math.min(text.length, i + MAX_BLANKS);
  while (i < stop && /\s/.test(text[i]!)) i++;
  return i;
}

/** The last character before `i` that is not blank. */
function skipBlanksBack(text: string, i: number): number {
  const stop = Math.max(-1, i - 1 - MAX_BLANKS);
  let j = i - 1;
  while (j > stop && /\s/.test(text[j]!)) j--;
  return j;
}

function escaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}
