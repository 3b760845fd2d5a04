import { describe, expect, it } from 'vitest';
import { Unknown, type Value } from '@posture/model';
import { sizeOf, sizeOfAll } from '../src/eval/size.js';
import { isWhollyKnown } from '../src/eval/unknowns.js';

describe('sizeOf', () => {
  const shared = { a: 'xy', b: ['z'] };

  // [what, value, elements, characters, known]
  const SIZES: [string, Value, number, number, boolean][] = [
    ['a number', 1, 0, 0, true],
    ['null', null, 0, 0, true],
    ['a string', 'abc', 0, 3, true],
    ['a list of strings and numbers', ['ab', 'c', 1, true], 4, 3, true],
    ["an object, keys' characters counted", { ab: 'c', d: null }, 2, 4, true],
    ['nested lists and objects', [{ k: ['a', 'bc'] }, []], 5, 4, true],
    ['a part held twice, counted twice', { l: shared, r: shared }, 8, 12, true],
    ['an unknown', new Unknown(['aws_s3_bucket.b.id']), 0, 0, false],
    [
      'what is known of an unknown',
      new Unknown([], undefined, { pieces: ['arn:', new Unknown()], entries: { k: 'v' } }),
      1,
      6,
      false,
    ],
    ['a list holding an unknown', ['a', new Unknown()], 2, 1, false],
  ];

  it.each(SIZES)('%s', (_what, value, elements, characters, known) => {
    expect({ ...sizeOf(value) }).toEqual({ elements, characters, known });
    expect(isWhollyKnown(value)).toBe(known);
  });

  it('adds up the sizes of several values', () => {
    expect({ ...sizeOfAll(['ab', ['c'], shared, new Unknown()]) }).toEqual({
      elements: 1 + 3,
      characters: 2 + 1 + 5,
      known: false,
    });
  });
});
