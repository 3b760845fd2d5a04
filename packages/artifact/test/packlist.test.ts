import { describe, expect, it, vi } from 'vitest';
import { observedEntry } from '@posture/model';
import { inspectArtifact, packFiles } from '../src/index.js';
import { PackTree } from '../src/pack-tree.js';
import { join } from 'node:path';
import { makeLinks, makePackage, npmDryRun } from './support.js';

const manifest = (extra: object = {}) =>
  JSON.stringify({ name: 'layout', version: '1.0.0', ...extra });

/**
 * Package layouts whose packlist must equal `npm pack --dry-run --json`: every way `files`,
 * `.npmignore`, `.gitignore`, main/bin/browser and npm's always- and never-included files combine.
 */
const LAYOUTS: Record<string, Record<string, string>> = {
  'no files list and no ignore file: everything but what npm never packs': {
    'package.json': manifest(),
    'index.js': '',
    'dist/cli.js': '',
    'dist/cli.js.map': '{}',
    'src/cli.ts': '',
    '.env': 'X=1',
    '.npmrc': '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
    'package-lock.json': '{}',
    'yarn.lock': '',
    '.DS_Store': '',
    'notes.orig': '',
    '.git/HEAD': 'ref: refs/heads/main',
    'node_modules/dep/package.json': '{}',
    'README.md': '',
  },
  'a files list of directories and globs, with a negation': {
    'package.json': manifest({
      files: ['dist', 'types/*.d.ts', '!dist/**/*.map'],
      main: 'dist/cli.js',
    }),
    'dist/cli.js': '',
    'dist/cli.js.map': '{}',
    'dist/deep/util.js': '',
    'dist/deep/util.js.map': '{}',
    'types/index.d.ts': '',
    'types/internal.ts': '',
    'src/cli.ts': '',
    LICENSE: '',
    'readme.markdown': '',
    'CHANGELOG.md': '',
  },
  'main, bin and browser outside the files list are packed anyway': {
    'package.json': manifest({
      files: ['lib'],
      main: 'index.js',
      browser: 'browser.js',
      bin: { layout: './bin/cli.js' },
    }),
    'index.js': '',
    'browser.js': '',
    'bin/cli.js': '',
    'bin/other.js': '',
    'lib/a.js': '',
    'test/a.test.js': '',
  },
  'a string bin': {
    'package.json': manifest({ files: [], bin: 'cli.js' }),
    'cli.js': '',
    'other.js': '',
  },
  'an .npmignore, with a nested one and a re-inclusion': {
    'package.json': manifest(),
    '.npmignore': 'src/\n*.map\n!keep.map\ntest/\n',
    'index.js': '',
    'index.js.map': '{}',
    'keep.map': '{}',
    'src/cli.ts': '',
    'test/a.test.js': '',
    'lib/.npmignore': 'secret.js\n',
    'lib/secret.js': '',
    'lib/public.js': '',
    '.gitignore': 'index.js\n',
  },
  '.gitignore alone is the ignore file': {
    'package.json': manifest(),
    '.gitignore': 'dist/\n.env\n',
    'index.js': '',
    'dist/cli.js': '',
    '.env': 'X=1',
  },
  'a files list wins over .npmignore at the root': {
    'package.json': manifest({ files: ['dist'] }),
    '.npmignore': 'dist/\n',
    'dist/cli.js': '',
    'dist/.npmignore': 'internal.js\n',
    'dist/internal.js': '',
    'other.js': '',
  },
  'bundled dependencies are packed with the package': {
    'package.json': manifest({
      dependencies: { dep: '1.0.0' },
      devDependencies: { tool: '1.0.0' },
      bundleDependencies: ['dep', 'tool'],
      files: ['index.js'],
    }),
    'index.js': '',
    'node_modules/dep/package.json': JSON.stringify({
      name: 'dep',
      version: '1.0.0',
      dependencies: { sub: '1.0.0' },
    }),
    'node_modules/dep/index.js': '',
    'node_modules/dep/.npmignore': 'index.js\n',
    'node_modules/sub/package.json': JSON.stringify({
      name: 'sub',
      version: '1.0.0',
      files: ['main.js'],
    }),
    'node_modules/sub/main.js': '',
    'node_modules/sub/extra.js': '',
    'node_modules/tool/package.json': JSON.stringify({ name: 'tool', version: '1.0.0' }),
    'node_modules/tool/index.js': '',
  },
};

