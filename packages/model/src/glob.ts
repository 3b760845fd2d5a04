import { re2Glob } from './glob-re2.js';

/**
 * Globs a policy writes (release names and buckets, `exclude`, an exception's `file`, the paths an
 * artifact may ship), matched in time linear in the text. picomatch compiles a glob to a
 * backtracking RegExp, and the policy sits in the repository a change can edit: ten `*a` in a name
 * glob took 38 s on a 41-character bucket name, each one more multiplying it. A glob of text, `*`
 * and `?` (most globs, the default ones among them) is matched here piece by piece; any other is
 * translated to RE2 (`glob-re2.ts`).
 */
export function globTest(
  globs: readonly string[],
  options: { readonly nocase?: boolean } = {},
): (text: string) => boolean {
  const nocase = options.nocase === true;
  const tests = globs.map((glob) =>
    STAR_GLOB.test(glob) && !glob.includes('**') ? starGlob(glob, nocase) : re2Glob(glob, nocase),
  );
  return (text) => tests.some((test) => test(text));
}

/** A pattern whose only wildcards are `*` (any text, `/` too) and `?` (one character). */
export function wildcardTest(pattern: string): (text: string) => boolean {
  const pieces = pattern.split('*');
  return (text) => piecesMatch(pieces, text);
}

/** Text, `*` and `?`: no class, brace, extglob or escape, no leading `./` or `!`. */
const STAR_GLOB = /^(?!\.\/|!)[^[{(\\]*$/;

/** `*` and `?` stay within a path segment: the glob and the path are matched segment by segment. */
function starGlob(glob: string, nocase: boolean): (text: string) => boolean {
  const fold = (s: string) => (nocase ? s.toLowerCase() : s);
  const segments = fold(glob)
    .split('/')
    .map((segment) => segment.split('*'));
  return (text) => {
    const parts = fold(text).split('/');
    return (
      parts.length === segments.length &&
      segments.every((pieces, i) => piecesMatch(pieces, parts[i] ?? ''))
    );
  };
}

/**
 * Whether `text` is the `pieces` (written with `?` for any one character) with anything between
 * them: the first at the start, the last at the end, each other one where it is first found after
 * the one before. Finding each leftmost is never wrong, and takes time linear in the text.
 */
function piecesMatch(pieces: readonly string[], text: string): boolean {
  const first = pieces[0] ?? '';
  if (pieces.length === 1) return text.length === first.length && fits(first, text, 0);
  const last = pieces.at(-1) ?? '';
  const end = text.length - last.length;
  if (end < first.length || !fits(first, text, 0) || !fits(last, text, end)) return false;
  let at = first.length;
  for (const piece of pieces.slice(1, -1)) {
    while (at + piece.length <= end && !fits(piece, text, at)) at++;
    if (at + piece.length > end) return false;
    at += piece.length;
  }
  return true;
}

function fits(piece: string, text: string, at: number): boolean {
  for (let i = 0; i < piece.length; i++) {
    if (piece[i] !== '?' && piece[i] !== text[at + i]) return false;
  }
  return true;
}
