import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { observedEntry, type ArtifactObservation } from '@posture/model';
import { inspectArtifact, type InspectOptions } from '../src/index.js';
import {
  asarBytes,
  makeAsar,
  makeLinks,
  makePackage,
  makeTar,
  makeV7Tar,
  makeZip,
  npmPack,
  SECRETS,
} from './support.js';

const R2 = 'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip';
const SOURCE = 'export function run(): void {}\n';
const MAP = JSON.stringify({
  version: 3,
  sources: ['../src/cli.ts'],
  sourcesContent: [SOURCE],
  mappings: 'AAAA',
});
const BARE_MAP = JSON.stringify({
  version: 3,
  sources: ['../src/cli.ts'],
  sourcesContent: [null],
  mappings: 'AAAA',
});
const inline = (map: string) =>
  `//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map).toString('base64')}\n`;

/** A package with one of everything the gate stops, and what it must report about each. */
const LEAKY = {
  'package.json': JSON.stringify({
    name: 'leaky',
    version: '1.0.0',
    main: 'dist/cli.js',
    files: ['dist', 'src', 'config', 'vendor'],
  }),
  'dist/cli.js': `run();\nfetch('${R2}');\n//# sourceMappingURL=cli.js.map\n`,
  'dist/cli.js.map': MAP,
  'dist/inline.js': `run();\n${inline(MAP)}`,
  'dist/inline-bare.js': `run();\n${inline(BARE_MAP)}`,
  'dist/remote.js': 'run();\n//# sourceMappingURL=https://maps.acme.example/remote.js.map\n',
  'dist/keys.js': [
    `const a = '${SECRETS.aws}';`,
    `const n = '${SECRETS.npm}';`,
    `const g = '${SECRETS.github}';`,
    `const k = ${JSON.stringify(SECRETS.key)};`,
    `const r2 = { R2_ACCESS_KEY_ID: '${SECRETS.r2Id}', R2_SECRET_ACCESS_KEY: '${SECRETS.r2Secret}' };`,
    `const cf = '${SECRETS.cloudflare}';`,
    '',
  ].join('\n'),
  'src/cli.ts': SOURCE,
  'config/.env.production': 'API=1',
  'config/deploy.pem': 'not really',
  'vendor/src.zip': 'PK',
  'dist/fine.js': '// nothing to see\n',
};

function summary(observations: readonly ArtifactObservation[]): string[] {
  return observations
    .map((o) => {
      const path = observedEntry(o)?.packagePath ?? '';
      const detail =
        o.kind === 'not-allowed'
          ? o.reason
          : o.kind === 'credential'
            ? o.credential
            : o.kind === 'inline-source-map'
              ? `sources:${o.sourcesContent}`
              : o.kind === 'source-map-url'
                ? (o.map ?? o.url)
                : o.kind === 'storage-link'
                  ? o.link.form
                  : o.kind === 'sources-content' && o.coverage
                    ? 'coverage'
                    : '';
      return `${o.kind} ${path} ${detail}`.trim();
    })
    .sort();
}

const EXPECTED = [
  'credential dist/keys.js aws-access-key-id',
  'credential dist/keys.js cloudflare-api-token',
  'credential dist/keys.js cloudflare-r2-key',
  'credential dist/keys.js cloudflare-r2-key',
  'credential dist/keys.js github-token',
  'credential dist/keys.js npm-token',
  'credential dist/keys.js private-key',
  'inline-source-map dist/inline-bare.js sources:false',
  'inline-source-map dist/inline.js sources:true',
  'not-allowed config/.env.production denied-type',
  'not-allowed config/deploy.pem denied-type',
  'not-allowed dist/cli.js.map denied-type',
  'not-allowed src/cli.ts source-beside-build',
  'not-allowed vendor/src.zip denied-type',
  'source-map-url dist/cli.js dist/cli.js.map',
  'source-map-url dist/remote.js https://maps.acme.example/remote.js.map',
  'sources-content dist/cli.js.map',
  'storage-link dist/cli.js r2-dev',
];

