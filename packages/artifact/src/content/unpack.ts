import { once } from 'node:events';
import { createBrotliDecompress, createGunzip } from 'node:zlib';
import {
  ArtifactBoundError,
  ArtifactReadError,
  formatBytes,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import type { MapCompression } from '../shipped-type.js';

/**
 * The bytes a compressed source map (`cli.js.map.gz`, `cli.js.map.br`) unpacks to, as they stream:
 * the map is judged by them, as a plain one. Unpacked bytes are counted against the entry bound
 * and, past `RATIO_FLOOR_BYTES`, the ratio bound, so a decompression bomb named as a map stops
 * there, in a few buffers of memory, instead of passing or filling it. What does not unpack (not
 * the format its name says, corrupt, cut short) cannot be judged: it fails the gate too.
 */
export async function* unpacked(
  compressed: AsyncIterable<Buffer>,
  compression: MapCompression,
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
      `a source map named as ${compression}-compressed does not unpack as ${compression} (${message}), so its content could not be checked`,
    );
  } finally {
    stream.destroy();
  }
}
