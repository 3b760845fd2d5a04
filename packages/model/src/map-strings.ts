/**
 * A copy of `value` with `change` applied to every string in it, however deep: for what must hold
 * of all the text a result carries (control characters escaped, credentials masked), whichever
 * field a reporter prints.
 */
export function mapStrings<T>(value: T, change: (text: string) => string): T {
  if (typeof value === 'string') return change(value) as T;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change)) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, mapStrings(v, change)]),
  ) as T;
}
