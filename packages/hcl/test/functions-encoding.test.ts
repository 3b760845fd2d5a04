import { describe, expect, it } from 'vitest';
import { Unknown, type Value } from '@posture/model';
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
    ['base64decode("YW\\r\\nJj")', 'abc'],
    ['base64decode("77u/YQ==")', '\ufeffa'],
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

  it.each([
    'jsondecode("{")',
    'base64decode("/w==")',
    // Go's standard base64 decoder refuses what Node's skips: spaces, missing padding.
    'base64decode("YW Jj")',
    'base64decode("YQ")',
  ])('%s is invalid', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });

  // Deeper, the walks over the value overflowed the stack (3,000 levels), said as a chain of
  // references too long to follow.
  it.each([
    [200, false],
    [201, true],
    [100_000, true],
  ])('jsondecode of JSON nested %i levels deep is too large: %s', (levels, tooLarge) => {
    const value = evalHcl(`jsondecode("${'['.repeat(levels)}${']'.repeat(levels)}")`);
    expect(value instanceof TooLarge).toBe(tooLarge);
    if (tooLarge) expect((value as TooLarge).reason).toMatch(/^JSON nested over 200 levels deep/);
  });

  // Terraform holds JSON numbers exactly; a double rounded 12345678901234567890 and
  // 12345678901234567891 to one number, so that two bucket names made of them were the same.
  it.each([
    ['9007199254740991', 9007199254740991],
    ['-1.50e2', -150],
    ['0.1', 0.1],
    ['1E+2', 100],
    ['0.000', 0],
    ['9007199254740993', undefined],
    ['12345678901234567890', undefined],
    ['0.12345678901234567890123', undefined],
    ['1e400', undefined],
    ['1e-400', undefined],
  ])('jsondecode reads %s as %s (undefined: unknown, held inexactly)', (written, read) => {
    const value = evalHcl(`jsondecode("[${written}, \\"${written}\\"]")`) as Value[];
    if (read === undefined) {
      expect(value[0]).toBeInstanceOf(Unknown);
      expect(value[0]).not.toBeInstanceOf(Invalid);
      expect((value[0] as Unknown).reason).toBe(
        `jsondecode: the number ${written} (called at test.tf:1) has more digits than are held exactly`,
      );
    } else expect(value[0]).toBe(read);
    expect(value[1]).toBe(written);
  });

  it('jsondecode keeps apart two numbers a double would round to one', () => {
    const { a, b } = evalHcl(
      'jsondecode("{\\"a\\": 12345678901234567890, \\"b\\": 12345678901234567891}")',
    ) as Record<string, Unknown>;
    expect(a).toBeInstanceOf(Unknown);
    expect(b).toBeInstanceOf(Unknown);
    expect(a?.reason).toBe(
      'jsondecode: one of 12345678901234567890, 12345678901234567891 (called at test.tf:1) has more digits than are held exactly',
    );
  });

  it('says where a jsondecode that fails is called: its value may be read far from there', () => {
    expect((evalHcl('jsondecode("{")') as Invalid).reason).toBe(
      "jsondecode(…) (written at test.tf:1): invalid JSON at line 1, column 2: expected '}'",
    );
  });

  // JSON.parse's own message quotes the text around the mistake: `"{"pw": hunter2hun"...`.
  it.each([
    ['{\\"pw\\": hunter2hunter2}', 'at line 1, column 8: invalid symbol'],
    ['{\\"pw\\": \\"hunter2hunter2\\", x}', 'column 26: invalid symbol'],
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
      [true, false, false, 'on', null, null, 12, -1500, 0.5, 31, 15, '1_000', '1.2.3'],
    ],
    // `terraform console`: untagged, only a decimal has a sign and none has `_`; `!!int` reads
    // Go's forms (`0b`, a sign, `_`) from -2^63 to 2^64 - 1.
    [
      '[-0x10, +0x10, 0x1_0, -0o10, 0b101, 0X10, 010, 02000000000000000000000]',
      ['-0x10', '+0x10', '0x1_0', '-0o10', '0b101', '0X10', 10, 2e21],
    ],
    [
      '[!!int -0x10, !!int 0x1_0, !!int 0b101, !!int -0b101, !!int 0O10, !!int 1_000]',
      [-16, 16, 5, -5, 8, 1000],
    ],
    [
      '[!!int -0x8000000000000000, 0x8000000000000000, 0o1000000000000000000000]',
      [-(2 ** 63), 2 ** 63, 2 ** 63],
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
      'yamldecode(…) (written at test.tf:1): invalid YAML at line 3, column 2: bad indentation of a mapping entry',
    ],
    [
      'a: !Ref foo',
      'yamldecode(…) (written at test.tf:1): invalid YAML at line 1, column 12: unknown tag !<!Ref>',
    ],
    [
      'a: 1\n---\nb: 2',
      'yamldecode(…) (written at test.tf:1): invalid YAML: expected a single document in the stream, but found more',
    ],
    [
      '{a: &foo [1, *foo]}',
      'yamldecode(…) (written at test.tf:1): an alias refers to an anchor from inside its own definition',
    ],
    ['a: .nan', 'yamldecode(…) (written at test.tf:1): floating point NaN is not supported'],
    // `terraform console`: cannot parse "0x10000000000000000" as tag:yaml.org,2002:int.
    ...[
      'a: 0x10000000000000000',
      'a: 0o2000000000000000000000',
      'a: 0x1ffffffffffffffff',
      'a: !!int -0x8000000000000001',
      'a: !!int -0xffffffffffffffff',
      'a: !!int 0b11111111111111111111111111111111111111111111111111111111111111111',
    ].map((text) => [
      text,
      'yamldecode(…) (written at test.tf:1): cannot parse a scalar as tag:yaml.org,2002:int',
    ]),
    [
      'a: !!bool maybe',
      // Not quoting the scalar, which may be a secret's.
      'yamldecode(…) (written at test.tf:1): cannot parse a scalar as tag:yaml.org,2002:bool',
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

// Expected values and errors from `terraform console` (Terraform 1.11).
describe("csvdecode, as Go's encoding/csv reads CSV", () => {
  it.each([
    ['a,b\\n1,2', [{ a: '1', b: '2' }]],
    ['a\\npublic-read', [{ a: 'public-read' }]],
    ['a,b', []],
    ['a,b\\n\\"x,y\\",\\"q\\"\\"r\\"\\n', [{ a: 'x,y', b: 'q"r' }]],
    ['a,b\\r\\n1,2\\r\\n', [{ a: '1', b: '2' }]],
    ['a,b\\n\\n1,2\\n\\n', [{ a: '1', b: '2' }]],
    [' a , b \\n 1 , 2 ', [{ ' a ': ' 1 ', ' b ': ' 2 ' }]],
    ['a\\n\\"x\\ny\\"', [{ a: 'x\ny' }]],
    ['a\\n\\"x\\r\\ny\\"', [{ a: 'x\ny' }]],
    ['#a,b\\n1,2', [{ '#a': '1', b: '2' }]],
    ['a\\n#c\\n1', [{ a: '#c' }, { a: '1' }]],
    ['a\\r\\nb\\rc', [{ a: 'b\rc' }]],
    ['a\\nb\\r', [{ a: 'b' }]],
    ['a,b\\n,', [{ a: '', b: '' }]],
    ['__proto__\\n1', [JSON.parse('{"__proto__": "1"}')]],
  ])('csvdecode("%s")', (csv, expected) => {
    expect(evalHcl(`csvdecode("${csv}")`)).toEqual(expected);
  });

  it.each([
    ['', 'missing header line'],
    ['a,b\\n1,2,3', 'CSV parse error on line 2: wrong number of fields'],
    ['a,a\\n1,2', 'duplicate column name "a"'],
    ['a,b\\n1,\\"2', 'CSV parse error on line 2: extraneous or missing " in quoted-field'],
    ['a\\nx\\"y', 'CSV parse error on line 2: bare " in non-quoted-field'],
    ['\\"a\\"b,c\\n1,2', 'CSV parse error on line 1: extraneous or missing " in quoted-field'],
  ])('csvdecode("%s") is invalid: %s', (csv, reason) => {
    const value = evalHcl(`csvdecode("${csv}")`);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toBe(`csvdecode(…) (written at test.tf:1): ${reason}`);
  });

  it('builds no more than the bounds, in one pass over a long text', () => {
    const many = `a\n${'x\n'.repeat(600_000)}`;
    expect(evalHcl('csvdecode(var.csv)', { vars: { csv: many } })).toBeInstanceOf(TooLarge);
    // Each row repeats the header's keys: a 1 MB key over 10 rows is 10 MB, over 20 too many.
    const wide = `${'k'.repeat(1 << 20)}\n${'x\n'.repeat(20)}`;
    expect(evalHcl('csvdecode(var.csv)', { vars: { csv: wide } })).toBeInstanceOf(TooLarge);
    const quoted = `a\n"${'x'.repeat(1 << 23)}"\n`;
    expect(evalHcl('length(csvdecode(var.csv)[0].a)', { vars: { csv: quoted } })).toBe(1 << 23);
  });
});

describe('textencodebase64 and textdecodebase64', () => {
  it.each([
    ['textdecodebase64("cAB1AGIAbABpAGMALQByAGUAYQBkAA==", "UTF-16LE")', 'public-read'],
    ['textencodebase64("public-read", "UTF-16LE")', 'cAB1AGIAbABpAGMALQByAGUAYQBkAA=='],
    ['textencodebase64("héllo😀", "UTF-16BE")', 'AGgA6QBsAGwAb9g93gA='],
    ['textencodebase64("héllo😀", "UTF-16")', '/v8AaADpAGwAbABv2D3eAA=='],
    ['textencodebase64("héllo😀", "utf-16le")', 'aADpAGwAbABvAD3YAN4='],
    ['textencodebase64("héllo😀", "csUTF16LE")', 'aADpAGwAbABvAD3YAN4='],
    ['textencodebase64("héllo😀", "UTF-8")', 'aMOpbGxv8J+YgA=='],
    ['textencodebase64("é", " UTF-16LE ")', '6QA='],
    ['textencodebase64("é", "latin1")', '6Q=='],
    ['textencodebase64("", "UTF-16")', '/v8='],
    ['textdecodebase64("/v8AYQ==", "UTF-16")', 'a'],
    ['textdecodebase64("//5hAA==", "UTF-16")', 'a'],
    ['textdecodebase64("AGE=", "UTF-16")', 'a'],
    ['textdecodebase64("/v///g==", "UTF-16")', '\ufffe'],
    ['textdecodebase64("//5hAA==", "UTF-16LE")', '\ufeffa'],
    ['textdecodebase64("77u/YQ==", "UTF-8")', '\ufeffa'],
    ['textdecodebase64("YW\\nJj", "UTF-8")', 'abc'],
    ['textdecodebase64("gA==", "ISO-8859-1")', '\u0080'],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each([
    'textdecodebase64("/w==", "UTF-8")',
    'textdecodebase64("YQ==", "UTF-16LE")',
    'textdecodebase64("2D0AYQ==", "UTF-16BE")',
    'textdecodebase64("3gA=", "UTF-16BE")',
    'textdecodebase64("YW Jj", "UTF-8")',
    'textdecodebase64("YQ=", "UTF-8")',
    'textencodebase64("€", "ISO-8859-1")',
  ])('%s is invalid', (source) => {
    expect(evalHcl(source)).toBeInstanceOf(Invalid);
  });

  // windows-1252 is Terraform's, bogus is no one's: neither is computed, so both are unknown.
  it.each(['textencodebase64("é", "windows-1252")', 'textdecodebase64("YQ==", "bogus")'])(
    '%s is unknown',
    (source) => {
      const value = evalHcl(source);
      expect(value).toBeInstanceOf(Unknown);
      expect(value).not.toBeInstanceOf(Invalid);
    },
  );
});
