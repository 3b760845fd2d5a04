import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { observedEntry, type ArtifactObservation } from '@posture/model';
import { threadCpuMs } from '../../../test/support/cpu-time.js';
import { inspectArtifact } from '../src/index.js';
import { makePackage, makeTar, makeZeroTar, makeZip, npmPack, scratch, v7Tar } from './support.js';

const inspect = (path: string, limits = {}) =>
  inspectArtifact({ root: join(path, '..'), path, limits });

function unreadable(observations: readonly ArtifactObservation[]) {
  const found = observations.filter((o) => o.kind === 'unreadable');
  expect(found).toHaveLength(1);
  return found[0] as Extract<ArtifactObservation, { kind: 'unreadable' }>;
}

function problems(observations: readonly ArtifactObservation[]): string[] {
  return observations.flatMap((o) =>
    o.kind === 'unsafe-entry' ? [`${o.problem} ${o.entry.path}`] : [],
  );
}

describe('broken archives fail closed with a clear message', () => {
  const tarball = npmPack(
    makePackage({
      'package.json': JSON.stringify({ name: 'big', version: '1.0.0' }),
      // Incompressible, so that a cut lands inside the data.
      'data.bin': Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 2654435761) >>> 24)),
    }),
  );

  it('a truncated tarball', async () => {
    const cut = join(scratch(), 'cut.tgz');
    const bytes = readFileSync(tarball);
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    expect(unreadable((await inspect(cut)).observations)).toMatchObject({
      problem: expect.stringMatching(/truncated/) as unknown,
      cause: 'broken',
    });
  });

  it('a corrupt tarball', async () => {
    const bad = join(scratch(), 'bad.tgz');
    const bytes = Buffer.from(readFileSync(tarball));
    for (let i = 40; i < 400; i++) bytes[i] = 0x55;
    writeFileSync(bad, bytes);
    expect(unreadable((await inspect(bad)).observations).problem).toMatch(/corrupt|truncated/);
  });

  it('a file that is no archive, and an empty one', async () => {
    const text = join(scratch(), 'notes.tgz');
    writeFileSync(text, 'hello, this is not a tarball at all'.repeat(20));
    expect(unreadable((await inspect(text)).observations).problem).toMatch(
      /neither a gzipped tarball/,
    );
    const empty = join(scratch(), 'empty.tgz');
    writeFileSync(empty, '');
    expect(unreadable((await inspect(empty)).observations).problem).toBe('the file is empty');
  });

  describe('a tar header whose size is negative or not a number', () => {
    const entry = (name: string, content: string, size?: string) =>
      Buffer.concat([
        v7Tar({ name, size: size ?? `${content.length.toString(8).padStart(11, '0')}\0` }).subarray(
          0,
          512,
        ),
        Buffer.from(content),
        Buffer.alloc(-content.length & 511),
      ]);
    /** The header of `size` between a package.json and a .env the gate refuses. */
    const tarWith = (size: string) => {
      const file = join(scratch(), 'sized.tar');
      const entries = [
        entry('package/package.json', '{"name":"x","version":"1.0.0"}'),
        entry('package/odd.txt', '', size),
        entry('package/.env', 'TOKEN=1\n'),
      ];
      writeFileSync(file, Buffer.concat([...entries, Buffer.alloc(1024)]));
      return file;
    };

    // -1 in base-256 is all ones, which tar-stream and npm's node-tar both read as an empty file
    // and read on from the next block, as GNU tar skips the header: nothing after it is hidden.
    it('-1 in base-256 is an empty file, and what follows it is read', async () => {
      const { files, observations } = await inspect(tarWith('\xff'.repeat(12)));
      expect(files.map((f) => [f.path, f.size])).toEqual([
        ['.env', 8],
        ['odd.txt', 0],
        ['package.json', 30],
      ]);
      expect(observations.some((o) => o.kind === 'unreadable')).toBe(false);
      expect(observations).toContainEqual(
        expect.objectContaining({ kind: 'not-allowed', reason: 'denied-type' }),
      );
    });

    it.each([
      ['-2 in base-256', `${'\xff'.repeat(11)}\xfe`],
      ['-8 in octal', '-0000000010\0'],
      ['an octal field of letters', 'zzzzzzzzzzz\0'],
    ])('%s fails closed, worded', async (_what, size) => {
      expect(unreadable((await inspect(tarWith(size))).observations)).toMatchObject({
        problem: 'a tar header is corrupt (its size is negative or not a number)',
        cause: 'broken',
      });
    });
  });

  it.each([
    ['a long name', 'L'],
    ['a PAX header', 'x'],
  ])('%s over 4 MiB fails closed, worded', async (_what, type) => {
    const file = join(scratch(), 'long.tar');
    // Its size (4 MiB and a byte) alone is refused: the content need not follow. GNU tar's magic
    // makes it a tar, which is what writes such headers.
    const magic = Buffer.from('ustar  \0', 'latin1');
    const off = magic.reduce((sum, byte) => sum + byte, 0);
    const header = v7Tar({ name: '././@LongLink', type, size: '00020000001\0', off });
    magic.copy(header, 257);
    writeFileSync(file, Buffer.concat([header.subarray(0, 512), Buffer.alloc(1024)]));
    expect(unreadable((await inspect(file)).observations)).toMatchObject({
      problem: 'a tar header is corrupt (a long-name or PAX header over 4 MiB)',
      cause: 'broken',
    });
  });

  it('a named pipe, without waiting for a writer', async () => {
    const pipe = join(scratch(), 'app.tgz');
    expect(spawnSync('mkfifo', [pipe]).status, 'mkfifo is needed for this test').toBe(0);
    expect(unreadable((await inspect(pipe)).observations).problem).toBe(
      'it is neither a regular file nor a directory',
    );
  });

  it('a gzip bomb stops at the ratio bound, in bounded time', async () => {
    const bomb = await makeZeroTar(64 * 1024 * 1024);
    const started = threadCpuMs();
    const { problem, cause } = unreadable((await inspect(bomb)).observations);
    expect(problem).toMatch(/decompression bomb/);
    expect(cause).toBe('bound');
    expect(threadCpuMs() - started).toBeLessThan(10_000);
  });

  it('a zip bomb is refused from its central directory, before inflating anything', async () => {
    const zeros = Buffer.alloc(40 * 1024 * 1024);
    const bomb = makeZip([
      { name: 'a.bin', content: zeros },
      { name: 'b.bin', content: zeros },
    ]);
    expect(unreadable((await inspect(bomb)).observations)).toMatchObject({
      problem: expect.stringMatching(/zip bomb/) as unknown,
      cause: 'bound',
    });
    const small = makeZip([{ name: 'a.bin', content: Buffer.alloc(2 << 20) }]);
    expect(
      unreadable((await inspect(small, { maxTotalBytes: 1 << 20 })).observations).problem,
    ).toMatch(/declare 2\.0 MiB in all, more than the bound of 1\.0 MiB: a zip bomb/);
  });

  it('a zip whose central directory names one local file for two entries, as asar overlaps are', async () => {
    const zip = makeZip([
      { name: 'index.js', content: 'run();\n' },
      { name: 'other.js', content: 'run();\n', sharing: 0 },
    ]);
    expect(unreadable((await inspect(zip)).observations).problem).toBe(
      "the zip is corrupt (the bytes of other.js overlap another entry's)",
    );
  });

  it('a truncated zip, and one whose data is corrupt', async () => {
    const random = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 2654435761) >>> 24));
    const zip = makeZip([
      { name: 'package.json', content: JSON.stringify({ name: 'z', version: '1.0.0' }) },
      { name: 'data.bin', content: random },
    ]);
    const bytes = readFileSync(zip);
    const cut = join(scratch(), 'cut.zip');
    writeFileSync(cut, bytes.subarray(0, bytes.length >> 1));
    expect(unreadable((await inspect(cut)).observations)).toMatchObject({
      problem: expect.stringMatching(/^not a readable zip \(/) as unknown,
      cause: 'broken',
    });
    const bad = join(scratch(), 'bad.zip');
    const corrupt = Buffer.from(bytes);
    for (let i = 200; i < 2000; i++) corrupt[i] = 0xff;
    writeFileSync(bad, corrupt);
    expect(unreadable((await inspect(bad)).observations)).toMatchObject({
      problem: expect.stringMatching(/^the zip is corrupt \(/) as unknown,
      cause: 'broken',
      stoppedAt: 'data.bin',
    });
  });

  it('a tar of thousands of entries stops at the entry bound', async () => {
    const many = await makeTar(
      Array.from({ length: 12_000 }, (_, i) => ({ name: `package/f${i}.js`, content: '' })),
    );
    const started = threadCpuMs();
    const result = await inspect(many);
    expect(unreadable(result.observations)).toMatchObject({
      problem: expect.stringMatching(/more than 10000 entries/) as unknown,
      cause: 'bound',
    });
    expect(result.files).toHaveLength(10_000);
    expect(threadCpuMs() - started).toBeLessThan(10_000);
  });

  it('an entry larger than the entry bound', async () => {
    const big = await makeTar([{ name: 'package/big.js', content: 'x'.repeat(5000) }]);
    expect(unreadable((await inspect(big, { maxEntryBytes: 1000 })).observations)).toMatchObject({
      problem: expect.stringMatching(/larger than the entry bound/) as unknown,
      cause: 'bound',
    });
  });
});

