/**
 * The combinations of values a CI system runs a job with, built one variable at a time as GitHub
 * expands a `strategy.matrix` or a workflow's choice inputs, and GitLab a `parallel: matrix` entry.
 */

/**
 * Each of `combinations` with `name` given each of `values` in turn, the first `max` of them that
 * `admits` lets in: the systems run no more. Few past `max` are made, so that a variable of a
 * million values costs what one of `max` does, and a file no more than `max` for each variable it
 * lists — unless `admits` turns many away, and then no more than `MAX_TRIES_PER_RUN` times that.
 */
export function withEachValue<V>(
  combinations: readonly ReadonlyMap<string, V>[],
  name: string,
  values: readonly V[],
  max: number,
  admits: (combination: ReadonlyMap<string, V>) => boolean = () => true,
): Map<string, V>[] {
  return eachValue(combinations, name, values, max, admits).found;
}

/**
 * `withEachValue`'s combinations, and whether some were never made (`cut`): past `max` kept, or
 * past the tries it allows.
 */
export function eachValue<V>(
  combinations: readonly ReadonlyMap<string, V>[],
  name: string,
  values: readonly V[],
  max: number,
  admits: (combination: ReadonlyMap<string, V>) => boolean = () => true,
): { found: Map<string, V>[]; cut: boolean } {
  const found: Map<string, V>[] = [];
  let tries = 0;
  for (const combination of combinations) {
    for (const value of values) {
      if (found.length >= max || tries >= max * MAX_TRIES_PER_RUN) return { found, cut: true };
      tries += 1;
      const next = new Map([...combination, [name, value]]);
      if (admits(next)) found.push(next);
    }
  }
  return { found, cut: false };
}

/** How many combinations are made, for each one kept, before the rest are given up. */
const MAX_TRIES_PER_RUN = 64;
