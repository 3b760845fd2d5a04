import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '@posture/model';
import { Invalid } from '../src/eval/unknowns.js';
import { evalHcl } from './support/evaluate.js';

describe('string functions', () => {
  it.each([
    ['format("%s-%d", "a", 5)', 'a-5'],
    ['format("%05.2f|%-4s|%4s|", 3.14159, "ab", "cd")', '03.14|ab  |  cd|'],
    ['format("%v %v %t %q %%", "s", 1, true, "q")', 's 1 true "q" %'],
    ['format("%v", {b = 1, a = [true]})', '{"a":[true],"b":1}'],
    ['format("%x %X %o %b %e", 255, 255, 8, 5, 1000000)', 'ff FF 10 101 1.000000e+06'],
    ['format("%[2]s %[1]s", "a", "b")', 'b a'],
    ['formatlist("%s=%s", ["a", "b"], "x")', ['a=x', 'b=x']],
    ['join(",", ["a", "b"], ["c"])', 'a,b,c'],
    ['split(",", "a,b,,c")', ['a', 'b', '', 'c']],
    ['lower("AbC")', 'abc'],
    ['upper("AbC")', 'ABC'],
    ['title("hello big world")', 'Hello Big World'],
    ['replace("a-b-c", "-", "_")', 'a_b_c'],
    ['replace("bucket-123-x", "/[0-9]+/", "N")', 'bucket-N-x'],
    ['replace("ab", "/(a)(b)/", "$2$${1}")', 'ba'],
    ['replace("key=val", "/(?P<k>\\\\w+)=(?P<v>\\\\w+)/", "$v=$k")', 'val=key'],
    ['trimprefix("release-x", "release-")', 'x'],
    ['trimprefix("x", "y")', 'x'],
    ['trimsuffix("bucket.txt", ".txt")', 'bucket'],
    ['trim("?!hello?!", "!?")', 'hello'],
    ['trimspace("  \\n x y \\t")', 'x y'],
    ['chomp("x\\n\\n")', 'x'],
    ['startswith("release-1", "release")', true],
    ['endswith("release-1", "release")', false],
    ['strcontains("a-release-b", "release")', true],
    ['strrev("abc")', 'cba'],
    ['substr("hello world", 6, 5)', 'world'],
    ['substr("hello", -3, -1)', 'llo'],
    ['substr("héllo", 1, 3)', 'éll'],
    ['indent(2, "a\\nb")', 'a\n  b'],
    ['regex("[a-z]+", "123abc456")', 'abc'],
    ['regex("(\\\\d+)-(\\\\d+)", "10-20")', ['10', '20']],
    ['regex("(?P<year>\\\\d{4})", "in 2024")', { year: '2024' }],
    ['regexall("[0-9]", "a1b2")', ['1', '2']],
    ['regex("(?i)REL", "release")', 'rel'],
    ['regex("(a)|(b)", "b")', [null, 'b']],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each([
    'format("%d", "x")',
    'format("%s")',
    'regex("[0-9]+", "abc")',
    'regex("(", "x")',
    'substr(1)',
    'join(",", [null])',
  ])('%s is invalid, not a throw', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });

  // Go's RE2, where JavaScript's RegExp reads the same text otherwise.
  it.each([
    ['regex("(?U)a+", "aaa")', 'a'],
    ['regex("[[:alpha:]]+", "12ab")', 'ab'],
    ['regex("\\\\pL+", "1héllo")', 'héllo'],
    ['regex("\\\\Aab\\\\z", "ab")', 'ab'],
    ['regexall("a*", "baaac")', ['', 'aaa', '']],
    ['replace("baaac", "/a*/", "-")', '-b-c-'],
    ['replace("ab", "/(a)/", "$1x")', 'b'],
    ['replace("ab", "/(?P<first>a)/", "$${first}x")', 'axb'],
    ['replace("abc", "", "-")', '-a-b-c-'],
    ['replace("a.b", "/[.]/", "$$")', 'a$b'],
  ])('%s as Terraform reads it', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  // A pattern that is plain text is matched without re2js; `(?:…)` around it sends it to re2js.
  it.each([
    ['regex', 'Gen4', 'GP_Gen4_8'],
    ['regex', 'Gen5', 'GP_Gen4_8'],
    ['regexall', 'aa', 'aaaaa'],
    ['regexall', 'a', 'é🙂a-a'],
    ['regexall', 'x y', ''],
    ['replace', 'aa', 'aaaaa'],
    ['replace', '-', 'é🙂a-a-'],
    ['replace', 'a b#c', 'a b#c a b#c'],
  ])('%s with the plain text %j in %j as re2js reads it', (fn, pattern, text) => {
    const call = (re: string) =>
      fn === 'replace'
        ? `replace(${JSON.stringify(text)}, "/${re}/", "<$0>")`
        : `${fn}(${JSON.stringify(re)}, ${JSON.stringify(text)})`;
    const plain = evalHcl(call(pattern));
    const engine = evalHcl(call(`(?:${pattern})`));
    if (engine instanceof Invalid) {
      // The same error, said at the same call: only the call's length differs.
      expect(plain).toBeInstanceOf(Invalid);
      expect((plain as Invalid).reason).toBe(engine.reason);
    } else expect(plain).toEqual(engine);
  });

  it.each([
    ['a backreference', 'regex("(a)\\\\1", "aa")'],
    ['a lookbehind', 'regex("(?<=a)b", "ab")'],
    ['named and numbered groups together', 'regex("(?P<k>a)(b)", "ab")'],
  ])('%s is not Terraform syntax: invalid', (_what, source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });

  it('turns numbers and bools into strings where a string is expected', () => {
    expect(evalHcl('upper(true)')).toBe('TRUE');
    expect(evalHcl('join("-", [1, 2.5])')).toBe('1-2.5');
  });

  it('is unknown when an argument is unknown, keeping its references', () => {
    const value = evalHcl('upper(var.x)', { vars: { x: evalHcl('var.missing') } });
    expect(isUnknown(value)).toBe(true);
  });

  describe('keeps the known text around unknown arguments', () => {
    const env = unknown(['aws_s3_bucket.b.id'], 'known after apply');
    it.each([
      ['format("acme-%s-%03d", var.env, 7)', ['acme-', env, '-007']],
      ['format("%[2]s/%[1]s", var.env, "x")', ['x/', env]],
      ['join("-", ["acme", var.env, "releases"])', ['acme-', env, '-releases']],
      ['"${join("-", ["a", var.env])}-releases"', ['a-', env, '-releases']],
    ])('%s', (source, pieces) => {
      const value = evalHcl(source, { vars: { env } });
      expect(isUnknown(value) && value.pieces).toEqual(pieces);
      expect(isUnknown(value) && value.refs).toEqual(['aws_s3_bucket.b.id']);
    });

    it.each([
      ['replace("{\\"Principal\\":\\"*\\"}", "_S3_BUCKET_ARN_", var.env)', '{"Principal":"*"}'],
      ['replace("acme-releases", "/[0-9]+/", var.env)', 'acme-releases'],
    ])('%s: a replacement not known changes nothing the search does not find', (source, text) => {
      expect(evalHcl(source, { vars: { env } })).toBe(text);
    });

    it.each([
      'replace("arn:_S3_BUCKET_ARN_/*", "_S3_BUCKET_ARN_", var.env)',
      'replace("acme-1", "/[0-9]+/", var.env)',
      'replace("acme", "", var.env)',
      'replace(var.env, "x", "y")',
    ])('%s: is unknown where the search finds text or is not known', (source) => {
      expect(evalHcl(source, { vars: { env } })).toEqual(env);
    });

    it('and is wholly unknown when nothing around them is known', () => {
      expect(evalHcl('format("%s", var.env)', { vars: { env } })).toEqual(env);
      expect(evalHcl('join("-", var.env)', { vars: { env } })).toEqual(env);
    });
  });
});
