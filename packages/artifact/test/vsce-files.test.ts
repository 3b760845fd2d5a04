import { describe, expect, it } from 'vitest';
import { inspectArtifact } from '../src/index.js';
import { vscePackFiles } from '../src/vsce-files.js';
import { makeLinks, makePackage } from './support.js';

const extension = (extra: object = {}) =>
  JSON.stringify({
    name: 'ext',
    version: '1.0.0',
    publisher: 'acme',
    engines: { vscode: '^1.90.0' },
    ...extra,
  });
const dep = (name: string, extra: object = {}) =>
  JSON.stringify({ name, version: '1.0.0', ...extra });
const MAP = JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: 'AAAA' });

/**
 * Extension directories with the list `vsce ls` gave for them (@vscode/vsce 4.1.0, which asks
 * npm 11.19.1 for the production dependencies; the options `vsce package` reads from package.json's
 * `vsce` given on its command line), recorded so that these run without vsce.
 */
const RECORDED: Record<string, { files: Record<string, string>; vsce: string[] }> = {
  "neither .vscodeignore nor files: all but vsce's default ignore list, and the production dependencies":
    {
      files: {
        'package.json': extension({
          dependencies: { dep: '1.0.0' },
          devDependencies: { tool: '1.0.0' },
        }),
        'README.md': '',
        'out/extension.js': '',
        'out/extension.js.map': MAP,
        'src/extension.ts': '',
        '.env': 'X=1',
        '.npmrc': '',
        'package-lock.json': '{}',
        '.github/workflows/ci.yml': '',
        '.git/HEAD': '',
        'sub/.git/HEAD': '',
        '.vscode-test/x': '',
        'webpack.config.js': '',
        'sub/webpack.config.js': '',
        'old.vsix': '',
        '.eslintrc.json': '',
        'node_modules/dep/package.json': dep('dep', { dependencies: { sub: '1.0.0' } }),
        'node_modules/dep/index.js.map': MAP,
        'node_modules/dep/node_modules/inner/x.js': '',
        'node_modules/sub/package.json': dep('sub'),
        'node_modules/tool/package.json': dep('tool'),
        'node_modules/tool/index.js': '',
        'lib/node_modules/nested.js': '',
      },
      vsce: [
        '.env',
        '.github/workflows/ci.yml',
        'README.md',
        'lib/node_modules/nested.js',
        'node_modules/dep/index.js.map',
        'node_modules/dep/node_modules/inner/x.js',
        'node_modules/dep/package.json',
        'node_modules/sub/package.json',
        'out/extension.js',
        'out/extension.js.map',
        'package.json',
        'src/extension.ts',
        'sub/webpack.config.js',
      ],
    },
  '.vscodeignore: patterns from the root, folders, re-inclusions in any order, README kept': {
    files: {
      'package.json': extension(),
      '.vscodeignore':
        '# comment\nsrc/**\n**/*.map\n!keep.map\ntest\n*.ts\n!out/extension.js.map\n.github/\n!.github/keep.yml\nREADME.md\n',
      'README.md': '',
      'out/extension.js': '',
      'out/extension.js.map': MAP,
      'out/other.js.map': MAP,
      'keep.map': MAP,
      'sub/keep.map': MAP,
      'src/extension.ts': '',
      'root.ts': '',
      'lib/deep.ts': '',
      'test/a.test.js': '',
      'lib/test/c.js': '',
      '.github/keep.yml': '',
      '.github/other.yml': '',
    },
    vsce: [
      '.github/keep.yml',
      'README.md',
      'keep.map',
      'lib/deep.ts',
      'lib/test/c.js',
      'out/extension.js',
      'out/extension.js.map',
      'package.json',
    ],
  },
  'files without .vscodeignore: only what it lists, package.json and the README': {
    files: {
      'package.json': extension({ files: ['out', 'media/*.png', 'LICENSE'] }),
      'README.md': '',
      'CHANGELOG.md': '',
      LICENSE: '',
      'out/extension.js': '',
      'out/deep/x.js': '',
      'media/a.png': '',
      'media/b.svg': '',
      'media/deep/c.png': '',
      'src/extension.ts': '',
    },
    vsce: [
      'LICENSE',
      'README.md',
      'media/a.png',
      'out/deep/x.js',
      'out/extension.js',
      'package.json',
    ],
  },
  'a negation in files keeps everything else, as vsce turns it into a negated keep pattern': {
    files: {
      'package.json': extension({ files: ['out', '!out/**/*.map'] }),
      'out/extension.js': '',
      'out/extension.js.map': MAP,
      'src/extension.ts': '',
    },
    vsce: ['out/extension.js', 'out/extension.js.map', 'package.json', 'src/extension.ts'],
  },
  'package.json vsce options: no dependencies, another README': {
    files: {
      'package.json': extension({
        vsce: { dependencies: false, readmePath: 'docs/README.md' },
        dependencies: { dep: '1.0.0' },
      }),
      '.vscodeignore': 'docs/**\nREADME.md\n',
      'README.md': '',
      'docs/README.md': '',
      'docs/other.md': '',
      'index.js': '',
      'node_modules/dep/package.json': dep('dep'),
    },
    vsce: ['docs/README.md', 'index.js', 'package.json'],
  },
  'the dependencies npm lists: extraneous, optional and scoped ones, not what only devDependencies need':
    {
      files: {
        'package.json': extension({
          dependencies: { dep: '1.0.0', both: '1.0.0' },
          devDependencies: { tool: '1.0.0' },
          optionalDependencies: { opt: '1.0.0' },
        }),
        'node_modules/dep/package.json': dep('dep', { dependencies: { shared: '1.0.0' } }),
        'node_modules/both/package.json': dep('both'),
        'node_modules/shared/package.json': dep('shared'),
        'node_modules/extra/package.json': dep('extra'),
        'node_modules/no-manifest/i.js': '',
        'node_modules/tool/package.json': dep('tool', {
          dependencies: { toolsub: '1.0.0', shared: '1.0.0' },
        }),
        'node_modules/tool/node_modules/nested/package.json': dep('nested'),
        'node_modules/toolsub/package.json': dep('toolsub'),
        'node_modules/opt/package.json': dep('opt'),
        'node_modules/@scope/p/package.json': dep('@scope/p'),
        'node_modules/.bin/x': '',
      },
      vsce: [
        'node_modules/@scope/p/package.json',
        'node_modules/both/package.json',
        'node_modules/dep/package.json',
        'node_modules/extra/package.json',
        'node_modules/no-manifest/i.js',
        'node_modules/opt/package.json',
        'node_modules/shared/package.json',
        'package.json',
      ],
    },
};

