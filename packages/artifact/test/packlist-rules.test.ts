/** The rules npm-packlist reads, compiled as few times as they are written differently. */
import { describe, expect, it, vi } from 'vitest';
import { packFiles } from '../src/index.js';
import { compiledGlobs } from './compiled-globs.js';
import { makePackage } from './support.js';

vi.mock('../src/bounded-glob.js', async (importOriginal) =>
  (await import('./compiled-globs.js')).countingCompiles(await importOriginal()),
);

describe('rules written again', () => {
  it.each([
    [
      'bins naming one file',
      { bin: Object.fromEntries([...'abcdef'].map((b) => [b, 'cli.js'])) },
      '!/cli.js',
    ],
    ['a files entry repeated', { files: ['cli.js', 'lib', 'lib', 'lib'] }, '!lib/**'],
  ])('are compiled once: %s', async (_what, fields, rule) => {
    // npm-packlist writes a rule for each bin: 200,000 bins of one file were 200,000 matchers.
    const manifest = JSON.stringify({ name: 'x', version: '1.0.0', ...fields });
    const dir = makePackage({ 'package.json': manifest, 'cli.js': 'x', 'lib/a.js': 'x' });
    compiledGlobs.length = 0;
    expect((await packFiles(dir)).sort()).toEqual(['cli.js', 'lib/a.js', 'package.json']);
    expect(compiledGlobs.filter((glob) => glob === rule)).toHaveLength(1);
  });
});
