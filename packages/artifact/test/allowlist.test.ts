import { describe, expect, it } from 'vitest';
import { notAllowed, type Allowlist } from '../src/allowlist.js';
import { shippedType } from '../src/shipped-type.js';

/** The reasons a policy (by default, none) gives for each path of a package that ships `paths`. */
function judged(paths: readonly string[], allowlist: Allowlist = {}): Record<string, string> {
  const entries = paths.map((packagePath) => ({ packagePath, type: shippedType(packagePath) }));
  return Object.fromEntries(
    [...notAllowed(entries, allowlist)].map(([entry, reason]) => [entry.packagePath, reason]),
  );
}

describe('TypeScript sources without an allowlist', () => {
  // [what, the package's paths, those refused as sources beside the build]
  const CASES: [string, string[], string[]][] = [
    [
      'sources beside a build',
      ['dist/cli.js', 'src/cli.ts', 'src/a/b.tsx'],
      ['src/a/b.tsx', 'src/cli.ts'],
    ],
    ['a package of sources alone', ['src/cli.ts', 'index.mts'], []],
    ['declarations', ['dist/cli.js', 'dist/cli.d.ts'], []],
    [
      "a scaffolder's templates (create-t3-app, create-vite, Yeoman, hygen), not its own sources",
      [
        'dist/index.js',
        'template/base/src/env.ts',
        'template/base/src/pages/index.tsx',
        'template-react-ts/src/main.tsx',
        'generators/app/templates/app.ts',
        '_templates/component/new/hello.ts',
        'skeleton/src/index.ts',
        'src/index.ts',
      ],
      ['src/index.ts'],
    ],
    [
      'a file named like a template folder is still a source',
      ['dist/index.js', 'src/template.ts', 'src/templating/x.ts'],
      ['src/template.ts', 'src/templating/x.ts'],
    ],
  ];

  it.each(CASES)('%s', (_what, paths, refused) => {
    const reasons = judged(paths);
    expect(Object.keys(reasons).sort()).toEqual(refused);
    expect(new Set(Object.values(reasons))).toEqual(
      new Set(refused.length ? ['source-beside-build'] : []),
    );
  });
});

describe('declaration maps: refused low by default, admitted on their own', () => {
  const PATHS = ['package.json', 'dist/index.js', 'dist/index.d.ts.map', 'dist/index.js.map'];
  // [what, the policy's allowlist, the reason each refused path is refused for]
  const CASES: [string, Allowlist, Record<string, string>][] = [
    [
      'no allowlist: a declaration map for its source paths, a source map for its type',
      {},
      { 'dist/index.d.ts.map': 'source-paths', 'dist/index.js.map': 'denied-type' },
    ],
    [
      'allowTypes [declaration-map] admits declaration maps, not source maps',
      { allow: ['**'], allowTypes: ['declaration-map'] },
      { 'dist/index.js.map': 'denied-type' },
    ],
    [
      'an allow glob admits a declaration map, never a source map',
      { allow: ['dist/**', 'package.json'] },
      { 'dist/index.js.map': 'denied-type' },
    ],
    [
      'allowTypes [source-map] no longer admits declaration maps',
      { allow: ['package.json', 'dist/*.js'], allowTypes: ['source-map'] },
      { 'dist/index.d.ts.map': 'outside-allowlist' },
    ],
  ];

  it.each(CASES)('%s', (_what, allowlist, refused) => {
    expect(judged(PATHS, allowlist)).toEqual(refused);
  });
});

describe('credentials files are refused whatever the globs', () => {
  const PATHS = ['package.json', '.netrc', '.aws/credentials', '.dev.vars', '.envrc'];
  const CASES: [string, Allowlist, Record<string, string>][] = [
    [
      'no allowlist',
      {},
      {
        '.netrc': 'denied-type',
        '.aws/credentials': 'denied-type',
        '.dev.vars': 'denied-type',
        '.envrc': 'denied-type',
      },
    ],
    [
      'a glob of everything',
      { allow: ['**'] },
      {
        '.netrc': 'denied-type',
        '.aws/credentials': 'denied-type',
        '.dev.vars': 'denied-type',
        '.envrc': 'denied-type',
      },
    ],
    [
      'their types admitted by name',
      { allow: ['package.json'], allowTypes: ['credentials', 'env'] },
      {},
    ],
  ];

  it.each(CASES)('%s', (_what, allowlist, refused) => {
    expect(judged(PATHS, allowlist)).toEqual(refused);
  });
});

describe('a source map compressed in a format that is not unpacked is refused whatever the policy', () => {
  // [the file, the format its content showed, the policy, the reason it is refused, if it is]
  const CASES: [string, string | undefined, Allowlist, string | undefined][] = [
    ['dist/cli.js.map.zst', undefined, {}, 'unopened-map'],
    ['dist/cli.js.map.xz', undefined, { allowTypes: ['archive', 'source-map'] }, 'unopened-map'],
    ['dist/cli.js.map.bz2', undefined, { allow: ['**'] }, 'unopened-map'],
    ['dist/cli.d.ts.map.LZ4', undefined, {}, 'unopened-map'],
    // A plainly named map whose bytes are such a stream.
    ['dist/cli.js.map', 'zstd', { allowTypes: ['archive'] }, 'unopened-map'],
    ['dist/cli.js.map', 'bzip2', {}, 'unopened-map'],
    // Maps that are unpacked, and archives that are no map, are judged by their type.
    ['dist/cli.js.map.gz', undefined, { allowTypes: ['source-map'] }, undefined],
    ['dist/cli.js.map', 'zip', { allowTypes: ['archive'] }, undefined],
    ['vendor/src.tar.zst', undefined, { allowTypes: ['archive'] }, undefined],
    ['vendor/payload.dat', 'zstd', { allowTypes: ['archive'] }, undefined],
  ];

  it.each(CASES)('%s (%s)', (packagePath, byContent, allowlist, reason) => {
    const type = byContent ? 'archive' : shippedType(packagePath);
    const entry = { packagePath, type, ...(byContent && { byContent }) };
    expect(notAllowed([entry], allowlist).get(entry)).toBe(reason);
  });
});