describe('a real npm tarball with everything that must not ship', () => {
  const dir = makePackage(LEAKY);
  const tarball = npmPack(dir);
  const inspect = (over: Partial<InspectOptions> = {}) =>
    inspectArtifact({ root: dir, path: tarball, ...over });

  it('reports every finding kind, once each', async () => {
    const result = await inspect();
    expect(result.format).toBe('tarball');
    expect(result.package).toEqual({ name: 'leaky', version: '1.0.0' });
    expect(summary(result.observations)).toEqual(EXPECTED);
  });

  it('reports the same for the directory npm packed it from, each file on disk', async () => {
    const result = await inspectArtifact({ root: dir, path: dir });
    expect(result.format).toBe('directory');
    expect(summary(result.observations)).toEqual(EXPECTED);
    const credential = result.observations.find((o) => o.kind === 'credential');
    expect(credential?.kind === 'credential' && credential.at.range?.file).toBe('dist/keys.js');
  });

  it('lists, sizes and hashes exactly what the tarball holds, the same as the directory', async () => {
    const [packed, local] = await Promise.all([
      inspect(),
      inspectArtifact({ root: dir, path: dir }),
    ]);
    expect(packed.files).toEqual(local.files);
    expect(packed.files.map((f) => f.path)).toContain('package.json');
  });

  it('places each finding at the configuration that let the file in', async () => {
    const result = await inspect({ packageDir: [dir] });
    const origin = (path: string) => {
      const o = result.observations.find((x) => observedEntry(x)?.packagePath === path);
      return o && observedEntry(o)?.origin;
    };
    expect(origin('dist/cli.js.map')).toMatchObject({
      label: '"files" entry "dist"',
      range: { file: 'package.json' },
    });
    expect(origin('src/cli.ts')?.label).toBe('"files" entry "src"');
    expect(origin('dist/cli.js')?.label).toBe('package.json "main"');
  });

  it('without the package directory, places findings at the tarball', async () => {
    const result = await inspect();
    const o = result.observations.find((x) => x.kind === 'sources-content');
    expect(o?.kind === 'sources-content' && o.entry.origin.range.file).toMatch(/\.tgz$/);
    expect(o?.kind === 'sources-content' && o.entry.path).toBe('package/dist/cli.js.map');
  });

  it('never holds a credential value in what it reports', async () => {
    const text = JSON.stringify(await inspect());
    const { aws, npm, github, key, r2Id, r2Secret, cloudflare } = SECRETS;
    for (const secret of [aws, npm, github, key.split('\n')[1], r2Id, r2Secret, cloudflare])
      expect(text).not.toContain(secret);
  });

  it('admits by policy: allowTypes lets a source map ship, an allow glob leaves the rest out', async () => {
    const result = await inspect({
      allowlist: { allow: ['dist/**', 'package.json'], allowTypes: ['source-map'] },
    });
    const notAllowed = summary(result.observations).filter((s) => s.startsWith('not-allowed'));
    expect(notAllowed).toEqual([
      'not-allowed config/.env.production denied-type',
      'not-allowed config/deploy.pem denied-type',
      'not-allowed src/cli.ts outside-allowlist',
      'not-allowed vendor/src.zip denied-type',
    ]);
  });
});

