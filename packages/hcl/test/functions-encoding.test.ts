import { describe, expect, it } from 'vitest';
import { Unknown } from '@posture/model';
import { Invalid } from '../src/eval/unknowns.js';
import { evalHcl } from './support/evaluate.js';

describe('encoding functions', () => {
  it.each([
    ['jsonencode({b = [1, true, null], a = "x"})', '{"a":"x","b":[1,true,null]}'],
    ['jsonencode("<&>")', '"\\u003c\\u0026\\u003e"'],
    ['jsonencode({Statement = [{Principal = "*"}]})', '{"Statement":[{"Principal":"*"}]}'],
    ['jsondecode("{\\"a\\": [1, 2]}")', { a: [1, 2] }],
    ['jsondecode("\\"s\\"")', 's'],
    ['base64encode("hello")', 'aGVsbG8='],
    ['base64decode("aGVsbG8=")', 'hello'],
    ['urlencode("a b&c/d~")', 'a+b%26c%2Fd~'],
    ['md5("hello")', '5d41402abc4b2a76b9719d911017c592'],
    ['sha1("hello")', 'aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d'],
    ['sha256("hello")', '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824'],
    ['base64sha256("hello")', 'LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ='],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it('jsonencode of a value with unknown parts is unknown, and keeps what it would encode', () => {
    const arn = new Unknown(['aws_s3_bucket.b.arn'], 'known after apply');
    const value = evalHcl('jsonencode({Principal = "*", Resource = "${var.arn}/*"})', {
      vars: { arn },
    });
    expect(value).toBeInstanceOf(Unknown);
    const { refs, encodes } = value as Unknown;
    expect(refs).toEqual(['aws_s3_bucket.b.arn']);
    expect(encodes).toMatchObject({ Principal: '*', Resource: expect.any(Unknown) });
    // An invalid part makes it invalid, with nothing to read.
    const broken = evalHcl('jsonencode({a = jsondecode("{")})');
    expect(broken).toBeInstanceOf(Invalid);
    expect((broken as Unknown).encodes).toBeUndefined();
  });

  it('keeps keys named like prototype properties as data', () => {
    expect(Object.keys(evalHcl('jsondecode("{\\"__proto__\\": 1}")') as object)).toEqual([
      '__proto__',
    ]);
  });

  it.each(['jsondecode("{")', 'base64decode("/w==")'])('%s is invalid', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });
});
