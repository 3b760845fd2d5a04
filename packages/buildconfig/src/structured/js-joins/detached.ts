import type { Join, JoinPart } from './join.js';

/**
 * A join copied out of the text it was read from, for keeping: V8 keeps a string sliced from
 * another as a view that holds the whole of it, here a window. Cheaper than `structuredClone`,
 * which cost the content scan 3% when each statement's `x = y` was kept.
 */
export function detached(join: Join): Join {
  if (join.parts.every(isOwn)) return join;
  const parts = join.parts.map((part) =>
    typeof part === 'string'
      ? own(part)
      : { ...part, name: own(part.name), ...(part.values && { values: part.values.map(own) }) },
  );
  return { ...join, parts };
}

/** The length below which V8 makes a slice of a string a copy, not a view. */
const MIN_VIEW = 13;

/** A string of its own: a longer slice is copied. */
function own(s: string): string {
  return s.length < MIN_VIEW ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Whether a part holds no view of the text: short, and no values of its own (`${a || "x"}`). */
function isOwn(part: JoinPart): boolean {
  return typeof part === 'string'
    ? part.length < MIN_VIEW
    : part.name.length < MIN_VIEW && part.values === undefined;
}
