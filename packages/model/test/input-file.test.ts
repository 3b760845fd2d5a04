import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeText, readListedFile, readRegularFile, unreadableReason } from '@posture/model';
import { tempDir } from '../../../test/support/temp-dirs.js';

// readListedFile skips the check before opening, which a listing made; what it opens, it checks.
describe.each([
  ['readRegularFile', readRegularFile],
  ['readListedFile', readListedFile],
])('%s', (_name, reader) => {
  const dir = tempDir('input');
  writeFileSync(join(dir, 'ten.txt'), '0123456789');
  const pipe = join(dir, 'pipe');
  expect(spawnSync('mkfifo', [pipe]).status, 'mkfifo is needed for this test').toBe(0);

  /** What reading gives: the text, or why it was not read. */
  const read = (path: string, maxBytes?: number): string => {
    try {
      return reader(path, maxBytes).toString('utf8');
    } catch (error) {
      return `refused: ${unreadableReason(error)}`;
    }
  };

  it.each([
    ['a regular file', join(dir, 'ten.txt'), undefined, '0123456789'],
    ['a regular file of exactly the bound', join(dir, 'ten.txt'), 10, '0123456789'],
    ['a regular file over the bound', join(dir, 'ten.txt'), 9, 'refused: larger than 9 bytes (10)'],
    ['a named pipe, without waiting for a writer', pipe, undefined, 'refused: not a regular file'],
    ['a device that never ends', '/dev/zero', undefined, 'refused: not a regular file'],
    ['a directory', dir, undefined, 'refused: not a regular file'],
    ['nothing', join(dir, 'gone'), undefined, 'refused: does not exist'],
  ])('reads %s', (_what, path, maxBytes, expected) => {
    expect(read(path, maxBytes)).toBe(expected);
  });
});

// The policy file said `cannot read the policy file (ENOENT)`, the baseline `cannot read the
// baseline x: ENOENT`: the system's code, where a person reads the message (session 25).
describe('unreadableReason', () => {
  const systemError = (code: string) => Object.assign(new Error(`${code}: x`), { code });
  it.each([
    ['nothing there', systemError('ENOENT'), 'does not exist'],
    ['a file on the way', systemError('ENOTDIR'), 'a part of its path is not a directory'],
    ['no permission', systemError('EACCES'), 'permission denied'],
    ['an operation not permitted', systemError('EPERM'), 'permission denied'],
    ['a directory', systemError('EISDIR'), 'is a directory'],
    ['a symlink loop', systemError('ELOOP'), 'its symbolic links loop'],
    ['a code without words, kept', systemError('EIO'), 'EIO'],
    ['a code named like a property of every object', systemError('constructor'), 'constructor'],
    ['a refusal, by its message', new Error('not a regular file'), 'not a regular file'],
    ['what is thrown, not an error', 'gone', 'gone'],
  ])('says %s', (_what, error, reason) => {
    expect(unreadableReason(error)).toBe(reason);
  });
});

describe('decodeText', () => {
  const text = 'aws s3 cp x s3://acme-releases/ é\r\n';
  it.each([
    ['UTF-8', Buffer.from(text, 'utf8')],
    [
      'UTF-8 with a byte-order mark',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
    ],
    [
      'UTF-16LE with a byte-order mark',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    ],
    [
      'UTF-16BE with a byte-order mark',
      Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]),
    ],
  ])('reads %s as the text, without the mark', (_encoding, bytes) => {
    expect(decodeText(bytes)).toBe(text);
  });
});
