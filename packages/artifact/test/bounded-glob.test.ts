import { Minimatch, type MinimatchOptions } from 'minimatch';
import { describe, expect, it, vi } from 'vitest';
import { boundedMinimatch, GlobTooCostly } from '../src/bounded-glob.js';
import { notAllowed } from '../src/allowlist.js';
import { inspectArtifact, packFiles } from '../src/index.js';
import { vscePackFiles } from '../src/vsce-files.js';
import { makePackage } from './support.js';
import { GUARD_TIMEOUT_MS, threadCpuMs } from '../../../test/support/cpu-time.js';

// Guards bound CPU time (threadCpuMs); only a hang is stopped by the wall clock.
vi.setConfig({ testTimeout: GUARD_TIMEOUT_MS });

/**
 * The bound, in ms, of a guard against globs crafted to take exponential time: far above the well
 * under a second they take since the fix, far below the minutes they took before.
 */
const BLOW_UP_MS = 10_000;

/** ignore-walk's options for npm's rules, and vsce's. */
const NPM: MinimatchOptions = { matchBase: true, dot: true, flipNegate: true, nocase: true };
const VSCE: MinimatchOptions = { dot: true };

describe('globs matched within bounds', () => {
  /** A generator of the same numbers each run. */
  const random = (seed: number) => () => (seed = (seed * 48271) % 2147483647) / 2147483647;

  it('match what minimatch matches, where a glob would take it more than quadratic time', () => {
    const next = random(7);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const atoms = ['a', 'b', 'A', '.', '?', '[ab]', '[!a]', '\\*', 'é', '😀'];
    const chars = ['a', 'b', 'B', '.', '*', 'é', 'É', '😀', '/'];
    let compared = 0;
    for (let round = 0; round < 3000; round++) {
      // Three to five stars in a segment, between pieces of zero to two characters.
      const stars = 3 + Math.floor(next() * 3);
      const segment = Array.from({ length: stars + 1 }, () =>
        Array.from({ length: Math.floor(next() * 3) }, () => pick(atoms)).join(''),
      ).join('*');
      const glob = pick(['', '**/', 'x/', '!']) + segment;
      const text = Array.from({ length: Math.floor(next() * 9) }, () => pick(chars)).join('');
      const path = pick(['', 'x/', 'y/x/']) + text;
      for (const options of [NPM, VSCE]) {
        const partial = next() < 0.3;
        expect(boundedMinimatch(glob, options).match(path, partial), `${glob} ${path}`).toBe(
          new Minimatch(glob, options).match(path, partial),
        );
        compared++;
      }
    }
    expect(compared).toBe(6000);
  });

  it.each([
    ['**/a*a*a*a*a*a*a*a*a*a*a*b', `dist/${'a'.repeat(200)}`, false],
    ['**/a*a*a*a*a*a*a*a*a*a*a*b', `dist/${'a'.repeat(200)}b`, true],
    ['*.*.*.*.*.*.*.*.*.*.*.js', `${'.'.repeat(200)}x`, false],
    ['[a-z]*[0-9]*[a-z]*[0-9]*[a-z]*x', `a${'1a'.repeat(100)}`, false],
  ])('%s against a long name takes linear time', (glob, path, matches) => {
    const start = threadCpuMs();
    expect(boundedMinimatch(glob, NPM).match(path)).toBe(matches);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each([
    ['dist/+(a|aa)b', 'repeats a group'],
    ['*(a)', 'repeats a group'],
    ['*!(a)*!(b)*c', 'with an extglob'],
    ['{a,b}'.repeat(9), 'stands for more than 256 globs'],
    [`dist/${'a'.repeat(1100)}`, 'is longer than 1024 characters'],
  ])('refuses %s, which it cannot match so', (glob, reason) => {
    expect(() => boundedMinimatch(glob, NPM)).toThrow(GlobTooCostly);
    expect(() => boundedMinimatch(glob, NPM)).toThrow(reason);
  });

  it('matches as minimatch what it has no need to bound', () => {
    for (const glob of ['*.js', 'dist/**/*.map', '!*.d.ts', '@(a|b)*', 'x{a,b}*y*', '.*'])
      expect(boundedMinimatch(glob, NPM).set).toEqual(new Minimatch(glob, NPM).set);
    expect(() => boundedMinimatch('a*b*c*d', {}, true)).toThrow('more than 2 wildcards');
  });
});

describe('a package whose globs would take npm too long', () => {
  const long = 'a'.repeat(60);
  const STARS = '**/a*a*a*a*a*a*a*a*a*a*a*b';
  const files = (extra: Record<string, string>) =>
    makePackage({ [`dist/${long}`]: 'x', 'index.js': 'x', ...extra });
  const manifest = (extra: object = {}) =>
    JSON.stringify({ name: 'x', version: '1.0.0', ...extra });

  it.each([
    ['a files entry', { 'package.json': manifest({ files: [STARS, 'index.js'] }) }],
    ['an .npmignore line', { 'package.json': manifest(), '.npmignore': `${STARS}\ndist\n` }],
  ])('is listed in linear time when %s has many stars', async (_what, extra) => {
    const start = threadCpuMs();
    expect((await packFiles(files(extra))).sort()).toEqual(['index.js', 'package.json']);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each([
    [
      'a files entry',
      { 'package.json': manifest({ files: ['dist/+(a|aa)b', 'index.js'] }) },
      'package.json "files" holds a glob that repeats a group',
    ],
    [
      'a nested .npmignore',
      { 'package.json': manifest(), 'dist/.npmignore': '{a,b}'.repeat(20) },
      'dist/.npmignore holds a glob that stands for more than 256 globs through its braces',
    ],
    [
      'a workspaces entry',
      { 'package.json': manifest({ workspaces: [STARS] }), [`${long}/package.json`]: '{}' },
      'package.json "workspaces" entry 1 is a glob that has more than 2 wildcards',
    ],
  ])('is unreadable when %s is a glob npm would hang on', async (_what, extra, problem) => {
    const dir = files(extra);
    const start = threadCpuMs();
    await expect(packFiles(dir)).rejects.toThrow(problem);
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toContainEqual(
      expect.objectContaining({ kind: 'unreadable', problem: expect.stringContaining(problem) }),
    );
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it('is listed as vsce lists it, or refused, when .vscodeignore has such a glob', () => {
    const extension = manifest({ publisher: 'acme', engines: { vscode: '^1.90.0' } });
    const start = threadCpuMs();
    const listed = vscePackFiles(files({ 'package.json': extension, '.vscodeignore': STARS }));
    expect(listed.sort()).toEqual([`dist/${long}`, 'index.js', 'package.json']);
    expect(() =>
      vscePackFiles(files({ 'package.json': extension, '.vscodeignore': '*(a)*(b)' })),
    ).toThrow('.vscodeignore holds a glob that repeats a group');
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });

  it("judges its paths by the policy's allowlist in linear time", () => {
    const start = threadCpuMs();
    const entry = { packagePath: `dist/${long}`, type: 'javascript' as const };
    expect([...notAllowed([entry], { allow: [STARS] }).values()]).toEqual(['outside-allowlist']);
    expect(threadCpuMs() - start).toBeLessThan(BLOW_UP_MS);
  });
});
