/**
 * The per-file guard: what throws while one build file is read (a bug, such as a stack overflow on
 * a crafted file) is an error on that file, which fails the gate, and the other files are read.
 * Two steps are made to throw here: parsing wrangler.toml, and finding the links of the Makefile.
 */
import { describe, expect, it, vi } from 'vitest';
import type { linksOf as LinksOf } from '../src/extract/links.js';
import { repo, scan } from './helpers.js';

vi.mock('../src/structured/toml.js', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  parseToml: () => {
    throw new RangeError('Maximum call stack size exceeded');
  },
}));

vi.mock('../src/extract/links.js', async (importOriginal) => {
  const real = await importOriginal<{ linksOf: typeof LinksOf }>();
  return {
    ...real,
    linksOf: (...args: Parameters<typeof LinksOf>) => {
      if (args[0].file.path === 'Makefile') throw new TypeError('x is undefined');
      return real.linksOf(...args);
    },
  };
});

describe('a build file whose reading throws', () => {
  const result = scan(
    repo({
      'wrangler.toml': 'name = "x"\n',
      Makefile: 'release:\n\taws s3 cp x s3://make-bucket/\n',
      '.github/workflows/release.yml':
        'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: aws s3 cp x s3://workflow-bucket/\n',
    }),
  );

  it.each([
    ['wrangler.toml', 'RangeError: Maximum call stack size exceeded'],
    ['Makefile', 'TypeError: x is undefined'],
  ])('%s is an error on that file, naming what threw', (file, thrown) => {
    expect(result.diagnostics.filter((d) => d.range.file === file)).toEqual([
      expect.objectContaining({
        severity: 'error',
        code: 'build-file-unreadable',
        message: `an internal error stopped its reading (${thrown}); this is a bug in Posture, please report it`,
      }),
    ]);
  });

  it('leaves the other files read', () => {
    expect(result.links.map((l) => l.bucket)).toEqual(['workflow-bucket']);
  });
});
