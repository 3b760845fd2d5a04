/**
 * What Jenkinsfile (and Gradle) readers share about Groovy text: bracket pairs, `stage(…) { … }`
 * regions, string literals and comments.
 */
import { countBefore } from '@posture/model';

export interface Region {
  readonly start: number;
  readonly end: number;
}

export interface Stage extends Region {
  readonly name: string;
}

const STAGE = /\bstage\s*\(\s*(['"])([^'"\n]{1,200})\1\s*\)\s*\{/g;

/** Every `stage('name') { … }`, from `stage` to after its closing brace. */
export function stagesOf(text: string, braces: ReadonlyMap<number, number>): Stage[] {
  return [...text.matchAll(STAGE)].map((m) => ({
    name: m[2]!,
    start: m.index,
    end: braces.get(m.index + m[0].length - 1) ?? text.length,
  }));
}

/**
 * The innermost of `regions` around an offset, asked for in any order: regions that nest or lie
 * apart, as bracket pairs do, so the innermost is the one entered last that is still open; of
 * regions that are the same, the first listed. The innermost changes only where a region starts or
 * ends, so it is found once for each such place, by one sweep, and an offset is looked up among
 * them by binary search: asked for at every reference of a file of many stages, a search through
 * all the regions each time took quadratic time.
 */
export function innermostAt<R extends Region>(
  regions: readonly R[],
): (offset: number) => R | undefined {
  // Of regions entered at one offset, the outer first, and of the same ones the first listed last.
  const sorted = regions
    .map((region, i) => ({ region, i, start: region.start, end: region.end }))
    .sort((a, b) => a.start - b.start || b.end - a.end || b.i - a.i);
  const places = [...new Set(sorted.flatMap(({ start, end }) => [start, end]))].sort(
    (a, b) => a - b,
  );
  const innermost: (R | undefined)[] = [];
  const open: typeof sorted = [];
  const leave = (offset: number) => {
    while (open.length > 0 && open[open.length - 1]!.end <= offset) open.pop();
  };
  let next = 0;
  for (const place of places) {
    for (; next < sorted.length && sorted[next]!.start <= place; next++) {
      leave(sorted[next]!.start);
      open.push(sorted[next]!);
    }
    leave(place);
    innermost.push(open[open.length - 1]?.region);
  }
  return (offset) => innermost[countBefore(places, (place) => place <= offset) - 1];
}

/**
 * The first of `regions`, listed in order of their starts, that holds an offset, asked for in any
 * order: where regions overlap (a call that does not close runs over the next ones), the one that
 * starts first. Binary searches, over the starts and over the furthest end reached so far.
 */
export function firstAt<R extends Region>(
  regions: readonly R[],
): (offset: number) => R | undefined {
  let furthest = -Infinity;
  const reach = regions.map((region) => (furthest = Math.max(furthest, region.end)));
  return (offset) => {
    const started = countBefore(regions, (region) => region.start <= offset);
    const first = countBefore(reach, (end) => end <= offset);
    return first < started ? regions[first] : undefined;
  };
}

/** For every `left` bracket, the offset after its matching `right` one, in one pass (strings are
 * not skipped: a bracket inside a string can only make a region longer or shorter, not wrong in kind). */
export function closers(text: string, left: string, right: string): Map<number, number> {
  const open: number[] = [];
  const found = new Map<number, number>();
  for (let i = 0; i < text.length; i++) {
    if (text[i] === left) open.push(i);
    else if (text[i] === right && open.length > 0) found.set(open.pop()!, i + 1);
  }
  return found;
}

const QUOTES = ["'''", '"""', "'", '"'];

/**
 * The characters, without quotes, of the Groovy string literal (`'…'`, `"…"`, `'''…'''`,
 * `"""…"""`) that starts at `at`; undefined when none starts there or it does not close (a one-quote
 * string ends on its line).
 */
export function stringAt(text: string, at: number): Region | undefined {
  const quote = QUOTES.find((q) => text.startsWith(q, at));
  if (quote === undefined) return undefined;
  const start = at + quote.length;
  if (quote.length === 3) {
    const end = text.indexOf(quote, start);
    return end < 0 ? undefined : { start, end };
  }
  for (let i = start; i < text.length && text[i] !== '\n'; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === quote) return { start, end: i };
  }
  return undefined;
}

/**
 * The comments of Groovy (or Kotlin) text, outside string literals: `// …` to the line's end, and
 * block comments.
 */
export function groovyComments(text: string): Region[] {
  const comments: Region[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const string = stringAt(text, i);
      // A string that does not close is read on as code from after its quote.
      if (string) i = string.end + (string.start - i) - 1;
    } else if (text.startsWith('//', i)) {
      const newline = text.indexOf('\n', i);
      const end = newline < 0 ? text.length : newline;
      comments.push({ start: i, end });
      i = end;
    } else if (text.startsWith('/*', i)) {
      const close = text.indexOf('*/', i + 2);
      const end = close < 0 ? text.length : close + 2;
      comments.push({ start: i, end });
      i = end - 1;
    }
  }
  return comments;
}
