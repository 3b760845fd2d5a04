import { describe, expect, it } from 'vitest';
import { Ephemeral, Sensitive } from '../src/eval/marks.js';
import { Invalid } from '../src/eval/unknowns.js';
import { isUnknown, unknown, Unknown } from '@posture/model';
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
    // `terraform console`: past base 36 upper case is 36 to 61, so case matters.
    ['parseint("zz", 62)', 2205],
    ['parseint("ZZ", 62)', 3843],
    ['parseint("+Zz", 62)', 3817],
    ['parseint("-zz", 62)', -2205],
    ['parseint("A", 37)', 36],
    ['parseint("b", 37)', 11],
    ['parseint("ZZ", 36)', 1295],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each([
    ['min()', 'min needs an argument'],
    ['sum([])', 'sum of an empty list'],
    ['abs("x")', 'expected a number, got string'],
    ['parseint("fg", 16)', 'cannot parse "fg" as a base 16 integer'],
    ['parseint("B", 37)', 'cannot parse "B" as a base 37 integer'],
    ['parseint("_z", 62)', 'cannot parse "_z" as a base 62 integer'],
    ['parseint("", 62)', 'cannot parse "" as a base 62 integer'],
    ['parseint("-", 10)', 'cannot parse "-" as a base 10 integer'],
    ['parseint("0x1f", 16)', 'cannot parse "0x1f" as a base 16 integer'],
    ['parseint("10", 63)', 'base must be a whole number between 2 and 62'],
    ['parseint("10", 1)', 'base must be a whole number between 2 and 62'],
  ])('%s is invalid: %s', (source, reason) => {
    const value = evalHcl(source);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toContain(reason);
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
    const secret = evalHcl('sensitive("s3cr3t")');
    expect(secret).toBeInstanceOf(Sensitive);
    expect(secret).toMatchObject({ refs: [], reason: 'sensitive value' });
    expect(JSON.stringify(secret)).not.toContain('s3cr3t');
    expect(evalHcl('upper(sensitive("s3cr3t"))')).toEqual(unknown([], 'sensitive value'));
  });

  it.each(['tostring([])', 'tonumber("x")', 'tobool(1)', 'tomap([])'])(
    '%s is invalid',
    (source) => {
      expect(evalHcl(source)).toBeInstanceOf(Invalid);
    },
  );
});

// Expected values from `terraform console` (Terraform 1.11).
describe('functions that read marks', () => {
  const vars = {
    eph: new Ephemeral([], 'ephemeral'),
    attr: new Unknown(['aws_s3_bucket.b.id'], 'known after apply'),
  };

  it.each([
    ['nonsensitive(sensitive("public-read"))', 'public-read'],
    ['nonsensitive(sensitive({acl = "public-read"}).acl)', 'public-read'],
    ['nonsensitive(sensitive(["private", "public-read"])[1])', 'public-read'],
    ['issensitive("a")', false],
    ['issensitive(null)', false],
    ['issensitive(sensitive("a"))', true],
    ['issensitive(sensitive({a = 1}).a)', true],
    ['issensitive(sensitive(["a"]))', true],
    // Terraform asks whether the value itself is marked, not an element of it.
    ['issensitive([sensitive("a")])', false],
    ['issensitive({a = "x", b = sensitive("y")})', false],
    ['issensitive(["a", var.attr])', false],
    ['ephemeralasnull("public-read")', 'public-read'],
    ['ephemeralasnull({a = 1})', { a: 1 }],
    ['ephemeralasnull(var.eph)', null],
    ['ephemeralasnull(var.eph.attr)', null],
    ['ephemeralasnull({a = var.eph, b = ["x", var.eph]})', { a: null, b: ['x', null] }],
  ])('%s', (source, expected) => {
    expect(evalHcl(source, { vars })).toEqual(expected);
  });

  it.each([
    // Unmarked only as a whole or a part: what is computed from it is no longer the value.
    ['nonsensitive(upper(sensitive("a")))'],
    ['issensitive(var.attr)'],
    ['ephemeralasnull(var.attr)'],
    ['var.eph == null'],
  ])('%s is unknown', (source) => {
    const value = evalHcl(source, { vars });
    expect(isUnknown(value) && !(value instanceof Invalid)).toBe(true);
  });

  it.each(['issensitive()', 'issensitive(1, 2)', 'nonsensitive()', 'ephemeralasnull(1, 2)'])(
    '%s is invalid',
    (source) => {
      expect(evalHcl(source)).toBeInstanceOf(Invalid);
    },
  );
});
