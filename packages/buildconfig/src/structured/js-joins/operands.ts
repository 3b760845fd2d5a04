import { isNameChar, isNameStart, skipBlanks } from './characters.js';
import { alternativesAt } from './expressions.js';
import { MAX_CHAIN, type JoinPart } from './join.js';
import { valuesOf } from './joinings.js';

interface Operand {
  readonly end: number;
  readonly parts: readonly JoinPart[];
}

export function readOperand(text: string, at: number): Operand | undefined {
  const c = text[at];
  if (c === '`') return readTemplate(text, at);
  if (c === '"' || c === "'") return readString(text, at, c);
  const named = nameAt(text, at);
  // A call or an index is computed: not an operand this reading follows.
  if (!named || '(['.includes(text[skipBlanks(text, named.end)] ?? '')) return undefined;
  return { end: named.end, parts: [{ name: named.name }] };
}

/**
 * `["bucket"]` of a member written with a string key (`cfg["bucket"]`), read as `.bucket`; `[0]`
 * of an element at a number (`list[0]`), read as `.0`; `[i]` of one at a name, read as `.*`, which
 * may be each element (see `literalAt`).
 */
export const INDEX =
  /\[[ \t]{0,16}(?:(["'])([A-Za-z_$][\w$]{0,63})\1|(\d{1,4})|[A-Za-z_$][\w$]{0,63})[ \t]{0,16}\]/y;
/** How long a key or an index, brackets and all, may be. */
export const MAX_KEY = 100;
/** The member of an array (`list.*`) that an index of a name (`list[i]`) reads. */
export const ANY_ELEMENT = '*';

/**
 * The name from `at` (or member: `cfg.bucket`, `cfg["bucket"]`, named `cfg.bucket`; or element:
 * `list[0]`, `list[i]`, named `list.0`, `list.*`), and its end.
 */
function nameAt(text: string, at: number): { name: string; end: number } | undefined {
  if (!isNameStart(text, at)) return undefined;
  let name = '';
  let end = at;
  for (;;) {
    const from = end;
    while (end - at < 256 && (isNameChar(text, end) || isMember(text, end))) end++;
    name += text.slice(from, end);
    INDEX.lastIndex = end;
    const key = text[end] === '[' && end - at < 256 ? INDEX.exec(text) : null;
    if (!key) return { name, end };
    name += `.${key[2] ?? key[3] ?? ANY_ELEMENT}`;
    end = INDEX.lastIndex;
  }
}

/** `.name` of a member: a dot followed by a name's first character. */
function isMember(text: string, i: number): boolean {
  return text[i] === '.' && isNameStart(text, i + 1);
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

/**
 * A template: its text, and each `${name}` or `${name.member}` part a name; any other part stays
 * as written.
 */
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
      const member = nameAt(inner, 0);
      const named = member?.end === inner.length ? member.name : undefined;
      let bounded = false;
      const alternatives = named
        ? []
        : alternativesAt(text.slice(0, close), skipBlanks(text, i + 2), () => (bounded = true));
      const values = valuesOf(alternatives);
      parts.push(
        text.slice(last, i),
        named
          ? { name: named }
          : values.length > 0 || bounded
            ? { name: inner, values, ...(bounded ? { bounded: true as const } : {}) }
            : text.slice(i, close + 1),
      );
      last = close + 1;
      i = close;
    }
  }
  return undefined;
}
