import picomatch from 'picomatch';
import { afterEach, describe, expect, it } from 'vitest';
import { globTest, wildcardTest } from '../src/glob.js';
import { re2Glob } from '../src/glob-re2.js';
import { EngineUnavailable, loadRe2jsWith, re2js } from '../src/re2js.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

describe('policy globs', () => {
  // Each as picomatch (with `dot`) reads it, which matched them before; text, `*` and `?` are
  // matched without RE2, and by RE2 the same.
  it.each([
    ['*release*', 'acme-releases', true],
    ['*-dist', 'acme-dist-x', false],
    ['acme-?-releases', 'acme-x-releases', true],
    ['acme-?-releases', 'acme-xy-releases', false],
    ['module.cdn.*', 'module.cdn.aws_s3_bucket.x', true],
    ['aws_s3_bucket.b["k"]', 'aws_s3_bucket.b["k"]', true],
    ['[a-c]x', 'bx', true],
    ['[[:alpha:]]x', 'bx', true],
    ['[^a]x', 'bx', true],
    ['*.{js,ts}', 'x.ts', true],
    ['{,a}b', 'b', true],
    ['a{b,c{d,e}}', 'ace', true],
    ['x{a}', 'x{a}', true],
    ['{a,b', '{a,b', true],
    ['[abc', '[abc', true],
    ['@(a|b)', 'a', true],
    ['*(a|b)c', 'ababc', true],
    ['+(a|b)c', 'c', false],
    ['?(a)b', 'b', true],
    ['(a)', '(a)', true],
    ['a|b', 'a', false],
    ['a.b', 'axb', false],
    ['a+b', 'a+b', true],
    ['a$b^', 'a$b^', true],
    ['\\*x', '*x', true],
    ['\\*x', 'ax', false],
    ['!a', 'b', true],
    ['!a', 'a', false],
    ['*', 'a/b', false],
    ['*', '.env', true],
    ['**', 'a/b', true],
    ['a**b', 'ax/xb', false],
    ['a/**', 'a', true],
    ['a/**', 'a/b/c', true],
    ['**/b', 'b', true],
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['**/*.yml', '.github/workflows/ci.yml', true],
    ['{a,b}/**', 'b/c', true],
    ['./a', 'a', true],
    ['src/*.ts', 'src/a.ts', true],
    ['src/*.ts', 'src/a/b.ts', false],
    ['*a*b', 'xaxbxb', true],
    ['a*a', 'a', false],
  ])('%s on %s: %s', (glob, text, matches) => {
    expect(picomatch(glob, { dot: true })(text)).toBe(matches);
    expect(globTest([glob])(text)).toBe(matches);
    expect(re2Glob(glob, false)(text)).toBe(matches);
  });

  it('a negated class is one, where picomatch reads [!a] as a class of ! and a', () => {
    expect(globTest(['[!a]x'])('bx')).toBe(true);
    expect(globTest(['[!a]x'])('ax')).toBe(false);
  });

  it('ignores case when asked, and matches any of several globs', () => {
    const test = globTest(['ACME-*', '*-dist'], { nocase: true });
    expect(['acme-x', 'x-DIST', 'other'].map(test)).toEqual([true, true, false]);
  });

  it('an exception target pattern knows only * and ?, which cross every character', () => {
    expect(wildcardTest('module.a["*"].aws_s3_bucket.?')('module.a["x/y"].aws_s3_bucket.b')).toBe(
      true,
    );
    expect(wildcardTest('a[b]')('ab')).toBe(false);
  });

  it('reads a class RE2 does not take as text', () => {
    expect(globTest(['[z-a]'])('[z-a]')).toBe(true);
  });

  it('matches in time linear in the text: many stars cannot hang the scan', () => {
    const start = threadCpuMs();
    expect(globTest(['*a*a*a*a*a*a*a*a*a*a*a*a*ab'])(`${'a'.repeat(60)}c`)).toBe(false);
    expect(globTest(['{x,*a*a*a*a*a*a*a*a*a*a*a*a*ab}'])(`${'a'.repeat(60)}c`)).toBe(false);
    expect(globTest(['**/a/**/a/**/a/**/a/**/a/**/b'])(`${'a/'.repeat(60)}c`)).toBe(false);
    expect(wildcardTest('*a*a*a*a*a*a*a*a*a*a*a*a*ab')(`${'a'.repeat(60)}c`)).toBe(false);
    const unclosed = `${'{@('.repeat(5000)}a`;
    expect(globTest([unclosed])(unclosed)).toBe(true);
    expect(threadCpuMs() - start).toBeLessThan(10_000);
  });
});

// A glob that needs re2js when it cannot be loaded was matched by no caller: the policy's release
// buckets, exclusions and exceptions, an artifact's allowlist, a GitLab include. It throws, naming
// the glob; text, `*` and `?` need no engine.
describe('policy globs without their engine', () => {
  const working = re2js();
  afterEach(() => loadRe2jsWith(() => working));

  it.each([
    ['acme-*-releases', 'acme-cli-releases', true],
    ['acme-?-releases', 'acme-cli-releases', false],
    ['acme-{cli,app}-releases', 'acme-cli-releases', undefined],
    ['[a-c]x', 'bx', undefined],
    ['**/*.tf', 'infra/main.tf', undefined],
    ['!acme-*', 'acme-cli', undefined],
  ])('%s on %s: %s (undefined: it throws, naming the glob)', (glob, text, matches) => {
    loadRe2jsWith(() => {
      throw new Error("Cannot find module 're2js'\nRequire stack: …");
    });
    if (matches !== undefined) {
      expect(globTest([glob])(text)).toBe(matches);
      return;
    }
    expect(() => globTest([glob])).toThrow(EngineUnavailable);
    expect(() => globTest([glob])).toThrow(
      `the regular-expression engine re2js could not be loaded (Cannot find module 're2js'), so the glob ${JSON.stringify(glob)} cannot be matched`,
    );
  });
});
