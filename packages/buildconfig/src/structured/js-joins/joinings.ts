import { MAX_ALTERNATIVES, type Join, type JoinPart } from './join.js';

/** Each string the join may be, with whether more were left out than MAX_ALTERNATIVES. */
export interface Joinings {
  readonly texts: readonly string[];
  readonly bounded: boolean;
}

/**
 * The strings the join may be, each name given each of its `values` in turn (a name without one is
 * written as a template's placeholder), at most MAX_ALTERNATIVES of them.
 */
export function joinings(join: Join, values: (name: string) => readonly string[]): Joinings {
  let texts = [''];
  let bounded = false;
  for (const part of join.parts) {
    let options = typeof part === 'string' ? [part] : (part.values ?? values(part.name));
    if (typeof part !== 'string' && options.length === 0) options = [`\${${part.name}}`];
    const joined = texts.flatMap((text) => options.map((option) => text + option));
    bounded ||= joined.length > MAX_ALTERNATIVES || (typeof part !== 'string' && !!part.bounded);
    texts = joined.slice(0, MAX_ALTERNATIVES);
  }
  return { texts, bounded };
}

/** Whether a name of the join has a value. */
export function resolvesAName(join: Join, values: (name: string) => readonly string[]): boolean {
  return join.parts.some(
    (part) => typeof part !== 'string' && (part.values ?? values(part.name)).length > 0,
  );
}

/** A value a declaration gives a name: lower-case URL characters (a bucket name, a host, a URL). */
const VALUE = /^[a-z0-9._\-/:~%]{1,256}$/;

/**
 * The strings of joins, each a value a declaration is read for: of strings alone, or of names with
 * values already (`const C = B`, `{ bucket: B }`, `P + "-releases"`, B and P declared above).
 */
export function valuesOf(
  joins: readonly Join[],
  values: (name: string) => readonly string[] = () => [],
  bounded: () => void = () => undefined,
): string[] {
  return stringsOf(resolved(joins, values), values, bounded);
}

/** The joins whose names all have values. */
export function resolved(
  joins: readonly Join[],
  values: (name: string) => readonly string[],
): Join[] {
  return joins.filter((join) => join.parts.every((part) => hasValues(part, values)));
}

/** The strings of joins whose names all have values (see `valuesOf`). */
export function stringsOf(
  known: readonly Join[],
  values: (name: string) => readonly string[],
  bounded: () => void,
): string[] {
  if (known.length === 0) return [];
  const strings = known.flatMap((join) => {
    const joined = joinings(join, values);
    if (joined.bounded) bounded();
    return joined.texts.filter((text) => VALUE.test(text));
  });
  return [...new Set(strings)];
}

function hasValues(part: JoinPart, values: (name: string) => readonly string[]): boolean {
  return typeof part === 'string' || (part.values ?? values(part.name)).length > 0;
}
