import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../src/limits.js';
import { watchedContent, type RawEntry } from '../src/readers/entry.js';
import { FileDigest } from '../src/readers/file-digest.js';
import { readTar } from '../src/readers/tar.js';
import { readZip } from '../src/readers/zip.js';
import { makeTar, makeZip } from './support.js';

/** How far a visitor reads a file's content: all of it, its first chunk, or none. */
type Reading = 'all' | 'first chunk' | 'none';

async function readAs(reading: Reading, content: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  if (reading !== 'none')
    for await (const chunk of content) {
      chunks.push(chunk);
      if (reading === 'first chunk') break;
    }
  return Buffer.concat(chunks);
}

async function* chunks(count: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < count; i++) yield Buffer.from([i]);
}

describe('watchedContent says whether the visitor read the content to its end', () => {
  const CASES: [Reading, boolean][] = [
    ['all', true],
    ['first chunk', false],
    ['none', false],
  ];
  it.each(CASES)('read %s: %s', async (reading, ended) => {
    const { content, readToEnd } = watchedContent(chunks(3));
    await readAs(reading, content);
    expect(readToEnd()).toBe(ended);
  });
});

/** Larger than one chunk of any stream, so that a first chunk is not the whole file. */
const BIG = randomBytes(300 * 1024);
const FILES = [
  { name: 'package/a.bin', content: BIG },
  { name: 'package/b.txt', content: 'after the file left unread' },
];

const READERS: [
  string,
  () => Promise<string> | string,
  (file: string, visit: (e: RawEntry) => Promise<void>) => Promise<void>,
][] = [
  [
    'a tar',
    () => makeTar(FILES),
    (file, visit) => readTar(new FileDigest(file), true, DEFAULT_LIMITS, visit),
  ],
  [
    'a zip',
    () => makeZip(FILES),
    (file, visit) => readZip(new FileDigest(file), DEFAULT_LIMITS, visit),
  ],
];

describe('a file the visitor does not read to its end: the reader goes on to the next entry', () => {
  const cases = READERS.flatMap(([kind, make, read]) =>
    (['all', 'first chunk', 'none'] as const).map(
      (reading) => [kind, reading, make, read] as const,
    ),
  );
  it.each(cases)('%s, the first file read: %s', async (_kind, reading, make, read) => {
    const seen: [string, number][] = [];
    await read(await make(), async (entry) => {
      if (!entry.content) return;
      const bytes = await readAs(entry.name === 'package/a.bin' ? reading : 'all', entry.content);
      seen.push([entry.name, bytes.length]);
    });
    expect(seen.at(-1)).toEqual(['package/b.txt', 'after the file left unread'.length]);
    if (reading === 'all') expect(seen[0]).toEqual(['package/a.bin', BIG.length]);
  });
});
