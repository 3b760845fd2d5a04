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

  // A link stopped the reading of the whole extension. vsce packs what a link leads to in its
  // place: a file of the extension is read so; a link anywhere else is said at it, and the other
  // files are read on (out/zz.js, listed after each link).
  const FOLLOWED = 'vsce would pack what it leads to in its place';
  it.each<[string, string, string, string | undefined]>([
    [
      'a file inside the extension is read in its place',
      'out/copy.js.map',
      '../maps/a.js.map',
      undefined,
    ],
    [
      'a file outside it is not read',
      'out/leak.js',
      'OUT/secret.js',
      `a symbolic link leading out of the package directory: ${FOLLOWED}, and links out of it are not followed here`,
    ],
    [
      'a folder outside it is not read',
      'out/shared',
      'OUT',
      `a symbolic link leading out of the package directory: ${FOLLOWED}, and links out of it are not followed here`,
    ],
    [
      'a folder inside it is not followed',
      'out/again',
      '../lib',
      'a symbolic link to a folder: vsce would pack the files in it, and links to folders are not followed here',
    ],
    ['a link to nothing is not read', 'out/gone.js', 'missing.js', 'a symbolic link to nothing'],
  ])('a symbolic link: %s', async (_what, named, to, problem) => {
    const outside = makePackage({ 'secret.js': 'const k = 1;\n' });
    const dir = makePackage({
      'package.json': extension(),
      'out/extension.js': '',
      'out/zz.js': '',
      'maps/a.js.map': MAP,
      'lib/index.js': '',
    });
    makeLinks(dir, { [named]: to.replace('OUT', outside) });
    expect(vscePackFiles(dir)).toContain(named);
    const { observations, scanned } = await inspectArtifact({ root: dir, path: dir });
    const read = scanned.map((f) => f.path);
    expect(read).toContain('out/zz.js');
    if (problem === undefined) {
      // What it leads to is read under its name, as vsce packs it: a map there too.
      expect(read).toContain(named);
      expect(
        observations.flatMap((o) => (o.kind === 'not-allowed' ? [o.entry.packagePath] : [])),
      ).toEqual(['maps/a.js.map', named]);
      return;
    }
    expect(read).not.toContain(named);
    expect(observations.filter((o) => o.kind === 'unreadable')).toEqual([
      expect.objectContaining({
        kind: 'unreadable',
        location: expect.objectContaining({ file: named }),
        problem: `${named} is ${problem}, so it was not read`,
        cause: 'link',
        file: named,
        // The archive to check is the one vsce writes.
        packer: 'vsce',
        package: { name: 'ext', version: '1.0.0' },
      }),
    ]);
  });

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
