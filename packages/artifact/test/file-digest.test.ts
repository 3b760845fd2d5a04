import { createHash, randomBytes } from 'node:crypto';
import { readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectArtifact } from '../src/inspect.js';
import { DEFAULT_LIMITS, type ArtifactLimits } from '../src/limits.js';
import { readAsar } from '../src/readers/asar.js';
import type { RawEntry } from '../src/readers/entry.js';
import { FileDigest } from '../src/readers/file-digest.js';
import { readTar } from '../src/readers/tar.js';
import { readZip } from '../src/readers/zip.js';
import { asarBytes, makeTar, makeZip, scratch } from './support.js';

/** Random bytes do not compress: each archive is larger than the 64 KiB a zip's end is looked for in. */
const BIG = randomBytes(200 * 1024);
const FILES = { 'package/package.json': '{"name":"p"}', 'package/dist/a.bin': BIG };

type Reader = (file: FileDigest, visit: (entry: RawEntry) => Promise<void>) => Promise<void>;

const entries = Object.entries(FILES).map(([name, content]) => ({ name, content }));
const makeTgz = () => makeTar(entries);
const makeZipFile = () => makeZip(entries);

function makeAsarFile(): string {
  const file = join(scratch(), 'app.asar');
  writeFileSync(file, asarBytes(FILES));
  return file;
}

const ARCHIVES: [string, () => Promise<string> | string, Reader][] = [
  ['a gzipped tar', makeTgz, (file, visit) => readTar(file, true, DEFAULT_LIMITS, visit)],
  [
    'a plain tar',
    () => makeTar(entries, false),
    (file, visit) => readTar(file, false, DEFAULT_LIMITS, visit),
  ],
  [
    'a zip (yauzl skips its local headers and reads its central directory first)',
    makeZipFile,
    (file, visit) => readZip(file, DEFAULT_LIMITS, visit),
  ],
  ['an asar', makeAsarFile, (file, visit) => readAsar(file.stream(), DEFAULT_LIMITS, visit)],
];

async function drain(entry: RawEntry): Promise<void> {
  if (entry.content) for await (const chunk of entry.content) void chunk;
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('an archive is hashed as its reader reads it, not read again for its hash', () => {
  it.each(ARCHIVES)('%s', async (_kind, make, read) => {
    const file = await make();
    const digest = new FileDigest(file);
    await read(digest, drain);
    const { bytes, sha256: hash } = await digest.finish();
    expect({ bytes, hash }).toEqual({ bytes: statSync(file).size, hash: sha256(file) });
    // Before, the whole archive was read a second time: now at most a zip's headers and directory.
    expect(digest.readAgain).toBeLessThan(1024);
  });
});

describe("the evidence's hash is the whole archive's, however far its reading got", () => {
  const stops: [string, () => Promise<string> | string, Partial<ArtifactLimits>, string?][] = [
    ['read to its end', makeTgz, {}],
    ['stopped at a bound', makeTgz, { maxEntryBytes: 1024 }, 'unreadable'],
    [
      'truncated',
      async () => {
        const file = await makeTgz();
        truncateSync(file, statSync(file).size - 1000);
        return file;
      },
      {},
      'unreadable',
    ],
    ['a zip stopped at a bound', makeZipFile, { maxEntryBytes: 1024 }, 'unreadable'],
    ['an asar read to its end', makeAsarFile, {}],
    [
      'no archive at all',
      () => {
        const file = join(scratch(), 'notes.tgz');
        writeFileSync(file, 'not an archive');
        return file;
      },
      {},
      'unreadable',
    ],
  ];
  it.each(stops)('%s', async (_case, make, limits, kind) => {
    const file = await make();
    const root = join(file, '..');
    const { scanned, observations } = await inspectArtifact({ root, path: file, limits });
    expect(observations.map((o) => o.kind).find((k) => k === 'unreadable')).toBe(kind);
    expect(scanned.find((f) => f.path === file.slice(root.length + 1))).toEqual({
      path: file.slice(root.length + 1),
      kind: 'artifact',
      bytes: statSync(file).size,
      sha256: sha256(file),
    });
  });
});

describe('a zip entry its visitor leaves unread is let go of, and the zip read on', () => {
  it('the next entry is read and the hash is the whole file', async () => {
    const file = makeZip([...entries].reverse());
    const digest = new FileDigest(file);
    const read: string[] = [];
    // yauzl's entry stream is destroyed unread: a file stream on the zip's one descriptor closed it.
    await readZip(digest, DEFAULT_LIMITS, async (entry) => {
      if (entry.name === 'package/package.json') await drain(entry);
      read.push(entry.name);
    });
    expect(read).toEqual(['package/dist/a.bin', 'package/package.json']);
    expect((await digest.finish()).sha256).toBe(sha256(file));
  });
});
