import { randomBytes } from 'node:crypto';
import { deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { redactText, type ShippedType } from '@posture/model';
import { InlineMapPayload } from '../src/content/inline-map.js';
import { ContentScanner, type ContentFindings, type Span } from '../src/content/scanner.js';
import { asarOf, SECRETS, v7Tar } from './support.js';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

const MiB = 1 << 20;

/** Streams `text` through a scanner in uneven pieces that split lines and multi-byte characters. */
function scan(
  text: string | Buffer,
  type: ShippedType = 'javascript',
  packagePath = 'file',
): ContentFindings {
  const scanner = new ContentScanner({ type, packagePath }, []);
  const bytes = Buffer.from(text);
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 13) % 65_521 || 1)
    scanner.push(bytes.subarray(at, at + step));
  return scanner.end();
}

/**
 * Every credential the content scan finds is one the reports' redactor masks wherever a message
 * quotes it: each match ends with the credential's value, and that end is gone once masked.
 */
function expectMasked(text: string, found: readonly { span: Span }[]): void {
  const masked = redactText(text);
  for (const { span } of found)
    expect(masked).not.toContain(text.slice(span.end.offset - 8, span.end.offset));
}

/** Lines of filler with a non-ASCII character, so that bytes, UTF-16 offsets and columns differ. */
function filler(lines: number): string {
  return 'const é = "ü";\n'.repeat(lines);
}

describe('content checks across the windows of a large file', () => {
  it('finds each credential once, on its line and column, wherever a window boundary falls', () => {
    // 100 credentials 1,500 characters apart from 1.0 to 1.16 million characters: wherever the
    // first window ends (it depends on the chunk sizes), some sit just before, on and after it.
    const block = (i: number) => `${' '.repeat(i % 37)}k${i} = '${SECRETS.aws}';\n${filler(100)}`;
    const text = `${filler(67_000)}${Array.from({ length: 100 }, (_, i) => block(i)).join('')}`;
    const { credentials } = scan(text);
    expect(credentials).toHaveLength(100);
    credentials.forEach(({ span }, i) => {
      expect(span.start.line).toBe(67_001 + i * 101);
      expect(span.start.column).toBe((i % 37) + `k${i} = '`.length + 1);
    });
  });

  it('measures an inline map of several megabytes and finds sourcesContent at its end', () => {
    const map = JSON.stringify({
      version: 3,
      mappings: 'A'.repeat(3 * MiB),
      sourcesContent: ['src'],
    });
    const payload = Buffer.from(map).toString('base64');
    const text = `${filler(10)}//# sourceMappingURL=data:application/json;base64,${payload}\nrun();\n`;
    const { inlineMaps } = scan(text);
    expect(inlineMaps).toEqual([
      {
        span: {
          start: expect.objectContaining({ line: 11, column: 1 }),
          end: expect.objectContaining({ line: 11 }),
        },
        bytes: payload.length,
        sourcesContent: true,
      },
    ]);
  });

  it('finds sourcesContent in a map after megabytes of mappings, and not when it is all null', () => {
    const mappings = ';AAAA'.repeat(MiB);
    expect(
      scan(`{"version":3,"mappings":"${mappings}","sourcesContent" : [ null, "x" ]}`, 'source-map')
        .sourcesContent,
    ).toBe(true);
    expect(
      scan(`{"version":3,"mappings":"${mappings}","sourcesContent":[null,null]}`, 'source-map')
        .sourcesContent,
    ).toBe(false);
  });

  it('scans a line of megabytes of blanks in linear time, and an npmrc setting after them', () => {
    const started = threadCpuMs();
    const found = scan(`${' '.repeat(8 * MiB)}\n  _authToken=${SECRETS.npm}\n`, 'npmrc');
    expect(threadCpuMs() - started).toBeLessThan(5_000);
    expect(
      found.credentials.map((c) => [c.credential, c.span.start.line, c.span.start.column]),
    ).toEqual([
      ['npm-token', 2, 14],
      ['npmrc-auth', 2, 3],
    ]);
  });

  it('finds a storage link after the first window, redacting its credentials', () => {
    const text = `${filler(100_000)}fetch("https://user:hunter2@acme-releases.s3.amazonaws.com/cli.tgz?X-Amz-Signature=abc");\n`;
    const { links } = scan(text);
    expect(links.map((l) => [l.span.start.line, l.link.bucket, l.link.url])).toEqual([
      [
        100_001,
        'acme-releases',
        'https://REDACTED@acme-releases.s3.amazonaws.com/cli.tgz?X-Amz-Signature=REDACTED',
      ],
    ]);
  });
});

// As build links read it (e3e8c7e3), kubernetes' install docs' shape: curl -LO "https://…/release/$(curl
// -L -s https://…/release/stable.txt)/bin/linux/amd64/kubectl".
describe('a storage link in a command substitution of another URL', () => {
  const STABLE = 'https://storage.googleapis.com/acme-cli-releases/release/stable.txt';
  it.each([
    [
      'of the same bucket',
      'https://storage.googleapis.com/acme-cli-releases/release/',
      [
        'https://storage.googleapis.com/acme-cli-releases/release/$(curl -s ' + STABLE + ')/cli',
        STABLE,
      ],
    ],
    [
      'of another bucket',
      'https://storage.googleapis.com/acme-mirror/release/',
      ['https://storage.googleapis.com/acme-mirror/release/$(curl -s ' + STABLE + ')/cli', STABLE],
    ],
    ['of no bucket', 'https://dl.acme.example/release/', [STABLE]],
  ])('is a link of its own, %s', (_what, outer, urls) => {
    const { links } = scan(`curl -LO "${outer}$(curl -s ${STABLE})/cli"\n`, 'text');
    expect(links.map((l) => l.link.url)).toEqual(urls);
  });
});

