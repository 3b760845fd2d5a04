import { describe, expect, it } from 'vitest';
import type { Range } from '@posture/model';
import { enclosure } from '../src/enclosure.js';

/** A range of `file` from offset `start` to `end`; lines do not matter here. */
const span = (start: number, end: number, file = 'main.tf'): Range => ({
  file,
  start: { line: 1, column: start + 1, offset: start },
  end: { line: 1, column: end + 1, offset: end },
});

describe('enclosure: whether one of the blocks encloses a range', () => {
  const blocks = [
    span(100, 200),
    span(0, 50),
    span(300, 900),
    span(320, 340),
    span(10, 20, 'b.tf'),
  ];

  it.each<[string, Range, boolean]>([
    ['inside a block', span(120, 130), true],
    ['the block itself', span(100, 200), true],
    ['before every block of its file', span(0, 60), false],
    ['across two blocks', span(150, 350), false],
    ['between blocks', span(60, 90), false],
    ['inside a block after a shorter block inside it', span(500, 600), true],
    ['inside both of two nested blocks', span(325, 330), true],
    ['in another file', span(120, 130, 'other.tf'), false],
    ['in the other file’s block', span(12, 18, 'b.tf'), true],
  ])('%s', (_case, range, expected) => {
    expect(enclosure(blocks)(range)).toBe(expected);
  });

  it('reads the blocks once, however many ranges it is asked about', () => {
    let reads = 0;
    const counted = Array.from({ length: 1000 }, (_, i) => {
      const block = span(i * 10, i * 10 + 5);
      return Object.defineProperty({ ...block }, 'end', {
        get: () => (reads++, block.end),
      }) as Range;
    });
    const enclosed = enclosure(counted);
    const built = reads;
    const answers = Array.from({ length: 1000 }, (_, i) => enclosed(span(i * 10 + 1, i * 10 + 2)));
    expect(answers.every(Boolean)).toBe(true);
    expect(built).toBe(1000);
    expect(reads).toBe(built);
  });
});
