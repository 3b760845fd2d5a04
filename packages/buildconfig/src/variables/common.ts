/** What the resolvers share: placeholders, assignments, and which values may be resolved. */
import { looksSecret } from '@posture/model';
import type { Span, StructuredDoc } from '../structured/doc.js';
import type { Sourcing } from './shell.js';

/** A placeholder at `[start, end)` that stands for `value`. */
export interface Substitution {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** A variable's value from `offset` on; `undefined` when it is not statically known. */
export interface Assignment {
  readonly offset: number;
  readonly name: string;
  readonly value: string | undefined;
}

/** A placeholder that names a variable. */
export interface Use {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  /** `${NAME:-value}`: what it stands for when the variable has no value. */
  readonly fallback?: string;
}

/**
 * Variables a place of the file is given from outside the lists the file keeps them in, which win
 * over those: one instance of a GitLab `parallel: matrix` job, the inputs a step gives a composite
 * action (`inputs.name`). A script is given the environment it is run with (the variables of the
 * CI job that runs it), which its own assignments change from where they are made.
 */
export type Given = ReadonlyMap<string, string>;

/**
 * The substitutions of the file's `text` within `span` (one document of a multi-document YAML
 * file, or the whole file), given its parsed document, the variables the place is `given` and what
 * the scripts it sources assign (`sourcings`). `outgrown` is called when the values it makes for
 * the file reach `MAX_RESOLVED_GROWTH`, past which it makes none.
 */
export type Resolver = (
  text: string,
  doc: StructuredDoc | undefined,
  span: Span,
  given?: Given,
  sourcings?: readonly Sourcing[],
  outgrown?: () => void,
) => Substitution[];

/**
 * What resolving a file's variables may add to the text it reads, in characters: each value is
 * bounded (`MAX_VALUE`), but a file of many uses of long values (`ENV A=${A}${A}` on each line)
 * would otherwise be read as a text thousands of times its size.
 */
export const MAX_RESOLVED_GROWTH = 4 * 1024 * 1024;

/** A value longer than this is no bucket or URL; stopping there also bounds crafted growth. */
export const MAX_VALUE = 2048;

/**
 * What a resolved value may hold: words of the characters of bucket names, paths, versions and
 * options, nothing more, separated by single spaces. A value of several words (`--acl public-read`)
 * is read in the commands that use it, never as a bucket or a URL (see `oneWord`), and so may hold
 * an option's `=` (`--cache-control max-age=300`), as may one word that is an option
 * (`--acl=public-read`).
 */
const LITERAL = /^(?:[\w.\-/:+~]+|-[\w.\-/:+~=]+|[\w.\-/:+~=]+(?: [\w.\-/:+~=]+)+)$/;
/** A CI's template expression, `${{ github.ref_name }}`: one word, whatever spaces it holds. */
const EXPRESSION = String.raw`\$\{\{[^{}]*\}\}`;
/**
 * Placeholders a value may keep as written: variables no assignment in force gives a value (the
 * CI's, the environment's), filled in when the build runs. `$NAME`, `${NAME}` and a CI's
 * `${{ expression }}`; never a shell's `$(command)`.
 */
export const PLACEHOLDERS = new RegExp(
  String.raw`${EXPRESSION}|\$\{[A-Za-z_]\w*\}|\$[A-Za-z_]\w*`,
  'g',
);
/**
 * `$NAME`, `${NAME}` and `${NAME:-fallback}` (or `-`) in a shell script, and its positional
 * parameters `$1` to `$9` and `${N}` (see `commandArguments`); `\$NAME` and `$$` are not uses.
 * `${NAME:=fallback}` (or `=`) stands for the same, and also assigns it (`shellAssignments`).
 */
export const SHELL_USE =
  /(?<![\\$])\$(?:\{(?<brace>[A-Za-z_]\w*|[1-9]\d*)(?::?[-=](?<fallback>[^}$]*))?\}|(?<bare>[A-Za-z_]\w*|[1-9]))/g;
/** Any `NAME=` in a run script: an assignment, or a line written to `$GITHUB_ENV` for later steps. */
export const RUN_ASSIGNMENT = /(?<![\w.$-])(?<name>[A-Za-z_]\w*)=/g;

export function use(m: RegExpMatchArray, name: string | undefined): Use {
  const start = m.index ?? 0;
  const fallback = m.groups?.fallback;
  return { start, end: start + m[0].length, name: name ?? '', ...(fallback && { fallback }) };
}

