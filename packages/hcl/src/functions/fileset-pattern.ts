/**
 * `fileset`'s patterns, as Terraform reads them: the library it globs with (doublestar, version 1)
 * splits the path joined to the pattern at each `/`, and matches a name against each part with `*`
 * (any characters), `?` (one), `[…]` and `[^…]` classes of characters and ranges, `{a,b}`
 * alternatives and `\` escapes; a part that is `**` alone stands for any number of directories.
 * Each part is matched by re2js, in time linear in the name: a part such as `*a*a*a*a*b`, which
 * doublestar backtracks through, cannot stall the scan.
 */
import { re2js } from '@posture/model';
import { fail } from './function.js';

/** Any number of directories, a name as written, or a test of names. */
export type GlobPart =
  '**' | { readonly name: string } | { readonly test: (name: string) => boolean };

/** Where a pattern is walked from, and what it matches below there (`rest`, compiled to `parts`). */
export interface GlobPattern {
  readonly base: string;
  readonly rest: string;
  readonly parts: readonly GlobPart[];
}

/** Thrown for a pattern whose reading Posture does not follow doublestar in: not evaluated. */
class PatternNotRead extends Error {}

/** What makes a part of a pattern more than a name, for doublestar. */
const GLOB_CHARACTERS = /[*?[{\\]/;

/**
 * The path joined to the pattern, cleaned as Go's `filepath.Join` cleans it, cut where doublestar
 * cuts it: the directory its first parts name, walked from, and the parts to match below it.
 */
export function splitPattern(joined: string): GlobPattern | { readonly notRead: string } {
  const names = joined.split('/');
  const first = names.findIndex((name) => GLOB_CHARACTERS.test(name));
  const literal = first < 0 ? names : names.slice(0, first);
  const base = literal.join('/') || (joined.startsWith('/') ? '/' : '.');
  const rest = first < 0 ? '' : names.slice(first).join('/');
  try {
    return { base, rest, parts: rest === '' ? [] : globParts(rest, joined) };
  } catch (error) {
    if (error instanceof PatternNotRead) return { notRead: error.message };
    throw error;
  }
}

function globParts(rest: string, pattern: string): GlobPart[] {
  return rest.split('/').map((part) => {
    if (part === '**') return '**';
    if (!GLOB_CHARACTERS.test(part)) return { name: part };
    const re = re2js().compile(`(?s)^(?:${translate(part, pattern)})$`);
    return { test: (name: string) => re.testExact(name) };
  });
}

/** The RE2 source of one part; a pattern doublestar refuses fails as Terraform's call does. */
function translate(part: string, pattern: string): string {
  const bad = (): never => fail(`failed to glob pattern ${pattern}: syntax error in pattern`);
  let out = '';
  for (let i = 0; i < part.length;) {
    const c = part[i]!;
    if (c === '\\') {
      const escaped = part[i + 1];
      if (escaped === undefined) bad();
      out += quote(escaped!);
      i += 2;
    } else if (c === '*') {
      out += '.*';
      i++;
    } else if (c === '?') {
      out += '.';
      i++;
    } else if (c === '[') {
      const end = unescapedIndex(part, ']', i + 1);
      if (end < 0) bad();
      out += characterClass(part.slice(i + 1, end)) ?? bad();
      i = end + 1;
    } else if (c === '{') {
      const end = unescapedIndex(part, '}', i + 1);
      if (end < 0) bad();
      out += `(?:${alternatives(part.slice(i + 1, end), pattern).join('|')})`;
      i = end + 1;
    } else {
      out += quote(c);
      i++;
    }
  }
  return out;
}

/**
 * doublestar matches each alternative followed by the rest of the part: the same as a group, but
 * for an alternative that opens a brace or class another closes (`{a,{b,c}}`), where its reading
 * is an accident of how it looks for the end.
 */
function alternatives(body: string, pattern: string): string[] {
  const options = splitUnescaped(body, ',');
  if (options.some((option) => option.includes('{') || unclosedClass(option)))
    throw new PatternNotRead(`a brace inside a brace in ${pattern} is not evaluated`);
  return options.map((option) => translate(option, pattern));
}

function unclosedClass(option: string): boolean {
  const open = unescapedIndex(option, '[', 0);
  return open >= 0 && unescapedIndex(option, ']', open + 1) < 0;
}

/**
 * A class as doublestar reads it: `^` first negates it; each member a character or a range
 * `lo-hi`, either escaped with `\`; a `-` anywhere else, or nothing in it, is a bad pattern.
 * Undefined when it is bad.
 */
function characterClass(body: string): string | undefined {
  const runes = [...body];
  if (runes.length === 0) return undefined;
  const negated = runes[0] === '^';
  const ranges: string[] = [];
  let i = negated ? 1 : 0;
  const member = (): number | undefined => {
    let rune = runes[i++];
    if (rune === '-') return undefined;
    if (rune === '\\') rune = runes[i++];
    return rune?.codePointAt(0);
  };
  while (i < runes.length) {
    const low = member();
    if (low === undefined) return undefined;
    let high = low;
    if (runes[i] === '-') {
      i++;
      if (i >= runes.length) return undefined;
      const upper = member();
      if (upper === undefined) return undefined;
      high = upper;
    }
    // A range backwards holds nothing, where RE2 would refuse it.
    if (low <= high) ranges.push(`\\x{${low.toString(16)}}-\\x{${high.toString(16)}}`);
  }
  if (ranges.length === 0) return negated ? '.' : '[^\\x{0}-\\x{10ffff}]';
  return `[${negated ? '^' : ''}${ranges.join('')}]`;
}

/** Where `c` is first at or after `from` with no `\` just before it, as doublestar looks; or -1. */
function unescapedIndex(text: string, c: string, from: number): number {
  for (let i = text.indexOf(c, from); i >= 0; i = text.indexOf(c, i + 1)) {
    if (text[i - 1] !== '\\') return i;
  }
  return -1;
}

function splitUnescaped(text: string, separator: string): string[] {
  const parts: string[] = [];
  let start = 0;
  for (
    let i = unescapedIndex(text, separator, 0);
    i >= 0;
    i = unescapedIndex(text, separator, i + 1)
  ) {
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

function quote(c: string): string {
  return /[\\.+*?()|[\]{}^$]/.test(c) ? `\\${c}` : c;
}