describe('npm registry credentials', () => {
  const token = 'q8Wm2ZrT5yLp0XcVb7Nn';
  // [what, the file's type, its text, the lines that hold a credential]
  const CASES: [string, ShippedType, string, number[]][] = [
    ['a scoped token in an .npmrc', 'npmrc', `//registry.npmjs.org/:_authToken=${token}\n`, [1]],
    [
      'scoped settings on a private registry with a port and a path',
      'npmrc',
      `@acme:registry=https://npm.acme.example/\n//npm.acme.example:4873/repo/npm/:_password=${token}\n`,
      [2],
    ],
    [
      'unscoped settings in an .npmrc',
      'npmrc',
      `_auth = ${token}\n  _authToken=${token}\n`,
      [1, 2],
    ],
    [
      'a heredoc writing an .npmrc: the scoped setting makes the unscoped one count too',
      'other',
      `_auth=${token}\ncat > ~/.npmrc <<EOF\n//registry.npmjs.org/:_authToken=${token}\nEOF\n`,
      [1, 3],
    ],
    [
      'a scoped setting echoed into an .npmrc from a script',
      'javascript',
      `run('echo "//registry.npmjs.org/:_authToken=${token}" >> ~/.npmrc');\n`,
      [1],
    ],
    ['a reference, not a secret', 'npmrc', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n', []],
    [
      'JavaScript that stores options in _password and _auth fields',
      'javascript',
      'class Client {\n  constructor(options) {\n    this._password = options.password;\n    this._auth = options.auth;\n  }\n}\n',
      [],
    ],
    [
      'minified code',
      'javascript',
      'function c(e){this._password=e.password,this._auth=e.auth}\n',
      [],
    ],
    [
      'an unscoped setting alone at the start of a line in code',
      'javascript',
      '_password = getPassword();\n',
      [],
    ],
    [
      'code that builds a scoped setting from a variable',
      'javascript',
      'const line = "//registry.npmjs.org/:_authToken=" + token;\nconst t = `//registry.npmjs.org/:_authToken=${token}`;\n',
      [],
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, lines) => {
    const found = scan(text, type).credentials;
    expect(found.every((c) => c.credential === 'npmrc-auth')).toBe(true);
    expect(found.map((c) => c.span.start.line).sort((a, b) => a - b)).toEqual(lines);
    expectMasked(text, found);
  });
});

describe('source maps known by their shape, whatever their name', () => {
  const map = (fields: object) =>
    JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: 'AAAA', ...fields });
  const index = (...maps: unknown[]) =>
    JSON.stringify({
      version: 3,
      file: 'app.js',
      sections: maps.map((m, line) => ({ offset: { line, column: 0 }, map: m })),
    });
  const parsed = (fields: object): unknown => JSON.parse(map(fields));
  // [what, the file's type by its name, its text, the map it is by its shape, whether it embeds its sources]
  const CASES: [string, ShippedType, string, string | undefined, boolean][] = [
    ['a .map.json', 'json', map({ sourcesContent: ['src'] }), 'JSON source map', true],
    [
      'a .js.map.txt, pretty-printed',
      'text',
      `\n${JSON.stringify(JSON.parse(map({ sourcesContent: ['src'] })), null, 2)}`,
      'JSON source map',
      true,
    ],
    [
      'a file without an extension',
      'other',
      map({ sourcesContent: ['', null] }),
      'JSON source map',
      true,
    ],
    ['sources left out', 'json', map({ sourcesContent: [null] }), 'JSON source map', false],
    ['no sourcesContent at all', 'json', map({}), 'JSON source map', false],
    [
      'an index map whose second section embeds its sources',
      'json',
      index(parsed({ sourcesContent: [null] }), parsed({ sourcesContent: ['src'] })),
      'index map',
      true,
    ],
    ['an index map without sources', 'other', index(parsed({})), 'index map', false],
    [
      'sections that are not all maps',
      'json',
      index(parsed({ sourcesContent: ['src'] }), { version: 3 }),
      undefined,
      false,
    ],
    ['sections of nothing', 'json', index(), undefined, false],
    ['not version 3', 'json', map({ version: 2, sourcesContent: ['src'] }), undefined, false],
    ['no mappings string', 'json', map({ mappings: 1, sourcesContent: ['src'] }), undefined, false],
    [
      'a map nested in another document',
      'json',
      JSON.stringify({ fixture: JSON.parse(map({ sourcesContent: ['src'] })) }),
      undefined,
      false,
    ],
    [
      'a JSON document that only names the keys',
      'json',
      '{"docs": "\\"version\\", \\"mappings\\", \\"sources\\" and \\"sourcesContent\\": [\\"…\\"]"}',
      undefined,
      false,
    ],
    ['an array of maps', 'json', `[${map({ sourcesContent: ['src'] })}]`, undefined, false],
    ['not JSON', 'text', `{ ${map({ sourcesContent: ['src'] })}`, undefined, false],
    // A map saved under a script's name (`cli.js`): JSON, which no script opens as.
    ['a .js', 'javascript', map({ sourcesContent: ['src'] }), 'JSON source map', true],
    ['a .mjs, sources left out', 'javascript', map({}), 'JSON source map', false],
    [
      'a .cjs, pretty-printed after blank lines',
      'javascript',
      `\n\n${JSON.stringify(JSON.parse(map({ sourcesContent: ['src'] })), null, 2)}`,
      'JSON source map',
      true,
    ],
    [
      'a script that opens with a block is never read as a map',
      'javascript',
      `{ "use strict"; const m = ${map({ sourcesContent: ['src'] })}; }`,
      undefined,
      false,
    ],
    [
      'a script that opens with an object literal, not JSON',
      'javascript',
      `({"version":3,"sources":[],"mappings":"","sourcesContent":["src"]})`,
      undefined,
      false,
    ],
    // The guard a map may open with (ECMA-426), so that a browser never runs it as a script.
    [
      "a .json behind )]}' and a line break",
      'json',
      `)]}'\n${map({ sourcesContent: ['src'] })}`,
      'JSON source map',
      true,
    ],
    [
      "a .js behind )]}',",
      'javascript',
      `)]}',\n${map({ sourcesContent: ['src'] })}`,
      'JSON source map',
      true,
    ],
    [
      "an index map behind )]}' on its line",
      'other',
      `)]}'${index(parsed({ sourcesContent: ['src'] }))}`,
      'index map',
      true,
    ],
    ["text after )]}' that is no map", 'text', `)]}'\n{"version":3}`, undefined, false],
    [
      'too large to parse: its keys and sourcesContent decide',
      'json',
      map({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: ['src'] }),
      'JSON source map',
      true,
    ],
    [
      'too large to parse, sources left out',
      'json',
      map({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: [null] }),
      'JSON source map',
      false,
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, format, embeds) => {
    const found = scan(text, type);
    expect(found.sourcesContent).toBe(embeds);
    expect(found.shownAs).toEqual(format && { type: 'source-map', format });
  });
});

