import { describe, expect, it } from 'vitest';
import { ownEntry } from '../src/own-entry.js';

describe('ownEntry', () => {
  const table: Readonly<Record<string, number>> = { known: 1 };

  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'finds nothing under %s, which every object inherits',
    (key) => expect(ownEntry(table, key)).toBeUndefined(),
  );

  it('finds what the table holds itself', () => expect(ownEntry(table, 'known')).toBe(1));
});
