import { braceExpand, Minimatch, type MinimatchOptions } from 'minimatch';

/** A glob npm or vsce would take too long to match: why, worded to follow "the glob". */
export class GlobTooCostly extends Error {}

/**
 * Longer globs are refused: minimatch's own bound is 64 KiB, where parsing one braced or nested
 * twenty thousand deep takes a second, and extglobs nested thousands deep overflow its stack.
 */
const MAX_GLOB_LENGTH = 1024;
/** Globs one glob's braces may stand for: `{a,b}` twenty times over is a million. */
const MAX_ALTERNATIVES = 256;
/**
 * Wildcards that repeat (`*`, and `*` or `+` inside an extglob) one segment's RegExp may hold and
 * still take at most quadratic time in the segment, a name of at most 255 bytes.
 */
const MAX_REPEATS = 2;
/** What minimatch puts first in a segment's RegExp, with `dot`, to keep `*` off `.` and `..`. */
const DOT_GUARD = String.raw`(?!(?:^|\/)\.\.?(?:$|\/))`;
const STAR = '[^/]*?';
const STAR_ONE = '[^/]+?';

/**
 * A glob the package holds (package.json `files` and `workspaces`, an `.npmignore`, `.gitignore` or
 * `.vscodeignore` line), compiled by minimatch as npm and vsce compile it, to a matcher that takes
 * no more than linear time, or `GlobTooCostly`. minimatch turns each path segment of a glob into a
 * RegExp that backtracks: `dist/a*a*a*a*a*a*a*a*a*a*a*b` took minutes against a 60-character name,
 * each star more multiplying it. A segment of text, classes, `?` and more than two `*` is matched
 * piece by piece instead (`piecesTest`), with minimatch's own RegExp for each piece, so it matches
 * just what minimatch matches. What cannot be matched so is refused, and the caller fails closed:
 * a repeated group (`+(a|aa)`, exponential however short), more than two repeats with an extglob,
 * more than 256 brace alternatives (minimatch makes up to 100,000, each matched on its own), a glob
 * over 1,024 characters. No glob of a real package comes near.
 *
 * `strict`: refuses what would be matched piece by piece too, for a glob that another matcher,
 * which cannot be given that test (fast-glob), reads.
 */
export function boundedMinimatch(
  pattern: string,
  options: MinimatchOptions,
  strict = false,
): Minimatch {
  if (pattern.length > MAX_GLOB_LENGTH)
    throw new GlobTooCostly(`is longer than ${MAX_GLOB_LENGTH} characters`);
  const expanded = braceExpand(pattern, { ...options, braceExpandMax: MAX_ALTERNATIVES + 1 });
  if (expanded.length > MAX_ALTERNATIVES)
    throw new GlobTooCostly(`stands for more than ${MAX_ALTERNATIVES} globs through its braces`);
  const matcher = new Minimatch(pattern, options);
  for (const part of matcher.set.flat()) {
    // minimatch's own tests of the common shapes (`*.js`) are linear already.
    if (part instanceof RegExp && part.test === RegExp.prototype.test) bound(part, strict);
  }
  return matcher;
}

/** Gives a segment's RegExp that could take more than quadratic time a linear test, or refuses it. */
function bound(part: RegExp, strict: boolean): void {
  const body = part.source.slice(1, -1);
  const guarded = body.startsWith(DOT_GUARD);
  const pieces = starPieces(guarded ? body.slice(DOT_GUARD.length) : body);
  const repeats = pieces ? pieces.length - 1 : repeatsIn(body);
  if (repeats <= MAX_REPEATS) return;
  if (!pieces || strict)
    throw new GlobTooCostly(
      pieces
        ? `has more than ${MAX_REPEATS} wildcards in one path segment`
        : `repeats a group, or has more than ${MAX_REPEATS} wildcards in one path segment with an extglob`,
    );
  const test = piecesTest(pieces, part.flags, guarded);
  // As minimatch gives its own tests to the shapes it knows.
  Reflect.defineProperty(part, 'test', { value: test });
}

/**
 * The RegExp source of a segment cut at each `*` (`[^/]*?`; `[^/]+?` is one character, then one):
 * the pieces between, each a RegExp source of single characters (text, escapes, classes, `?`).
 * Undefined when the source holds anything else: a group, an alternative, another repeat.
 */
function starPieces(source: string): string[] | undefined {
  const pieces = [''];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith(STAR, i) || source.startsWith(STAR_ONE, i)) {
      if (source.startsWith(STAR_ONE, i)) pieces[pieces.length - 1] += '[^/]';
      pieces.push('');
      i += STAR.length;
      continue;
    }
    const end = atomEnd(source, i);
    if (end === undefined) return undefined;
    pieces[pieces.length - 1] += source.slice(i, end);
    i = end;
  }
  return pieces;
}

/** Where the single character matcher at `i` ends: an escape, a class, or a plain character. */
function atomEnd(source: string, i: number): number | undefined {
  const c = source[i];
  if (c === '\\') return i + 2;
  if (c === '[') {
    let j = i + 1;
    if (source[j] === '^') j++;
    if (source[j] === ']') j++;
    for (; j < source.length && source[j] !== ']'; j++) if (source[j] === '\\') j++;
    return j < source.length ? j + 1 : undefined;
  }
  return c === undefined || '()|*+?{}.^$'.includes(c) ? undefined : i + 1;
}

/** The quantifiers of a RegExp source that repeat without bound (`*`, `+`, `{n,}`). */
function repeatsIn(source: string): number {
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '[') i = (atomEnd(source, i) ?? source.length) - 1;
    else if (c === '*' || c === '+' || (c === '{' && /^\{\d+,\}/.test(source.slice(i, i + 12))))
      count++;
  }
  // A repeated group backtracks exponentially however few the repeats: count it past the bound.
  return /\)(?:[*+]|\{\d+,)/.test(source) ? Infinity : count;
}

/**
 * A segment as `^P0[^/]*?P1…[^/]*?Pn$` matches it, in linear time: each piece matches a fixed
 * number of characters, so the first is where the text starts, the last where it ends, and each
 * other is best taken where it is first found after the one before (a `*` never passes a `/`).
 * Each piece is a sticky RegExp with the flags of the whole, so that case and Unicode are read as
 * minimatch reads them.
 */
function piecesTest(
  pieces: readonly string[],
  flags: string,
  guarded: boolean,
): (segment: string) => boolean {
  const [first, ...middle] = pieces.map((piece) => new RegExp(piece, `${flags}y`));
  const last = middle.pop();
  const unicode = flags.includes('u');
  const next = (text: string, at: number) =>
    at + (unicode && (text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
  const endAt = (piece: RegExp, text: string, at: number) => {
    piece.lastIndex = at;
    return piece.test(text) ? piece.lastIndex : -1;
  };
  /** Where `piece` first ends when it starts at `from` or after, as far as a `*` reaches; or -1. */
  const find = (piece: RegExp, text: string, from: number, whole: boolean) => {
    for (let at = from; at <= text.length; at = next(text, at)) {
      const end = endAt(piece, text, at);
      if (end >= 0 && (!whole || end === text.length)) return end;
      if (text[at] === '/') break;
    }
    return -1;
  };
  return (text) => {
    if (!first || !last || (guarded && (text === '.' || text === '..'))) return false;
    let at = endAt(first, text, 0);
    for (const piece of middle) if (at >= 0) at = find(piece, text, at, false);
    return at >= 0 && find(last, text, at, true) >= 0;
  };
}