describe('the packlist equals npm pack --dry-run --json', () => {
  it.each(Object.entries(LAYOUTS))('%s', async (_name, files) => {
    const dir = makePackage(files);
    const npm = npmDryRun(dir);
    expect((await packFiles(dir)).sort()).toEqual(npm);
    // Directory mode reads exactly those files, and nothing stops it.
    const inspection = await inspectArtifact({ root: dir, path: dir });
    expect(inspection.files.map((f) => f.path)).toEqual(npm);
    expect(inspection.observations.filter((o) => o.kind === 'unreadable')).toEqual([]);
  });
});

/**
 * Layouts with the list `npm pack --dry-run --json` (npm 11.19.1) gave for them, recorded so that
 * these run without npm: the cases where npm's Arborist tree, not package.json alone, decides.
 */
interface Recorded {
  readonly files: Record<string, string>;
  readonly links?: Record<string, string>;
  /** The package directory packed, when it is not the top of the layout. */
  readonly pack?: string;
  readonly npm: string[];
}

const dep = (name: string, extra: object = {}) =>
  JSON.stringify({ name, version: '1.0.0', ...extra });

const RECORDED: Record<string, Recorded> = {
  'directories.bin: every file under it is a bin, packed whatever files says': {
    files: {
      'package.json': manifest({ files: ['lib'], directories: { bin: './bin/' } }),
      'bin/cli.js': '',
      'bin/cli.js.map': '{}',
      'bin/.hidden': '',
      'bin/sub/tool.js': '',
      'lib/index.js': '',
      'other.js': '',
    },
    npm: ['bin/cli.js', 'bin/cli.js.map', 'bin/sub/tool.js', 'lib/index.js', 'package.json'],
  },
  'directories.bin is not used when bin is set': {
    files: {
      'package.json': manifest({
        files: ['lib'],
        bin: { layout: 'lib/cli.js' },
        directories: { bin: 'bin' },
      }),
      'bin/cli.js': '',
      'lib/cli.js': '',
    },
    npm: ['lib/cli.js', 'package.json'],
  },
  'pnpm: a bundled dependency links into the store, and its dependencies are found from there': {
    files: {
      'package.json': manifest({ dependencies: { dep: '1.0.0' }, bundleDependencies: ['dep'] }),
      'index.js': '',
      'node_modules/.pnpm/dep@1.0.0/node_modules/dep/package.json': dep('dep', {
        dependencies: { sub: '1.0.0', both: '1.0.0', inner: '1.0.0' },
        devDependencies: { both: '1.0.0' },
      }),
      'node_modules/.pnpm/dep@1.0.0/node_modules/dep/index.js': '',
      'node_modules/.pnpm/dep@1.0.0/node_modules/dep/index.js.map': '{}',
      'node_modules/.pnpm/dep@1.0.0/node_modules/dep/.npmignore': '*.map\n',
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/package.json': dep('inner'),
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/index.js.map': '{}',
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/.npmignore': '*.map\n',
      'node_modules/.pnpm/sub@1.0.0/node_modules/sub/package.json': dep('sub'),
      'node_modules/.pnpm/sub@1.0.0/node_modules/sub/index.js': '',
      'node_modules/.pnpm/sub@1.0.0/node_modules/sub/index.js.map': '{}',
      'node_modules/.pnpm/both@1.0.0/node_modules/both/package.json': dep('both'),
    },
    links: {
      'node_modules/dep': '.pnpm/dep@1.0.0/node_modules/dep',
      'node_modules/.pnpm/dep@1.0.0/node_modules/sub': '../../sub@1.0.0/node_modules/sub',
      'node_modules/.pnpm/dep@1.0.0/node_modules/both': '../../both@1.0.0/node_modules/both',
    },
    npm: [
      'index.js',
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/.npmignore',
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/index.js.map',
      'node_modules/.pnpm/dep@1.0.0/node_modules/inner/package.json',
      'node_modules/.pnpm/dep@1.0.0/node_modules/sub/index.js',
      'node_modules/.pnpm/dep@1.0.0/node_modules/sub/index.js.map',
      'node_modules/.pnpm/dep@1.0.0/node_modules/sub/package.json',
      'node_modules/dep/index.js',
      'node_modules/dep/package.json',
      'package.json',
    ],
  },
  'a file: link: its own .npmignore applies; its dependencies resolve up to the directory shared with the package, and npm ships them as ../ entries':
    {
      files: {
        'app/package.json': manifest({
          files: ['dist'],
          dependencies: { dep: 'file:../dep' },
          bundleDependencies: ['dep'],
        }),
        'app/dist/index.js': '',
        'dep/package.json': dep('dep', { dependencies: { near: '1.0.0' } }),
        'dep/dist/index.js': '',
        'dep/dist/index.js.map': '{}',
        'dep/.npmignore': '*.map\n',
        'dep/.env': 'X=1',
        'node_modules/near/package.json': dep('near'),
        'node_modules/near/index.js': '',
      },
      links: { 'app/node_modules/dep': '../../dep' },
      pack: 'app',
      npm: [
        '../node_modules/near/index.js',
        '../node_modules/near/package.json',
        'dist/index.js',
        'node_modules/dep/.env',
        'node_modules/dep/dist/index.js',
        'node_modules/dep/package.json',
        'package.json',
      ],
    },
  'bundled as Arborist loads them: nothing above the package, no readable package.json means all of it, also in devDependencies means not bundled':
    {
      files: {
        'node_modules/hoisted/package.json': dep('hoisted'),
        'node_modules/hoisted/index.js': '',
        'pkg/package.json': manifest({
          dependencies: { hoisted: '1.0.0', broken: '1.0.0', bare: '1.0.0', both: '1.0.0' },
          devDependencies: { both: '1.0.0' },
          bundleDependencies: true,
        }),
        'pkg/index.js': '',
        'pkg/node_modules/broken/package.json': '{"name": "broken",',
        'pkg/node_modules/broken/index.js': '',
        'pkg/node_modules/bare/index.js': '',
        'pkg/node_modules/both/package.json': dep('both'),
      },
      pack: 'pkg',
      npm: [
        'index.js',
        'node_modules/bare/index.js',
        'node_modules/broken/index.js',
        'node_modules/broken/package.json',
        'package.json',
      ],
    },
  'a root with workspaces: a subdirectory with a package.json has no .npmignore or .gitignore': {
    files: {
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/a/package.json': dep('a'),
      'packages/a/.npmignore': '*.map\n',
      'packages/a/dist/index.js': '',
      'packages/a/dist/index.js.map': '{}',
      'lib/esm/package.json': '{"type": "module"}',
      'lib/esm/.gitignore': '*.map\n',
      'lib/esm/index.js.map': '{}',
      'lib/plain/.npmignore': '*.map\n',
      'lib/plain/index.js.map': '{}',
    },
    npm: [
      'lib/esm/index.js.map',
      'lib/esm/package.json',
      'package.json',
      'packages/a/dist/index.js',
      'packages/a/dist/index.js.map',
      'packages/a/package.json',
    ],
  },
  'a root whose workspaces match no package keeps every .npmignore': {
    files: {
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/a/.npmignore': '*.map\n',
      'packages/a/index.js.map': '{}',
      'lib/esm/package.json': '{"type": "module"}',
      'lib/esm/.npmignore': '*.map\n',
      'lib/esm/index.js.map': '{}',
    },
    npm: ['lib/esm/package.json', 'package.json'],
  },
  'a workspace member: the ignore files of the workspace root and of each directory between apply':
    {
      files: {
        'package.json': manifest({ private: true, workspaces: ['packages/*'] }),
        '.gitignore': '.env\n*.map\n',
        'packages/.npmignore': 'notes.md\n',
        'packages/.gitignore': 'index.js\n',
        'packages/one/package.json': dep('one'),
        'packages/one/index.js': '',
        'packages/one/index.js.map': '{}',
        'packages/one/.env': 'X=1',
        'packages/one/notes.md': '',
        'packages/one/lib/util.js': '',
      },
      pack: 'packages/one',
      npm: ['index.js', 'lib/util.js', 'package.json'],
    },
  'a package under a workspace root but not one of its workspaces: the root ignores nothing of it':
    {
      files: {
        'package.json': manifest({ private: true, workspaces: ['packages/one'] }),
        '.gitignore': '.env\n*.map\n',
        'packages/one/package.json': dep('one'),
        'tools/cli/package.json': dep('cli'),
        'tools/cli/index.js': '',
        'tools/cli/index.js.map': '{}',
        'tools/cli/.env': 'X=1',
      },
      pack: 'tools/cli',
      npm: ['.env', 'index.js', 'index.js.map', 'package.json'],
    },
};

