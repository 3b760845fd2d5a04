import { Transform, pipeline, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tar from 'tar-stream';
import { formatBytes, type EntryKind } from '@posture/model';
import {
  ArtifactBoundError,
  ArtifactReadError,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import { watchedContent, type EntryVisitor } from './entry.js';
import type { FileDigest } from './file-digest.js';

const KINDS: Readonly<Record<string, EntryKind>> = {
  file: 'file',
  'contiguous-file': 'file',
  directory: 'directory',
  symlink: 'symlink',
  link: 'hardlink',
  'character-device': 'device',
  'block-device': 'device',
  fifo: 'fifo',
};

/** tar-stream's own types leave out this option of its parser. */
type ExtractOptions = NonNullable<Parameters<typeof tar.extract>[0]> & {
  readonly allowUnknownFormat?: boolean;
};
/**
 * A header without the magic of POSIX or GNU tar is read as an old (v7) one, as it is by the archive
 * magic of a file inside a package; its checksum is still checked.
 */
const EXTRACT_OPTIONS: ExtractOptions = { allowUnknownFormat: true };

/**
 * Streams a tar (gzipped or not; POSIX, GNU or v7) entry by entry: the file, gunzip and tar parser are one pipeline,
 * so memory stays at a few buffers however large the archive. Compressed and uncompressed bytes are
 * counted on the way, so a gzip bomb stops at the ratio or total bound instead of filling memory.
 * The file is read through `file`, which hashes it as it goes.
 */
export async function readTar(
  file: FileDigest,
  gzipped: boolean,
  limits: ArtifactLimits,
  visit: EntryVisitor,
): Promise<void> {
  const compressed = new ByteMeter();
  const uncompressed = new ByteMeter((total) => {
    if (total > limits.maxTotalBytes)
      return `it unpacks to more than ${formatBytes(limits.maxTotalBytes)} (the total bound)`;
    const ratio = gzipped ? bombRatio(total, compressed.total, limits) : undefined;
    if (ratio !== undefined)
      return `it unpacks to over ${ratio}× its compressed size (bound ${limits.maxRatio}×): a decompression bomb`;
    return undefined;
  });
  const extract = tar.extract(EXTRACT_OPTIONS);
  const stages = gzipped
    ? [file.stream(), compressed, createGunzip(), uncompressed]
    : [file.stream(), compressed, uncompressed];
  const finished = new Promise<Error | null>((resolve) => {
    pipeline([...stages, extract], resolve);
  });
  try {
    for await (const entry of extract) {
      const { header } = entry;
      const { content, readToEnd } = watchedContent(entry as AsyncIterable<Buffer>);
      await visit({
        name: header.name,
        kind: KINDS[header.type ?? 'file'] ?? 'other',
        size: header.size ?? 0,
        ...(header.linkname ? { linkTarget: header.linkname } : {}),
        ...(header.type === 'file' || header.type === 'contiguous-file' ? { content } : {}),
      });
      // The parser reads on only once this entry's data is consumed.
      if (!readToEnd()) for await (const chunk of entry as AsyncIterable<Buffer>) void chunk;
    }
  } catch (error) {
    extract.destroy();
    throw readError(error);
  }
  const failure = await finished;
  if (failure) throw readError(failure);
}

/** Counts bytes passing through; `check` may stop the stream with a reason. */
class ByteMeter extends Transform {
  total = 0;

  constructor(private readonly check?: (total: number) => string | undefined) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.total += chunk.length;
    const problem = this.check?.(this.total);
    callback(problem === undefined ? null : new ArtifactBoundError(problem), chunk);
  }
}

/** Library errors worded for the person whose gate failed. */
function readError(error: unknown): ArtifactReadError {
  if (error instanceof ArtifactReadError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'Z_BUF_ERROR' || /unexpected end of file/i.test(message))
    return new ArtifactReadError('the gzip stream ends early: the tarball is truncated');
  if (code === 'Z_DATA_ERROR' || code === 'Z_NEED_DICT')
    return new ArtifactReadError(`the gzip stream is corrupt (${message})`);
  if (/unexpected end of data/i.test(message))
    return new ArtifactReadError('the tar stream ends inside an entry: the tarball is truncated');
  if (/invalid tar header/i.test(message))
    return new ArtifactReadError(`a tar header is corrupt (${message})`);
  // tar-stream's word for a size below 0 or not a number; -1 it reads as 0, as node-tar does.
  if (message === 'Invalid header')
    return new ArtifactReadError('a tar header is corrupt (its size is negative or not a number)');
  // tar-stream refuses a long-name or PAX header (all of which it holds in memory) over 4 MiB.
  if (message === 'Header exceeds max size')
    return new ArtifactReadError('a tar header is corrupt (a long-name or PAX header over 4 MiB)');
  return new ArtifactReadError(message);
}
