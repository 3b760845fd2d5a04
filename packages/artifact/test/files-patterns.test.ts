/** A package.json `files` entry is compiled once to be matched against every file that ships. */
import { describe, expect, it, vi } from 'vitest';
import { observedEntry } from '@posture/model';
import { inspectArtifact } from '../src/index.js';
import { compiledGlobs } from './compiled-globs.js';
import { makePackage } from './support.js';

vi.mock('../src/bounded-glob.js', async (importOriginal) =>
  (await import('./compiled-globs.js')).countingCompiles(await importOriginal()),
);

const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' });
const MAPS = ['dist/a.js.map', 'dist/b.js.map', 'dist/c.js.map', 'dist/sub/d.js.map'];
/** Globs that name nothing shipped, so each is asked of every file. */
const UNUSED = Array.from({ length: 20 }, (_, i) => `dist/q${i}*.js`);

describe('files entries', () => {
  // [what, files, the origin of every map]
  it.each([
    ['a folder, then globs that name nothing', ['dist', ...UNUSED], '"files" entry "dist"'],
    [
      'globs that name nothing, then a glob',
      [...UNUSED, 'dist/**/*.map'],
      '"files" entry "dist/**/*.map"',
    ],
    [
      'the last entry naming a file is its origin',
      ['dist/**', ...UNUSED, 'dist'],
      '"files" entry "dist"',
    ],
  ])('are compiled once each to judge and once to place: %s', async (_what, files, origin) => {
    // Compiled for each file shipped, 500 globs against 500 files took 13 s.
    const manifest = JSON.stringify({ name: 'x', version: '1.0.0', files });
    const dir = makePackage({
      'package.json': manifest,
      ...Object.fromEntries(MAPS.map((path) => [path, MAP])),
    });
    compiledGlobs.length = 0;
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    const origins = new Map(
      observations.map(observedEntry).map((entry) => [entry?.packagePath, entry?.origin.label]),
    );
    expect(MAPS.map((path) => origins.get(path))).toEqual(MAPS.map(() => origin));
    for (const glob of UNUSED) expect(compiledGlobs.filter((g) => g === glob)).toHaveLength(2);
  });
});