describe('source maps and archives under other names, and inline maps in any bundle', () => {
  const css = (map: string) =>
    `/*# sourceMappingURL=data:application/json;base64,${Buffer.from(map).toString('base64')} */\n`;
  const index = (map: string) =>
    `{"version":3,"sections":[{"offset":{"line":0,"column":0},"map":${map}}]}`;
  const DECLARATION_MAP = JSON.stringify({
    version: 3,
    file: 'cli.d.ts',
    sources: ['../src/cli.ts'],
    mappings: 'AAAA',
  });
  /** Istanbul's coverage data (Jest's, nyc's) of a file whose map is `map`. */
  const coverage = (map: string) =>
    `{"/ci/dist/cli.js":{"path":"/ci/dist/cli.js","statementMap":{},"s":{},"inputSourceMap":${map}}}`;
  const tar = Buffer.alloc(1024);
  tar.write('ustar', 257, 'latin1');
  // A zstd frame's magic and header: no zstd decoder is at hand to write a whole one.
  const zstd = Buffer.from('28b52ffd2000', 'hex');
  /** Gzip as `gzip` writes it, the original name in its header (Node's gzip writes none). */
  const gzipNamed = (name: string, content: string | Buffer, extra = Buffer.alloc(0)) => {
    const gz = gzipSync(content);
    const flags = (gz[3] ?? 0) | 0x08 | (extra.length > 0 ? 0x04 : 0);
    const field = extra.length > 0 ? [Buffer.from([extra.length, 0]), extra] : [];
    return Buffer.concat([
      gz.subarray(0, 3),
      Buffer.from([flags]),
      gz.subarray(4, 10),
      ...field,
      Buffer.from(`${name}\0`, 'latin1'),
      gz.subarray(10),
    ]);
  };
  const wasm = Buffer.concat([Buffer.from('0061736d01000000', 'hex'), Buffer.alloc(64)]);
  // [the shipped file, its content, what is reported about it]
  const CASES: [string, string | Buffer, string[]][] = [
    ['dist/cli.mjs', `run();\n${inline(MAP)}`, ['inline-source-map dist/cli.mjs sources:true']],
    ['dist/cli.cjs', `run();\n${inline(MAP)}`, ['inline-source-map dist/cli.cjs sources:true']],
    ['dist/style.css', `a{}\n${css(MAP)}`, ['inline-source-map dist/style.css sources:true']],
    ['dist/style.css', `a{}\n${css(BARE_MAP)}`, ['inline-source-map dist/style.css sources:false']],
    [
      'dist/cli.js.map.json',
      MAP,
      ['not-allowed dist/cli.js.map.json denied-type', 'sources-content dist/cli.js.map.json'],
    ],
    [
      'dist/cli.js.map.txt',
      MAP,
      ['not-allowed dist/cli.js.map.txt denied-type', 'sources-content dist/cli.js.map.txt'],
    ],
    ['dist/cli.js.map.json', BARE_MAP, ['not-allowed dist/cli.js.map.json denied-type']],
    ['dist/data.json', JSON.stringify({ version: 3, sourcesContent: ['x'] }), []],
    [
      'dist/cli.map.json',
      index(MAP),
      ['not-allowed dist/cli.map.json denied-type', 'sources-content dist/cli.map.json'],
    ],
    ['dist/cli.map.json', index(BARE_MAP), ['not-allowed dist/cli.map.json denied-type']],
    // Compressed maps are read unpacked.
    [
      'dist/cli.js.map.gz',
      gzipSync(MAP),
      ['not-allowed dist/cli.js.map.gz denied-type', 'sources-content dist/cli.js.map.gz'],
    ],
    [
      'dist/cli.js.map.br',
      brotliCompressSync(MAP),
      ['not-allowed dist/cli.js.map.br denied-type', 'sources-content dist/cli.js.map.br'],
    ],
    ['dist/cli.js.map.gz', gzipSync(BARE_MAP), ['not-allowed dist/cli.js.map.gz denied-type']],
    // ...and so are maps named plainly whose first bytes are gzip's, not passed off as archives.
    [
      'dist/cli.js.map',
      gzipSync(MAP),
      ['not-allowed dist/cli.js.map denied-type', 'sources-content dist/cli.js.map'],
    ],
    [
      'dist/cli.d.ts.map',
      gzipSync(MAP),
      ['not-allowed dist/cli.d.ts.map denied-type', 'sources-content dist/cli.d.ts.map'],
    ],
    ['dist/cli.js.map', gzipSync(BARE_MAP), ['not-allowed dist/cli.js.map denied-type']],
    // ...and those whose bytes unpack as brotli's to a map, as brotli has no magic bytes to tell.
    [
      'dist/cli.js.map',
      brotliCompressSync(MAP),
      ['not-allowed dist/cli.js.map denied-type', 'sources-content dist/cli.js.map'],
    ],
    [
      'dist/keys.js.map',
      brotliCompressSync(`{"version":3,"sources":[],"mappings":"","x":"${SECRETS.npm}"}`),
      ['credential dist/keys.js.map npm-token', 'not-allowed dist/keys.js.map denied-type'],
    ],
    ['dist/cli.js.map', brotliCompressSync(BARE_MAP), ['not-allowed dist/cli.js.map denied-type']],
    // One too large to parse once unpacked is judged as it streams, not passed unread.
    [
      'dist/big.js.map',
      brotliCompressSync(
        JSON.stringify({
          ...JSON.parse(MAP),
          sourcesContent: [randomBytes(13 << 20).toString('base64')],
        }),
        { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } },
      ),
      ['not-allowed dist/big.js.map denied-type', 'sources-content dist/big.js.map'],
    ],
    // Brotli that unpacks to no map is read as it is, as are bytes that are no brotli.
    ['dist/cli.js.map', brotliCompressSync(SOURCE), ['not-allowed dist/cli.js.map denied-type']],
    [
      'dist/keys.js.map',
      `)]}'\n{"version":3,"sources":[],"mappings":"","x":"${SECRETS.npm}"}`,
      ['credential dist/keys.js.map npm-token', 'not-allowed dist/keys.js.map denied-type'],
    ],
    [
      'dist/keys.js.map.gz',
      gzipSync(`{"version":3,"sources":[],"mappings":"","x":"${SECRETS.npm}"}`),
      ['credential dist/keys.js.map.gz npm-token', 'not-allowed dist/keys.js.map.gz denied-type'],
    ],
    // Maps compressed as Node cannot unpack are refused as unchecked, by name or by first bytes.
    ['dist/cli.js.map.zst', zstd, ['not-allowed dist/cli.js.map.zst unopened-map']],
    ['dist/cli.js.map.xz', 'x', ['not-allowed dist/cli.js.map.xz unopened-map']],
    ['dist/cli.js.map', zstd, ['not-allowed dist/cli.js.map unopened-map']],
    // Declaration maps: their own type, a source map when they embed their sources.
    ['dist/cli.d.ts.map', DECLARATION_MAP, ['not-allowed dist/cli.d.ts.map source-paths']],
    [
      'dist/cli.d.ts.map',
      MAP,
      ['not-allowed dist/cli.d.ts.map denied-type', 'sources-content dist/cli.d.ts.map'],
    ],
    // Archives by their first bytes.
    ['vendor/payload.dat', gzipSync(SOURCE), ['not-allowed vendor/payload.dat denied-type']],
    ['vendor/blob', tar, ['not-allowed vendor/blob denied-type']],
    ['vendor/src.tbz2', 'BZh9', ['not-allowed vendor/src.tbz2 denied-type']],
    [
      'resources/app.bin',
      asarBytes({ 'a.js': 'x' }),
      ['not-allowed resources/app.bin denied-type'],
    ],
    ['vendor/src.tar.br', brotliCompressSync(tar), ['not-allowed vendor/src.tar.br denied-type']],
    // A web asset precompressed as a server serves it is no archive: it is read unpacked.
    ['dist/app.wasm.gz', gzipSync(wasm), []],
    ['dist/index.js.br', brotliCompressSync(SOURCE), []],
    ['dist/style.CSS.GZ', gzipSync('a{color:red}'), []],
    [
      'dist/keys.js.gz',
      gzipSync(`const t = '${SECRETS.npm}';`),
      ['credential dist/keys.js.gz npm-token'],
    ],
    [
      'dist/cli.js.gz',
      gzipSync(MAP),
      ['not-allowed dist/cli.js.gz denied-type', 'sources-content dist/cli.js.gz'],
    ],
    ['dist/src.js.gz', gzipSync(tar), ['not-allowed dist/src.js.gz denied-type']],
    // A gzip whose header names a map is one, whatever the file is called.
    [
      'vendor/maps.gz',
      gzipNamed('cli.js.map', MAP),
      ['not-allowed vendor/maps.gz denied-type', 'sources-content vendor/maps.gz'],
    ],
    [
      'dist/chunk.js.gz',
      gzipNamed('cli.js.map', MAP, Buffer.from('AB\x02\x00xy', 'latin1')),
      ['not-allowed dist/chunk.js.gz denied-type', 'sources-content dist/chunk.js.gz'],
    ],
    [
      'vendor/types.gz',
      gzipNamed('index.d.ts.map', DECLARATION_MAP),
      ['not-allowed vendor/types.gz source-paths'],
    ],
    // One named for its compression alone is the map it unpacks to, whatever its header says.
    [
      'vendor/notes.gz',
      gzipNamed('notes.txt', MAP),
      ['not-allowed vendor/notes.gz denied-type', 'sources-content vendor/notes.gz'],
    ],
    [
      'vendor/maps.br',
      brotliCompressSync(MAP),
      ['not-allowed vendor/maps.br denied-type', 'sources-content vendor/maps.br'],
    ],
    [
      'vendor/maps.gz',
      gzipSync(MAP),
      ['not-allowed vendor/maps.gz denied-type', 'sources-content vendor/maps.gz'],
    ],
    [
      'vendor/keys.br',
      brotliCompressSync(`{"version":3,"sources":[],"mappings":"","x":"${SECRETS.npm}"}`),
      ['credential vendor/keys.br npm-token', 'not-allowed vendor/keys.br denied-type'],
    ],
    ['docs/report.docx', Buffer.from('504b0304', 'hex'), []],
    // Coverage data keeps the map of each file it covers: the sources ship with it, not a map.
    [
      'coverage/coverage-final.json',
      coverage(MAP),
      ['sources-content coverage/coverage-final.json coverage'],
    ],
    ['.nyc_output/4f1c.json', coverage(MAP), ['sources-content .nyc_output/4f1c.json coverage']],
    ['coverage/coverage-final.json', coverage(BARE_MAP), []],
    // A repository in one file, a git bundle, is version control data as a .git folder is.
    [
      'backup/repo.bundle',
      `# v2 git bundle\n${'ab'.repeat(20)} refs/heads/main\n\nPACK`,
      ['not-allowed backup/repo.bundle denied-type'],
    ],
    // Secrets under other well-known names.
    ['worker/.dev.vars', 'API_TOKEN=1', ['not-allowed worker/.dev.vars denied-type']],
    ['.envrc', 'export API_TOKEN=1', ['not-allowed .envrc denied-type']],
    ['.aws/credentials', '[default]\n', ['not-allowed .aws/credentials denied-type']],
  ];

  it.each(CASES)('%s', async (path, content, expected) => {
    const tarball = await makeTar([{ name: `package/${path}`, content }]);
    const result = await inspectArtifact({ root: dirname(tarball), path: tarball });
    expect(summary(result.observations)).toEqual(expected);
  });

  it.each([
    [
      'as tsc writes it, pointed at by its declaration',
      DECLARATION_MAP,
      ['not-allowed dist/cli.d.ts.map source-paths'],
    ],
    [
      'with its sources: a source map, and the pointer at it too',
      MAP,
      [
        'not-allowed dist/cli.d.ts.map denied-type',
        'source-map-url dist/cli.d.ts dist/cli.d.ts.map',
        'sources-content dist/cli.d.ts.map',
      ],
    ],
  ])('a declaration map %s', async (_what, map, expected) => {
    const tarball = await makeTar([
      { name: 'package/dist/cli.d.ts', content: 'export {};\n//# sourceMappingURL=cli.d.ts.map\n' },
      { name: 'package/dist/cli.d.ts.map', content: map },
    ]);
    const result = await inspectArtifact({ root: dirname(tarball), path: tarball });
    expect(summary(result.observations)).toEqual(expected);
  });

  // A map too large to parse once unpacked, and text as large that is none.
  const large = randomBytes(13 << 20).toString('base64');
  const fast = { params: { [constants.BROTLI_PARAM_QUALITY]: 1 } };
  it.each([
    ['a map', brotliCompressSync(MAP), 'source-map', 'JSON source map'],
    ['a map without its sources', brotliCompressSync(BARE_MAP), 'source-map', 'JSON source map'],
    ['a gzip of a map, its name not kept', gzipSync(MAP), 'source-map', 'JSON source map'],
    ['text', brotliCompressSync(SOURCE), 'archive', undefined],
    ['bytes that are no brotli', Buffer.from('not brotli at all\n'), 'archive', undefined],
    ['a gzip of text', gzipSync(SOURCE), 'archive', undefined],
    [
      'a map too large to parse',
      brotliCompressSync(JSON.stringify({ ...JSON.parse(MAP), sourcesContent: [large] }), fast),
      'source-map',
      'JSON source map',
    ],
    ['text too large to parse', brotliCompressSync(large, fast), 'archive', undefined],
    [
      'a tarball too large to parse',
      brotliCompressSync(Buffer.concat([tar, Buffer.from(large)]), fast),
      'archive',
      'tar',
    ],
  ])(
    'a file named for its compression alone holding %s is what it unpacks to',
    async (_what, content, type, byContent) => {
      const name = content[0] === 0x1f ? 'vendor/blob.gz' : 'vendor/blob.br';
      const tarball = await makeTar([{ name: `package/${name}`, content }]);
      const result = await inspectArtifact({ root: dirname(tarball), path: tarball });
      const types = result.observations.flatMap((o) =>
        o.kind === 'not-allowed' ? [[o.entry.type, o.entry.byContent]] : [],
      );
      expect(types).toEqual([[type, byContent]]);
      expect(result.observations.some((o) => o.kind === 'unreadable')).toBe(false);
    },
  );

  it('names the type a file has by its content, and lists it by its shipped bytes', async () => {
    const packed = gzipSync(MAP);
    const tarball = await makeTar([
      { name: 'package/vendor/payload.dat', content: gzipSync(SOURCE) },
      { name: 'package/dist/cli.js.map.gz', content: packed },
    ]);
    const result = await inspectArtifact({ root: dirname(tarball), path: tarball });
    const types = result.observations.flatMap((o) =>
      o.kind === 'not-allowed' ? [[o.entry.packagePath, o.entry.type, o.entry.byContent]] : [],
    );
    expect(types).toEqual([
      ['vendor/payload.dat', 'archive', 'gzip'],
      ['dist/cli.js.map.gz', 'source-map', undefined],
    ]);
    expect(result.files.find((f) => f.path === 'dist/cli.js.map.gz')?.size).toBe(packed.length);
  });
});

