import { describe, expect, it } from 'vitest';
import { isUnknown, unknown, type ValueObject } from '@posture/model';
import { DiagnosticLog } from '../src/diagnostics.js';
import { Invalid } from '../src/eval/unknowns.js';
import { evalHcl, plain } from './support/evaluate.js';

const vars: ValueObject = {
  name: 'acme',
  n: 2,
  flag: true,
  list: ['a', 'b'],
  map: { k1: 'v1', k2: 'v2' },
  objs: [
    { id: 'x', tags: { release: 'true' } },
    { id: 'y', tags: {} },
  ],
  nothing: null,
  u: unknown(['aws_s3_bucket.b.arn'], 'known after apply'),
};

describe('expression forms', () => {
  it.each([
    ['1.5e3', 1500],
    ['null', null],
    ['"plain"', 'plain'],
    ['[1, "x", true]', [1, 'x', true]],
    ['{a = 1, "b c" = 2, (var.name) = 3}', { a: 1, 'b c': 2, acme: 3 }],
    ['var.map.k1', 'v1'],
    ['var.map["k2"]', 'v2'],
    ['var.list[1]', 'b'],
    ['var.list.0', 'a'],
    ['var.objs[*].id', ['x', 'y']],
    ['var.nothing[*]', []],
    ['var.name[*]', ['acme']],
    ['var.flag ? "yes" : "no"', 'yes'],
    ['"true" ? 1 : 2', 1],
    ['1 + 2 * 3 - 4 / 2 % 3', 5],
    ['"2" + 1', 3],
    ['-var.n', -2],
    ['!var.flag', false],
    ['1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4', false],
    ['var.list == ["a", "b"]', true],
    ['{a = 1} != {a = 1}', false],
    ['1 == "1"', false],
    ['false && var.u', false],
    ['true || var.u', true],
    ['(1 + 1) * 2', 4],
    ['[for s in var.list : upper(s)]', ['A', 'B']],
    ['[for i, s in var.list : "${i}=${s}" if s != "a"]', ['1=b']],
    ['{for k, v in var.map : v => k}', { v1: 'k1', v2: 'k2' }],
    ['{for s in ["a", "bb", "cc"] : length(s) => s...}', { '1': ['a'], '2': ['bb', 'cc'] }],
    ['[for k, v in {b = 2, a = 1} : k]', ['a', 'b']],
    ['try(var.map.missing, "fallback")', 'fallback'],
    ['try(var.nothing.attr, var.list[5], "last")', 'last'],
    ['can(var.map.k1)', true],
    ['can(var.map.missing)', false],
  ])('%s', (source, expected) => {
    expect(evalHcl(source, { vars })).toEqual(expected);
  });

  it('a splat applies the whole traversal to each element', () => {
    const [first, second] = evalHcl('var.objs.*.tags.release', { vars }) as unknown[];
    expect(first).toBe('true');
    expect(second).toBeInstanceOf(Invalid);
  });

  it.each([
    'var.map.missing',
    'var.list[2]',
    'var.nothing.attr',
    'var.undeclared_namespace_attr.x.y',
    'local.x',
    '1 / 0',
    '"a" + 1',
    '{for k, v in {a = 1, b = 1} : v => k}',
    'var.name ? 1 : 2',
  ])('%s is invalid, not a throw', (source) => {
    expect(evalHcl(source, { vars })).toBeInstanceOf(Invalid);
  });
});

