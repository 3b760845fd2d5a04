import { describe, expect, it } from 'vitest';
import { Invalid } from '../src/eval/unknowns.js';
import { unknown } from '@posture/model';
import { evalHcl } from './support/evaluate.js';

describe('number functions', () => {
  it.each([
    ['min(3, 1, 2)', 1],
    ['max(3, "7", 2)', 7],
    ['sum([1, 2, 3.5])', 6.5],
    ['abs(-4)', 4],
    ['ceil(1.2)', 2],
    ['floor(1.8)', 1],
    ['signum(-3)', -1],
    ['pow(2, 10)', 1024],
    ['log(8, 2)', 3],
    ['parseint("ff", 16)', 255],
    ['parseint("-101", 2)', -5],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each(['min()', 'sum([])', 'parseint("fg", 16)', 'abs("x")'])('%s is invalid', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });
});

describe('type conversion functions', () => {
  it.each([
    ['tostring(1)', '1'],
    ['tostring(true)', 'true'],
    ['tostring(null)', null],
    ['tonumber("1.5")', 1.5],
    ['tobool("true")', true],
    ['tomap({a = 1})', { a: 1 }],
    ['tolist(["a"])', ['a']],
    ['toset(["b", "a", "b"])', ['a', 'b']],
    ['toset([3, 1, 3])', [1, 3]],
    ['nonsensitive("s")', 's'],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it('sensitive() hides its value: a secret never reaches a report', () => {
    expect(evalHcl('sensitive("s3cr3t")')).toEqual(unknown([], 'sensitive value'));
  });

  it.each(['tostring([])', 'tonumber("x")', 'tobool(1)', 'tomap([])'])(
    '%s is invalid',
    (source) => {
      expect(evalHcl(source)).toBeInstanceOf(Invalid);
    },
  );
});