describe('a tar as v7 tar wrote it, without magic, is read as any tar', () => {
  // [what, gzipped] — the artifact itself, not a file inside a package (an archive by its header).
  it.each([
    ['as it is', false],
    ['gzipped', true],
  ])('%s', async (_what, gzip) => {
    const file = makeV7Tar(
      [
        {
          name: 'package/package.json',
          content: JSON.stringify({ name: 'old', version: '1.0.0' }),
        },
        { name: 'package/dist/', type: 'directory' },
        { name: 'package/dist/cli.js.map', content: MAP },
      ],
      gzip,
    );
    const result = await inspectArtifact({ root: dirname(file), path: file });
    expect(summary(result.observations)).toEqual([
      'not-allowed dist/cli.js.map denied-type',
      'sources-content dist/cli.js.map',
    ]);
  });
});

it('types a credentials file by its name and secret, and reports neither the secret nor its line', async () => {
  const secret = `kube${SECRETS.r2Secret}`;
  const tarball = await makeTar([
    { name: 'package/.kube/config', content: `users:\n- name: a\n  user:\n    token: ${secret}\n` },
    {
      name: 'package/exec/.kube/config',
      content: 'users:\n- user:\n    exec:\n      command: aws\n',
    },
    { name: 'package/conf/.s3cfg', content: `[default]\nsecret_key = ${secret}\n` },
  ]);
  const result = await inspectArtifact({ root: dirname(tarball), path: tarball });
  const typed = result.observations.flatMap((o) =>
    o.kind === 'not-allowed' ? [[o.entry.packagePath, o.entry.type, o.entry.byContent]] : [],
  );
  expect(typed).toEqual([
    ['.kube/config', 'credentials', 'kubeconfig with a token, key or password'],
    ['conf/.s3cfg', 'credentials', 's3cmd configuration with a secret key'],
  ]);
  expect(JSON.stringify(result)).not.toContain(secret);
});

