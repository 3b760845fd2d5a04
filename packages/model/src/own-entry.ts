/**
 * What a plain-object table holds under `key` itself. A key read from a scanned file can name a
 * property every object inherits (`constructor`, `toString`, `__proto__`): `table[key]` then gives
 * Object.prototype's function or the prototype itself, never "not in the table".
 */
export function ownEntry<T>(
  table: Readonly<Record<string | number, T>>,
  key: string | number,
): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * Sets `key` as the record's own property, read back with `ownEntry`. `record[key] = value` with a
 * key read from a scanned file named `__proto__` sets the record's prototype instead: the key is
 * lost, and the record inherits whatever the value holds.
 */
export function setOwn<T>(record: object, key: string | number, value: T): T {
  Object.defineProperty(record, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  return value;
}
