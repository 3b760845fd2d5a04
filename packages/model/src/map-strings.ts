const NONE: ReadonlySet<string> = new Set();

/**
 * A copy of `value` with `change` applied to every string in it, however deep: for what must hold
 * of all the text a result carries (control characters escaped, credentials masked), whichever
 * field a reporter prints. What an object holds under a key of `kept` is kept as it is.
 */
export function mapStrings<T>(
  value: T,
  change: (text: string) => string,
  kept: ReadonlySet<string> = NONE,
): T {
  if (typeof value === 'string') return change(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => mapStrings(item, change, kept)) as T;
  // Copied whole, then each value replaced: twice as fast as building it again from its entries
  // (three arrays an object), and a key such as `__proto__` stays an own property either way.
  const copy = { ...value } as Record<string, unknown>;
  for (const key of Object.keys(copy))
    if (!kept.has(key)) copy[key] = mapStrings(copy[key], change, kept);
  return copy as T;
}