it('places content of a compressed map by its unpacked line, on no line of the file on disk', async () => {
  const token = `{"version":3,"sources":[],"mappings":"",\n"x":"${SECRETS.npm}"}`;
  const dir = makePackage({
    'package.json': JSON.stringify({ name: 'gz', version: '1.0.0' }),
    'dist/keys.js.map.gz': gzipSync(token),
    'dist/gzipped.js.map': gzipSync(token),
    'dist/keys.js': token,
  });
  const { observations } = await inspectArtifact({ root: dir, path: dir });
  const places = observations.flatMap((o) =>
    o.kind === 'credential' ? [[o.entry.packagePath, o.at.line, o.at.range?.file]] : [],
  );
  expect(places.sort()).toEqual([
    ['dist/gzipped.js.map', 2, undefined],
    ['dist/keys.js', 2, 'dist/keys.js'],
    ['dist/keys.js.map.gz', 2, undefined],
  ]);
});

describe('who decides what ships: npm, vsce for a .vsix, Electron for an asar', () => {
  const manifest = JSON.stringify({ name: 'acme', version: '1.2.0', files: ['dist'] });
  /** The package's source directory, with a .vscodeignore as a VS Code extension has. */
  const source = () =>
    makePackage({ 'package.json': manifest, '.vscodeignore': 'src/**\n', 'dist/a.js': '' });
  const vsix = (names: string[]) =>
    makeZip(
      names.map((name) => ({
        name,
        content: name.endsWith('package.json') ? manifest : name.endsWith('.map') ? MAP : '<x/>',
      })),
    );
  const VSIX = ['extension.vsixmanifest', '[Content_Types].xml', 'extension/package.json'];
  // [what, the artifact, with its source directory, each source map as path, packer and origin]
  const CASES: [string, () => Promise<string> | string, boolean, string[]][] = [
    [
      'an npm tarball',
      () =>
        makeTar([
          { name: 'package/package.json', content: manifest },
          { name: 'package/dist/a.js.map', content: MAP },
        ]),
      true,
      ['dist/a.js.map npm "files" entry "dist"'],
    ],
    [
      'a .vsix, read below extension/, with its source directory',
      () => vsix([...VSIX, 'extension/dist/a.js.map']),
      true,
      ['dist/a.js.map vsce "files" entry "dist"'],
    ],
    [
      'a .vsix alone',
      () => vsix([...VSIX, 'extension/dist/a.js.map']),
      false,
      ['dist/a.js.map vsce the zip'],
    ],
    [
      'a zip that only looks like one, its manifest below the root',
      () => vsix(['extension/extension.vsixmanifest', 'extension/dist/a.js.map']),
      false,
      ['extension/dist/a.js.map npm the zip'],
    ],
    [
      "an app's zip: the asar's files are Electron's, the zip's others not",
      () =>
        makeZip([
          {
            name: 'resources/app.asar',
            content: asarBytes({ 'package.json': manifest, 'dist/a.js.map': MAP }),
          },
          { name: 'resources/b.js.map', content: MAP },
        ]),
      false,
      ['resources/app.asar/dist/a.js.map electron the zip', 'resources/b.js.map npm the zip'],
    ],
    [
      "an asar, whatever its package's source directory says",
      () => makeAsar({ 'package.json': manifest, 'dist/a.js.map': MAP }),
      true,
      ['dist/a.js.map electron the asar'],
    ],
  ];

  it.each(CASES)('%s', async (_what, make, withSource, expected) => {
    const path = await make();
    const dir = source();
    const result = await inspectArtifact({
      root: dirname(path),
      path,
      ...(withSource && { packageDir: [dir] }),
    });
    const maps = result.observations.flatMap((o) =>
      o.kind === 'not-allowed'
        ? [`${o.entry.packagePath} ${o.entry.packer} ${o.entry.origin.label}`]
        : [],
    );
    expect(maps.sort()).toEqual(expected);
  });

  it('a .vsix without "files" is placed at its .vscodeignore, not an .npmignore', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'acme', version: '1.2.0' }),
      '.vscodeignore': 'src/**\n',
      '.npmignore': 'src/**\n',
    });
    const path = makeZip([
      { name: 'extension.vsixmanifest', content: '' },
      {
        name: 'extension/package.json',
        content: JSON.stringify({ name: 'acme', version: '1.2.0' }),
      },
      { name: 'extension/dist/a.js.map', content: MAP },
    ]);
    const result = await inspectArtifact({ root: dir, path, packageDir: [dir] });
    const map = result.observations.find((o) => o.kind === 'not-allowed');
    expect(map?.kind === 'not-allowed' && map.entry.origin).toMatchObject({
      label: '.vscodeignore',
      range: { file: '.vscodeignore' },
    });
    expect(result.package).toEqual({ name: 'acme', version: '1.2.0' });
  });
});

