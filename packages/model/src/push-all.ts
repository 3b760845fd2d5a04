/**
 * `target.push(...items)` without spreading: a list crafted long enough (150,000 resources in a
 * module, a package.json of 200,000 bins) is more arguments than a call takes, and the spread
 * ends the run with "Maximum call stack size exceeded".
 */
export function pushAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