describe('coverage data: the source maps it keeps of the files it covers', () => {
  const sourceMap = (fields: object) => ({
    version: 3,
    sources: ['../src/cli.ts'],
    mappings: 'AAAA',
    ...fields,
  });
  /** Istanbul's coverage data, as Jest and nyc write it: a file's coverage by its path. */
  const coverage = (file: object, pretty = false) =>
    JSON.stringify(
      {
        '/home/ci/acme/dist/cli.js': {
          path: '/home/ci/acme/dist/cli.js',
          statementMap: { '0': { start: { line: 1, column: 0 }, end: { line: 1, column: 6 } } },
          fnMap: {},
          branchMap: {},
          s: { '0': 1 },
          f: {},
          b: {},
          ...file,
        },
      },
      null,
      pretty ? 2 : undefined,
    );
  /** Node's V8 coverage (`NODE_V8_COVERAGE`) of one script, with its source map cache. */
  const v8 = (cache: object) =>
    JSON.stringify({
      result: [{ scriptId: '1', url: 'file:///ci/dist/cli.js', functions: [] }],
      'source-map-cache': cache,
    });
  const withSources = sourceMap({ sourcesContent: ['export function run() {}'] });
  // [what, its text, whether it embeds sources, whether it is coverage data with maps]
  const CASES: [string, string, boolean, boolean][] = [
    ['coverage-final.json', coverage({ inputSourceMap: withSources }), true, true],
    [
      'an .nyc_output file, pretty-printed',
      coverage({ inputSourceMap: withSources }, true),
      true,
      true,
    ],
    [
      'maps without their sources',
      coverage({ inputSourceMap: sourceMap({ sourcesContent: [null] }) }),
      false,
      true,
    ],
    ['no maps: nothing of the source but its places', coverage({}), false, false],
    [
      "Node's V8 coverage, as c8 reads it: each script's map in its source-map-cache",
      v8({ 'file:///ci/dist/cli.js': { lineLengths: [6], data: withSources } }),
      true,
      true,
    ],
    [
      "Node's V8 coverage too large to parse: its keys and sourcesContent decide",
      v8({
        'file:///ci/dist/cli.js': {
          data: sourceMap({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: ['src'] }),
        },
      }),
      true,
      true,
    ],
    [
      "Node's V8 coverage of maps without their sources",
      v8({ 'file:///ci/dist/cli.js': { data: sourceMap({}) } }),
      false,
      true,
    ],
    [
      'an inputSourceMap that is no map',
      coverage({ inputSourceMap: { sourcesContent: ['src'] } }),
      false,
      false,
    ],
    [
      'too large to parse: its keys and sourcesContent decide',
      coverage({
        inputSourceMap: sourceMap({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: ['src'] }),
      }),
      true,
      true,
    ],
  ];

  it.each(CASES)('%s', (_what, text, embeds, isCoverage) => {
    const found = scan(text, 'json', '.nyc_output/4f1c.json');
    expect(found.sourcesContent).toBe(embeds);
    expect(found.coverage).toBe(isCoverage || undefined);
    // Coverage data holds maps but is none: admitting source maps does not admit it.
    expect(found.shownAs).toBeUndefined();
  });
});

describe('declaration maps: a source map by content only when they embed their sources', () => {
  const map = (fields: object) =>
    JSON.stringify({
      version: 3,
      file: 'index.d.ts',
      sources: ['../src/index.ts'],
      mappings: 'AAAA',
      ...fields,
    });
  // [what, its text, what it is by content, whether it embeds its sources]
  const CASES: [string, string, ContentFindings['shownAs'], boolean][] = [
    ['as tsc writes it (declarationMap)', map({}), undefined, false],
    ['sources left out', map({ sourcesContent: [null] }), undefined, false],
    [
      'with its sources (inlineSources)',
      map({ sourcesContent: ['export const a = 1;'] }),
      { type: 'source-map', format: 'declaration map with sourcesContent' },
      true,
    ],
  ];

  it.each(CASES)('%s', (_what, text, shownAs, embeds) => {
    const found = scan(text, 'declaration-map', 'dist/index.d.ts.map');
    expect(found.shownAs).toEqual(shownAs);
    expect(found.sourcesContent).toBe(embeds);
  });
});

