/**
 * Drops keys whose value is `undefined`, so optional fields are absent from the output rather than
 * present-but-undefined (which schema validators of the in-memory object would reject).
 */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
