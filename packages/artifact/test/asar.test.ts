import { rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observedEntry, type ArtifactObservation } from '@posture/model';
import { inspectArtifact } from '../src/index.js';
import {
  asarBytes,
  asarOf,
  makeAsar,
  makeTar,
  makeZip,
  scratch,
  SECRETS,
  type AsarContent,
} from './support.js';

const inspect = (path: string, limits = {}) =>
  inspectArtifact({ root: join(path, '..'), path, limits });

const MAP = JSON.stringify({
  version: 3,
  sources: ['../src/main.ts'],
  sourcesContent: ['export function main(): void {}\n'],
  mappings: 'AAAA',
});

/** An Electron app's asar with something of each kind the gate stops. */
const APP: Record<string, AsarContent> = {
  'package.json': JSON.stringify({ name: 'acme-desktop', version: '2.0.0', main: 'dist/main.js' }),
  'dist/main.js': 'run();\n//# sourceMappingURL=main.js.map\n',
  'dist/main.js.map': MAP,
  'dist/config.js': `const key = '${SECRETS.aws}';\n`,
  'src/main.ts': 'export function main(): void {}\n',
  'node_modules/.bin/tool': { link: 'node_modules/tool/cli.js' },
  'node_modules/tool/cli.js': 'run();\n',
  'node_modules/native/build/addon.node': { unpacked: 'binary' },
  'node_modules/native/token.js': { unpacked: `const t = '${SECRETS.github}';\n` },
};

/** What the gate reports about APP's files, by package path below `prefix`. */
function expected(prefix: string): string[] {
  return [
    `credential ${prefix}dist/config.js`,
    `credential ${prefix}node_modules/native/token.js`,
    `not-allowed ${prefix}dist/main.js.map`,
    `not-allowed ${prefix}src/main.ts`,
    `source-map-url ${prefix}dist/main.js`,
    `sources-content ${prefix}dist/main.js.map`,
    `unsafe-entry ${prefix}node_modules/.bin/tool`,
  ];
}

function summary(observations: readonly ArtifactObservation[]): string[] {
  return observations.map((o) => `${o.kind} ${observedEntry(o)?.packagePath ?? ''}`.trim()).sort();
}

describe('an Electron asar is opened and its files checked like any other entries', () => {
  it('an app.asar on its own, with the files kept unpacked beside it', async () => {
    const result = await inspect(makeAsar(APP));
    expect(result.format).toBe('asar');
    expect(result.package).toEqual({ name: 'acme-desktop', version: '2.0.0' });
    expect(summary(result.observations)).toEqual(expected(''));
    const link = result.observations.find((o) => o.kind === 'unsafe-entry');
    expect(link?.kind === 'unsafe-entry' && [link.problem, link.target]).toEqual([
      'symlink-inside',
      '../../node_modules/tool/cli.js',
    ]);
    expect(result.files.map((f) => f.path)).toContain('node_modules/native/token.js');
    // A file read from disk is placed on its line there.
    const token = result.observations.find(
      (o) => o.kind === 'credential' && o.entry.packagePath.endsWith('token.js'),
    );
    expect(token?.kind === 'credential' && token.at.range?.file).toBe(
      'app.asar.unpacked/node_modules/native/token.js',
    );
    expect(JSON.stringify(result)).not.toContain(SECRETS.aws);
  });

  it('inside a zip: a macOS app, its unpacked files entries of the zip beside the asar', async () => {
    const resources = 'Acme.app/Contents/Resources';
    const { 'node_modules/native/token.js': token, ...packed } = APP;
    const zip = makeZip([
      { name: `${resources}/app.asar`, content: asarBytes(packed) },
      {
        name: `${resources}/app.asar.unpacked/node_modules/native/token.js`,
        content: (token as { unpacked: string }).unpacked,
      },
    ]);
    const result = await inspect(zip);
    expect(result.format).toBe('zip');
    expect(summary(result.observations)).toEqual(
      expected(`${resources}/app.asar/`)
        .map((s) =>
          s.replace('app.asar/node_modules/native', 'app.asar.unpacked/node_modules/native'),
        )
        .sort(),
    );
    expect(result.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([`${resources}/app.asar`, `${resources}/app.asar/dist/main.js.map`]),
    );
  });

  it('inside an npm tarball, below its package/ folder', async () => {
    const tar = await makeTar([
      { name: 'package/package.json', content: '{"name":"x","version":"1.0.0"}' },
      { name: 'package/app/app.asar', content: asarBytes({ 'main.js.map': MAP }) },
    ]);
    expect(summary((await inspect(tar)).observations)).toEqual([
      'not-allowed app/app.asar/main.js.map',
      'sources-content app/app.asar/main.js.map',
    ]);
  });

  it('files of the same content share their bytes, and each is checked as itself', async () => {
    const bytes = Buffer.from(MAP);
    const header = {
      files: {
        'a.js': { size: bytes.length, offset: '0' },
        'b.js.map': { size: bytes.length, offset: '0' },
        'empty.js': { size: 0, offset: '0' },
      },
    };
    const file = join(scratch(), 'shared.asar');
    writeFileSync(file, asarOf(header, bytes));
    const result = await inspect(file);
    // Each is read whole: a.js holds the map too, a source map under a script's name by its shape.
    expect(summary(result.observations)).toEqual([
      'not-allowed a.js',
      'not-allowed b.js.map',
      'sources-content a.js',
      'sources-content b.js.map',
    ]);
    expect(result.files.map((f) => [f.path, f.size])).toEqual([
      ['a.js', bytes.length],
      ['b.js.map', bytes.length],
      ['empty.js', 0],
    ]);
  });
});