describe('an inline map as convert-source-map writes it URI-encoded, cut anywhere by a window', () => {
  const encoded = (sourcesContent: unknown[]) =>
    encodeURIComponent(
      JSON.stringify({ version: 3, sources: ['a.ts'], sourcesContent, mappings: 'AAAA;AACA' }),
    );
  // [what, the payload, whether it embeds its sources]
  const CASES: [string, string, boolean][] = [
    ['with its sources', encoded(['export const é = "ü";\n']), true],
    ['with its sources left out', encoded([null]), false],
  ];

  it.each(CASES)('%s', (_what, payload, embeds) => {
    // Each cut, inside an escape (`%2` | `2`) or between two, as a window's end falls.
    for (let cut = 0; cut <= payload.length; cut++) {
      const inline = new InlineMapPayload(false);
      inline.push(payload.slice(0, cut));
      inline.push(payload.slice(cut));
      inline.end();
      expect([cut, inline.sources.found]).toEqual([cut, embeds]);
      expect(inline.length).toBe(payload.length);
    }
  });
});

describe('a TypeScript file of types only, as a declaration may import one', () => {
  // [what, its text, whether it declares types only]
  const CASES: [string, string, boolean][] = [
    [
      "ESLint's types.ts",
      '/** @fileoverview Types. */\nexport interface A {\n  files?: string[];\n  fn: (a: A) => void;\n}\nexport type B = A | null;\n',
      true,
    ],
    [
      'imports, ambient declarations and re-exports',
      'import type { A } from "./a.ts";\ndeclare const x: number;\nexport declare function f(): void;\nexport type { A };\n',
      true,
    ],
    ['a function', 'export interface A {}\nexport function f(): void {}\n', false],
    ['an async function', 'export async function f(): Promise<void> {}\n', false],
    ['a class', 'export abstract class C {}\n', false],
    ['a constant, minified', 'type A=1;const a=1;', false],
    ['an enum', 'export enum E { A }\n', false],
    ['a namespace', 'namespace N { export const a = 1; }\n', false],
    ['a default export', 'export default { a: 1 };\n', false],
    ['an export assignment', 'export = f;\n', false],
    // A member named as a keyword is taken for code: the file is a source, the safe side.
    ['a member named function', 'interface A {\n  function: string;\n}\n', false],
  ];

  it.each(CASES)('%s', (_what, text, typesOnly) => {
    expect(scan(text, 'typescript-source', 'dist/types.ts').typesOnly ?? false).toBe(typesOnly);
  });
});

describe("source map comments: a bundle's, not a README's example of one", () => {
  const MAP = JSON.stringify({ version: 3, sources: ['a.ts'], mappings: 'AAAA' });
  const INLINE = `//# sourceMappingURL=data:application/json;base64,${Buffer.from(MAP).toString('base64')}`;
  const HOSTED = '//# sourceMappingURL=https://cdn.example.com/app.js.map';
  const BUCKET = '//# sourceMappingURL=https://acme-maps.s3.amazonaws.com/app.js.map';
  // [what, its type, its text, inline maps, map URLs, storage links]
  const CASES: [string, ShippedType, string, number, number, number][] = [
    ['a bundle', 'javascript', `run();\n${INLINE}\n`, 1, 0, 0],
    ['a bundle fetching its map', 'javascript', `run();\n${HOSTED}\n`, 0, 1, 0],
    ['a stylesheet', 'css', `a{}\n/*# ${INLINE.slice(4)} */\n`, 1, 0, 0],
    // convert-source-map's README shows one in a call, as a string.
    ['a README', 'markdown', `\`\`\`js\nconvert.fromComment('${INLINE}')\n\`\`\`\n`, 0, 0, 0],
    ['a README, a hosted map', 'markdown', `\`\`\`js\n${HOSTED}\n\`\`\`\n`, 0, 0, 0],
    ['a license', 'license', `${HOSTED}\n`, 0, 0, 0],
    // ...whose bucket URL is a link still.
    ['a README, a map in a bucket', 'markdown', `${BUCKET}\n`, 0, 0, 1],
    // isexe's index.min.js.map embeds options.js, compiled by tsc, comment and all.
    [
      "a map's sources, compiled files with their comments",
      'source-map',
      JSON.stringify({
        version: 3,
        sources: ['options.js', 'a.js', 'b.js'],
        sourcesContent: [
          `run();\n//# sourceMappingURL=options.js.map`,
          `${INLINE}\n`,
          `${BUCKET}\n`,
        ],
        mappings: 'AAAA',
      }),
      0,
      0,
      1,
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, inline, urls, links) => {
    const found = scan(text, type);
    expect([found.inlineMaps.length, found.sourceMapUrls.length, found.links.length]).toEqual([
      inline,
      urls,
      links,
    ]);
  });
});