it('reads no ignore file of the package directory that a symbolic link leads out of it', async () => {
  const outside = makePackage({ ignore: 'dist/**\n' });
  const dir = makePackage({ 'package.json': JSON.stringify({ name: 'acme', version: '1.2.0' }) });
  makeLinks(dir, { '.vscodeignore': join(outside, 'ignore') });
  const path = makeZip([
    { name: 'extension.vsixmanifest', content: '' },
    { name: 'extension/package.json', content: JSON.stringify({ name: 'acme', version: '1.2.0' }) },
    { name: 'extension/dist/a.js.map', content: MAP },
  ]);
  const result = await inspectArtifact({ root: dir, path, packageDir: [dir] });
  const map = result.observations.find((o) => o.kind === 'not-allowed');
  expect(map?.kind === 'not-allowed' && map.entry.origin.label).toBe(
    'package.json (no "files" list)',
  );
});

it('reads no package.json of the package directory that a symbolic link leads out of it', async () => {
  const manifest = JSON.stringify({ name: 'acme', version: '1.2.0', files: ['dist'] });
  const outside = makePackage({ 'package.json': manifest });
  const dir = makePackage({});
  makeLinks(dir, { 'package.json': join(outside, 'package.json') });
  const path = await makeTar([
    { name: 'package/package.json', content: manifest },
    { name: 'package/dist/a.js.map', content: MAP },
  ]);
  const result = await inspectArtifact({ root: dir, path, packageDir: dir });
  const map = result.observations.find((o) => o.kind === 'not-allowed');
  expect(map?.kind === 'not-allowed' && map.entry.origin.label).toBe('the tarball');
});

