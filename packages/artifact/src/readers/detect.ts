import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isV7TarHeader } from '../content/archive-magic.js';
import { ArtifactReadError } from '../limits.js';
import { isAsarHead } from './asar.js';

export type Container = 'directory' | 'gzip' | 'tar' | 'zip' | 'asar';

/**
 * What a path holds, by its first bytes (never its name): a gzip, a zip, a plain tar (POSIX or GNU by
 * its magic, an old v7 one by its first header's checksum), an Electron asar, a directory. A named
 * pipe or a device is none: reading it may never end.
 */
export function detectContainer(path: string): Container {
  const stats = statSync(path);
  if (stats.isDirectory()) return 'directory';
  if (!stats.isFile()) throw new ArtifactReadError('it is neither a regular file nor a directory');
  const head = Buffer.alloc(512);
  const fd = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (read >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (read >= 4 && head.toString('latin1', 0, 2) === 'PK') return 'zip';
  if (read >= 262 && head.toString('latin1', 257, 262) === 'ustar') return 'tar';
  if (isV7TarHeader(head.subarray(0, read))) return 'tar';
  if (isAsarHead(head, read)) return 'asar';
  throw new ArtifactReadError(
    read === 0
      ? 'the file is empty'
      : 'it is neither a gzipped tarball, a tar, a zip, an asar nor a directory',
  );
}