describe('archives by their first bytes, whatever their name', () => {
  const bytes = (hex: string, rest = 'x'.repeat(600)) =>
    Buffer.concat([Buffer.from(hex, 'hex'), Buffer.from(rest)]);
  const tarHeader = Buffer.alloc(1024);
  tarHeader.write('src/index.ts', 0);
  tarHeader.write('ustar\u000000', 257, 'latin1');
  const asar = asarOf({ files: { 'index.js': { size: 1, offset: '0' } } }, Buffer.from('x'));
  // [what, the file's type by its name, its path, its bytes, the archive format it is by content]
  const CASES: [string, ShippedType, string, Buffer, string | undefined][] = [
    ['a gzip renamed .dat', 'other', 'vendor/payload.dat', gzipSync('src'), 'gzip'],
    ['a bzip2 stream', 'other', 'vendor/blob', bytes('425a6839314159265359'), 'bzip2'],
    ['an empty bzip2 stream', 'other', 'vendor/blob', bytes('425a6839177245385090'), 'bzip2'],
    ['an xz stream', 'other', 'vendor/blob', bytes('fd377a585a00'), 'xz'],
    ['a zstd frame', 'other', 'vendor/blob', bytes('28b52ffd'), 'zstd'],
    ['a zip renamed .bin', 'other', 'vendor/assets.bin', bytes('504b0304'), 'zip'],
    ['an empty zip', 'other', 'vendor/assets.bin', bytes('504b0506'), 'zip'],
    ['a 7z archive', 'other', 'vendor/blob', bytes('377abcaf271c'), '7z'],
    ['a rar archive', 'other', 'vendor/blob', bytes('526172211a0700'), 'rar'],
    ['a plain tar renamed .txt', 'text', 'vendor/notes.txt', tarHeader, 'tar'],
    ['an old (v7) tar, without magic', 'other', 'vendor/payload.dat', v7Tar(), 'tar'],
    ['a v7 tar of a directory', 'other', 'vendor/blob', v7Tar({ type: '5' }), 'tar'],
    [
      'a v7 tar summed signed',
      'other',
      'vendor/blob',
      v7Tar({ name: 'é.ts', signed: true }),
      'tar',
    ],
    ['an asar renamed .bin', 'other', 'resources/app.bin', asar, 'asar'],
    ['a zip named .js', 'javascript', 'dist/index.js', bytes('504b0304'), 'zip'],
    ['a zip named .png', 'image', 'img/logo.png', bytes('504b0304'), 'zip'],
    // What is not one.
    [
      'text that opens with "BZh"',
      'text',
      'docs/notes.txt',
      Buffer.from('BZh9 is a block size\n'),
      undefined,
    ],
    [
      'text that opens with "PK"',
      'text',
      'docs/notes.txt',
      Buffer.from('PK, the initials\n'),
      undefined,
    ],
    ['a PNG', 'image', 'img/logo.png', bytes('89504e470d0a1a0a'), undefined],
    [
      'a tar shorter than its header',
      'other',
      'vendor/blob',
      tarHeader.subarray(0, 261),
      undefined,
    ],
    ['an empty file', 'other', 'vendor/blob', Buffer.alloc(0), undefined],
    // A v7 header needs all of its numbers in octal, a v7 entry type and its checksum right.
    ['a v7 tar with its checksum off by one', 'other', 'vendor/blob', v7Tar({ off: 1 }), undefined],
    [
      'a v7 tar shorter than its header',
      'other',
      'vendor/blob',
      v7Tar().subarray(0, 511),
      undefined,
    ],
    ['a v7 header of a GNU long name', 'other', 'vendor/blob', v7Tar({ type: 'L' }), undefined],
    [
      'a v7 header of a size in hex',
      'other',
      'vendor/blob',
      v7Tar({ size: '0000000001f\0' }),
      undefined,
    ],
    ['a header with no name', 'other', 'vendor/blob', v7Tar({ name: '' }), undefined],
    ['zeros', 'other', 'vendor/blob', Buffer.alloc(1024), undefined],
    ['digits and blanks', 'text', 'docs/table.txt', Buffer.from('0000644 '.repeat(128)), undefined],
    [
      "an asar's sizes without its header's JSON",
      'other',
      'vendor/blob',
      Buffer.concat([asar.subarray(0, 16), Buffer.from('{"list":{}}')]),
      undefined,
    ],
    // An archive by name is one already; a .docx is a zip by design.
    ['a .tgz', 'archive', 'vendor/src.tgz', gzipSync('src'), undefined],
    ['a .docx', 'other', 'docs/report.docx', bytes('504b0304'), undefined],
    ['an .svgz', 'other', 'img/logo.svgz', gzipSync('<svg/>'), undefined],
  ];

  it.each(CASES)('%s', (_what, type, path, content, format) => {
    expect(scan(content, type, path).shownAs).toEqual(format && { type: 'archive', format });
  });
});

describe('a repository packed in one file, by its first bytes, whatever its name', () => {
  const HG = 'Mercurial bundle';
  const pack = (version: string) =>
    Buffer.concat([Buffer.from(`5041434b${version}00000003`, 'hex'), Buffer.alloc(40)]);
  const bundle = (version: string) =>
    Buffer.concat([
      Buffer.from(`# v${version} git bundle\n${'ab'.repeat(20)} refs/heads/main\n\n`),
      pack('00000002'),
    ]);
  // A Mercurial bundle: its magic, then what its compression or its parameters open with.
  const hg = (magic: string, ...rest: (string | Buffer)[]) =>
    Buffer.concat([Buffer.from(magic, 'latin1'), ...rest.map((r) => Buffer.from(r))]);
  const length = (n: number) => Buffer.from(n.toString(16).padStart(8, '0'), 'hex');
  const changegroup = Buffer.concat([length(84), Buffer.alloc(80)]);
  const bzip2 = Buffer.from('h91AY&SY\x00\x01', 'latin1');
  // [what, the file's type by its name, its path, its bytes, the format it is by content]
  const CASES: [string, ShippedType, string, Buffer, string | undefined][] = [
    ['a git bundle (v2)', 'other', 'backup/repo.bundle', bundle('2'), 'git bundle'],
    ['an hg bundle v1, uncompressed', 'other', 'lib/repo.hg', hg('HG10UN', changegroup), HG],
    ['an hg bundle v1, zlib', 'other', 'lib/x.dat', hg('HG10GZ', deflateSync(changegroup)), HG],
    ['an hg bundle v1, bzip2, named .js', 'javascript', 'lib/x.js', hg('HG10BZ', bzip2), HG],
    [
      'an hg bundle v2 with parameters',
      'other',
      'backup/strip-backup/a1b2-backup.hg',
      hg('HG20', length(14), 'Compression=BZ', Buffer.from('BZh91AY&SY')),
      HG,
    ],
    ['an hg bundle v2 without', 'other', 'lib/blob', hg('HG20', length(0), length(0)), HG],
    ['an HG2Y bundle', 'other', 'lib/blob', hg('HG2Y', length(0), length(11), 'CHANGEGROUP'), HG],
    [
      'an hg stream clone bundle',
      'other',
      'lib/clone.hg',
      hg('HGS1UN', Buffer.alloc(7), '\x05', Buffer.alloc(7), '\x80', '\x00\x07revlogv1'),
      'Mercurial stream bundle',
    ],
    ['a git bundle (v3) renamed .dat', 'other', 'vendor/data.dat', bundle('3'), 'git bundle'],
    ['a packfile (v2)', 'other', 'vendor/pack-1a2b.pack', pack('00000002'), 'git packfile'],
    ['a packfile (v3) named .js', 'javascript', 'dist/x.js', pack('00000003'), 'git packfile'],
    // What is not one.
    ['another bundle version', 'other', 'vendor/blob', bundle('4'), undefined],
    [
      'text that names one',
      'markdown',
      'docs/a.md',
      Buffer.from('# v2 git bundle ahead\n'),
      undefined,
    ],
    ['"PACK" and another version', 'other', 'vendor/blob', pack('00000004'), undefined],
    ['text that opens with PACK', 'text', 'docs/a.txt', Buffer.from('PACKAGING.md\n'), undefined],
    ['text that opens with HG10UN', 'text', 'a.txt', hg('HG10UNITS are counted\n'), undefined],
    ['HG10GZ and no zlib header', 'text', 'a.txt', hg('HG10GZ notes\n'), undefined],
    ['HG10BZ and no bzip2 block', 'other', 'blob', hg('HG10BZh9 and more'), undefined],
    ['text that opens with HG20', 'text', 'a.txt', hg('HG20 release notes\n'), undefined],
    [
      'HG20 and unprintable parameters',
      'other',
      'blob',
      hg('HG20', length(4), '\x01\x02\x03\x04'),
      undefined,
    ],
    ['HG21', 'other', 'blob', hg('HG21', length(0), length(0)), undefined],
  ];

  it.each(CASES)('%s', (_what, type, path, content, format) => {
    expect(scan(content, type, path).shownAs).toEqual(
      format && { type: 'version-control', format },
    );
  });
});

