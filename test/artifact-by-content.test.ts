import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.js';
import { tempTree } from './support/temp-dirs.js';

// What a package ships that its names hide, as the built CLI (the bundle that ships) gates it:
// each finding by severity, rule and the file its message starts with.
const BUNDLE = join(repoRoot(), 'packages/cli/bundle/posture.js');

const map = (fields: object = {}): string =>
  JSON.stringify({ version: 3, sources: ['../src/cli.ts'], mappings: 'AAAA', ...fields });
const embedding = map({ sourcesContent: ['export const run = () => 1;\n'] });

interface Finding {
  readonly ruleId: string;
  readonly severity: string;
  readonly message: string;
}

function gate(files: Record<string, string | Buffer>): { code: number | null; found: Finding[] } {
  const dir = tempTree('by-content', {
    'package.json': JSON.stringify({ name: 'acme', version: '1.0.0', files: ['lib'] }),
    'lib/index.js': 'module.exports = 1;\n',
    ...files,
  });
  const run = spawnSync(process.execPath, [BUNDLE, 'artifact', '.', '--no-repo', '-f', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 20_000,
  });
  expect(run.stderr).toBe('');
  return { code: run.status, found: (JSON.parse(run.stdout) as { findings: Finding[] }).findings };
}

describe('posture artifact: files known by their content, whatever their name', () => {
  // [what, files beside package.json and lib/index.js, `severity rule file` of each finding, and
  // what their messages say, in order]
  const CASES: [string, Record<string, string | Buffer>, string[], string[]?][] = [
    [
      'a source map with its sources saved as .js',
      { 'lib/cli.js': embedding },
      ['critical artifact-sources-content lib/cli.js', 'high artifact-not-allowed lib/cli.js'],
    ],
    [
      'a source map without sources saved as .cjs',
      { 'lib/cli.cjs': map() },
      ['high artifact-not-allowed lib/cli.cjs'],
    ],
    ['a script that opens with a block', { 'lib/block.js': `{ "use strict"; run(); }\n` }, []],
    [
      "a .map.json behind the )]}' guard",
      { 'lib/cli.map.json': `)]}'\n${embedding}` },
      [
        'critical artifact-sources-content lib/cli.map.json',
        'high artifact-not-allowed lib/cli.map.json',
      ],
    ],
    [
      "a .js.map behind the )]}' guard",
      { 'lib/cli.js.map': `)]}'\n${embedding}` },
      [
        'critical artifact-sources-content lib/cli.js.map',
        'high artifact-not-allowed lib/cli.js.map',
      ],
    ],
    [
      'a Mercurial bundle (hg bundle, v2) renamed .dat',
      {
        'lib/backup.dat': Buffer.concat([
          Buffer.from('HG20\0\0\0\x0eCompression=BZ', 'latin1'),
          Buffer.from('BZh91AY&SY'),
        ]),
      },
      ['high artifact-not-allowed lib/backup.dat'],
    ],
    [
      'a Mercurial bundle (v1, bzip2)',
      { 'lib/repo.hg': Buffer.from('HG10BZh91AY&SY\0\x01', 'latin1') },
      ['high artifact-not-allowed lib/repo.hg'],
    ],
    [
      "Node's V8 coverage where c8 keeps it, and the report's page of a source: the folder named",
      {
        'package.json': JSON.stringify({ name: 'acme', version: '1.0.0' }),
        'coverage/tmp/coverage-1-1700000000000-0.json': JSON.stringify({
          result: [],
          'source-map-cache': { 'file:///acme/lib/index.js': { data: JSON.parse(embedding) } },
        }),
        'coverage/lcov-report/cli.ts.html': '<pre>export const run = () => 1;</pre>\n',
      },
      [
        'critical artifact-sources-content coverage/tmp/coverage-1-1700000000000-0.json',
        'high artifact-not-allowed coverage/lcov-report/cli.ts.html',
      ],
      ['or add coverage to .npmignore.', 'or add coverage to .npmignore.'],
    ],
    [
      'web assets precompressed as a server serves them: no archives',
      {
        'lib/app.wasm.gz': gzipSync(Buffer.from('0061736d01000000', 'hex')),
        'lib/index.js.br': brotliCompressSync('module.exports = 1;\n'),
        'lib/style.css.gz': gzipSync('a{color:red}'),
      },
      [],
    ],
    [
      'maps inside them still are maps: by shape, and by the name a gzip header gives',
      {
        'lib/chunk.js.gz': gzipSync(embedding),
        // As `gzip cli.js.map` writes it, renamed: the original name in the header (FNAME).
        'lib/maps.gz': Buffer.concat([
          Buffer.from('1f8b0808000000000003', 'hex'),
          Buffer.from('cli.js.map\0', 'latin1'),
          gzipSync(embedding).subarray(10),
        ]),
        'lib/cli.js.map.br': brotliCompressSync(embedding),
      },
      [
        'critical artifact-sources-content lib/chunk.js.gz',
        'high artifact-not-allowed lib/chunk.js.gz',
        'critical artifact-sources-content lib/maps.gz',
        'high artifact-not-allowed lib/maps.gz',
        'critical artifact-sources-content lib/cli.js.map.br',
        'high artifact-not-allowed lib/cli.js.map.br',
      ],
    ],
    [
      'maps compressed under a name of their compression alone, with archives admitted',
      {
        'posture.config.yaml':
          'artifact:\n  allow: [package.json, lib/index.js]\n  allowTypes: [archive]\n',
        'lib/maps.br': brotliCompressSync(embedding),
        'lib/maps.gz': gzipSync(embedding),
        'lib/notes.br': brotliCompressSync('notes\n'),
      },
      [
        'critical artifact-sources-content lib/maps.br',
        'high artifact-not-allowed lib/maps.br',
        'critical artifact-sources-content lib/maps.gz',
        'high artifact-not-allowed lib/maps.gz',
      ],
    ],
    [
      'a script named as gzip-compressed that is no gzip: unread, and why',
      { 'lib/app.js.gz': 'module.exports = 1;\n' },
      ['high artifact-unreadable The'],
      ["(incorrect header check: its first bytes are not gzip's, 1f 8b)"],
    ],
  ];

  it.each(CASES)('%s', (_what, files, expected, says = []) => {
    const { code, found } = gate(files);
    const seen = found.map((f) => `${f.severity} ${f.ruleId} ${f.message.split(' ')[0]}`);
    expect(seen.sort()).toEqual([...expected].sort());
    expect(code).toBe(expected.length > 0 ? 1 : 0);
    says.forEach((said, i) => expect(found[i]?.message).toContain(said));
  });
});