describe('the packlist equals the list npm 11 packed', () => {
  it.each(Object.entries(RECORDED))('%s', async (_name, layout) => {
    const top = makePackage(layout.files);
    makeLinks(top, layout.links ?? {});
    const dir = join(top, layout.pack ?? '');
    expect((await packFiles(dir, top)).sort()).toEqual(layout.npm);
  });
});

it('a map under directories.bin is reported, at directories.bin', async () => {
  const dir = makePackage({
    'package.json': manifest({ files: ['lib'], directories: { bin: 'bin' } }),
    'bin/cli.js': '',
    'bin/cli.js.map': JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent: ['x'] }),
    'lib/index.js': '',
  });
  const { observations } = await inspectArtifact({ root: dir, path: dir });
  const map = observations.filter((o) => observedEntry(o)?.packagePath === 'bin/cli.js.map');
  expect(map.map((o) => [o.kind, observedEntry(o)?.origin.label])).toEqual([
    ['sources-content', 'package.json "directories.bin"'],
    ['not-allowed', 'package.json "directories.bin"'],
  ]);
});

/**
 * package.json files npm 11 will not pack (`npm pack` exits 1): each is an unreadable finding that
 * names the file and the field, never a crash inside npm-packlist's callbacks.
 */
const UNPACKABLE: Record<string, [Record<string, string>, string]> = {
  'a files entry that is not a string': [
    { 'package.json': manifest({ files: ['dist', 5] }), 'dist/a.js': '' },
    'package.json "files" entry 2 is a number, not a path, so npm cannot pack it',
  ],
  'files that is an object': [
    { 'package.json': manifest({ files: { dist: true } }) },
    'package.json "files" is an object, not a list of paths',
  ],
  'files that is true': [
    { 'package.json': manifest({ files: true }) },
    'package.json "files" is a boolean, not a list of paths',
  ],
  'no version': [{ 'package.json': '{"name": "x"}' }, 'package.json has no "version"'],
  'no name': [{ 'package.json': '{"version": "1.0.0"}' }, 'package.json has no "name"'],
  'a name that is not a string': [
    { 'package.json': '{"name": 5, "version": "1.0.0"}' },
    'package.json "name" is not a string',
  ],
  'not JSON': [
    { 'package.json': '{"name": "x", "version": "1.0.0",}' },
    'package.json:1:34 is not valid JSON (expected a property name in double quotes), so npm',
  ],
  // Where it breaks and why, quoting none of it: Node's message would quote the token.
  'not JSON at a credential': [
    { 'package.json': '{\n  "name": "x",\n  "token": ghp_0123456789abcdefghijklmnopqrstuvwxyz\n}' },
    'package.json:3:12 is not valid JSON (invalid symbol), so npm cannot pack it',
  ],
  'a JSON list': [{ 'package.json': '[]' }, 'package.json is not a JSON object'],
  'no package.json': [{ 'index.js': '' }, 'package.json is missing, so npm cannot pack it'],
  'a directories.bin that is not a path': [
    { 'package.json': manifest({ directories: { bin: 5 } }) },
    'package.json "directories.bin" is not a path',
  ],
  'workspaces that is not a list': [
    { 'package.json': manifest({ workspaces: 'packages/*' }) },
    'package.json "workspaces" is neither a list of globs nor { "packages": [...] }',
  ],
  'a workspace whose package.json is not JSON': [
    {
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/a/package.json': '{"name": "a",',
    },
    'packages/a/package.json:1:14 is not valid JSON (',
  ],
  'two workspaces of one name': [
    {
      'package.json': manifest({ workspaces: ['packages/*'] }),
      'packages/a/package.json': '{"name": "same"}',
      'packages/b/package.json': '{"name": "same"}',
    },
    'package.json "workspaces" match two packages named same',
  ],
  'a bundled dependency whose files entry is not a string': [
    {
      'package.json': manifest({ dependencies: { dep: '1' }, bundleDependencies: ['dep'] }),
      'node_modules/dep/package.json': '{"name": "dep", "files": [["lib"]]}',
    },
    'node_modules/dep/package.json "files" entry 1 is a list, not a path, so npm cannot pack it',
  ],
};

describe('a package npm cannot pack is unreadable, and says why', () => {
  it.each(Object.entries(UNPACKABLE))('%s', async (_name, [files, problem]) => {
    const dir = makePackage(files);
    await expect(packFiles(dir)).rejects.toThrow(problem);
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'unreadable',
        location: expect.objectContaining({ file: 'package.json' }),
        problem: expect.stringContaining(problem),
        cause: 'unpackable',
      }),
    ]);
  });
});

