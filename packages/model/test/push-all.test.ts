import { expect, it } from 'vitest';
import { pushAll } from '../src/push-all.js';

// target.push(...items) of a million ends with "Maximum call stack size exceeded".
it.each([
  ['a list of a million', Array.from({ length: 1_000_000 }, (_, i) => i)],
  ['a set of a million', new Set(Array.from({ length: 1_000_000 }, (_, i) => i))],
])('adds %s, in order, after what the list holds', (_name, items) => {
  const target = [-1];
  pushAll(target, items);
  expect(target).toHaveLength(1_000_001);
  expect(target.slice(0, 3)).toEqual([-1, 0, 1]);
});