describe('Cloudflare credentials: R2 keys by their context, API tokens by their shape', () => {
  const { r2Id: id, r2Secret: secret, cloudflare: token } = SECRETS;
  const endpoint = `https://${'0f'.repeat(16)}.r2.cloudflarestorage.com`;
  const client = (url: string) =>
    `new S3Client({\n  endpoint: '${url}',\n  credentials: {\n    accessKeyId: '${id}',\n    secretAccessKey: "${secret}",\n  },\n});\n`;
  // [what, the file's type, its text, each credential found as type@line]
  const CASES: [string, ShippedType, string, string[]][] = [
    [
      'settings named for R2 in an env file',
      'env',
      `R2_ACCESS_KEY_ID=${id}\nR2_SECRET_ACCESS_KEY="${secret}"\n`,
      ['cloudflare-r2-key@1', 'cloudflare-r2-key@2'],
    ],
    [
      'camelCase and prefixed names in code and JSON',
      'javascript',
      `const c = { cloudflareR2AccessKeyId: '${id}' };\nconst j = {"CLOUDFLARE_R2_SECRET_KEY": "${secret}"};\n`,
      ['cloudflare-r2-key@1', 'cloudflare-r2-key@2'],
    ],
    [
      'an S3 client of an R2 endpoint',
      'javascript',
      client(endpoint),
      ['cloudflare-r2-key@4', 'cloudflare-r2-key@5'],
    ],
    ['an S3 client of another endpoint', 'javascript', client('https://minio.acme.example'), []],
    [
      'an rclone remote of provider Cloudflare',
      'text',
      `[r2]\ntype = s3\nprovider = Cloudflare\naccess_key_id = ${id}\nsecret_access_key = ${secret}\n`,
      ['cloudflare-r2-key@4', 'cloudflare-r2-key@5'],
    ],
    [
      'an AWS credentials file and its config beside it',
      'text',
      `[r2]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nendpoint_url = ${endpoint}\n`,
      ['cloudflare-r2-key@2', 'cloudflare-r2-key@3'],
    ],
    [
      'an AWS credentials file alone',
      'text',
      `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`,
      [],
    ],
    [
      'an R2 endpoint more than 1,000 characters away',
      'javascript',
      `const e = '${endpoint}';\n${'// filler\n'.repeat(120)}const k = { accessKeyId: '${id}' };\n`,
      [],
    ],
    [
      'hashes beside an R2 endpoint',
      'javascript',
      `const e = '${endpoint}';\nconst sha256 = '${secret}', etag = "${id}";\n`,
      [],
    ],
    [
      'references, not secrets',
      'env',
      'R2_ACCESS_KEY_ID=${R2_ACCESS_KEY_ID}\nR2_SECRET_ACCESS_KEY=process.env.SECRET\n',
      [],
    ],
    [
      'a cfut_ API token anywhere',
      'javascript',
      `fetch(u, { headers: { a: '${token}' } });\n`,
      ['cloudflare-api-token@1'],
    ],
    [
      'a cfat_ account token assigned to a Cloudflare setting: found once',
      'env',
      `CLOUDFLARE_API_TOKEN=${token.replace('cfut_', 'cfat_')}\n`,
      ['cloudflare-api-token@1'],
    ],
    [
      'an older 40-character token and a Global API Key in Cloudflare settings',
      'env',
      `CLOUDFLARE_API_TOKEN=${randomBytes(30).toString('base64url')}\ncloudflare_global_api_key = "${secret.slice(0, 37)}"\n`,
      ['cloudflare-api-token@1', 'cloudflare-api-token@2'],
    ],
    [
      'an Origin CA key',
      'text',
      `key: v1.0-${secret.slice(0, 24)}-${secret.repeat(3).slice(0, 146)}\n`,
      ['cloudflare-api-token@1'],
    ],
    [
      'a Cloudflare setting that reads the environment',
      'text',
      'CLOUDFLARE_API_TOKEN=${{ secrets.CLOUDFLARE_API_TOKEN }}\ncloudflare_zone_id: ' + `${id}\n`,
      [],
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, expected) => {
    const { credentials } = scan(text, type);
    const found = credentials.map((c) => `${c.credential}@${c.span.start.line}`);
    expect(found.sort()).toEqual(expected);
    expectMasked(text, credentials);
  });
});