/**
 * What a symbolic link leads out of the repository is never read, though npm would read (and,
 * but for a package.json, pack) it: the pack fails closed, naming the link, to be checked in the
 * tarball npm writes. `OUT` is a directory outside the repository.
 */
const LEADING_OUT: Record<
  string,
  [Record<string, string>, Record<string, string>, string, 'link' | 'unpackable']
> = {
  'a bundled dependency': [
    { 'package.json': manifest({ dependencies: { dep: '1' }, bundleDependencies: ['dep'] }) },
    { 'node_modules/dep': 'OUT/dep' },
    'node_modules/dep leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
  'the .npmignore': [
    { 'package.json': manifest({}) },
    { '.npmignore': 'OUT/ignore' },
    '.npmignore leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
  'a folder’s .gitignore': [
    { 'package.json': manifest({}), 'lib/a.js': '' },
    { 'lib/.gitignore': 'OUT/ignore' },
    'lib/.gitignore leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
  'the package.json': [
    {},
    { 'package.json': 'OUT/dep/package.json' },
    'package.json leads out of the package through a symbolic link: npm would read the package\'s name, "files" and scripts from what it leads to, and pack no package.json, so it was not read',
    'link',
  ],
  'a workspace member’s own .npmignore': [
    {
      'package.json': manifest({ private: true, workspaces: ['packages/*'] }),
      'packages/one/package.json': dep('one'),
    },
    { 'packages/one/.npmignore': 'OUT/ignore' },
    '.npmignore leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
  'the workspace root’s .npmignore, for a member': [
    {
      'package.json': manifest({ private: true, workspaces: ['packages/*'] }),
      'packages/one/package.json': dep('one'),
    },
    { '.npmignore': 'OUT/ignore' },
    '../../.npmignore leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
};

describe('nothing a symbolic link leads out of the repository to is read', () => {
  it.each(Object.entries(LEADING_OUT))('%s', async (_name, [files, links, problem, cause]) => {
    const out = makePackage({
      'dep/package.json': dep('dep'),
      'dep/index.js': '',
      ignore: '!*\n',
    });
    const top = makePackage(files);
    makeLinks(
      top,
      Object.fromEntries(Object.entries(links).map(([at, to]) => [at, to.replace('OUT', out)])),
    );
    const dir = files['packages/one/package.json'] ? join(top, 'packages/one') : top;
    await expect(packFiles(dir, top)).rejects.toThrow(problem);
    const { observations, scanned } = await inspectArtifact({
      root: top,
      path: dir,
      repository: top,
    });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'unreadable',
        problem: expect.stringContaining(problem),
        cause,
        // A link is checked in the archive npm writes.
        ...(cause === 'link' && { packer: 'npm' }),
      }),
    ]);
    expect(scanned).toEqual([]);
  });
});

/**
 * A file or folder of the package that is a symbolic link out of it: npm packs no link, whatever
 * `files` and `main` say, so nothing is listed for it, and what it leads to is never read.
 */
const SHIPPED_LINKS_OUT: Record<string, [object, Record<string, string>]> = {
  'a file under a listed folder': [{ files: ['dist'] }, { 'dist/leak.js': 'OUT/leak.js' }],
  'a folder under a listed folder': [{ files: ['dist'] }, { 'dist/linked': 'OUT' }],
  'a file files and main name': [
    { files: ['dist/index.js', 'dist/leak.js'], main: 'dist/leak.js' },
    { 'dist/leak.js': 'OUT/leak.js' },
  ],
  'a file with no files list': [{}, { 'leak.js': 'OUT/leak.js' }],
};

describe('a shipped file that is a symbolic link out of the package is not packed, nor read', () => {
  it.each(Object.entries(SHIPPED_LINKS_OUT))('%s', async (_name, [fields, links]) => {
    const out = makePackage({
      'leak.js': 'module.exports = "https://acme-releases.s3.amazonaws.com/x"',
    });
    const dir = makePackage({ 'package.json': manifest(fields), 'dist/index.js': '' });
    makeLinks(
      dir,
      Object.fromEntries(Object.entries(links).map(([at, to]) => [at, to.replace('OUT', out)])),
    );
    const npm = npmDryRun(dir);
    expect(npm).toEqual(['dist/index.js', 'package.json']);
    expect((await packFiles(dir)).sort()).toEqual(npm);
    const inspection = await inspectArtifact({ root: dir, path: dir });
    expect(inspection.files.map((f) => f.path)).toEqual(npm);
    expect(inspection.observations.filter((o) => o.kind === 'unreadable')).toEqual([]);
  });
});

/**
 * A bundled dependency's link that leads to no directory (nowhere, round in a loop, to a file)
 * installs nothing: nothing is packed for it, and it is no problem of the pack.
 */
const LINKED_TO_NO_DIRECTORY: Record<string, Record<string, string>> = {
  'a dangling link': { 'node_modules/dep': 'missing' },
  'a link to itself': { 'node_modules/dep': 'dep' },
  'two links round in a loop': { 'node_modules/dep': 'other', 'node_modules/other': 'dep' },
  'a link to a file': { 'node_modules/dep': '../index.js' },
};

describe('a bundled dependency linked to no directory is not packed', () => {
  it.each(Object.entries(LINKED_TO_NO_DIRECTORY))('%s', async (_name, links) => {
    const dir = makePackage({
      'package.json': manifest({ dependencies: { dep: '1' }, bundleDependencies: ['dep'] }),
      'index.js': '',
    });
    makeLinks(dir, links);
    expect((await packFiles(dir)).sort()).toEqual(['index.js', 'package.json']);
  });
});

// npm-packlist reads a member's own ignore files in its walker, those above it before: each once.
it('checks each ignore file of a workspace member where it is read, once', async () => {
  const top = makePackage({
    'package.json': manifest({ private: true, workspaces: ['packages/*'] }),
    '.npmignore': '*.map\n',
    'packages/.gitignore': '*.log\n',
    'packages/one/package.json': dep('one'),
    'packages/one/.npmignore': '*.tmp\n',
    'packages/one/index.js': '',
  });
  const leadsOut = vi.spyOn(PackTree.prototype, 'leadsOut');
  try {
    expect(await packFiles(join(top, 'packages/one'), top)).toEqual(['index.js', 'package.json']);
    const checked = leadsOut.mock.calls.map(([path]) => path);
    expect(checked).toContain(join(top, 'packages/one/.npmignore'));
    expect(checked).toContain(join(top, '.npmignore'));
    expect(checked.length).toBe(new Set(checked).size);
  } finally {
    leadsOut.mockRestore();
  }
});