describe('a VS Code extension directory is listed as vsce 4 packs it', () => {
  it.each(Object.entries(RECORDED))('%s', async (_name, layout) => {
    const dir = makePackage(layout.files);
    expect(vscePackFiles(dir).sort()).toEqual(layout.vsce);
    const inspection = await inspectArtifact({ root: dir, path: dir });
    expect(inspection.files.map((f) => f.path)).toEqual(layout.vsce);
  });
});

describe('who packs a directory, and where its findings sit', () => {
  const layout = (manifest: string) =>
    makePackage({
      'package.json': manifest,
      '.npmignore': '*.map\n',
      'out/extension.js': '',
      'out/extension.js.map': MAP,
    });
  const maps = async (dir: string) => {
    const { observations, notices } = await inspectArtifact({ root: dir, path: dir });
    return {
      maps: observations.flatMap((o) =>
        o.kind === 'not-allowed' ? [`${o.entry.packagePath} ${o.entry.packer}`] : [],
      ),
      notices: notices.map((n) => n.code),
    };
  };

  it('an extension (engines.vscode and a publisher) is packed by vsce, which reads no .npmignore, and the report says so', async () => {
    expect(await maps(layout(extension()))).toEqual({
      maps: ['out/extension.js.map vsce'],
      notices: ['artifact-packed-by-vsce'],
    });
  });

  it('a library for extensions (engines.vscode, no publisher) is packed by npm', async () => {
    const library = JSON.stringify({
      name: 'lib',
      version: '1.0.0',
      engines: { vscode: '^1.90.0' },
    });
    expect(await maps(layout(library))).toEqual({ maps: [], notices: [] });
  });

  it('a map let in by .vscodeignore sits there, with vsce advice', async () => {
    const dir = makePackage({
      'package.json': extension(),
      '.vscodeignore': 'src/**\n',
      'out/extension.js.map': MAP,
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    const map = observations.find((o) => o.kind === 'not-allowed');
    expect(map?.kind === 'not-allowed' && map.entry).toMatchObject({
      packer: 'vsce',
      origin: { label: '.vscodeignore', range: { file: '.vscodeignore' } },
    });
  });

  it.each([
    ['a file', 'out/leak.js', 'OUT/secret.js', 'out/leak.js'],
    ['a folder', 'out/shared', 'OUT', 'out/shared'],
    ['a file inside the extension', 'out/copy.js', 'extension.js', 'out/copy.js'],
  ])(
    'a symbolic link to %s is neither followed nor left out: the extension is unreadable',
    async (_what, at, to, named) => {
      const outside = makePackage({ 'secret.js': 'const k = 1;\n' });
      const dir = makePackage({ 'package.json': extension(), 'out/extension.js': '' });
      makeLinks(dir, { [at]: to.replace('OUT', outside) });
      expect(vscePackFiles(dir)).toContain(named);
      const { observations, scanned } = await inspectArtifact({ root: dir, path: dir });
      expect(observations).toEqual([
        expect.objectContaining({
          kind: 'unreadable',
          problem: `${named} is a symbolic link: vsce would pack what it leads to in its place, and links are not followed here, so it was not read`,
          cause: 'link',
          // The archive to check is the one vsce writes.
          packer: 'vsce',
          package: { name: 'ext', version: '1.0.0' },
        }),
      ]);
      expect(scanned.map((f) => f.path)).not.toContain(named);
    },
  );

  it('an extension with both .vscodeignore and files is unreadable: vsce refuses to pack it', async () => {
    const dir = makePackage({
      'package.json': extension({ files: ['out'] }),
      '.vscodeignore': 'src/**\n',
      'out/extension.js': '',
    });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'unreadable',
        location: expect.objectContaining({ file: 'package.json' }),
        problem:
          'it has both a .vscodeignore and a "files" list in package.json, which vsce refuses to pack',
        cause: 'unpackable',
      }),
    ]);
  });
});
