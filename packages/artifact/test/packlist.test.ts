import { describe, expect, it } from 'vitest';
import { inspectArtifact, packFiles } from '../src/index.js';
import { makePackage, npmDryRun } from './support.js';

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
