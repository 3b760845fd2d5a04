import { describe, expect, it } from 'vitest';
import { notAllowed } from '../src/allowlist.js';
import { shippedType } from '../src/shipped-type.js';

/** The reasons the default policy gives for each path of a package that ships `paths`. */
function judged(paths: readonly string[]): Record<string, string> {
  const entries = paths.map((packagePath) => ({ packagePath, type: shippedType(packagePath) }));
  return Object.fromEntries(
    [...notAllowed(entries, {})].map(([entry, reason]) => [entry.packagePath, reason]),
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
