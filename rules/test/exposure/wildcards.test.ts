import { describe, expect, it } from 'vitest';
import { iamPattern } from '../../src/exposure/policy.js';

describe("IAM's wildcards in policy actions and resources", () => {
  it.each([
    ['a trailing *', 's3:Get*', 's3:GetObject', true],
    ['any case', 'S3:GETOBJECT', 's3:GetObject', true],
    ['? for one character', 's3:?etObject', 's3:GetObject', true],
    ['? for no more than one', 's3:Get?', 's3:GetObject', false],
    ['spaces around', ' s3:* ', 's3:PutBucketPolicy', true],
    ['a dot, which is no wildcard', 's3:Get.bject', 's3:GetObject', false],
    // As a RegExp, each `*` could take any share of the `a`s: minutes to say no.
    ['*a repeated against a name of 40 a’s', `${'*a'.repeat(18)}*b`, `s3:${'a'.repeat(40)}`, false],
    // As a RegExp, too large to compile: the scan ended with an internal error.
    ['a pattern of 200,000 characters', `s3:${'a'.repeat(200_000)}`, 's3:GetObject', false],
  ])('%s', (_what, pattern, name, expected) => {
    expect(iamPattern(pattern).test(name)).toBe(expected);
  });
});
