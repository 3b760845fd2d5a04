import { describe, expect, it } from 'vitest';
import { Unknown } from '@posture/model';
import { Invalid, TooLarge } from '../src/eval/unknowns.js';
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

  it('says where a jsondecode that fails is called: its value may be read far from there', () => {
    expect((evalHcl('jsondecode("{")') as Invalid).reason).toBe(
      "jsondecode: invalid JSON at line 1, column 2 (called at test.tf:1): expected '}'",
    );
  });

  // JSON.parse's own message quotes the text around the mistake: `"{"pw": hunter2hun"...`.
  it.each([
    ['{\\"pw\\": hunter2hunter2}', 'at line 1, column 8 (called at test.tf:1): invalid symbol'],
    ['{\\"pw\\": \\"hunter2hunter2\\", x}', 'column 26 (called at test.tf:1): invalid symbol'],
  ])('says why jsondecode("%s") fails without quoting it', (json, reason) => {
    const { reason: said = '' } = evalHcl(`jsondecode("${json}")`) as Invalid;
    expect(said).toContain(reason);
    expect(said).not.toContain('hunter2');
  });
});

describe('yamlencode, as Terraform writes YAML (outputs from Terraform 1.11)', () => {
  const key130 = '${join("", [for i in range(130) : "k"])}';

  it.each([
    [
      '{foo = [1, {a = "b", c = "d"}, 3], bar = "baz"}',
      '"bar": "baz"\n"foo":\n- 1\n- "a": "b"\n  "c": "d"\n- 3\n',
    ],
    [
      '{a = {b = {c = [1, [2, 3], {d = "e"}]}}}',
      '"a":\n  "b":\n    "c":\n    - 1\n    - - 2\n      - 3\n    - "d": "e"\n',
    ],
    ['[[], [[1]], {}, [{}]]', '- []\n- - - 1\n- {}\n- - {}\n'],
    // A plain scalar alone is an open-ended document; numbers never take an exponent.
    ['true', 'true\n...\n'],
    ['null', 'null\n...\n'],
    ['1e21', '1000000000000000000000\n...\n'],
    ['[1.5, -0.25, 1e-7]', '- 1.5\n- -0.25\n- 0.0000001\n'],
    // Keys in byte order.
    ['{z = 1, a = 2, B = 3, "é" = 4, "_" = 5}', '"B": 3\n"_": 5\n"a": 2\n"z": 1\n"é": 4\n'],
    // Escapes: controls, characters past U+FFFD, and every character after a leading BOM.
    ['"quote\\" back\\\\ slash"', '"quote\\" back\\\\ slash"\n'],
    ['{s = "é😀ü\\ttab"}', '"s": "é\\U0001F600ü\\ttab"\n'],
    [
      '["\\ufeffab", "a\\ufeffbc", "é\\u0085"]',
      '- "\\uFEFF\\x61\\x62"\n- "a\\uFEFFbc"\n- "é\\N"\n',
    ],
    // Line feeds make literal blocks, with the indentation and chomping indicators they need,
    // unless a space ends a line.
    ['"hello\\nworld"', '|-\n  hello\n  world\n'],
    [
      '["\\n a", "x \\ny", "a\\n", "x\\n\\n\\n"]',
      '- |2-\n\n   a\n- "x \\ny"\n- |\n  a\n- |+\n  x\n\n\n',
    ],
    // Past column 80, a double-quoted string is folded at a space.
    [
      `{k = "${'0123456789 '.repeat(9)} 0123456789 x"}`,
      '"k": "0123456789 0123456789 0123456789 0123456789 0123456789 0123456789 0123456789\n  0123456789 0123456789  0123456789 x"\n',
    ],
    // A key on several lines, or over 128 bytes, is written `? key`.
    ['{"a\\nb" = 1}', '? |-\n  a\n  b\n: 1\n'],
    [`{"${key130}" = [1, 2]}`, `? "${'k'.repeat(130)}"\n: - 1\n  - 2\n`],
  ])('yamlencode(%s)', (source, expected) => {
    expect(evalHcl(`yamlencode(${source})`)).toBe(expected);
  });

  it('is unknown while any part of the value is', () => {
    const arn = new Unknown(['aws_s3_bucket.b.arn'], 'known after apply');
    const value = evalHcl('yamlencode({a = "x", b = [var.arn]})', { vars: { arn } });
    expect(value).toBeInstanceOf(Unknown);
    expect((value as Unknown).refs).toEqual(['aws_s3_bucket.b.arn']);
  });
});

