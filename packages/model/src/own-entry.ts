/**
 * What a plain-object table holds under `key` itself. A key read from a scanned file can name a
 * property every object inherits (`constructor`, `toString`, `__proto__`): `table[key]` then gives
 * Object.prototype's function or the prototype itself, never "not in the table".
 */
export function ownEntry<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}
