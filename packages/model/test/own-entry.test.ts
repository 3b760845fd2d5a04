import { describe, expect, it } from 'vitest';
import { ownEntry, setOwn } from '../src/own-entry.js';

const KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];

describe('ownEntry', () => {
  const table: Readonly<Record<string, number>> = { known: 1 };

  it.each(KEYS)('finds nothing under %s, which every object inherits', (key) =>
    expect(ownEntry(table, key)).toBeUndefined(),
  );

  it('finds what the table holds itself', () => expect(ownEntry(table, 'known')).toBe(1));
});

describe('setOwn', () => {
  it.each(KEYS)('sets %s as a key of the record, not its prototype', (key) => {
    const record: Record<string, unknown> = {};
    expect(setOwn(record, key, { a: 1 })).toEqual({ a: 1 });
    expect(Object.entries(record)).toEqual([[key, { a: 1 }]]);
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(ownEntry(record, key)).toEqual({ a: 1 });
    setOwn(record, key, 2);
    expect(ownEntry(record, key)).toBe(2);
  });
});