describe('a compressed source map or web asset that cannot be read unpacked fails closed, naming it', () => {
  const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' });
  // Blanks, the cheapest bomb to write and, once, the slowest text to scan.
  const blanks = Buffer.alloc(64 << 20, 0x20);
  const gzipped = gzipSync(MAP);
  // [what, the map's name, its bytes, limits, the problem, its cause]
  const CASES: [string, string, Buffer, object, RegExp, string][] = [
    [
      'a gzip bomb',
      'cli.js.map.gz',
      gzipSync(blanks, { level: 9 }),
      {},
      /^a compressed source map unpacks to over \d+× its size \(bound 100×\): a decompression bomb$/,
      'bound',
    ],
    [
      'a brotli bomb',
      'cli.js.map.br',
      brotliCompressSync(blanks),
      {},
      /decompression bomb$/,
      'bound',
    ],
    [
      'a map past the entry bound once unpacked',
      'cli.js.map.gz',
      gzipSync('x'.repeat(5000)),
      { maxEntryBytes: 1000 },
      /^a compressed source map unpacks to more than 1000 bytes \(the entry bound\)$/,
      'bound',
    ],
    [
      'a plain map named .gz',
      'cli.js.map.gz',
      Buffer.from(MAP),
      {},
      /^a source map named as gzip-compressed does not unpack as gzip \(incorrect header check: its first bytes are not gzip's, 1f 8b\), so its content could not be checked$/,
      'broken',
    ],
    [
      'a gzip cut short',
      'cli.js.map.gz',
      gzipped.subarray(0, gzipped.length - 6),
      {},
      /does not unpack as gzip \(unexpected end of file: it is cut short\)/,
      'broken',
    ],
    // A map named plainly whose bytes are gzip's is unpacked as one named .gz is.
    [
      'a gzip bomb named as a plain map',
      'cli.js.map',
      gzipSync(blanks, { level: 9 }),
      {},
      /^a compressed source map unpacks to over \d+× its size \(bound 100×\): a decompression bomb$/,
      'bound',
    ],
    [
      'a gzip cut short named as a plain map',
      'cli.js.map',
      gzipped.subarray(0, gzipped.length - 6),
      {},
      /^a source map whose first bytes are gzip's does not unpack as gzip \(unexpected end of file: it is cut short\), so its content could not be checked$/,
      'broken',
    ],
    // So is one whose bytes unpack as brotli's to a map.
    [
      'a brotli map past the entry bound once unpacked, named as a plain map',
      'cli.js.map',
      brotliCompressSync(`{"version":3,"sources":[],"mappings":"","x":"${'x'.repeat(5000)}"}`),
      { maxEntryBytes: 1000 },
      /^a compressed source map unpacks to more than 1000 bytes \(the entry bound\)$/,
      'bound',
    ],
    [
      'a brotli bomb named as a plain map',
      'cli.js.map',
      brotliCompressSync(`{"version":3,"sources":[],"mappings":"","x":"${' '.repeat(20 << 20)}"}`),
      {},
      /^a compressed source map unpacks to over \d+× its size \(bound 100×\): a decompression bomb$/,
      'bound',
    ],
    // So is a web asset precompressed as a server serves it.
    [
      'a plain script named .js.gz',
      'cli.js.gz',
      Buffer.from('run();\n'),
      {},
      /^a file named as gzip-compressed does not unpack as gzip \(incorrect header check: its first bytes are not gzip's, 1f 8b\), so its content could not be checked$/,
      'broken',
    ],
    [
      'a gzip bomb named .wasm.gz',
      'app.wasm.gz',
      gzipSync(blanks, { level: 9 }),
      {},
      /^a compressed file unpacks to over \d+× its size \(bound 100×\): a decompression bomb$/,
      'bound',
    ],
    [
      'a plain map named .br',
      'cli.js.map.br',
      Buffer.from(MAP),
      {},
      /^a source map named as brotli-compressed does not unpack as brotli \(Decompression failed: it is no brotli, or corrupt\), so its content could not be checked$/,
      'broken',
    ],
    [
      'a plain script named .js.br',
      'cli.js.br',
      Buffer.from('run();\n'),
      {},
      /^a file named as brotli-compressed does not unpack as brotli \(Decompression failed: it is no brotli, or corrupt\), so its content could not be checked$/,
      'broken',
    ],
    [
      'a gzip corrupt past its header',
      'cli.js.gz',
      Buffer.concat([gzipped.subarray(0, 10), Buffer.alloc(gzipped.length - 10, 0xff)]),
      {},
      /^a file named as gzip-compressed does not unpack as gzip \(.+: it is corrupt\), so its content could not be checked$/,
      'broken',
    ],
  ];

  it.each(CASES)('%s', async (_what, name, content, limits, problem, cause) => {
    const tarball = await makeTar([
      { name: `package/dist/${name}`, content },
      { name: 'package/dist/after.js.map', content: MAP },
    ]);
    const started = threadCpuMs();
    const { observations } = await inspect(tarball, limits);
    expect(unreadable(observations)).toMatchObject({
      problem: expect.stringMatching(problem) as unknown,
      cause,
      stoppedAt: `package/dist/${name}`,
    });
    expect(threadCpuMs() - started).toBeLessThan(10_000);
  });
});

const npmPackage = JSON.stringify({ name: 'acme', version: '1.0.0' });
const workspace = JSON.stringify({ private: true, workspaces: ['packages/*'] });
const extension = JSON.stringify({
  name: 'acme',
  version: '1.0.0',
  publisher: 'acme',
  engines: { vscode: '^1.90.0' },
});

/**
 * Files a packer reads that are no regular file: a named pipe (npm and vsce would wait on it
 * forever), a folder, or a link out of the repository to a pipe. Each fails the pack closed, at
 * once. `specials`: path → `pipe`, `folder` or `pipe outside` (a link to one out of the package).
 */
const NOT_REGULAR: Record<
  string,
  [
    Record<string, string>,
    Record<string, 'pipe' | 'folder' | 'pipe outside'>,
    string,
    string,
    'unpackable' | 'link',
  ]
> = {
  'package.json a named pipe': [
    {},
    { 'package.json': 'pipe' },
    '.',
    'package.json cannot be read (not a regular file), so npm cannot pack it',
    'unpackable',
  ],
  'package.json a folder': [
    {},
    { 'package.json': 'folder' },
    '.',
    'package.json cannot be read (not a regular file), so npm cannot pack it',
    'unpackable',
  ],
  '.npmignore a named pipe': [
    { 'package.json': npmPackage },
    { '.npmignore': 'pipe' },
    '.',
    '.npmignore is not a regular file, so it was not read',
    'unpackable',
  ],
  'a folder’s .gitignore a folder': [
    { 'package.json': npmPackage, 'lib/a.js': '' },
    { 'lib/.gitignore': 'folder' },
    '.',
    'lib/.gitignore is not a regular file, so it was not read',
    'unpackable',
  ],
  'the workspace root’s .npmignore a named pipe, for a member': [
    { 'package.json': workspace, 'packages/one/package.json': npmPackage },
    { '.npmignore': 'pipe' },
    'packages/one',
    '../../.npmignore is not a regular file, so it was not read',
    'unpackable',
  ],
  'the workspace root’s .npmignore linked out to a named pipe, for a member': [
    { 'package.json': workspace, 'packages/one/package.json': npmPackage },
    { '.npmignore': 'pipe outside' },
    'packages/one',
    '../../.npmignore leads out of the repository through a symbolic link, so it was not read',
    'link',
  ],
  'a VS Code extension’s .vscodeignore a named pipe': [
    { 'package.json': extension },
    { '.vscodeignore': 'pipe' },
    '.',
    '.vscodeignore cannot be read (not a regular file)',
    'unpackable',
  ],
  'a VS Code extension’s .vscodeignore linked out to a named pipe': [
    { 'package.json': extension },
    { '.vscodeignore': 'pipe outside' },
    '.',
    '.vscodeignore leads out of the package through a symbolic link, so it was not read',
    'link',
  ],
};

describe('a file a packer reads that is no regular file fails the pack closed, at once', () => {
  it.each(Object.entries(NOT_REGULAR))(
    '%s',
    async (_name, [files, specials, pack, problem, cause]) => {
      const top = makePackage(files);
      const outside = scratch();
      for (const [path, kind] of Object.entries(specials)) {
        const pipe = kind === 'pipe outside' ? join(outside, 'pipe') : join(top, path);
        if (kind === 'folder') mkdirSync(pipe);
        else expect(spawnSync('mkfifo', [pipe]).status, 'mkfifo is needed for this test').toBe(0);
        if (kind === 'pipe outside') symlinkSync(pipe, join(top, path));
      }
      const path = join(top, pack);
      const { observations } = await inspectArtifact({ root: top, path, repository: top });
      expect(unreadable(observations)).toMatchObject({ problem, cause });
    },
  );
});

it('a package directory’s ignore file that is no regular file names no origin', async () => {
  const tarball = await makeTar([
    { name: 'package/package.json', content: npmPackage },
    { name: 'package/index.js', content: '' },
  ]);
  for (const kind of ['pipe', 'folder']) {
    const dir = makePackage({ 'package.json': npmPackage });
    if (kind === 'folder') mkdirSync(join(dir, '.npmignore'));
    else expect(spawnSync('mkfifo', [join(dir, '.npmignore')]).status).toBe(0);
    const { observations } = await inspectArtifact({
      root: dir,
      path: tarball,
      packageDir: dir,
      allowlist: { allow: ['package.json'] },
    });
    expect(observations).toEqual([
      expect.objectContaining({
        kind: 'not-allowed',
        entry: expect.objectContaining({
          origin: expect.objectContaining({ label: 'package.json (no "files" list)' }),
        }),
      }),
    ]);
  }
});

describe('crafted JSON', () => {
  it('a package.json and a source map nested 100,000 levels deep: inspected, no stack overflow', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const dir = makePackage({
      'package.json': `{"name": "deep", "version": "1.0.0", "deep": ${deep}}`,
      'dist/a.js': '//# sourceMappingURL=a.js.map\n',
      'dist/a.js.map': `{"version": 3, "sources": ["a.ts"], "deep": ${deep}}`,
    });
    const { observations } = await inspect(dir);
    // The source map is still found and reported, whatever let it in.
    expect(observations.map((o) => o.kind)).toContain('not-allowed');
  });
});

describe('unsafe entries are reported, never followed', () => {
  it('in a tar: climbs, absolute paths, links, devices, duplicates, control characters', async () => {
    const tar = await makeTar([
      { name: 'package/package.json', content: '{"name":"x","version":"1.0.0"}' },
      { name: 'package/../../evil.js', content: 'x' },
      { name: '/etc/evil', content: 'x' },
      { name: 'package/link', type: 'symlink', linkname: '/etc/passwd' },
      { name: 'package/up', type: 'symlink', linkname: '..' },
      { name: 'package/bin/cli', type: 'symlink', linkname: '../dist/cli.js' },
      { name: 'package/hard', type: 'link', linkname: 'package/package.json' },
      { name: 'package/hard-out', type: 'link', linkname: 'package/../../etc/passwd' },
      { name: 'package/hard-abs', type: 'link', linkname: '/etc/passwd' },
      { name: 'package/hard-later', type: 'link', linkname: 'package/later.js' },
      { name: 'package/later.js', content: 'x' },
      { name: 'package/dev', type: 'character-device' },
      { name: 'package/a.js', content: '1' },
      { name: 'package/a.js', content: '2' },
      { name: 'package/evil\u001b[2J.js', content: 'x' },
    ]);
    const result = await inspect(tar);
    expect(problems(result.observations).sort()).toEqual(
      [
        'parent-path package/../../evil.js',
        'absolute-path /etc/evil',
        'symlink package/link',
        'symlink package/up',
        'symlink-inside package/bin/cli',
        'hardlink-inside package/hard',
        'hardlink package/hard-out',
        'hardlink package/hard-abs',
        'hardlink package/hard-later',
        'device package/dev',
        'duplicate package/a.js',
        'control-characters package/evil\\u001b[2J.js',
      ].sort(),
    );
    const link = result.observations.find(
      (o) => o.kind === 'unsafe-entry' && o.problem === 'symlink',
    );
    expect(link?.kind === 'unsafe-entry' && link.target).toBe('/etc/passwd');
    expect(result.observations.some((o) => o.kind === 'unreadable')).toBe(false);
    // A hard link to a file before it ships that file's bytes; one to anything else ships nothing.
    const shipped = new Map(result.files.map((f) => [f.path, f]));
    expect(shipped.get('hard')).toEqual({ ...shipped.get('package.json'), path: 'hard' });
    expect([...shipped.keys()].filter((path) => path.startsWith('hard'))).toEqual(['hard']);
  });

  it('in a tar: a hard link to a file before it is read as that file, content and all', async () => {
    const tar = await makeTar([
      { name: 'package/package.json', content: '{"name":"x","version":"1.0.0"}' },
      { name: 'package/dist/a.js', content: 'fetch("https://acme-releases.s3.amazonaws.com/x");' },
      { name: 'package/dist/b.js', type: 'link', linkname: 'package/dist/a.js' },
      { name: 'package/dist/b.js.map', type: 'link', linkname: 'package/dist/a.js' },
    ]);
    const { observations } = await inspect(tar);
    const found = observations.map(
      (o) => `${o.kind === 'unsafe-entry' ? o.problem : o.kind} ${observedEntry(o)?.packagePath}`,
    );
    expect(found.sort()).toEqual([
      'hardlink-inside dist/b.js',
      'hardlink-inside dist/b.js.map',
      'not-allowed dist/b.js.map',
      'storage-link dist/a.js',
      'storage-link dist/b.js',
      'storage-link dist/b.js.map',
    ]);
  });

  it("in a zip: a macOS app's framework links stay inside; one that climbs out does not", async () => {
    const framework = 'MyApp.app/Contents/Frameworks/Electron Framework.framework';
    const zip = makeZip([
      { name: `${framework}/Versions/A/Electron Framework`, content: 'binary' },
      { name: `${framework}/Versions/Current`, content: 'A', mode: 0o120777 },
      {
        name: `${framework}/Electron Framework`,
        content: 'Versions/Current/Electron Framework',
        mode: 0o120777,
      },
      { name: 'MyApp.app/Contents/Resources/out', content: '../../../..', mode: 0o120777 },
    ]);
    expect(problems((await inspect(zip)).observations).sort()).toEqual([
      'symlink MyApp.app/Contents/Resources/out',
      `symlink-inside ${framework}/Electron Framework`,
      `symlink-inside ${framework}/Versions/Current`,
    ]);
  });

  it('in a zip: a climb and a symbolic link; its content is still checked', async () => {
    const zip = makeZip([
      { name: 'package.json', content: '{"name":"z","version":"1.0.0"}' },
      { name: '../outside.js', content: 'x' },
      { name: 'link', content: '/etc/passwd', mode: 0o120777 },
      { name: 'dist/cli.js.map', content: '{"version":3,"sourcesContent":["x"]}' },
    ]);
    const result = await inspect(zip);
    expect(result.format).toBe('zip');
    expect(problems(result.observations).sort()).toEqual([
      'parent-path ../outside.js',
      'symlink link',
    ]);
    expect(result.observations.map((o) => o.kind)).toEqual(
      expect.arrayContaining(['sources-content', 'not-allowed']),
    );
  });
});

// A package directory's files are files of their own: one that cannot be read stopped the whole
// reading ("Reading stopped at the entry dist/a.js.gz", 0 files scanned), so the others were never
// judged. It is said at it, and the others are read; a bound still stops the reading.
describe('a package directory reads past a file it cannot read', () => {
  const PLAIN = 'run();\n';
  const NOT_GZIP =
    "a file named as gzip-compressed does not unpack as gzip (incorrect header check: its first bytes are not gzip's, 1f 8b), so its content could not be checked";
  const CASES: [
    what: string,
    files: Record<string, string | Buffer>,
    said: string[],
    scanned: string[],
  ][] = [
    [
      'a plain script named .js.gz',
      { 'dist/a.js.gz': PLAIN },
      [`dist/a.js.gz broken ${NOT_GZIP} file dist/a.js.gz`],
      ['dist/z.js', 'package.json'],
    ],
    [
      'two of them',
      { 'dist/a.js.gz': PLAIN, 'dist/b.js.gz': PLAIN },
      [
        `dist/a.js.gz broken ${NOT_GZIP} file dist/a.js.gz`,
        `dist/b.js.gz broken ${NOT_GZIP} file dist/b.js.gz`,
      ],
      ['dist/z.js', 'package.json'],
    ],
    [
      'a gzip bomb, past a bound, which stops the reading',
      { 'dist/a.js.gz': gzipSync(' '.repeat(20 << 20), { level: 9 }) },
      [
        'package.json bound a compressed file unpacks to over N× its size (bound 100×): a decompression bomb stopped at dist/a.js.gz',
      ],
      [],
    ],
  ];

  it.each(CASES)('%s', async (_what, files, said, scanned) => {
    const dir = makePackage({ 'package.json': npmPackage, 'dist/z.js': PLAIN, ...files });
    const inspection = await inspect(dir);
    const found = inspection.observations.flatMap((o) =>
      o.kind === 'unreadable'
        ? [
            `${o.location.file.replace(/^[^/]+\//, '')} ${o.cause} ${o.problem.replace(/over \d+×/, 'over N×')}${o.stoppedAt ? ` stopped at ${o.stoppedAt}` : ''}${o.file ? ` file ${o.file}` : ''}`,
          ]
        : [],
    );
    expect(found).toEqual(said);
    const read = inspection.scanned.map((f) => f.path.replace(/^[^/]+\//, '')).sort();
    expect(read).toEqual(scanned);
  });
});