describe('an asar under another name, known by its first bytes, is opened as one named .asar', () => {
  const app = asarBytes({ 'main.js.map': MAP });
  // [what, the artifact, what is reported, why it is unreadable]
  const CASES: [string, () => Promise<string> | string, string[], RegExp?][] = [
    [
      'in an npm tarball',
      () => makeTar([{ name: 'package/resources/app.bin', content: app }]),
      [
        'not-allowed resources/app.bin',
        'not-allowed resources/app.bin/main.js.map',
        'sources-content resources/app.bin/main.js.map',
      ],
    ],
    [
      'in a zip',
      () => makeZip([{ name: 'resources/app.dat', content: app }]),
      [
        'not-allowed resources/app.dat',
        'not-allowed resources/app.dat/main.js.map',
        'sources-content resources/app.dat/main.js.map',
      ],
    ],
    [
      'within the same bounds: nested more than 2 deep',
      () =>
        makeZip([{ name: 'a.bin', content: asarBytes({ 'b.bin': asarBytes({ 'c.bin': app }) }) }]),
      ['unreadable'],
      /nested more than 2 deep/,
    ],
    [
      'corrupt, failing closed',
      () => makeZip([{ name: 'resources/app.bin', content: asarOf({ files: 1 }) }]),
      ['unreadable'],
      /^the asar header is corrupt \(it has no file tree\)$/,
    ],
  ];

  it.each(CASES)('%s', async (_what, artifact, reported, problem) => {
    const { observations } = await inspect(await artifact());
    expect(summary(observations)).toEqual(reported);
    const unreadable = observations.find((o) => o.kind === 'unreadable');
    if (problem) expect(unreadable?.kind === 'unreadable' && unreadable.problem).toMatch(problem);
  });
});

/** An asar whose header text is broken just after its opening brace. */
function notJson(): Buffer {
  const bytes = asarOf({ files: {} });
  bytes[17] = 0x21;
  return bytes;
}

/** The start of an asar whose header declares 2 GiB. */
function hugeHeader(): Buffer {
  const bytes = Buffer.alloc(28);
  bytes.writeUInt32LE(4, 0);
  bytes.writeUInt32LE(0x7fffffff, 4);
  bytes.writeUInt32LE(0x7fffffff - 4, 8);
  bytes.write('{"files":{}}', 12 + 4);
  return bytes;
}

