import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ArtifactObservation } from '@posture/model';
import { inspectArtifact } from '../src/index.js';
import { makeLinks, makePackage, makeTar, scratch } from './support.js';

const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['x'], mappings: 'A' });

/** package.json written one field a line, so each field's line is known: name 2, version 3, … */
function manifest(fields: Record<string, unknown>): string {
  const lines = Object.entries({ name: 'acme-cli', version: '1.0.0', ...fields }).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`,
  );
  return `{\n${lines.join(',\n')}\n}\n`;
}

const missingOf = (observations: readonly ArtifactObservation[]) =>
  observations.flatMap((o) =>
    o.kind === 'missing-target' ? [[o.field, o.target, o.location.start.line]] : [],
  );

const VSCODE = { publisher: 'acme', engines: { vscode: '^1.90.0' } };

/** What package.json names, with the files there: none of it missing. */
const COMPLETE: Record<string, Record<string, string>> = {
  'no "main" (npm and Node assume an index.js that need not be there)': {
    'package.json': manifest({}),
  },
  '"main" without its extension, as Node resolves it': {
    'package.json': manifest({ main: 'dist/index' }),
    'dist/index.js': '',
  },
  'an empty "main", as npm and Node read none': {
    'package.json': manifest({ main: '' }),
    'index.d.ts': '',
  },
  '"main" naming a folder, with its index.js': {
    'package.json': manifest({ main: './lib/' }),
    'lib/index.js': '',
  },
  '"bin" as an object, and "browser"': {
    'package.json': manifest({ bin: { acme: 'bin/acme.js' }, browser: 'dist/browser.js' }),
    'bin/acme.js': '',
    'dist/browser.js': '',
  },
  '"files" globs and folders, a negation and "."': {
    'package.json': manifest({ files: ['dist', 'types/*.d.ts', '!dist/**/*.map', '.'] }),
    'dist/index.js': '',
    'types/index.d.ts': '',
  },
  '"exports": conditions, a pattern, a folder, null, and a name that is no path': {
    'package.json': manifest({
      exports: {
        '.': { import: './dist/index.mjs', require: './dist/index.cjs' },
        './features/*': './dist/features/*.js',
        './assets/': './assets/',
        './internal/*': null,
        './node': 'node:fs',
      },
    }),
    'dist/index.mjs': '',
    'dist/index.cjs': '',
    'dist/features/deep/a.js': '',
    'assets/logo.svg': '',
  },
  'a VS Code extension with its built "main"': {
    'package.json': manifest({ ...VSCODE, main: './out/extension.js' }),
    'out/extension.js': '',
  },
};

/** What package.json names that is not there, reported at its line: [field, target, line]. */
const INCOMPLETE: Record<string, [Record<string, string>, [string, string, number][]]> = {
  '"main" before the build': [
    { 'package.json': manifest({ main: 'dist/index.js' }) },
    [['"main"', 'dist/index.js', 4]],
  ],
  '"main" naming a file the build does not write': [
    { 'package.json': manifest({ main: 'dist/main.js' }), 'dist/index.js': '' },
    [['"main"', 'dist/main.js', 4]],
  ],
  '"bin" as a string, and "browser"': [
    { 'package.json': manifest({ bin: 'dist/cli.js', browser: 'dist/browser.js' }) },
    [
      ['"browser"', 'dist/browser.js', 5],
      ['"bin"', 'dist/cli.js', 4],
    ],
  ],
  'no "files" entry matching anything': [
    { 'package.json': manifest({ files: ['dist', '*.d.ts'] }), 'README.md': '' },
    [
      ['"files" entry "dist"', 'dist', 4],
      ['"files" entry "*.d.ts"', '*.d.ts', 4],
    ],
  ],
  '"exports" "." whose committed types ship, but not its code': [
    {
      'package.json': manifest({
        exports: { '.': { types: './index.d.ts', default: './dist/index.js' } },
        files: ['dist', 'index.d.ts'],
      }),
      'index.d.ts': '',
    },
    [
      ['"files" entry "dist"', 'dist', 5],
      ['"exports"["."]["default"]', './dist/index.js', 4],
    ],
  ],
  '"exports" "." whose types, nested or by name, ship, but not its code': [
    {
      'package.json': manifest({
        exports: {
          '.': {
            import: { typings: './dist/index.d.mts', default: './dist/index.mjs' },
            require: ['./types/index.d.cts', './dist/index.cjs'],
          },
        },
      }),
      'dist/index.d.mts': '',
      'types/index.d.cts': '',
    },
    [
      ['"exports"["."]["import"]["default"]', './dist/index.mjs', 4],
      ['"exports"["."]["require"][1]', './dist/index.cjs', 4],
    ],
  ],
  '"exports" without ".", none of whose subpaths ships code': [
    {
      'package.json': manifest({
        exports: { './a': './dist/a.js', './b': { types: './b.d.ts', default: './dist/b.js' } },
      }),
      'b.d.ts': '',
    },
    [
      ['"exports"["./a"]', './dist/a.js', 4],
      ['"exports"["./b"]["default"]', './dist/b.js', 4],
    ],
  ],
  '"bin" missing, beside a "." that ships': [
    {
      'package.json': manifest({ bin: { acme: 'dist/cli.js' }, exports: './index.js' }),
      'index.js': '',
    },
    [['"bin"', 'dist/cli.js', 4]],
  ],
  '"exports" as one path': [
    { 'package.json': manifest({ exports: './dist/index.js' }) },
    [['"exports"', './dist/index.js', 4]],
  ],
  'a VS Code extension before vscode:prepublish': [
    {
      'package.json': manifest({ ...VSCODE, main: './out/extension.js' }),
      '.vscodeignore': 'src/**',
      'src/extension.ts': '',
    },
    [['"main"', './out/extension.js', 6]],
  ],
};

/**
 * What is missing but leaves the package's ways in there, with nothing built at pack time: a
 * leftover, said in a notice, not a finding. [files, the notices' fields and lines].
 */
const LEFTOVER: Record<string, [Record<string, string>, [string, number][]]> = {
  'a "files" entry npm ignores, beside one that ships': [
    { 'package.json': manifest({ files: ['dist', 'CHANGELOG.md'] }), 'dist/index.js': '' },
    [['"files" entry "CHANGELOG.md"', 4]],
  ],
  '"main", which Node reads only without "exports"': [
    {
      'package.json': manifest({ main: 'dist/index.js', exports: './src/index.js' }),
      'src/index.js': '',
    },
    [['"main"', 4]],
  ],
  'a "files" entry left over, whatever runs at pack time': [
    {
      'package.json': manifest({ files: ['dist', 'CHANGELOG.md'], scripts: { prepare: 'husky' } }),
      'dist/index.js': '',
    },
    [['"files" entry "CHANGELOG.md"', 4]],
  ],
  'a stale "main" that "exports" shadows, in a package with a prepare script': [
    {
      'package.json': manifest({
        main: 'dist/index.js',
        exports: { '.': { types: './dist/index.d.ts', import: './src/index.js' } },
        scripts: { prepare: 'npm run build' },
      }),
      'src/index.js': '',
    },
    [
      ['"main"', 4],
      ['"exports"["."]["types"]', 5],
    ],
  ],
  'a dead "exports" pattern beside a "." that ships': [
    {
      'package.json': manifest({
        exports: { '.': './dist/index.js', './src/*': './src/*', './types': './types.d.ts' },
      }),
      'dist/index.js': '',
    },
    [
      ['"exports"["./src/*"]', 4],
      ['"exports"["./types"]', 4],
    ],
  ],
  'a condition of an "exports" subpath whose other target ships': [
    {
      'package.json': manifest({
        exports: { '.': { source: './src/index.ts', default: './dist/index.js' } },
      }),
      'dist/index.js': '',
    },
    [['"exports"["."]["source"]', 4]],
  ],
};

describe('what package.json names is in the package directory', () => {
  it.each(Object.entries(COMPLETE))('%s: nothing missing', async (_name, files) => {
    const dir = makePackage(files);
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(missingOf(observations)).toEqual([]);
    expect(observations.filter((o) => o.kind === 'unreadable')).toEqual([]);
  });

  it.each(Object.entries(INCOMPLETE))('%s: missing, at its field', async (_name, [files, want]) => {
    const dir = makePackage(files);
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(missingOf(observations)).toEqual(want);
  });

  it.each(Object.entries(LEFTOVER))('%s: a notice', async (_name, [files, want]) => {
    const dir = makePackage(files);
    const { observations, notices } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([]);
    const unmatched = notices.filter((n) => n.code === 'artifact-target-unmatched');
    expect(
      unmatched.map((n) => [
        n.message.match(/^package\.json (.*?) names/)?.[1],
        n.range.start.line,
      ]),
    ).toEqual(want);
  });

  it('names the package and its packer, and so the archive to check instead', async () => {
    const dir = makePackage({ 'package.json': manifest({ main: 'dist/index.js' }) });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'missing-target',
        artifact: '.',
        missing: 'not-packed',
        packer: 'npm',
        package: { name: 'acme-cli', version: '1.0.0' },
        buildScripts: [],
        location: expect.objectContaining({ file: 'package.json' }),
      }),
    ]);
  });

  it('is not judged when the directory could not be read to the end', async () => {
    // npm-packlist fails on a "files" entry that is not a path.
    const dir = makePackage({
      'package.json': manifest({ main: 'dist/index.js', files: ['a', 1] }),
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations.map((o) => o.kind)).toEqual(['unreadable']);
  });

  it('is not asked of an archive, which is what ships', async () => {
    const tgz = await makeTar([
      { name: 'package/package.json', content: manifest({ main: 'dist/index.js' }) },
    ]);
    const { observations } = await inspectArtifact({ root: join(tgz, '..'), path: tgz });
    expect(missingOf(observations)).toEqual([]);
  });
});

/**
 * What package.json names that is a symbolic link, or below one: npm packs no links, so it is
 * missing whatever is built, and said to be a link. [fields, links (path → target), the
 * missing fields and the link each names, and whether they are findings rather than notices].
 */
const LINKED: Record<
  string,
  [Record<string, unknown>, Record<string, string>, [string, string | undefined][], boolean]
> = {
  '"main" and "bin" that are links to files': [
    { main: 'main.js', bin: { acme: 'cli.js' } },
    { 'main.js': 'real/index.js', 'cli.js': 'real/index.js' },
    [
      ['"main"', 'main.js'],
      ['"bin"', 'cli.js'],
    ],
    true,
  ],
  'a "files" entry that is a link to a folder': [
    { files: ['dist'] },
    { dist: 'real' },
    [['"files" entry "dist"', 'dist']],
    true,
  ],
  '"main" below a linked folder, and without its extension': [
    { main: './lib/index' },
    { lib: 'real' },
    [['"main"', 'lib']],
    true,
  ],
  'a "files" entry that is a link, beside one that ships': [
    { files: ['real', 'docs.md'] },
    { 'docs.md': 'real/index.js' },
    [['"files" entry "docs.md"', 'docs.md']],
    false,
  ],
  'a glob, which names no path to look at': [
    { files: ['real', 'lib/*.js'] },
    { lib: 'real' },
    [['"files" entry "lib/*.js"', undefined]],
    false,
  ],
  'a file that is not there, in no link': [
    { main: 'dist/index.js' },
    { 'real/alias.js': 'index.js' },
    [['"main"', undefined]],
    true,
  ],
};

describe('what package.json names that is a symbolic link is said to be one', () => {
  it.each(Object.entries(LINKED))('%s', async (_name, [fields, links, want, findings]) => {
    const dir = makePackage({ 'package.json': manifest(fields), 'real/index.js': '' });
    makeLinks(dir, links);
    const { observations, notices } = await inspectArtifact({ root: dir, path: dir });
    const missing = observations.flatMap((o) =>
      o.kind === 'missing-target' ? [[o.field, o.symlink]] : [],
    );
    expect(missing).toEqual(findings ? want : []);
    const unmatched = notices.filter((n) => n.code === 'artifact-target-unmatched');
    expect(
      unmatched.map((n) => [
        n.message.match(/^package\.json (.*?) names/)?.[1],
        n.message.match(/\((\S+) is a symbolic link, and npm packs no links\)/)?.[1],
      ]),
    ).toEqual(findings ? [] : want);
  });
});

/** Scripts each packer runs before it packs, said at the first: [fields, said, its line]. */
const PACK_TIME: Record<string, [Record<string, unknown>, string?, number?]> = {
  prepack: [{ scripts: { prepack: 'tsc' } }, '"prepack" before npm packs it', 4],
  'prepare and prepublishOnly': [
    { scripts: { prepare: 'tsc', prepublishOnly: 'npm test', test: 'vitest' } },
    '"prepare" and "prepublishOnly" before npm packs it',
    4,
  ],
  "a VS Code extension's vscode:prepublish": [
    { ...VSCODE, scripts: { 'vscode:prepublish': 'tsc' } },
    '"vscode:prepublish" before vsce packs it',
    6,
  ],
  'vscode:prepublish in a package npm packs': [
    { scripts: { 'vscode:prepublish': 'tsc' } },
    undefined,
  ],
  'only scripts that run after packing, or on request': [
    { scripts: { build: 'tsc', postpack: 'rm -rf dist', prepublish: 'tsc' } },
    undefined,
  ],
  'an empty prepack': [{ scripts: { prepack: '' } }, undefined],
};

describe('a build at pack time is said, with the archive to check instead', () => {
  it.each(Object.entries(PACK_TIME))('%s', async (_name, [fields, said, line]) => {
    const dir = makePackage({ 'package.json': manifest(fields), 'README.md': '' });
    const { notices } = await inspectArtifact({ root: dir, path: dir });
    const notice = notices.find((n) => n.code === 'artifact-built-at-pack-time');
    if (said === undefined) return expect(notice).toBeUndefined();
    expect(notice?.message).toContain(`package.json runs ${said}`);
    expect(notice?.message).toMatch(
      /(npm pack|vsce package), then posture artifact acme-cli-1\.0\.0\.(tgz|vsix)$/,
    );
    expect(notice?.range).toMatchObject({ file: 'package.json', start: { line } });
  });

  it('is said of the missing files too', async () => {
    const dir = makePackage({
      'package.json': manifest({ main: 'dist/index.js', scripts: { prepack: 'tsc' } }),
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([
      expect.objectContaining({ kind: 'missing-target', buildScripts: ['prepack'] }),
    ]);
  });
});

describe("pnpm's publishConfig.directory is what ships", () => {
  it('checks that directory, as pnpm packs it, at its own package.json', async () => {
    const dir = makePackage({
      'package.json': manifest({
        files: ['src'],
        publishConfig: { directory: 'dist' },
        packageManager: 'pnpm@9.15.0',
      }),
      'src/index.ts': '',
      'dist/package.json': manifest({ main: 'index.js' }),
      'dist/index.js': '//# sourceMappingURL=index.js.map\n',
      'dist/index.js.map': MAP,
    });
    const { observations, notices } = await inspectArtifact({ root: dir, path: dir });
    const shipped = observations.flatMap((o) =>
      'entry' in o ? [[o.kind, o.entry.packagePath, o.entry.origin.range.file]] : [],
    );
    expect(shipped).toEqual(
      expect.arrayContaining([
        ['not-allowed', 'index.js.map', 'dist/package.json'],
        ['sources-content', 'index.js.map', 'dist/package.json'],
      ]),
    );
    expect(shipped.some(([, path]) => path === 'src/index.ts')).toBe(false);
    expect(notices.map((n) => [n.code, n.range.file, n.range.start.line])).toEqual([
      ['artifact-publish-directory', 'package.json', 5],
    ]);
  });

  it('takes the pack-time scripts of the package directory pnpm runs them in', async () => {
    const dir = makePackage({
      'package.json': manifest({ publishConfig: { directory: 'dist' }, scripts: { prepack: 'b' } }),
      'pnpm-lock.yaml': '',
      'dist/package.json': manifest({ main: 'index.js' }),
    });
    const { observations, notices } = await inspectArtifact({ root: dir, path: dir });
    expect(missingOf(observations)).toEqual([['"main"', 'index.js', 4]]);
    expect(observations[0]).toMatchObject({ packer: 'pnpm', buildScripts: ['prepack'] });
    expect(observations[0]?.kind === 'missing-target' && observations[0].location.file).toBe(
      'dist/package.json',
    );
    expect(notices.map((n) => n.message).join('\n')).toContain(
      'pnpm pack, then posture artifact acme-cli-1.0.0.tgz',
    );
  });

  /**
   * Whose reading is checked, by what says who publishes: [package.json fields, files beside the
   * package (in top/pkg, the checkout being top), what is not allowed as it ships, the notice].
   */
  const PUBLISHERS: Record<
    string,
    [Record<string, unknown>, Record<string, string>, string[], RegExp]
  > = {
    'nothing: both npm, which packs the package directory, and pnpm': [
      {},
      {},
      ['deploy.env', 'dist/index.js.map', 'index.js.map'],
      /Nothing says which publishes the package .* so both are checked: what npm pack would pack from this directory, and what pnpm pack would pack from dist\./,
    ],
    '"packageManager" pnpm': [
      { packageManager: 'pnpm@9.15.0' },
      {},
      ['index.js.map'],
      /and pnpm publishes this package \(package\.json "packageManager" names pnpm@9\.15\.0\): the files checked are those pnpm pack would pack from it$/,
    ],
    'npm\'s "devEngines.packageManager" pnpm': [
      { devEngines: { packageManager: { name: 'pnpm' } } },
      {},
      ['index.js.map'],
      /\(package\.json "devEngines\.packageManager\.name" names pnpm\)/,
    ],
    "pnpm's lockfile in the package directory": [
      {},
      { 'pkg/pnpm-lock.yaml': '' },
      ['index.js.map'],
      /\(pnpm-lock\.yaml is in this directory\)/,
    ],
    "pnpm's workspace file at the checkout's top": [
      {},
      { 'pnpm-workspace.yaml': '' },
      ['index.js.map'],
      /\(pnpm-workspace\.yaml is in \.\.\)/,
    ],
    '"packageManager" npm, which ignores the field': [
      { packageManager: 'npm@11.6.0' },
      { 'pnpm-lock.yaml': '' },
      ['deploy.env', 'dist/index.js.map'],
      /but package\.json "packageManager" names npm@11\.6\.0, which ignores the field: the files checked are those npm pack would pack from this directory$/,
    ],
    '"packageManager" yarn, which ignores it too': [
      { packageManager: 'yarn@4.5.0' },
      {},
      ['deploy.env', 'dist/index.js.map'],
      /names yarn@4\.5\.0, which ignores the field/,
    ],
  };
  it.each(Object.entries(PUBLISHERS))(
    'who publishes: %s',
    async (_name, [fields, beside, notAllowed, notice]) => {
      const top = makePackage(beside);
      const dir = makePackage(
        {
          'package.json': manifest({ ...fields, publishConfig: { directory: 'dist' } }),
          'deploy.env': 'TOKEN=x\n',
          'dist/package.json': manifest({ main: 'index.js' }),
          'dist/index.js': '',
          'dist/index.js.map': MAP,
        },
        join(top, 'pkg'),
      );
      const { observations, notices } = await inspectArtifact({
        root: top,
        path: dir,
        repository: top,
      });
      const shipped = observations.flatMap((o) =>
        o.kind === 'not-allowed' ? [o.entry.packagePath] : [],
      );
      expect(shipped.sort()).toEqual(notAllowed);
      const said = notices.filter((n) => n.code === 'artifact-publish-directory');
      expect(said.map((n) => n.range.file)).toEqual(['pkg/package.json']);
      expect(said[0]?.message).toMatch(notice);
    },
  );

  it('does not look for pnpm above the checkout', async () => {
    const above = makePackage({ 'pnpm-lock.yaml': '' });
    const dir = makePackage(
      {
        'package.json': manifest({ publishConfig: { directory: 'dist' } }),
        'dist/package.json': manifest({}),
      },
      join(above, 'checkout'),
    );
    const { notices } = await inspectArtifact({ root: dir, path: dir });
    expect(notices.map((n) => n.message).join('\n')).toContain('so both are checked');
  });

  it('reads no publishConfig.directory npm publishes, wherever it leads', async () => {
    const dir = makePackage({
      'package.json': manifest({
        packageManager: 'npm@11.6.0',
        publishConfig: { directory: '../x' },
      }),
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([]);
  });

  /** A directory pnpm would pack that is not there to check: [files, links, target]. */
  const NOT_THERE: Record<string, [Record<string, string>, string]> = {
    'the directory': [{}, 'dist'],
    'a file, not a directory': [{ dist: '' }, 'dist'],
    'its package.json, without which pnpm refuses': [{ 'dist/index.js': '' }, 'dist/package.json'],
  };
  it.each(Object.entries(NOT_THERE))('missing %s fails closed', async (_name, [files, target]) => {
    const dir = makePackage({
      'package.json': manifest({ publishConfig: { directory: 'dist' } }),
      ...files,
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'missing-target',
        field: '"publishConfig.directory"',
        target,
        missing: 'not-there',
        packer: 'pnpm',
        location: expect.objectContaining({
          file: 'package.json',
          start: expect.objectContaining({ line: 4 }),
        }),
      }),
    ]);
  });

  /** A publishConfig.directory that is not read: [directory, problem]. */
  const REFUSED: Record<string, [unknown, string]> = {
    'above the package': [
      '../elsewhere',
      'names ../elsewhere, which pnpm would pack instead, but it leads out of the package directory',
    ],
    'an absolute path': [
      '/etc',
      'names /etc, which pnpm would pack instead, but it leads out of the package directory',
    ],
    'a symbolic link out of the package': [
      'linked',
      'names linked, which pnpm would pack instead, but it leads out of the package directory',
    ],
    'not a path': [
      { dir: 'dist' },
      '"publishConfig.directory" is not a path, so pnpm cannot pack it',
    ],
  };
  it.each(Object.entries(REFUSED))(
    '%s is unreadable, at the field',
    async (_name, [value, problem]) => {
      const outside = makePackage({ 'package.json': manifest({}), 'a.js.map': MAP });
      const dir = makePackage(
        { 'package.json': manifest({ publishConfig: { directory: value } }) },
        join(scratch(), 'pkg'),
      );
      makeLinks(dir, { linked: outside });
      makeLinks(join(dir, '..'), { elsewhere: outside });
      const { observations } = await inspectArtifact({ root: dir, path: dir });
      expect(observations).toEqual([
        expect.objectContaining({
          kind: 'unreadable',
          cause: 'unpackable',
          problem: expect.stringContaining(problem),
          location: expect.objectContaining({
            file: 'package.json',
            start: expect.objectContaining({ line: 4 }),
          }),
        }),
      ]);
    },
  );

  /** Where the field changes nothing: [fields, files, shipped]. */
  const IGNORED: Record<string, [Record<string, unknown>, string[]]> = {
    'a VS Code extension, which vsce packs whole': [
      { ...VSCODE, publishConfig: { directory: 'dist' } },
      ['README.md', 'package.json'],
    ],
    'the package directory itself': [
      { publishConfig: { directory: './' } },
      ['README.md', 'package.json'],
    ],
    'an empty one': [{ publishConfig: { directory: '' } }, ['README.md', 'package.json']],
  };
  it.each(Object.entries(IGNORED))(
    '%s: the directory itself is checked',
    async (_name, [fields, shipped]) => {
      const dir = makePackage({ 'package.json': manifest(fields), 'README.md': '' });
      const { observations, files } = await inspectArtifact({ root: dir, path: dir });
      expect(observations).toEqual([]);
      expect(files.map((f) => f.path)).toEqual(shipped);
    },
  );
});
