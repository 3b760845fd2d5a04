/** What fingerprinting reads of a finding's file: a binary one only as far as its first bytes. */
import { spawnSync } from 'node:child_process';
import type * as Fs from 'node:fs';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toSarif } from '../src/index.js';
import { finding, Fixture, rule } from './support/fixture.js';

const read = vi.hoisted(() => ({ bytes: 0 }));
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    const data = fs.readFileSync(...args);
    read.bytes += data.length;
    return data;
  }) as typeof fs.readFileSync;
  const readSync = ((...args: Parameters<typeof fs.readSync>) => {
    const count = fs.readSync(...args);
    read.bytes += count;
    return count;
  }) as typeof fs.readSync;
  return { ...fs, default: { ...fs, readFileSync, readSync }, readFileSync, readSync };
});

const MIB = 1024 * 1024;
const text = (bytes: number) => Buffer.alloc(bytes, 'resource "x" "y" {}\n');

describe('fingerprinting a finding at', () => {
  let fixture: Fixture | undefined;
  afterEach(() => fixture?.cleanup());

  // [what, the file's bytes (or a named pipe), bytes read at most (a text file's first 8 KB twice), whether it has
  // GitHub's line hash]
  it.each([
    ['a binary file: its first 8 KB', Buffer.concat([Buffer.alloc(4), text(4 * MIB)]), 8192, false],
    ['a text file: all of it', text(4 * MIB), 8192 + 4 * MIB, true],
    [
      'a NUL past the first 8 KB: all of it',
      Buffer.concat([text(8192), Buffer.alloc(4 * MIB)]),
      2 * 8192 + 4 * MIB,
      true,
    ],
    ['a file over 16 MB: none of it', text(17 * MIB), 0, false],
    // Opened without blocking: opening it to read waited for a writer forever.
    ['a named pipe: none of it, at once', 'named pipe', 0, false],
  ])('%s', (_what, bytes, most, hashed) => {
    fixture = Fixture.create({});
    const file = path.join(fixture.root, 'release.tgz');
    if (bytes !== 'named pipe') writeFileSync(file, bytes);
    else expect(spawnSync('mkfifo', [file]).status, 'mkfifo is needed for this test').toBe(0);
    const start = { line: 1, column: 1, offset: 0 };
    const result = fixture.result({
      rules: [rule('s3-public-acl')],
      findings: [finding('s3-public-acl', { file: 'release.tgz', start, end: start })],
    });
    read.bytes = 0;
    const [sarif] = toSarif(result).runs[0]?.results ?? [];
    expect(read.bytes).toBeLessThanOrEqual(most);
    expect(sarif?.partialFingerprints?.primaryLocationLineHash !== undefined).toBe(hashed);
  });
});
