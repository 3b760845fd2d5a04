import { describe, expect, it } from 'vitest';
import type { ShippedType } from '@posture/model';
import { ContentScanner, type ContentFindings } from '../src/content/scanner.js';
import { SECRETS } from './support.js';

const MiB = 1 << 20;

/** Streams `text` through a scanner in uneven pieces that split lines and multi-byte characters. */
function scan(text: string, type: ShippedType = 'javascript'): ContentFindings {
  const scanner = new ContentScanner(type, []);
  const bytes = Buffer.from(text);
  for (let at = 0, step = 1; at < bytes.length; at += step, step = (step * 7 + 13) % 65_521 || 1)
    scanner.push(bytes.subarray(at, at + step));
  return scanner.end();
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
  });
});

describe('source maps known by their shape, whatever their name', () => {
  const map = (fields: object) =>
    JSON.stringify({ version: 3, sources: ['../src/a.ts'], mappings: 'AAAA', ...fields });
  // [what, the file's type by its name, its text, whether it is a map that embeds its sources]
  const CASES: [string, ShippedType, string, boolean][] = [
    ['a .map.json', 'json', map({ sourcesContent: ['src'] }), true],
    [
      'a .js.map.txt, pretty-printed',
      'text',
      `\n${JSON.stringify(JSON.parse(map({ sourcesContent: ['src'] })), null, 2)}`,
      true,
    ],
    ['a file without an extension', 'other', map({ sourcesContent: ['', null] }), true],
    ['sources left out', 'json', map({ sourcesContent: [null] }), false],
    ['no sourcesContent at all', 'json', map({}), false],
    ['not version 3', 'json', map({ version: 2, sourcesContent: ['src'] }), false],
    ['no mappings string', 'json', map({ mappings: 1, sourcesContent: ['src'] }), false],
    [
      'a map nested in another document',
      'json',
      JSON.stringify({ fixture: JSON.parse(map({ sourcesContent: ['src'] })) }),
      false,
    ],
    [
      'a JSON document that only names the keys',
      'json',
      '{"docs": "\\"version\\", \\"mappings\\", \\"sources\\" and \\"sourcesContent\\": [\\"…\\"]"}',
      false,
    ],
    ['an array of maps', 'json', `[${map({ sourcesContent: ['src'] })}]`, false],
    ['not JSON', 'text', `{ ${map({ sourcesContent: ['src'] })}`, false],
    ['JavaScript is never read as a map', 'javascript', map({ sourcesContent: ['src'] }), false],
    [
      'too large to parse: its keys and sourcesContent decide',
      'json',
      map({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: ['src'] }),
      true,
    ],
    [
      'too large to parse, sources left out',
      'json',
      map({ mappings: ';AAAA'.repeat(4 * MiB), sourcesContent: [null] }),
      false,
    ],
  ];

  it.each(CASES)('%s', (_what, type, text, embeds) => {
    expect(scan(text, type).sourcesContent).toBe(embeds);
  });
});
