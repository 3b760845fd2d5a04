/**
 * The combinations of values a CI system runs a job with, built one variable at a time as GitHub
 * expands a `strategy.matrix` or a workflow's choice inputs, and GitLab a `parallel: matrix` entry.
 */

/**
 * Each of `combinations` with `name` given each of `values` in turn, the first `max` of them: the
 * systems run no more. None past `max` is made, so that a variable of a million values costs what
 * one of `max` does, and a file no more than `max` for each variable it lists.
 */
export function withEachValue<V>(
  combinations: readonly ReadonlyMap<string, V>[],
  name: string,
  values: readonly V[],
  max: number,
): Map<string, V>[] {
  const found: Map<string, V>[] = [];
  for (const combination of combinations) {
    for (const value of values) {
      if (found.length >= max) return found;
      found.push(new Map([...combination, [name, value]]));
    }
  }
  return found;
}
