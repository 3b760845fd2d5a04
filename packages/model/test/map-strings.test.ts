import { describe, expect, it } from 'vitest';
import { mapStrings } from '@posture/model';

describe('mapStrings', () => {
  const upper = (text: string) => text.toUpperCase();

  it('changes every string however deep, and keeps every other value', () => {
    const value = {
      message: 'a',
      location: { file: 'main.tf', start: { line: 1, column: 2 } },
      related: [{ label: 'bucket', range: null }],
      properties: { releaseUse: ['tag', 'name'], suppressed: false, missing: undefined },
    };
    expect(mapStrings(value, upper)).toStrictEqual({
      message: 'A',
      location: { file: 'MAIN.TF', start: { line: 1, column: 2 } },
      related: [{ label: 'BUCKET', range: null }],
      properties: { releaseUse: ['TAG', 'NAME'], suppressed: false, missing: undefined },
    });
  });

  it('keeps what is under a kept key as it is, however deep', () => {
    const value = { message: 'a', location: { file: 'main.tf' }, related: [{ file: 'b.tf' }] };
    expect(mapStrings(value, upper, new Set(['file']))).toStrictEqual({
      message: 'A',
      location: { file: 'main.tf' },
      related: [{ file: 'b.tf' }],
    });
  });

  it('copies, leaving what it was given as it was', () => {
    const value = { message: 'a', nested: { list: ['b'] } };
    const copy = mapStrings(value, upper);
    expect(value).toStrictEqual({ message: 'a', nested: { list: ['b'] } });
    expect(copy.nested).not.toBe(value.nested);
  });

  it('copies only the objects and arrays holding a string that changes', () => {
    const same = (text: string) => text;
    const value = { message: 'a', location: { file: 'main.tf' }, related: [{ label: 'b' }] };
    expect(mapStrings(value, same)).toBe(value);
    const changed = mapStrings(value, (text) => (text === 'b' ? 'B' : text));
    expect(changed).toStrictEqual({
      message: 'a',
      location: { file: 'main.tf' },
      related: [{ label: 'B' }],
    });
    expect(changed).not.toBe(value);
    expect(changed.related).not.toBe(value.related);
    expect(changed.location).toBe(value.location);
    expect(value.related).toStrictEqual([{ label: 'b' }]);
  });

  it('keeps a key named __proto__ an own property, not the prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "x"}}') as object;
    const copy = mapStrings(value, upper);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toStrictEqual({
      polluted: 'X',
    });
  });
});
