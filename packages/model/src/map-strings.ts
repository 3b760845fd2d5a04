const NONE: ReadonlySet<string> = new Set();

/**
 * `value` with `change` applied to every string in it, however deep: for what must hold of all the
 * text a result carries (control characters escaped, credentials masked), whichever field a
 * reporter prints. What an object holds under a key of `kept` is kept as it is. An object or array
 * is copied only when a string in it changes, and what it was given is left as it was: most text
 * holds nothing to change, and copying every finding of a plan of 60,000 public buckets took half
 * of the time its credentials were masked in, and as much memory again as the findings.
 */
export function mapStrings<T>(
  value: T,
  change: (text: string) => string,
  kept: ReadonlySet<string> = NONE,
): T {
  if (typeof value === 'string') return change(value) as T;
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // A loop, not a callback: one would close over `change` and `kept`, and every call, for a
    // number or a string too, would then allocate their context (80 MB for the findings of a plan
    // of 15,000 public buckets).
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const mapped = mapStrings(item, change, kept);
      if (mapped !== item) (copy ??= [...value])[i] = mapped;
    }
    return (copy ?? value) as T;
  }
  // Copied whole, then each changed value replaced: a key such as `__proto__` stays an own
  // property.
  const record = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(record)) {
    if (kept.has(key)) continue;
    const mapped = mapStrings(record[key], change, kept);
    if (mapped !== record[key]) (copy ??= { ...record })[key] = mapped;
  }
  return (copy ?? value) as T;
}