describe('a broken or crafted asar fails closed with a clear message', () => {
  const file = (size: number, offset = '0') => ({ size, offset });
  // [what, the archive's bytes, the problem reported]
  const CASES: [string, Buffer, RegExp][] = [
    ['cut inside its header', asarBytes(APP).subarray(0, 40), /ends inside its header/],
    [
      'cut inside a file',
      asarBytes({ 'a.js': 'x'.repeat(100) }).subarray(0, -10),
      /ends inside a file/,
    ],
    [
      'a header that is not JSON',
      notJson(),
      /corrupt \(its JSON breaks at line 1, column 2: invalid symbol\)/,
    ],
    ['a header of no file tree', asarOf({ tree: {} }), /corrupt \(it has no file tree\)/],
    ['a name that climbs out', asarOf({ files: { '..': file(0) } }), /not a plain name: "\.\."/],
    [
      'a name with a separator',
      asarOf({ files: { 'a/../../x': file(0) } }),
      /not a plain name: "a\/\.\.\/\.\.\/x"/,
    ],
    ['a file without an offset', asarOf({ files: { 'a.js': { size: 1 } } }), /a\.js has no offset/],
    ['a negative size', asarOf({ files: { 'a.js': file(-1) } }), /a\.js has no size/],
    [
      'files whose bytes overlap',
      asarOf({ files: { 'a.js': file(10), 'b.js': file(10, '5') } }, Buffer.alloc(20)),
      /bytes of b\.js overlap/,
    ],
    [
      'files sharing more bytes than are held to read each',
      asarOf({ files: { 'a.js': file(33 << 20), 'b.js': file(33 << 20) } }),
      /2 of its files \(a\.js the first\) share 33\.0 MiB of content/,
    ],
    [
      'a header longer than the bound',
      hugeHeader(),
      /header declares 2048 MiB, more than the bound/,
    ],
    [
      'more entries than the bound',
      asarOf({
        files: Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`f${i}`, file(0)])),
      }),
      /lists more than 10 entries/,
    ],
    [
      'asars nested inside asars',
      asarBytes({ 'a.asar': asarBytes({ 'b.asar': asarBytes({ 'c.asar': asarBytes({}) }) }) }),
      /nested more than 2 deep/,
    ],
    [
      'an unpacked file missing beside it',
      asarBytes({ 'a.node': { unpacked: 'x' } }),
      /a\.node is kept unpacked, but crafted\.asar\.unpacked\/a\.node is not beside/,
    ],
  ];

  it.each(CASES)('%s', async (_what, bytes, problem) => {
    const path = join(scratch(), 'crafted.asar');
    writeFileSync(path, bytes);
    const { observations } = await inspect(path, { maxEntries: 10 });
    const unreadable = observations.filter((o) => o.kind === 'unreadable');
    expect(unreadable).toHaveLength(1);
    expect(unreadable[0]?.kind === 'unreadable' && unreadable[0].problem).toMatch(problem);
  });

  it('an unpacked file that is a link out of the scan root is not read', async () => {
    const dir = scratch();
    const path = makeAsar({ 'a.js': { unpacked: 'x' } }, dir);
    const outside = join(scratch(), 'secret.js');
    writeFileSync(outside, 'x');
    rmSync(join(`${path}.unpacked`, 'a.js'));
    symlinkSync(outside, join(`${path}.unpacked`, 'a.js'));
    const { observations } = await inspectArtifact({ root: dir, path });
    expect(observations.map((o) => o.kind === 'unreadable' && o.problem)).toEqual([
      'app.asar.unpacked/a.js is not a regular file inside the scan root',
    ]);
  });

  it('an asar inside a zip that is corrupt stops the check at its entry', async () => {
    const zip = makeZip([{ name: 'resources/app.asar', content: asarOf({ files: 1 }) }]);
    const { observations } = await inspect(zip);
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'unreadable',
        problem: 'the asar header is corrupt (it has no file tree)',
        stoppedAt: 'resources/app.asar',
      }),
    ]);
  });
});