/**
 * The value, when the variable is not a credential and the value is a literal but for the
 * `placeholders` it keeps as written, none of which names a credential either. Such a value is
 * only partly known: `s3://releases/agent/$CHANNEL` still names its bucket, and only the path stays
 * unknown, as it would written in place. A placeholder in the bucket's part leaves no bucket name
 * there (`s3://$BUCKET/x`), so it names none.
 */
export function known(
  name: string,
  value: string | undefined,
  placeholders: RegExp = PLACEHOLDERS,
): string | undefined {
  if (value === undefined || looksSecret(name)) return undefined;
  return isLiteral(value, placeholders) ? value : undefined;
}

/**
 * What `isLiteral` answered, by placeholders and value: a script is read again for each
 * environment it is run with and makes the same values each time (the sixteen levels of scripts
 * in ci-environments.e2e.test.ts ask of 111 values 586,617 times, which took half the scan). It
 * keeps values up to `MAX_VALUE` long, as copies (a value sliced from a file would keep the file's
 * text alive), and forgets them all past `REMEMBERED` characters, each value counted with `ENTRY`
 * more for its place in the map; the answers for a regex no longer used go with it.
 */
let answers = new WeakMap<RegExp, Map<string, boolean>>();
let answeredChars = 0;
const REMEMBERED = 1024 * 1024;
const ENTRY = 32;

/** Whether `value` is a literal but for its `placeholders`, none of which names a credential. */
function isLiteral(value: string, placeholders: RegExp): boolean {
  const answer = answers.get(placeholders)?.get(value);
  if (answer !== undefined) return answer;
  let secret = false;
  const literal = value.replace(placeholders, (placeholder) => {
    secret ||= looksSecret(placeholder);
    return '_';
  });
  const result = !secret && LITERAL.test(literal);
  if (value.length <= MAX_VALUE) remember(placeholders, value, result);
  return result;
}

function remember(placeholders: RegExp, value: string, answer: boolean): void {
  answeredChars += value.length + ENTRY;
  if (answeredChars > REMEMBERED) {
    answers = new WeakMap();
    answeredChars = value.length + ENTRY;
  }
  let byValue = answers.get(placeholders);
  if (!byValue) answers.set(placeholders, (byValue = new Map()));
  byValue.set(value.split('').join(''), answer);
}

/** The substitutions of one word: only those may name a bucket or make a URL. */
export function oneWord(subs: readonly Substitution[]): Substitution[] {
  const expression = new RegExp(EXPRESSION, 'g');
  return subs.filter((sub) => !sub.value.replace(expression, '_').includes(' '));
}

export function substitutions(
  uses: readonly Use[],
  valueOf: (use: Use) => string | undefined,
): Substitution[] {
  return uses.flatMap((u) => {
    // The fallback is written in the file: a static link whatever the deploy sets the variable to.
    const value = valueOf(u) ?? known(u.name, u.fallback);
    return value === undefined ? [] : [{ start: u.start, end: u.end, value }];
  });
}

/** A variable's value in force at some point; undefined when it is not statically known. */
export type Lookup = (name: string) => string | undefined;

/**
 * `$NAME`, `${NAME}` and `${NAME:-fallback}` uses in `text`, in order. Each match is let go once
 * read: all of them at once, with their groups, took 170 MB for 4 MB of `ENV A=${A}${A}` lines.
 */
export function shellUses(text: string): Use[] {
  return Array.from(text.matchAll(SHELL_USE), (m) => use(m, m.groups?.brace ?? m.groups?.bare));
}

/**
 * `value` with its variables (the shell's, unless `usesOf` finds another language's) replaced by
 * the values in force, as `substitutions` replaces them in a file; one with no value in force stays
 * as written, for `known` to judge.
 */
export function expand(
  value: string,
  lookup: Lookup,
  usesOf: (text: string) => Use[] = shellUses,
): string | undefined {
  const result = substituted(
    value,
    substitutions(usesOf(value), (u) => lookup(u.name)),
  );
  return result.length > MAX_VALUE ? undefined : result;
}

/** `text` from `start` to `end` with the substitutions (in order) that lie inside it made. */
export function substituted(
  text: string,
  subs: readonly Substitution[],
  start = 0,
  end = text.length,
): string {
  let result = '';
  let last = start;
  for (const sub of subs) {
    if (sub.start < start || sub.end > end) continue;
    result += text.slice(last, sub.start) + sub.value;
    last = sub.end;
  }
  return result + text.slice(last, end);
}

/** A use found in a slice of a text, at its place in the whole text. */
export function shifted(u: Use, by: number): Use {
  return { ...u, start: u.start + by, end: u.end + by };
}