describe('placeholder keys, as documentation and examples write them, are not credentials', () => {
  const endpoint = `https://${'0f'.repeat(16)}.r2.cloudflarestorage.com`;
  const zeros = (n: number) => '0'.repeat(n);
  // [what, the file's type, its text, each credential found as type@line]
  const CASES: [string, ShippedType, string, string[]][] = [
    ["AWS's documentation key id", 'javascript', "const id = 'AKIAIOSFODNN7EXAMPLE';\n", []],
    [
      'all-zero R2 keys in settings named for R2',
      'env',
      `R2_ACCESS_KEY_ID=${zeros(32)}\nR2_SECRET_ACCESS_KEY="${zeros(64)}"\n`,
      [],
    ],
    [
      'all-zero keys in an S3 client of an R2 endpoint',
      'javascript',
      `new S3Client({ endpoint: '${endpoint}', credentials: { accessKeyId: '${zeros(32)}', secretAccessKey: '${'f'.repeat(64)}' } });\n`,
      [],
    ],
    [
      'a Cloudflare setting of one character repeated',
      'env',
      `CLOUDFLARE_API_TOKEN=${'x'.repeat(40)}\n`,
      [],
    ],
    [
      'a real R2 key beside a placeholder',
      'env',
      `R2_ACCESS_KEY_ID=${zeros(32)}\nR2_SECRET_ACCESS_KEY=${SECRETS.r2Secret}\n`,
      ['cloudflare-r2-key@2'],
    ],
    ['a real AWS key id', 'javascript', `const id = '${SECRETS.aws}';\n`, ['aws-access-key-id@1']],
    [
      "npm's own npmrc documentation: a setting's value naming the token that belongs there",
      'markdown',
      '//registry.npmjs.org/:_authToken=MYTOKEN\n//somewhere-else.com/myorg/:_authToken=MYTOKEN1\n',
      [],
    ],
    [
      'settings in an .npmrc naming what belongs there, and a real one after them',
      'npmrc',
      `_authToken=YOUR_NPM_TOKEN\n//npm.acme.example/:_password=<password>\n//registry.npmjs.org/:_authToken=q8Wm2ZrT5yLp0XcVb7Nn\n`,
      ['npmrc-auth@3'],
    ],
    [
      'a Cloudflare setting naming the token that belongs there',
      'env',
      `CLOUDFLARE_API_TOKEN=YOUR_CLOUDFLARE_API_TOKEN_GOES_HERE_1234\n`,
      [],
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, expected) => {
    const { credentials } = scan(text, type);
    const found = credentials.map((c) => `${c.credential}@${c.span.start.line}`);
    expect(found.sort()).toEqual(expected);
    expectMasked(text, credentials);
  });
});