// What keeps it so is the folder test of the directory reader, which (unlike `leadsOutOf`) counts
// a folder outside the repository by name as out of it.
it('reads no file of a package directory outside its repository by name', async () => {
  const repository = makePackage({ 'README.md': '' });
  const dir = makePackage({
    'package.json': JSON.stringify({ name: 'acme', version: '1.2.0' }),
    'index.js': '',
  });
  const { observations, scanned } = await inspectArtifact({ root: dir, path: dir, repository });
  expect(observations).toEqual([expect.objectContaining({ kind: 'unreadable' })]);
  expect(scanned).toEqual([]);
});

describe('TypeScript files that a shipped declaration imports, or that import the package, are of its types', () => {
  const TYPES = 'export interface Config { files?: string[] }\n';
  // [what, the shipped files besides package.json, those refused as sources beside the build]
  const CASES: [string, Record<string, string>, string[]][] = [
    [
      "ESLint's packages: index.d.ts imports ./types.ts, index.d.cts ./types.cts",
      {
        'dist/esm/index.js': 'export {};\n',
        'dist/esm/index.d.ts': 'import type * as $typests from "./types.ts";\n',
        'dist/esm/types.ts': TYPES,
        'dist/cjs/index.cjs': 'module.exports = {};\n',
        'dist/cjs/index.d.cts': "import type * as $typests from './types.cts';\n",
        'dist/cjs/types.cts': TYPES,
      },
      [],
    ],
    [
      'an import() type, an export from and a reference, up a folder',
      {
        'dist/index.js': '',
        'dist/index.d.ts': [
          '/// <reference path="../types/globals.ts" />',
          'export type C = import("../types/config.mts").Config;',
          "export * from '../types/more.tsx';",
        ].join('\n'),
        'types/globals.ts': TYPES,
        'types/config.mts': TYPES,
        'types/more.tsx': TYPES,
      },
      [],
    ],
    [
      'what no declaration imports is a source beside the build',
      {
        'dist/index.js': '',
        'dist/index.d.ts': 'import type { Config } from "./types.js";\n',
        'dist/types.ts': TYPES,
        'src/index.ts': TYPES,
      },
      ['dist/types.ts', 'src/index.ts'],
    ],
    [
      'a source with code that a declaration imports (declarations emitted beside the sources) is a source',
      {
        'dist/index.js': '',
        'src/index.d.ts': 'export { run } from "./run.ts";\n',
        'src/index.ts': 'export { run } from "./run.ts";\n',
        'src/run.d.ts': 'export declare function run(): void;\n',
        'src/run.ts': 'export function run(): void {}\n',
        'src/types.d.ts': 'import type { Config } from "./config.ts";\n',
        'src/config.ts': 'export interface Config {}\nexport const DEFAULTS: Config = {};\n',
      },
      ['src/config.ts', 'src/index.ts', 'src/run.ts'],
    ],
    [
      'an import in built code or in a source, not a declaration, admits nothing',
      {
        'dist/index.js': 'import "../src/a.ts";\n',
        'src/a.ts': 'import "./b.ts";\n',
        'src/b.ts': TYPES,
      },
      ['src/a.ts', 'src/b.ts'],
    ],
    [
      "a type test and an example that import the package by its root (fast-uri's, fastq's)",
      {
        'index.js': 'module.exports = parse;\n',
        'types/index.test-d.ts': "import uri from '..'\nexpectType<string>(uri.parse('x'))\n",
        'test/example.ts': "import * as fastq from '../'\nconst queue = fastq(worker, 1)\n",
        'src/index.ts': "import { parse } from './parse'\nexport default parse\n",
      },
      ['src/index.ts'],
    ],
    [
      'a type test and an example that import the package by its name',
      {
        'index.js': 'module.exports = parse;\n',
        'index.test-d.ts': "import {expectType} from 'tsd'\nimport acme from 'acme'\n",
        'examples/run.ts': "const acme = require('acme');\nacme.parse('x');\n",
        'src/index.ts': "import { parse } from 'acme-core'\nexport default parse\n",
      },
      ['src/index.ts'],
    ],
    [
      'a type test that imports a scoped package by its name',
      {
        'package.json': JSON.stringify({ name: '@acme/x', version: '1.0.0' }),
        'index.js': '',
        'types/index.test-d.ts': 'import x from "@acme/x";\nexpectType<string>(x);\n',
        'src/index.ts': 'import y from "@acme/y";\nexport default y;\n',
      },
      ['src/index.ts'],
    ],
    [
      "a source that imports a subpath of its own name is a source (ajv's lib/runtime/*.ts)",
      {
        'dist/index.js': '',
        'lib/runtime/equal.ts':
          'import * as equal from "fast-deep-equal"\nequal.code = \'require("acme/dist/runtime/equal")\'\n',
        'lib/core.ts': "export { run } from 'acme/dist/run';\n",
        'lib/other.ts': "export * from 'acme-other';\n",
      },
      ['lib/core.ts', 'lib/other.ts', 'lib/runtime/equal.ts'],
    ],
    [
      'a source that imports a folder below the root is a source',
      {
        'dist/index.js': '',
        'src/cli/main.ts': "import { run } from '..';\nrun();\n",
        'src/deep/x/y.ts': "export * from '../../';\n",
      },
      ['src/cli/main.ts', 'src/deep/x/y.ts'],
    ],
  ];

  it.each(CASES)('%s', async (_what, files, refused) => {
    const manifest = JSON.stringify({ name: 'acme', version: '1.0.0' });
    const dir = makePackage({ 'package.json': manifest, ...files });
    const { observations } = await inspectArtifact({ root: dir, path: dir });
    const sources = observations.flatMap((o) =>
      o.kind === 'not-allowed' && o.reason === 'source-beside-build' ? [o.entry.packagePath] : [],
    );
    expect(sources.sort()).toEqual(refused);
  });
});

