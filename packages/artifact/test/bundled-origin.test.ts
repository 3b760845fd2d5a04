import { describe, expect, it } from 'vitest';
import { observedEntry } from '@posture/model';
import { inspectArtifact } from '../src/index.js';
import { makePackage, makeTar, makeZip } from './support.js';

// A bundled dependency's files are packed as its own package.json and .npmignore say: the finding
// about one sits at the bundleDependencies entry that bundles it, where the fix goes, not at a
// "files" entry or .npmignore of the package, which do not reach it.

const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: '' });

/** package.json written one field a line, so each case can name the line of its origin. */
const manifest = (fields: object) =>
  JSON.stringify({ name: 'acme', version: '1.0.0', files: ['dist'], ...fields }, null, 1);

/** Where the source map at `path` is let in: its origin's label and start, as line:column. */
async function originOf(fields: object, path: string, vsix = false): Promise<string> {
  const dir = makePackage({ 'package.json': manifest(fields) });
  const artifact = vsix
    ? makeZip([
        { name: 'extension.vsixmanifest', content: '' },
        { name: 'extension/package.json', content: manifest(fields) },
        { name: `extension/${path}`, content: MAP },
      ])
    : await makeTar([
        { name: 'package/package.json', content: manifest(fields) },
        { name: `package/${path}`, content: MAP },
      ]);
  const { observations } = await inspectArtifact({ root: dir, path: artifact, packageDir: [dir] });
  const origin = observations.map(observedEntry).find((e) => e?.packagePath === path)?.origin;
  const start = origin?.range.start;
  return `${origin?.label} ${start?.line}:${start?.column}`;
}

const deps = { dependencies: { dep: '1.0.0', '@acme/util': '1.0.0' } };

describe('a file npm packs with a bundled dependency is let in by its bundleDependencies entry', () => {
  // [what, package.json fields beside name, version and files: ["dist"], the map, its origin]
  const CASES: [string, object, string, string][] = [
    [
      'the dependency named in the list',
      { ...deps, bundleDependencies: ['@acme/util', 'dep'] },
      'node_modules/dep/index.js.map',
      '"bundleDependencies" entry "dep" 13:3',
    ],
    [
      'a scoped dependency',
      { ...deps, bundleDependencies: ['@acme/util', 'dep'] },
      'node_modules/@acme/util/lib/a.js.map',
      '"bundleDependencies" entry "@acme/util" 12:3',
    ],
    [
      'a dependency nested in it',
      { ...deps, bundleDependencies: ['dep'] },
      'node_modules/dep/node_modules/sub/a.js.map',
      '"bundleDependencies" entry "dep" 12:3',
    ],
    [
      'under the other spelling, bundledDependencies',
      { ...deps, bundledDependencies: ['dep'] },
      'node_modules/dep/index.js.map',
      '"bundledDependencies" entry "dep" 12:3',
    ],
    [
      'an object of names, as npm reads it',
      { ...deps, bundleDependencies: { dep: '1.0.0' } },
      'node_modules/dep/index.js.map',
      '"bundleDependencies" entry "dep" 12:3',
    ],
    [
      "in pnpm's store, a dependency of the bundled one: by the store folder's package",
      { ...deps, bundleDependencies: ['@acme/util', 'dep'] },
      'node_modules/.pnpm/@acme+util@1.0.0/node_modules/sub/a.js.map',
      '"bundleDependencies" entry "@acme/util" 12:3',
    ],
    [
      'a hoisted dependency of a bundled one: the field, which bundles it',
      { ...deps, bundleDependencies: ['dep'] },
      'node_modules/sub/index.js.map',
      'package.json "bundleDependencies" 11:2',
    ],
    [
      "one beside the package, where npm packs a file: link's dependencies",
      { ...deps, bundleDependencies: ['dep'] },
      '../node_modules/near/index.js.map',
      'package.json "bundleDependencies" 11:2',
    ],
    [
      'every dependency, bundleDependencies: true',
      { ...deps, bundleDependencies: true },
      'node_modules/dep/index.js.map',
      '"bundleDependencies": true, which bundles "dep" 11:2',
    ],
  ];

  it.each(CASES)('%s', async (_what, fields, path, expected) => {
    expect(await originOf(fields, path)).toBe(expected);
  });
});

describe('what no bundleDependencies entry lets in keeps its origin', () => {
  const CASES: [string, object, string, string, boolean?][] = [
    ['no bundleDependencies', deps, 'node_modules/dep/index.js.map', 'package.json "files" 4:2'],
    [
      'bundleDependencies false',
      { ...deps, bundleDependencies: false },
      'node_modules/dep/index.js.map',
      'package.json "files" 4:2',
    ],
    [
      'a bundleDependencies npm does not read (a string)',
      { ...deps, bundleDependencies: 'dep' },
      'node_modules/dep/index.js.map',
      'package.json "files" 4:2',
    ],
    [
      "the package's own file",
      { ...deps, bundleDependencies: ['dep'] },
      'dist/node_modules/dep/a.js.map',
      '"files" entry "dist" 5:3',
    ],
    [
      'a VS Code extension: vsce packs production dependencies through .vscodeignore',
      { ...deps, bundleDependencies: ['dep'] },
      'node_modules/dep/index.js.map',
      'package.json "files" 4:2',
      true,
    ],
  ];

  it.each(CASES)('%s', async (_what, fields, path, expected, vsix) => {
    expect(await originOf(fields, path, vsix)).toBe(expected);
  });
});

it('a bundled dependency of a package directory is placed at its entry, as npm packs it', async () => {
  const dir = makePackage({
    'package.json': manifest({ dependencies: { dep: '1.0.0' }, bundleDependencies: ['dep'] }),
    'dist/index.js': '',
    'node_modules/dep/package.json': JSON.stringify({ name: 'dep', version: '1.0.0' }),
    'node_modules/dep/index.js.map': MAP,
  });
  const { observations } = await inspectArtifact({ root: dir, path: dir });
  const map = observations.find((o) => o.kind === 'not-allowed');
  expect(map?.kind === 'not-allowed' && map.entry.origin).toMatchObject({
    label: '"bundleDependencies" entry "dep"',
    range: { file: 'package.json', start: { line: 11, column: 3 }, end: { line: 11, column: 8 } },
  });
});