describe('unknowns propagate through every form, keeping their references', () => {
  const ref = { unknown: ['aws_s3_bucket.b.arn'] };
  it.each([
    ['var.u', ref],
    ['"${var.u}/*"', ref],
    ['[var.u, 1]', [ref, 1]],
    ['{a = var.u}', { a: ref }],
    ['var.u.attr', ref],
    ['var.u[0]', ref],
    ['var.u ? 1 : 2', ref],
    ['var.u + 1', ref],
    ['-var.u', ref],
    ['var.u == 1', ref],
    ['[for x in var.u : x]', ref],
    ['[for x in var.list : x if var.u]', ref],
    ['{(var.u) = 1}', ref],
    ['upper(var.u)', ref],
    ['jsonencode({a = var.u})', ref],
    ['var.u[*].id', ref],
    ['try(var.u, "x")', ref],
    ['can(var.u)', ref],
    ['var.list[var.u]', ref],
  ])('%s', (source, expected) => {
    const value = evalHcl(source, { vars });
    expect(plain(value)).toEqual(expected);
  });

  it('an unknown condition merges the references of both branches', () => {
    const value = evalHcl('var.u ? var.u2 : "x"', {
      vars: { ...vars, u2: unknown(['aws_kms_key.k.arn']) },
    });
    expect(isUnknown(value) && value.refs).toEqual(['aws_s3_bucket.b.arn', 'aws_kms_key.k.arn']);
  });
});

describe('templates', () => {
  it.each([
    ['"${var.name}-release"', 'acme-release'],
    ['"n=${var.n} f=${var.flag}"', 'n=2 f=true'],
    ['"${var.n}"', 2],
    ['"%{if var.flag}on%{else}off%{endif}"', 'on'],
    ['"%{for k, v in var.map}${k}=${v};%{endfor}"', 'k1=v1;k2=v2;'],
    ['"%{for s in var.list~} ${s} %{~endfor}"', 'ab'],
    ['<<EOT\nbucket ${var.name}\nEOT', 'bucket acme\n'],
    ['<<-EOT\n    indented\n      more\n    EOT', 'indented\n  more\n'],
    ['"$${literal}"', '${literal}'],
  ])('%s', (source, expected) => {
    expect(evalHcl(source, { vars })).toEqual(expected);
  });

  it('with unknown interpolations, is unknown and keeps its known text in order', () => {
    const arn = unknown(['aws_s3_bucket.b.arn'], 'known after apply');
    const inner = evalHcl('"${var.arn}/*"', { vars: { arn } });
    const value = evalHcl('"{\\"r\\": \\"${var.inner}\\", \\"n\\": ${var.n}}"', {
      vars: { inner, n: 2 },
    });
    expect(isUnknown(value) && value.refs).toEqual(['aws_s3_bucket.b.arn']);
    expect(isUnknown(value) && value.pieces).toEqual(['{"r": "', arn, '/*", "n": 2}']);
    // Nothing known around it: the unknown itself.
    expect(evalHcl('"${var.arn}"', { vars: { arn } })).toBe(arn);
  });

  it.each(['"x${var.list}"', '"x${var.nothing}"', '"%{if var.name}x%{endif}"'])(
    '%s is invalid',
    (source) => {
      expect(evalHcl(source, { vars })).toBeInstanceOf(Invalid);
    },
  );
});

describe('function calls', () => {
  it('an unknown function is unknown and reported once per name', () => {
    const diagnostics = new DiagnosticLog();
    expect(isUnknown(evalHcl('nosuch(1)', { diagnostics }))).toBe(true);
    evalHcl('nosuch(2)', { diagnostics });
    evalHcl('provider::aws::no_such("x")', { diagnostics });
    expect(diagnostics.all.map((d) => [d.code, d.severity])).toEqual([
      ['eval-unknown-function', 'info'],
      ['eval-unknown-function', 'info'],
    ]);
  });

  it('functions Posture does not compute are unknown without a diagnostic', () => {
    const diagnostics = new DiagnosticLog();
    expect(isUnknown(evalHcl('uuid()', { diagnostics }))).toBe(true);
    expect(isUnknown(evalHcl('timestamp()', { diagnostics }))).toBe(true);
    expect(diagnostics.all).toEqual([]);
  });

  it('never throws on malformed arguments', () => {
    for (const source of [
      'merge(1, 2)',
      'lookup()',
      'format()',
      'element("x", "y")',
      'keys(null)',
    ]) {
      expect(() => evalHcl(source)).not.toThrow();
      expect(evalHcl(source)).toBeInstanceOf(Invalid);
    }
  });
});