describe('a version control folder ships the repository, wherever a packer lets it in', () => {
  const manifest = (extra: object = {}) =>
    JSON.stringify({ name: 'acme', version: '1.0.0', main: 'dist/a.js', ...extra });
  const VCS = {
    '.git/HEAD': 'ref: refs/heads/main\n',
    '.git/config': '[core]\n',
    '.git/objects/ab/cdef01': deflateSync('blob 30\0export const secret = "x";\n'),
    '.hg/store/data/src/a.ts.i': SOURCE,
    '.svn/pristine/3f/3f0a.svn-base': SOURCE,
    'CVS/Root': ':pserver:builder@cvs.example.test:/cvsroot\n',
    'src/CVS/Entries': '/a.ts/1.1///\n',
  };
  /** A checkout's .git, whose loose objects are thousands: one folder still. */
  const objects = Object.fromEntries(
    Array.from({ length: 300 }, (_, i) => [`.git/objects/${i % 256}/${i}`, 'x']),
  );
  const tarOf = (files: Record<string, string | Buffer>) =>
    makeTar([
      { name: 'package/package.json', content: manifest() },
      { name: 'package/dist/a.js', content: 'run();\n' },
      ...Object.entries(files).map(([name, content]) => ({ name: `package/${name}`, content })),
    ]);
  // [what, the artifact, the folders reported: path, files, bytes and the first names]
  const CASES: [string, () => Promise<string> | string, string[]][] = [
    [
      'a tarball made with tar in a checkout: one observation per folder',
      () => tarOf(VCS),
      [
        '.git package/.git 3 files 71 bytes: HEAD,config,objects/ab/cdef01',
        '.hg package/.hg 1 files 31 bytes: store/data/src/a.ts.i',
        '.svn package/.svn 1 files 31 bytes: pristine/3f/3f0a.svn-base',
        'CVS package/CVS 1 files 43 bytes: Root',
        'src/CVS package/src/CVS 1 files 13 bytes: Entries',
      ],
    ],
    [
      'a .git of 300 objects, and one inside a dependency, each a folder named by its path',
      () => tarOf({ ...objects, 'node_modules/dep/.git/HEAD': 'ref\n' }),
      [
        '.git package/.git 300 files 300 bytes: objects/0/0,objects/0/256,objects/1/1',
        'node_modules/dep/.git package/node_modules/dep/.git 1 files 4 bytes: HEAD',
      ],
    ],
    [
      'a VS Code extension, which vsce packs with its .hg, .svn and CVS but not its .git',
      () =>
        makePackage({
          'package.json': manifest({ publisher: 'acme', engines: { vscode: '^1.90.0' } }),
          'dist/a.js': 'run();\n',
          ...VCS,
        }),
      [
        '.hg .hg 1 files 31 bytes: store/data/src/a.ts.i',
        '.svn .svn 1 files 31 bytes: pristine/3f/3f0a.svn-base',
        'CVS CVS 1 files 43 bytes: Root',
        'src/CVS src/CVS 1 files 13 bytes: Entries',
      ],
    ],
    [
      'a package directory, which npm packs without any',
      () => makePackage({ 'package.json': manifest(), 'dist/a.js': 'run();\n', ...VCS }),
      [],
    ],
  ];

  it.each(CASES)('%s', async (_what, make, expected) => {
    const path = await make();
    const { observations } = await inspectArtifact({ root: dirname(path), path });
    const refused = observations.flatMap((o) => {
      if (o.kind !== 'not-allowed') return [];
      const { entry, reason, folder } = o;
      expect([entry.kind, entry.type, reason]).toEqual([
        'directory',
        'version-control',
        'denied-type',
      ]);
      return [
        `${entry.packagePath} ${entry.path} ${folder?.files} files ${entry.size} bytes: ${folder?.names.join()}`,
      ];
    });
    expect(refused.sort()).toEqual(expected);
  });
});

describe('a clean package', () => {
  it('reports nothing', async () => {
    const dir = makePackage({
      'package.json': JSON.stringify({ name: 'clean', version: '1.0.0', files: ['dist/**/*.js'] }),
      'dist/cli.js': 'run();\n',
      'dist/cli.js.map': MAP,
      'src/cli.ts': SOURCE,
    });
    const result = await inspectArtifact({ root: dir, path: npmPack(dir) });
    expect(result.observations).toEqual([]);
    expect(result.files.map((f) => f.path)).toEqual(['dist/cli.js', 'package.json']);
  });
});
