/** The rules npm-packlist reads, compiled as few times as they are written differently. */
import { describe, expect, it, vi } from 'vitest';
import { packFiles } from '../src/index.js';
import type * as BoundedGlob from '../src/bounded-glob.js';
import { makePackage } from './support.js';

const compiled = vi.hoisted(() => [] as string[]);
vi.mock('../src/bounded-glob.js', async (importOriginal) => {
  const original = await importOriginal<typeof BoundedGlob>();
  return {
    ...original,
    boundedMinimatch: (...args: Parameters<typeof original.boundedMinimatch>) => {
      compiled.push(args[0]);
      return original.boundedMinimatch(...args);
    },
  };
});

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
    compiled.length = 0;
    expect((await packFiles(dir)).sort()).toEqual(['cli.js', 'lib/a.js', 'package.json']);
    expect(compiled.filter((glob) => glob === rule)).toHaveLength(1);
  });
});
