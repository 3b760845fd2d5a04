import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '@posture/model';
import { Invalid } from '../src/eval/unknowns.js';
import { valueEquals, valueKey } from '../src/eval/values.js';
import { distinct } from '../src/functions/collections.js';
import { evalHcl, plain } from './support/evaluate.js';

describe('collection functions', () => {
  it.each([
    ['merge({a = 1, b = 1}, null, {b = 2})', { a: 1, b: 2 }],
    ['concat([1], [], [2, 3])', [1, 2, 3]],
    ['lookup({a = 1}, "a", 0)', 1],
    ['lookup({a = 1}, "b", 0)', 0],
    ['lookup({a = null}, "a", 0)', null],
    ['keys({b = 1, a = 2, "10" = 3, "9" = 4})', ['10', '9', 'a', 'b']],
    ['values({b = 1, a = 2})', [2, 1]],
    ['element(["a", "b"], 3)', 'b'],
    ['length("héllo")', 5],
    ['length([1, 2])', 2],
    ['length({a = 1})', 1],
    ['flatten([[1, [2]], 3, []])', [1, 2, 3]],
    ['distinct([1, 2, 1, "1"])', [1, 2, '1']],
    ['contains(["a", "b"], "b")', true],
    ['contains([1], "1")', false],
    ['compact(["a", "", null, "b"])', ['a', 'b']],
    ['zipmap(["a", "b"], [1, 2])', { a: 1, b: 2 }],
    ['range(3)', [0, 1, 2]],
    ['range(1, 4)', [1, 2, 3]],
    ['range(4, 1)', [4, 3, 2]],
    ['range(0, 10, 5)', [0, 5]],
    ['sort(["b", "a", "C"])', ['C', 'a', 'b']],
    ['reverse([1, 2, 3])', [3, 2, 1]],
    ['setunion(["a"], ["b", "a"])', ['a', 'b']],
    ['setintersection(["a", "b"], ["b", "c"])', ['b']],
    ['setsubtract(["a", "b"], ["b"])', ['a']],
    [
      'setproduct(["a", "b"], [1])',
      [
        ['a', 1],
        ['b', 1],
      ],
    ],
    ['setproduct(["a", "b"], [], [1])', []],
    [
      'setproduct(["a", "b"], [1, 2], ["x"])',
      [
        ['a', 1, 'x'],
        ['a', 2, 'x'],
        ['b', 1, 'x'],
        ['b', 2, 'x'],
      ],
    ],
    // Its rows were copied as they grew, one list at a time: 200,000 lists took hours; 20,000 a second.
    [`length(setproduct(${'["a"], '.repeat(20_000)})[0])`, 20_000],
    ['slice([1, 2, 3, 4], 1, 3)', [2, 3]],
    ['index(["a", "b"], "b")', 1],
    ['one([])', null],
    ['one(["x"])', 'x'],
    ['coalesce(null, "", "x", "y")', 'x'],
    ['coalescelist([], ["a"], ["b"])', ['a']],
    ['chunklist([1, 2, 3], 2)', [[1, 2], [3]]],
    ['alltrue([true, "true"])', true],
    ['anytrue([false])', false],
    ['transpose({a = ["x", "y"], b = ["x"]})', { x: ['a', 'b'], y: ['a'] }],
    ['matchkeys(["i1", "i2"], ["us", "eu"], ["eu"])', ['i2']],
    ['concat(["a"], [["b"], ["c"]]...)', ['a', 'b', 'c']],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each([
    'element([], 0)',
    'lookup({}, "k")',
    'one([1, 2])',
    'slice([1], 0, 5)',
    'index([1], 2)',
    'zipmap(["a"], [])',
    'range(0, 1, 0)',
    'range(1e9)',
    // Terraform's own bound: at most 1024 values.
    'range(1025)',
    'setproduct(range(1000), range(1000), range(2))',
    'coalesce(null, "")',
    'merge([1])',
    'length(1)',
  ])('%s is invalid', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });

  // Sets are built by hashing each value (`valueKey`): the results are those of comparing pairwise.
  it.each([
    ['distinct([1, 1.0, 1e0, "1"])', [1, '1']],
    ['distinct([0, -0])', [0]],
    ['distinct([{a = 1, b = 2}, {b = 2, a = 1}, {a = 1}])', [{ a: 1, b: 2 }, { a: 1 }]],
    ['distinct([[1, [2]], [1, [2.0]], [[2], 1], {"0" = 1}])', [[1, [2]], [[2], 1], { '0': 1 }]],
    [
      'distinct([null, false, "false", "null", [], {}, ""])',
      [null, false, 'false', 'null', [], {}, ''],
    ],
    ['distinct(["a,b", "a", "b", ["a,b"], ["a", "b"]])', ['a,b', 'a', 'b', ['a,b'], ['a', 'b']]],
    ['distinct([pow(-1, 0.5), pow(-1, 0.5)])', [NaN, NaN]],
    ['setunion([{k = [1]}], [{k = [1.0]}], [{k = [1, 1]}])', [{ k: [1] }, { k: [1, 1] }]],
    ['setintersection([1, 2, {a = 1, b = 2}], [{b = 2, a = 1}, 2.0])', [2, { a: 1, b: 2 }]],
    ['setintersection([1, 1])', [1]],
    ['setintersection([pow(-1, 0.5)], [pow(-1, 0.5)])', []],
    ['setsubtract([1, [1], {a = 1}], [1.0, {a = 1}])', [[1]]],
    ['setsubtract([pow(-1, 0.5)], [pow(-1, 0.5)])', [NaN]],
    ['matchkeys(["a", "b", "c"], [{x = 1, y = 2}, 2, 3], [{y = 2, x = 1.0}, 3])', ['a', 'c']],
    ['toset([2, 1.0, 2.0, 1])', [1, 2]],
  ])('%s compares values as Terraform does', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it('a value holding NaN equals nothing, the same value not even itself', () => {
    const nan = [NaN];
    expect(distinct([nan, nan, [1], [1]])).toEqual([nan, nan, [1]]);
    expect(valueEquals(nan, nan)).toBe(false);
    expect(valueKey(nan)).toBeUndefined();
  });

  describe('with unknowns', () => {
    const ref = unknown(['aws_s3_bucket.b.id']);
    const vars = { u: ref, list: [1, ref], map: { a: ref } };

    it.each([
      ['merge(var.map, {b = 1})', { a: { unknown: ['aws_s3_bucket.b.id'] }, b: 1 }],
      ['length(var.list)', 2],
      ['keys(var.map)', ['a']],
      ['element(var.list, 0)', 1],
      ['lookup(var.map, "a", null)', { unknown: ['aws_s3_bucket.b.id'] }],
      ['merge(var.u, {b = 1})', { unknown: ['aws_s3_bucket.b.id'] }],
      ['flatten([var.u])', { unknown: ['aws_s3_bucket.b.id'] }],
      ['contains(var.list, 1)', { unknown: ['aws_s3_bucket.b.id'] }],
      ['zipmap([var.u], [1])', { unknown: ['aws_s3_bucket.b.id'] }],
      ['concat(var.u...)', { unknown: ['aws_s3_bucket.b.id'] }],
      ['distinct([var.u, var.u])', { unknown: ['aws_s3_bucket.b.id'] }],
      ['setunion([1], var.list)', { unknown: ['aws_s3_bucket.b.id'] }],
      ['setsubtract([1], var.list)', { unknown: ['aws_s3_bucket.b.id'] }],
      // One element cannot coalesce with another: the set is known (cty's rule for its length).
      ['toset([var.u])', [{ unknown: ['aws_s3_bucket.b.id'] }]],
      ['toset([var.u, var.u])', { unknown: ['aws_s3_bucket.b.id'] }],
      ['toset(["a", "a", var.u])', { unknown: ['aws_s3_bucket.b.id'] }],
      ['length(toset([var.u]))', 1],
    ])('%s', (source, expected) => {
      expect(plain(evalHcl(source, { vars }))).toEqual(expected);
    });

    it.each([
      ['merge(var.u, {b = 1, c = 2})', { b: 1, c: 2 }],
      ['merge({a = 1}, var.u, {b = 1})', { b: 1 }],
      ['merge({b = 0}, var.u)', undefined],
    ])('%s keeps the entries that certainly win', (source, entries) => {
      const value = evalHcl(source, { vars });
      expect(isUnknown(value) && value.refs).toEqual(['aws_s3_bucket.b.id']);
      expect(isUnknown(value) ? value.entries : 'known').toEqual(entries);
    });

    // Two values known in part may turn out equal: how many there are is not known (cty), but
    // what they are is, and a for_each over them keeps each. A set's element is its own key.
    const U = { unknown: ['aws_s3_bucket.b.id'] };
    it.each([
      [
        'toset([var.u, "a"])',
        [
          [U, U],
          ['a', 'a'],
        ],
      ],
      [
        'toset(["a", "a", var.u])',
        [
          ['a', 'a'],
          [U, U],
        ],
      ],
      [
        'toset(["b-${var.u}", "a-${var.u}", "b-${var.u}"])',
        [
          [U, U],
          [U, U],
          [U, U],
        ],
      ],
      [
        'distinct([var.u, "a", "a"])',
        [
          [U, U],
          ['a', 'a'],
        ],
      ],
      ['distinct([var.u])', [[U, U]]],
      [
        '{ for k in [var.u, "a"] : k => "${k}-v" }',
        [
          ['a', 'a-v'],
          [U, U],
        ],
      ],
      [
        '{ for k in ["a", var.u] : upper(k) => 1 }',
        [
          ['A', 1],
          [U, 1],
        ],
      ],
      ['setunion(["a"], [var.u])', undefined],
      ['{ for k in [var.u] : k => k... }', undefined],
    ])('%s keeps the elements it is made of', (source, elements) => {
      const value = evalHcl(source, { vars });
      expect(isUnknown(value) && value.refs).toEqual(['aws_s3_bucket.b.id']);
      const kept = isUnknown(value) ? value.elements : 'known';
      expect(
        kept === 'known' ? kept : kept?.map(({ key, value }) => [plain(key), plain(value)]),
      ).toEqual(elements);
    });

    it.each([
      ['length(toset([var.u, "a"]))'],
      ['length(distinct([var.u]))'],
      ['length({ for k in [var.u] : k => k })'],
    ])('%s is not known, as in cty', (source) => {
      expect(plain(evalHcl(source, { vars }))).toEqual(U);
    });
  });
});