describe('yamldecode, as go-cty-yaml decodes for Terraform', () => {
  const yaml = (text: string) => evalHcl(`yamldecode(${JSON.stringify(text)})`);

  it.each([
    [
      'buckets:\n  - name: acme-releases\n    acl: public-read\n',
      { buckets: [{ name: 'acme-releases', acl: 'public-read' }] },
    ],
    ['{"hello": "world"}', { hello: 'world' }],
    ['true', true],
    ['', null],
    // Plain scalars are typed, YAML 1.1's booleans included; quoted ones are strings.
    [
      '[yes, Off, n, "on", ~, null, 12, -1.5e3, .5, 0x1F, 0o17, 1_000, 1.2.3]',
      [true, false, false, 'on', null, null, 12, -1500, 0.5, 31, 15, 1000, '1.2.3'],
    ],
    [
      '[2001-12-14, 2001-12-14t21:59:43.10-05:00, 2001-12-14 21:59:43.10, "2001-12-14", 2001-2-30]',
      [
        '2001-12-14T00:00:00Z',
        '2001-12-14T21:59:43-05:00',
        '2001-12-14T21:59:43Z',
        '2001-12-14',
        '2001-2-30',
      ],
    ],
    [
      '[!!str 12, !!int yes, !!float 1, !!null x, !!binary aGVsbG8=]',
      ['12', true, 1, null, 'aGVsbG8='],
    ],
    // Aliases and merge keys; a key written twice takes its last value.
    ['{a: &foo [1, 2], b: *foo}', { a: [1, 2], b: [1, 2] }],
    [
      'base: &b {acl: private, x: 1}\nbucket:\n  <<: *b\n  acl: public-read\n',
      { base: { acl: 'private', x: 1 }, bucket: { acl: 'public-read', x: 1 } },
    ],
    ['a: 1\na: 2', { a: 2 }],
  ])('%j', (text, expected) => {
    expect(yaml(text)).toEqual(expected);
  });

  it.each([
    [
      'a:\n  b: 1\n c: 2',
      'yamldecode: invalid YAML at line 3, column 2 (called at test.tf:1): bad indentation of a mapping entry',
    ],
    [
      'a: !Ref foo',
      'yamldecode: invalid YAML at line 1, column 12 (called at test.tf:1): unknown tag !<!Ref>',
    ],
    [
      'a: 1\n---\nb: 2',
      'yamldecode: invalid YAML (called at test.tf:1): expected a single document in the stream, but found more',
    ],
    [
      '{a: &foo [1, *foo]}',
      'yamldecode: an alias refers to an anchor from inside its own definition (called at test.tf:1)',
    ],
    ['a: .nan', 'yamldecode: floating point NaN is not supported (called at test.tf:1)'],
    [
      'a: !!bool maybe',
      // Not quoting the scalar, which may be a secret's.
      'yamldecode: cannot parse a scalar as tag:yaml.org,2002:bool (called at test.tf:1)',
    ],
  ])('%j is invalid, saying why and where', (text, reason) => {
    const value = yaml(text);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toBe(reason);
  });

  it('is too large when aliases expand past a million elements, or nesting passes 100 levels', () => {
    const levels = ['a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]'];
    for (const name of 'bcdefg') {
      const previous = String.fromCharCode(name.charCodeAt(0) - 1);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${previous}`).join(', ')}]`);
    }
    expect(yaml(levels.join('\n'))).toBeInstanceOf(TooLarge);
    expect(yaml(`${'['.repeat(101)}${']'.repeat(101)}`)).toBeInstanceOf(TooLarge);
    expect(yaml(`${'['.repeat(99)}${']'.repeat(99)}`)).not.toBeInstanceOf(Invalid);
  });
});
