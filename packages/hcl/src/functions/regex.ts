/**
 * Terraform's regular expressions are Go's, which are RE2: matching takes time linear in the text,
 * so a crafted pattern (`^(a+)+$`) cannot stall the scan as a backtracking `RegExp` does, and the
 * syntax is Go's (`(?P<name>…)`, `(?i)`, `\A`, `\z`; no lookaround, no backreferences).
 */
import { re2js, type RE2JS, type Value } from '@posture/model';
import { objectOf } from '../eval/values.js';
import { MAX_ELEMENTS } from '../eval/unknowns.js';
import { ResultTooLarge, fail } from './function.js';

/** A compiled pattern: what the regex functions ask of one. */
export interface Pattern {
  groupCount(): number;
  /** Each named group's number. */
  namedGroups(): Readonly<Record<string, number>>;
  /** The first match, with its groups after it. */
  first(text: string): MatchIndexes | undefined;
  /** Go's `FindAllStringSubmatchIndex`, up to `limit` matches. */
  all(text: string, limit: number): MatchIndexes[];
}

/** Where a match and its groups are in the text: start and end of each, -1 for a group that took no part. */
type MatchIndexes = readonly number[];

/** Printable ASCII, and RE2's metacharacters, in a pattern: one of the first without the second is text. */
const PRINTABLE = /^[\x20-\x7e]+$/;
const METACHARACTER = /[\\.+*?()|[\]{}^$]/;

/**
 * RE2 matches in time linear in the text, but times the pattern's size and, to keep its groups,
 * their number: `regexall` of 2,000 `(a?)` groups and 2,000 `a` against 2,000 `a` (a 16 KB file)
 * took 52 s, 64 KB 5.6 GB and minutes. Patterns longer than this, or whose match against a text
 * would take more steps than `MAX_MATCH_STEPS`, are too large to evaluate; Terraform's are tens of
 * characters.
 */
const MAX_PATTERN = 10_000;
const MAX_MATCH_STEPS = 100_000_000;

export function compileRegex(pattern: string): Pattern {
  if (PRINTABLE.test(pattern) && !METACHARACTER.test(pattern)) return literal(pattern);
  if (pattern.length > MAX_PATTERN)
    throw new ResultTooLarge(`a pattern of more than ${MAX_PATTERN} characters`);
  // Outside the try: an engine that could not be loaded is not a bad pattern.
  const engine = re2js();
  let re: RE2JS;
  try {
    re = engine.compile(pattern);
  } catch (error) {
    return fail(`invalid regular expression: ${(error as Error).message}`);
  }
  const within = (text: string): string => {
    if (text.length * pattern.length * (re.groupCount() + 1) > MAX_MATCH_STEPS)
      throw new ResultTooLarge(
        `a match of ${re.groupCount()} groups in a pattern of ${pattern.length} characters against ${text.length} characters`,
      );
    return text;
  };
  return {
    groupCount: () => re.groupCount(),
    namedGroups: () => re.namedGroups(),
    first: (text) => (re.re2().findSubmatchIndex(within(text)) as number[] | null) ?? undefined,
    all: (text, limit) =>
      (re.re2().findAllSubmatchIndex(within(text), limit) as number[][] | null) ?? [],
  };
}

/**
 * A pattern that is plain text matches where that text is, in RE2 as anywhere: it is looked for
 * without loading re2js, which takes longer to load (15-20 ms) than most scans spend matching.
 */
function literal(text: string): Pattern {
  return {
    groupCount: () => 0,
    namedGroups: () => ({}),
    first: (within) => {
      const start = within.indexOf(text);
      return start < 0 ? undefined : [start, start + text.length];
    },
    all: (within, limit) => {
      const found: MatchIndexes[] = [];
      let start = within.indexOf(text);
      while (start >= 0 && found.length < limit) {
        found.push([start, start + text.length]);
        start = within.indexOf(text, start + text.length);
      }
      return found;
    },
  };
}

/**
 * Go's `FindAllStringSubmatchIndex`: an empty match right after a match does not count. Past a
 * million matches (a text of millions of characters has as many empty ones), too many to evaluate.
 */
export function boundedMatches(re: Pattern, text: string): MatchIndexes[] {
  const all = re.all(text, MAX_ELEMENTS + 1);
  if (all.length > MAX_ELEMENTS) throw new ResultTooLarge(`more than ${MAX_ELEMENTS} matches`);
  return all;
}

/** The name of each of a pattern's groups, in order (undefined for a numbered one), once checked. */
export type Groups = readonly (string | undefined)[];

/** A pattern's groups; Terraform rejects a pattern that mixes named and numbered ones. */
export function groupsOf(re: Pattern): Groups {
  const names: (string | undefined)[] = Array.from({ length: re.groupCount() });
  for (const [name, i] of Object.entries(re.namedGroups())) names[i - 1] = name;
  const named = names.filter((name) => name !== undefined).length;
  if (named > 0 && named < names.length) fail('cannot mix both named and unnamed capture groups');
  return names;
}

/**
 * What `regex` and `regexall` make of a match: the matched text when the pattern has no groups, a
 * list of the groups when they are numbered, an object when they are named; a group that took no
 * part is null.
 */
export function matchValue(groups: Groups, text: string, match: MatchIndexes): Value {
  if (groups.length === 0) return group(text, match, 0);
  const values = groups.map((_name, i) => group(text, match, i + 1));
  if (groups[0] === undefined) return values;
  return objectOf(groups.map((name, i) => [name as string, values[i] ?? null]));
}

function group(text: string, match: MatchIndexes, i: number): string | null {
  const start = match[2 * i] ?? -1;
  return start < 0 ? null : text.slice(start, match[2 * i + 1]);
}

/**
 * Go's `ReplaceAllString`, as parts to join: each match replaced by `replacement` with `$1`, `${1}`,
 * `$name` and `${name}` expanded (a name is the longest run of letters, digits and `_`; one no group
 * has is empty) and `$$` a dollar.
 */
export function* replacedMatches(
  re: Pattern,
  text: string,
  replacement: string,
): Generator<string> {
  const names = re.namedGroups();
  let last = 0;
  for (const match of boundedMatches(re, text)) {
    const [start = 0, end = 0] = match;
    yield text.slice(last, start);
    yield expand(replacement, text, match, names);
    last = end;
  }
  yield text.slice(last);
}

const REFERENCE = /\$(?:(\$)|\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/gu;

function expand(
  template: string,
  text: string,
  match: MatchIndexes,
  names: Readonly<Record<string, number>>,
): string {
  return template.replace(REFERENCE, (_whole, dollar?: string, braced?: string, bare?: string) => {
    if (dollar) return '$';
    const name = (braced ?? bare) as string;
    // A number with a leading zero is a name, as in Go.
    const i = /^(?:0|[1-9]\d{0,7})$/.test(name)
      ? Number(name)
      : Object.hasOwn(names, name)
        ? names[name]
        : undefined;
    return (i !== undefined && group(text, match, i)) || '';
  });
}
