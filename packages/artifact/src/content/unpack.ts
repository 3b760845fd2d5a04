import { once } from 'node:events';
import { formatBytes, type ShippedType } from '@posture/model';
import { brotliDecompressSync, createBrotliDecompress, createGunzip } from 'node:zlib';
import {
  ArtifactBoundError,
  ArtifactReadError,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import { isMap, mapCompression, type MapCompression } from '../shipped-type.js';
import { peek } from '../readers/byte-stream.js';
import { archiveFormat, MAGIC_HEAD } from './archive-magic.js';
import { MAX_PARSED_LENGTH, opensAsJson, parsesAsMap } from './map-shape.js';

/** How a source map's bytes are unpacked to be read, and what told: its name or its first bytes. */
export interface MapUnpacking {
  readonly compression: MapCompression;
  readonly by: 'name' | 'content';
}

/**
 * Whether a shipped file is a compressed source map, and its bytes from the start: one named as
 * compressed (`cli.js.map.gz`, `cli.js.map.br`), or a map named plainly (`cli.js.map`, a server's
 * precompressed copy renamed) whose first bytes are gzip's, which would otherwise pass for an
 * archive and hide its sources. Brotli has no magic bytes: a plainly named map that is neither
 * JSON (it opens with `{`, or the `)]}'` guard) nor an archive by its first bytes is brotli's when it unpacks to a map,
 * or past the size of a map that is parsed.
 */
export async function mapUnpacking(
  entry: { readonly packagePath: string; readonly type: ShippedType },
  content: AsyncIterable<Buffer>,
): Promise<{ unpacking?: MapUnpacking; content: AsyncIterable<Buffer> }> {
  const named = mapCompression(entry.packagePath);
  if (named) return { unpacking: { compression: named, by: 'name' }, content };
  if (!isMap(entry.type)) return { content };
  const { head, whole } = await peek(content, MAGIC_HEAD);
  const format = archiveFormat(head);
  if (format === 'gzip')
    return { unpacking: { compression: 'gzip', by: 'content' }, content: whole };
  if (format !== undefined || opensAsJson(head.toString('latin1'))) return { content: whole };
  return brotliByContent(whole);
}

/**
 * A plainly named map as brotli's when its bytes, held up to the size of a map that is parsed
 * (`MAX_PARSED_LENGTH`), unpack to a map within that size; or unpack, as brotli, past it (a map too
 * large to parse, or a bomb), which is then judged as it streams rather than passed unread. Else
 * it is read as it is. Brotli's is unpacked again as it streams, within the entry and ratio bounds,
 * as a `.map.br` is.
 */
async function brotliByContent(
  content: AsyncIterable<Buffer>,
): Promise<{ unpacking?: MapUnpacking; content: AsyncIterable<Buffer> }> {
  const { head: held, whole } = await peek(content, MAX_PARSED_LENGTH + 1);
  const brotli = { unpacking: { compression: 'brotli', by: 'content' } as const, content: whole };
  let text: string;
  try {
    text = brotliDecompressSync(held, { maxOutputLength: MAX_PARSED_LENGTH }).toString('utf8');
  } catch (error) {
    // Map text unpacks to more than its packed bytes: held whole or not, it reaches the bound.
    const past = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return past ? brotli : { content: whole };
  }
  return parsesAsMap(text) ? brotli : { content: whole };
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