describe('credentials files by their name and the secret they hold', () => {
  const KUBE = 'apiVersion: v1\nkind: Config\nusers:\n- name: admin\n  user:\n';
  const saKey = (type: string) =>
    JSON.stringify({
      type,
      project_id: 'acme',
      private_key: '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
      client_email: 'ci@acme.iam.gserviceaccount.com',
    });
  // [what, its path, its type by name, its text, what credentials file it is, if one]
  const CASES: [string, string, ShippedType, string, string | undefined][] = [
    [
      "a kubeconfig with a user's token",
      '.kube/config',
      'other',
      `${KUBE}    token: eyJhbGciOiJSUzI1NiJ9.abc\n`,
      'kubeconfig with a token, key or password',
    ],
    [
      'a client key',
      'home/ci/.kube/config',
      'other',
      `${KUBE}    client-certificate-data: LS0t\n    client-key-data: LS0tLS1CRUdJTg==\n`,
      'kubeconfig with a token, key or password',
    ],
    [
      'a password, in a kubeconfig.yaml',
      'deploy/kubeconfig.yaml',
      'text',
      `${KUBE}    username: admin\n    password: "hunter22"\n`,
      'kubeconfig with a token, key or password',
    ],
    [
      "an auth provider's tokens",
      '.kube/config',
      'other',
      `${KUBE}    auth-provider:\n      config:\n        id-token: eyJh.x.y\n`,
      'kubeconfig with a token, key or password',
    ],
    [
      'a kubeconfig written as JSON',
      '.kube/config',
      'other',
      '{"users":[{"name":"a","user":{"token":"abc123"}}]}',
      'kubeconfig with a token, key or password',
    ],
    [
      'a kubeconfig whose token a helper prints',
      '.kube/config',
      'other',
      `${KUBE}    exec:\n      command: aws\n      args: [eks, get-token]\n`,
      undefined,
    ],
    [
      'a token file, empty or null tokens',
      '.kube/config',
      'other',
      `${KUBE}    tokenFile: /run/token\n    token: ""\n    password: null\n`,
      undefined,
    ],
    [
      'the same settings in a file of another name',
      'deploy/config',
      'other',
      `${KUBE}    token: abc\n`,
      undefined,
    ],
    [
      'an rclone remote with a secret key',
      'rclone.conf',
      'other',
      '[r2]\ntype = s3\nprovider = Cloudflare\naccess_key_id = abc\nsecret_access_key = def\n',
      'rclone configuration with a secret',
    ],
    [
      'an rclone remote with a password',
      'config/rclone/rclone.conf',
      'other',
      '[box]\ntype = sftp\nhost = example.com\npass = Zm9vYmFy\n',
      'rclone configuration with a secret',
    ],
    ['an rclone remote without one', 'rclone.conf', 'other', '[disk]\ntype = local\n', undefined],
    [
      "s3cmd's configuration with a secret key",
      '.s3cfg',
      'other',
      '[default]\naccess_key = abc\nsecret_key = def\n',
      's3cmd configuration with a secret key',
    ],
    [
      "s3cmd's template, the key left empty",
      '.s3cfg',
      'other',
      '[default]\naccess_key =\nsecret_key = \n',
      undefined,
    ],
    [
      "boto's configuration with an AWS secret",
      '.boto',
      'other',
      '[Credentials]\naws_access_key_id = abc\naws_secret_access_key = def\n',
      'boto configuration with a secret key',
    ],
    [
      "boto's with a Cloud Storage HMAC secret",
      '.boto',
      'other',
      '[Credentials]\ngs_secret_access_key = def\n',
      'boto configuration with a secret key',
    ],
    [
      "boto's with a key id alone",
      '.boto',
      'other',
      '[Credentials]\naws_access_key_id = abc\n',
      undefined,
    ],
    [
      "gcloud's application default credentials of a user",
      '.config/gcloud/application_default_credentials.json',
      'json',
      '{"client_id":"1.apps.googleusercontent.com","client_secret":"d-FL95Q","refresh_token":"1//0g","type":"authorized_user"}',
      'Google application default credentials',
    ],
    [
      'those of workload identity federation, which hold no secret',
      'application_default_credentials.json',
      'json',
      '{"type":"external_account","audience":"//iam.googleapis.com/x","credential_source":{"file":"/var/run/token"}}',
      undefined,
    ],
    [
      'a service account key, whatever its name',
      'deploy/acme-1a2b3c.json',
      'json',
      saKey('service_account'),
      'Google service account key',
    ],
    [
      'one saved without an extension',
      'sa',
      'other',
      saKey('service_account'),
      'Google service account key',
    ],
    [
      'a service account named without its key',
      'iam.json',
      'json',
      '{"type": "service_account", "client_email": "ci@acme"}',
      undefined,
    ],
    ["another kind's key", 'key.json', 'json', saKey('authorized_user'), undefined],
    [
      'a service account key in code',
      'dist/keys.js',
      'javascript',
      saKey('service_account'),
      undefined,
    ],
    [
      "Composer's GitHub token",
      'auth.json',
      'json',
      '{"github-oauth": {"github.com": "ghtoken0123"}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's HTTP basic password",
      'app/auth.json',
      'json',
      '{"http-basic": {"repo.acme.example": {"username": "ci", "password": "pw0123"}}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's GitLab token",
      'auth.json',
      'json',
      '{"gitlab-token": {"gitlab.com": {"username": "ci", "token": "glpat0123"}}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's password for a second host, the first's empty",
      'auth.json',
      'json',
      '{"http-basic": {"mirror.acme.example": {"username": "ci", "password": ""},\n  "repo.acme.example": {"username": "ci", "password": "pw0123"}}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's token for a third host, past a value with a brace and a quote",
      'auth.json',
      'json',
      '{"github-oauth": {"a.example": "", "b.example": {"note": "} \\" {"}, "github.com": "ghtoken0123"}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's GitLab token for a second host",
      'auth.json',
      'json',
      '{"gitlab-token": {"gitlab.acme.example": {"username": "ci"}, "gitlab.com": {"username": "ci", "token": "glpat0123"}}}',
      'Composer auth.json with a token or password',
    ],
    [
      "Composer's hosts, none with a secret",
      'auth.json',
      'json',
      '{"http-basic": {"a.example": {"username": "ci", "password": ""}, "b.example": {"username": "password"}}, "bearer": {"c.example": ""}}',
      undefined,
    ],
    [
      "Composer's empty auth.json",
      'auth.json',
      'json',
      '{"github-oauth": {}, "http-basic": {}}',
      undefined,
    ],
    ['another auth.json', 'auth.json', 'json', '{"token": "abc", "user": "ci"}', undefined],
    [
      "Terraform CLI's token for a host",
      '.terraformrc',
      'other',
      'plugin_cache_dir = "/tmp"\ncredentials "app.terraform.io" {\n  token = "abc.atlasv1.def"\n}\n',
      'Terraform CLI configuration with an API token',
    ],
    [
      'in terraform.rc, as on Windows',
      'terraform.rc',
      'other',
      'credentials "tfe.acme.example" { token = "abc" }\n',
      'Terraform CLI configuration with an API token',
    ],
    [
      'a Terraform CLI configuration without one',
      '.terraformrc',
      'other',
      'plugin_cache_dir = "/tmp"\n',
      undefined,
    ],
  ];

  it.each(CASES)('%s', (_what, path, type, text, format) => {
    const { shownAs } = scan(text, type, path);
    expect(shownAs).toEqual(format && { type: 'credentials', format });
  });
});

describe('a credentials file of unclosed blocks is read once, not once for each block', () => {
  const CASES: [string, ShippedType, string][] = [
    ['.terraformrc', 'other', 'credentials "" {'.repeat(16_000)],
    ['auth.json', 'json', '{"http-basic":{"a":{'.repeat(13_000)],
    ['auth.json', 'json', `{"http-basic":{${'"a":{"password":"","b":"\\"{"},'.repeat(8_000)}`],
    ['auth.json', 'json', '"bearer":{"a":"","a":"'.repeat(12_000)],
  ];

  it.each(CASES)('%s', (path, type, text) => {
    const started = threadCpuMs();
    expect(scan(text, type, path).shownAs).toBeUndefined();
    expect(threadCpuMs() - started).toBeLessThan(1000);
  });
});
