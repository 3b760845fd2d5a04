/**
 * The words of the shell command around a reference in text, as the shell splits them once the
 * file's variables are substituted. Nothing is executed; quoting is followed well enough to count
 * arguments.
 */
import { countBefore } from '@posture/model';
import type { Span, ValueSpan } from './structured/doc.js';
import type { Substitution } from './variables/common.js';

export interface Token {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const MAX_COMMAND = 4096;

/**
 * The words of the shell command that holds `ref`, within `span`, and the index of the word at it.
 * In a folded span (a YAML `>` block, a quoted or plain scalar over several lines), a line break is
 * a space, so a command goes on over it. The words are those the shell sees once `substitutions`
 * (the file's own variables) are made.
 */
export function commandAround(
  text: string,
  span: ValueSpan,
  ref: Span,
  substitutions: readonly Substitution[] = [],
): { tokens: Token[]; index: number } | undefined {
  const separates = span.folded ? isFoldedSeparator : isSeparator;
  const start = segmentStart(
    text,
    Math.max(span.start, ref.start - MAX_COMMAND),
    ref.start,
    separates,
  );
  const end = segmentEnd(text, ref.end, Math.min(span.end, ref.end + MAX_COMMAND), separates);
  const tokens = resolvedTokens(text, start, end, substitutions);
  const index = tokens.findIndex((token) => token.start <= ref.start && ref.start < token.end);
  return index < 0 ? undefined : { tokens, index };
}

/** A command with its variables substituted longer than this is read as written. */
const MAX_RESOLVED = 4 * MAX_COMMAND;

/**
 * The words of `text` from `start` to `end` once the substitutions inside it are made: `--acl
 * $(ACL)` and `--acl "$ACL"` are `--acl public-read` where the file states the value. A word
 * (or part of one) that comes from a value is placed at the placeholder it replaces.
 */
function resolvedTokens(
  text: string,
  start: number,
  end: number,
  substitutions: readonly Substitution[],
): Token[] {
  const inside = substitutionsIn(substitutions, start, end);
  if (inside.length === 0) return tokenize(text, start, end);
  // For each character of the resolved text, the span of the file it comes from.
  const from: number[] = [];
  const to: number[] = [];
  let resolved = '';
  let last = start;
  for (const sub of [...inside, { start: end, end, value: '' }]) {
    for (let i = last; i < sub.start; i++) {
      from.push(i);
      to.push(i + 1);
    }
    for (let i = 0; i < sub.value.length; i++) {
      from.push(sub.start);
      to.push(sub.end);
    }
    resolved += text.slice(last, sub.start) + sub.value;
    last = sub.end;
    if (resolved.length > MAX_RESOLVED) return tokenize(text, start, end);
  }
  return tokenize(resolved, 0, resolved.length).map((token) => ({
    text: token.text,
    start: from[token.start]!,
    end: to[token.end - 1]!,
  }));
}

/** The substitutions (in order) that lie within `[start, end)`, found by binary search. */
function substitutionsIn(
  substitutions: readonly Substitution[],
  start: number,
  end: number,
): readonly Substitution[] {
  const lo = countBefore(substitutions, (s) => s.start < start);
  let stop = lo;
  while (stop < substitutions.length && substitutions[stop]!.end <= end) stop++;
  return substitutions.slice(lo, stop);
}

/** Commands end at a line break (unless escaped), `;`, `|`, `&&`, `||` and backquotes. */
function isSeparator(text: string, i: number): boolean {
  const c = text[i];
  if (c === ';' || c === '|' || c === '`') return true;
  if (c === '&') return text[i - 1] === '&' || text[i + 1] === '&';
  if (c !== '\n') return false;
  const before = text[i - 1] === '\r' ? i - 2 : i - 1;
  return text[before] !== '\\';
}

/**
 * In folded text, only a blank line is a line break: one line break ending a line that a blank
 * line follows. (A YAML `>` block also keeps the line breaks around more-indented lines; commands
 * are not written so.)
 */
function isFoldedSeparator(text: string, i: number): boolean {
  if (text[i] !== '\n') return isSeparator(text, i);
  return /^[ \t\r]*\n/.test(text.slice(i + 1, i + 1 + MAX_COMMAND));
}

type Separates = (text: string, i: number) => boolean;

function segmentStart(text: string, lo: number, from: number, separates: Separates): number {
  for (let i = from - 1; i >= lo; i--) if (separates(text, i)) return i + 1;
  return lo;
}

function segmentEnd(text: string, from: number, hi: number, separates: Separates): number {
  for (let i = from; i < hi; i++) if (separates(text, i)) return i;
  return hi;
}

/**
 * Splits on unquoted white space; quotes are removed, backslashes dropped (so JSON's `\"` quotes),
 * and a template expression (`${{ github.sha }}`, `{{ .Tag }}`) stays inside its word.
 */
export function tokenize(text: string, start: number, end: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < end) {
    while (i < end && /[\s\\]/.test(text[i]!)) i++;
    if (i >= end) break;
    const tokenStart = i;
    let value = '';
    let quote: string | undefined;
    while (i < end) {
      const c = text[i]!;
      const template = quote === undefined && text.startsWith('{{', c === '$' ? i + 1 : i);
      if (template) {
        const close = text.indexOf('}}', i);
        const after = close < 0 || close + 2 > end ? end : close + 2;
        value += text.slice(i, after);
        i = after;
        continue;
      }
      i++;
      if (quote !== undefined) {
        if (c === quote) quote = undefined;
        else if (c !== '\\') value += c;
      } else if (/\s/.test(c)) {
        i--;
        break;
      } else if (c === '"' || c === "'") quote = c;
      else if (c !== '\\') value += c;
    }
    tokens.push({ text: value, start: tokenStart, end: i });
  }
  return tokens;
}
