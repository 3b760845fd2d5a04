import { closeSync, fstatSync, openSync, read } from 'node:fs';
import { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { formatBytes, printable, type EntryKind } from '@posture/model';
import {
  ArtifactBoundError,
  ArtifactReadError,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import { watchedContent, type EntryVisitor } from './entry.js';
import type { FileDigest } from './file-digest.js';

/** How much of the zip one read takes, as a file stream's does. */
const READ_BYTES = 64 * 1024;

/** The longest symbolic-link target read from a zip entry's data. */
const MAX_LINK_TARGET = 4096;

/**
 * Reads a zip through its central directory. Every entry's declared sizes are known before a byte
 * is inflated, so a zip bomb (by count, size or ratio, overlapping entries included) is refused up
 * front; yauzl then checks each entry's real size against its declaration as it streams. `listed`
 * is told every entry's name before the first is visited: what kind of package the zip is. The
 * file is read through `file`, which hashes it as it goes.
 */
export async function readZip(
  file: FileDigest,
  limits: ArtifactLimits,
  visit: EntryVisitor,
  listed: (names: readonly string[]) => void = () => {},
): Promise<void> {
  let zip: ZipFile;
  let reader: DigestingReader | undefined;
  try {
    reader = new DigestingReader(file);
    // Names are decoded and validated here, not by yauzl, which would refuse the whole archive at
    // the first `../` instead of letting us report each bad entry.
    zip = await yauzl.fromRandomAccessReaderPromise(reader, reader.size, {
      lazyEntries: true,
      decodeStrings: false,
      validateEntrySizes: true,
      autoClose: false,
    });
  } catch (error) {
    // yauzl closes its reader only once it has opened the zip.
    reader?.closeFile();
    throw new ArtifactReadError(`not a readable zip (${(error as Error).message})`);
  }
  try {
    if (zip.entryCount > limits.maxEntries)
      throw new ArtifactBoundError(
        `it holds ${zip.entryCount} entries, more than the bound of ${limits.maxEntries}`,
      );
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    checkBomb(entries, zip.fileSize, limits);
    const names = entries.map(nameOf);
    checkOverlap(entries, names);
    listed(names);
    for (const [i, entry] of entries.entries())
      await visitEntry(zip, entry, names[i] as string, visit);
  } catch (error) {
    if (error instanceof ArtifactReadError) throw error;
    throw new ArtifactReadError(`the zip is corrupt (${(error as Error).message})`);
  } finally {
    zip.close();
  }
}

/** yauzl's reads of the zip, each passed by the digest on its way. */
class DigestingReader extends yauzl.RandomAccessReader {
  private readonly fd: number;
  readonly size: number;

  constructor(private readonly digest: FileDigest) {
    super();
    this.fd = openSync(digest.file, 'r');
    try {
      this.size = fstatSync(this.fd).size;
    } catch (error) {
      closeSync(this.fd);
      throw error;
    }
  }

  /**
   * Bytes `[start, end)`, read from the one descriptor the zip is open on: a file stream on it
   * would close it when yauzl lets go of an entry half read.
   */
  override _readStreamForRange(start: number, end: number): Readable {
    const { fd, digest } = this;
    let position = start;
    return new Readable({
      highWaterMark: READ_BYTES,
      read(size) {
        const length = Math.min(size, end - position);
        if (length <= 0) return void this.push(null);
        read(fd, Buffer.allocUnsafe(length), 0, length, position, (error, bytes, buffer) => {
          if (error) return void this.destroy(error);
          // The file ends early: yauzl says how many bytes it expected.
          if (bytes === 0) return void this.push(null);
          const chunk = buffer.subarray(0, bytes);
          digest.saw(position, chunk);
          position += bytes;
          this.push(chunk);
        });
      },
    });
  }

  override close(callback: (error: Error | null) => void): void {
    this.closeFile();
    callback(null);
  }

  closeFile(): void {
    closeSync(this.fd);
  }
}

function checkBomb(entries: readonly Entry[], fileSize: number, limits: ArtifactLimits): void {
  const total = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  const biggest = entries.reduce((max, e) => Math.max(max, e.uncompressedSize), 0);
  if (biggest > limits.maxEntryBytes)
    throw new ArtifactBoundError(
      `an entry declares ${formatBytes(biggest)}, more than the entry bound of ${formatBytes(limits.maxEntryBytes)}: a zip bomb`,
    );
  if (total > limits.maxTotalBytes)
    throw new ArtifactBoundError(
      `its entries declare ${formatBytes(total)} in all, more than the bound of ${formatBytes(limits.maxTotalBytes)}: a zip bomb`,
    );
  const ratio = bombRatio(total, fileSize, limits);
  if (ratio !== undefined)
    throw new ArtifactBoundError(
      `its entries declare ${ratio}× the size of the zip (bound ${limits.maxRatio}×): a zip bomb`,
    );
}

/** The fixed part of a local file header, which comes before its name and data. */
const LOCAL_HEADER_BYTES = 30;

/**
 * Refuses entries whose bytes overlap, as the asar reader does: every zip writer gives each entry a
 * local file of its own, and two central records naming one local file (or part of another's
 * data) show the same bytes under two names, or pack a bomb that its declared sizes understate.
 * An entry's local file holds at least its fixed header and its compressed data.
 */
function checkOverlap(entries: readonly Entry[], names: readonly string[]): void {
  const order = entries
    .map((entry, i) => ({ start: entry.relativeOffsetOfLocalHeader, entry, i }))
    .sort((a, b) => a.start - b.start);
  let end = 0;
  for (const { start, entry, i } of order) {
    if (start < end)
      throw new ArtifactReadError(
        `the zip is corrupt (the bytes of ${printable(names[i] as string)} overlap another entry's)`,
      );
    end = start + LOCAL_HEADER_BYTES + entry.compressedSize;
  }
}

function nameOf(entry: Entry): string {
  return yauzl.getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    true,
  );
}

async function visitEntry(
  zip: ZipFile,
  entry: Entry,
  name: string,
  visit: EntryVisitor,
): Promise<void> {
  const kind = kindOf(entry, name);
  if (entry.isEncrypted() && kind === 'file')
    throw new ArtifactReadError('the entry is encrypted, so its content cannot be checked', name);
  const base = { name, kind, size: entry.uncompressedSize };
  if (kind === 'symlink') {
    await visit({ ...base, linkTarget: await linkTarget(zip, entry) });
  } else if (kind === 'file') {
    const stream = await zip.openReadStreamPromise(entry);
    const { content, readToEnd } = watchedContent(stream as AsyncIterable<Buffer>);
    await visit({ ...base, content });
    if (!readToEnd()) stream.destroy();
  } else {
    await visit(base);
  }
}

/** Unix file types, from the high half of the external attributes that Unix zippers write. */
function kindOf(entry: Entry, name: string): EntryKind {
  const madeOnUnix = entry.versionMadeBy >>> 8 === 3;
  const type = madeOnUnix ? (entry.externalFileAttributes >>> 16) & 0o170000 : 0;
  switch (type) {
    case 0o120000:
      return 'symlink';
    case 0o020000:
    case 0o060000:
      return 'device';
    case 0o010000:
      return 'fifo';
    case 0o040000:
      return 'directory';
    default:
      return name.endsWith('/') ? 'directory' : 'file';
  }
}

async function linkTarget(zip: ZipFile, entry: Entry): Promise<string> {
  const stream = await zip.openReadStreamPromise(entry);
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
    if (length >= MAX_LINK_TARGET) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, MAX_LINK_TARGET).toString('utf8');
}
