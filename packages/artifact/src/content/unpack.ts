import { once } from 'node:events';
import type { ShippedType } from '@posture/model';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import {
  ArtifactBoundError,
  ArtifactReadError,
  formatBytes,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import { isMap, mapCompression, type MapCompression } from '../shipped-type.js';
import { archiveFormat } from './archive-magic.js';

/** How a source map's bytes are unpacked to be read, and what told: its name or its first bytes. */
export interface MapUnpacking {
  readonly compression: MapCompression;
  readonly by: 'name' | 'content';
}

/** Bytes that show gzip: its magic and method. */
const GZIP_HEAD = 3;

/**
 * Whether a shipped file is a compressed source map, and its bytes from the start: one named as
 * compressed (`cli.js.map.gz`, `cli.js.map.br`), or a map named plainly (`cli.js.map`, a server's
 * precompressed copy renamed) whose first bytes are gzip's, which would otherwise pass for an
 * archive and hide its sources. Brotli has no magic bytes: a plainly named one is read as it is.
 */
export async function mapUnpacking(
  entry: { readonly packagePath: string; readonly type: ShippedType },
  content: AsyncIterable<Buffer>,
): Promise<{ unpacking?: MapUnpacking; content: AsyncIterable<Buffer> }> {
  const named = mapCompression(entry.packagePath);
  if (named) return { unpacking: { compression: named, by: 'name' }, content };
  if (!isMap(entry.type)) return { content };
  const { head, whole } = await peek(content, GZIP_HEAD);
  return archiveFormat(head) === 'gzip'
    ? { unpacking: { compression: 'gzip', by: 'content' }, content: whole }
    : { content: whole };
}

/** The first `count` bytes of a stream (fewer when it is shorter), and the stream from its start. */
async function peek(
  stream: AsyncIterable<Buffer>,
  count: number,
): Promise<{ head: Buffer; whole: AsyncIterable<Buffer> }> {
  const iterator = stream[Symbol.asyncIterator]();
  const seen: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < count && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else {
      seen.push(next.value);
      length += next.value.length;
    }
  }
  async function* whole(): AsyncGenerator<Buffer> {
    yield* seen;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
  }
  return { head: Buffer.concat(seen).subarray(0, count), whole: whole() };
}

/**
 * The bytes a compressed source map (`cli.js.map.gz`, `cli.js.map.br`) unpacks to, as they stream:
 * the map is judged by them, as a plain one. Unpacked bytes are counted against the entry bound
 * and, past `RATIO_FLOOR_BYTES`, the ratio bound, so a decompression bomb named as a map stops
 * there, in a few buffers of memory, instead of passing or filling it. What does not unpack (not
 * the format its name says, corrupt, cut short) cannot be judged: it fails the gate too.
 */
export async function* unpacked(
  compressed: AsyncIterable<Buffer>,
  { compression, by }: MapUnpacking,
  limits: ArtifactLimits,
): AsyncGenerator<Buffer> {
  const stream = compression === 'gzip' ? createGunzip() : createBrotliDecompress();
  let read = 0;
  let written = 0;
  const writing = (async () => {
    for await (const chunk of compressed) {
      read += chunk.length;
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
  })();
  // An error reading the entry (a bound of the artifact, a truncated tarball) ends the unpacking.
  writing.catch((error: unknown) => stream.destroy(error as Error));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      written += chunk.length;
      if (written > limits.maxEntryBytes)
        throw new ArtifactBoundError(
          `a compressed source map unpacks to more than ${formatBytes(limits.maxEntryBytes)} (the entry bound)`,
        );
      const ratio = bombRatio(written, read, limits);
      if (ratio !== undefined)
        throw new ArtifactBoundError(
          `a compressed source map unpacks to over ${ratio}× its size (bound ${limits.maxRatio}×): a decompression bomb`,
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ArtifactReadError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new ArtifactReadError(
      `a source map ${by === 'name' ? `named as ${compression}-compressed` : `whose first bytes are ${compression}'s`} does not unpack as ${compression} (${message}), so its content could not be checked`,
    );
  } finally {
    stream.destroy();
  }
}
