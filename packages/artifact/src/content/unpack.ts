import { once } from 'node:events';
import { formatBytes, type ShippedType } from '@posture/model';
import {
  brotliDecompressSync,
  createBrotliDecompress,
  createGunzip,
  gunzipSync,
  type ZlibOptions,
} from 'node:zlib';
import {
  ArtifactBoundError,
  ArtifactReadError,
  bombRatio,
  type ArtifactLimits,
} from '../limits.js';
import {
  bareCompression,
  compressionByName,
  isMap,
  shippedType,
  type Compression,
} from '../shipped-type.js';
import { peek } from '../readers/byte-stream.js';
import { archiveFormat, MAGIC_HEAD } from './archive-magic.js';
import { MAX_PARSED_LENGTH, opensAsJson, parsesAsMap } from './map-shape.js';

/**
 * How a file's bytes are unpacked to be read, and what told: its name or its first bytes. `map`:
 * it is a source map, by its name, the one its gzip header gives (`named`) or what it unpacks to.
 * `readAs`: the type its unpacked bytes are read as, where not its name's: a file named for its
 * compression alone is an unknown file, which its shape shows to be a map or not.
 */
export interface Unpacking {
  readonly compression: Compression;
  readonly by: 'name' | 'content';
  readonly map: boolean;
  readonly named?: { readonly name: string; readonly type: ShippedType };
  readonly readAs?: ShippedType;
}

/**
 * Whether a shipped file is read unpacked, and its bytes from the start: a compressed source map
 * or a precompressed web asset named so (`cli.js.map.gz`, `app.wasm.gz`, `index.js.br`); a gzip
 * stream whose header names a map whatever the file is called (`gzip cli.js.map`, renamed
 * `assets.gz`), a map though it would pass for an archive; or a map named plainly (`cli.js.map`, a
 * server's precompressed copy renamed) whose first bytes are gzip's, which would otherwise pass
 * for an archive and hide its sources. Brotli has no magic bytes: a plainly named map that is
 * neither JSON (it opens with `{`, or the `)]}'` guard) nor an archive by its first bytes is
 * brotli's when it unpacks to a map, or past the size of a map that is parsed. So is a file named
 * for its compression alone (`maps.br`, `maps.gz` with gzip's first bytes), else an archive by its
 * name that would hide a map and its sources, admitted with archives.
 */
export async function unpackingOf(
  entry: { readonly packagePath: string; readonly type: ShippedType },
  content: AsyncIterable<Buffer>,
): Promise<{ unpacking?: Unpacking; content: AsyncIterable<Buffer> }> {
  const { head, whole } = await peek(content, MAGIC_HEAD);
  const format = archiveFormat(head);
  const named = format === 'gzip' ? namedMap(head) : undefined;
  if (named)
    return { unpacking: { compression: 'gzip', by: 'content', map: true, named }, content: whole };
  const map = isMap(entry.type);
  const compression = compressionByName(entry.packagePath);
  if (compression) return { unpacking: { compression, by: 'name', map }, content: whole };
  const bare = bareCompression(entry.packagePath);
  if (bare !== undefined && format === (bare === 'gzip' ? 'gzip' : undefined))
    return mapByContent(whole, bare, 'bare');
  if (!map) return { content: whole };
  if (format === 'gzip')
    return { unpacking: { compression: 'gzip', by: 'content', map }, content: whole };
  if (format !== undefined || opensAsJson(head.toString('latin1'))) return { content: whole };
  return mapByContent(whole, 'brotli', 'map');
}

/** The map a gzip header names as the file it packed, if the name is a map's. */
function namedMap(head: Buffer): Unpacking['named'] {
  const name = gzipName(head);
  const type = name === undefined ? undefined : shippedType(name);
  return name !== undefined && type !== undefined && isMap(type) ? { name, type } : undefined;
}

/**
 * The original file name a gzip header keeps (`FNAME`, which `gzip` writes and a precompressing
 * plugin does not), within the first bytes: after the fixed ten bytes and the extra field, if any.
 */
function gzipName(head: Buffer): string | undefined {
  const flags = head[3] ?? 0;
  if ((flags & FNAME) === 0) return undefined;
  let at = 10;
  if (flags & FEXTRA) {
    if (head.length < 12) return undefined;
    at += 2 + head.readUInt16LE(10);
  }
  const end = head.indexOf(0, at);
  return end < 0 ? undefined : head.toString('latin1', at, end);
}

const FEXTRA = 0x04;
const FNAME = 0x08;

/**
 * A file as `compression`'s when its bytes, held up to the size of a map that is parsed
 * (`MAX_PARSED_LENGTH`), unpack to a map within that size; or unpack past it (a map too large to
 * parse, or a bomb), which is then judged as it streams rather than passed unread. Else it is read
 * as it is. What unpacks is unpacked again as it streams, within the entry and ratio bounds, as a
 * `.map.br` is. A plainly named `map` is one; a `bare` file (`maps.br`) is read, unpacked, as an
 * unknown file, a map by its shape or not (past the bound, a tarball it holds is not a map).
 */
async function mapByContent(
  content: AsyncIterable<Buffer>,
  compression: Compression,
  named: 'map' | 'bare',
): Promise<{ unpacking?: Unpacking; content: AsyncIterable<Buffer> }> {
  const { head: held, whole } = await peek(content, MAX_PARSED_LENGTH + 1);
  const unpacking = (map: boolean) => ({
    unpacking: {
      compression,
      by: named === 'bare' ? ('name' as const) : ('content' as const),
      map,
      ...(named === 'bare' && { readAs: 'other' as const }),
    },
    content: whole,
  });
  const unpack = compression === 'gzip' ? gunzipSync : brotliDecompressSync;
  const bound: ZlibOptions = { maxOutputLength: MAX_PARSED_LENGTH };
  let text: string;
  try {
    text = unpack(held, bound).toString('utf8');
  } catch (error) {
    // Map text unpacks to more than its packed bytes: held whole or not, it reaches the bound.
    const past = (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
    return past ? unpacking(named === 'map') : { content: whole };
  }
  return parsesAsMap(text) ? unpacking(true) : { content: whole };
}

/**
 * The bytes a compressed source map (`cli.js.map.gz`, `cli.js.map.br`) or web asset unpacks to,
 * as they stream: it is judged by them, as a plain one. Unpacked bytes are counted against the
 * entry bound and, past `RATIO_FLOOR_BYTES`, the ratio bound, so a decompression bomb named so
 * stops there, in a few buffers of memory, instead of passing or filling it. What does not unpack
 * (not the format its name says, corrupt, cut short) cannot be judged: it fails the gate too.
 */
export async function* unpacked(
  compressed: AsyncIterable<Buffer>,
  { compression, by, map }: Unpacking,
  limits: ArtifactLimits,
): AsyncGenerator<Buffer> {
  const what = map ? 'source map' : 'file';
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
          `a compressed ${what} unpacks to more than ${formatBytes(limits.maxEntryBytes)} (the entry bound)`,
        );
      const ratio = bombRatio(written, read, limits);
      if (ratio !== undefined)
        throw new ArtifactBoundError(
          `a compressed ${what} unpacks to over ${ratio}× its size (bound ${limits.maxRatio}×): a decompression bomb`,
        );
      yield chunk;
    }
  } catch (error) {
    if (error instanceof ArtifactReadError) throw error;
    throw new ArtifactReadError(
      `a ${what} ${by === 'name' ? `named as ${compression}-compressed` : `whose first bytes are ${compression}'s`} does not unpack as ${compression} (${whyNot(error, compression)}), so its content could not be checked`,
    );
  } finally {
    stream.destroy();
  }
}

/**
 * Why bytes did not unpack, in the decoder's words and in plain ones: a file named `.js.gz` that
 * is the script itself, not gzip, is told from a gzip cut short or corrupt. Brotli has no magic
 * bytes, so what is no brotli and what is corrupt brotli fail alike.
 */
function whyNot(error: unknown, compression: Compression): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'Z_BUF_ERROR') return `${message}: it is cut short`;
  if (compression === 'gzip' && /header/i.test(message))
    return `${message}: its first bytes are not gzip's, 1f 8b`;
  if (code === 'Z_DATA_ERROR') return `${message}: it is corrupt`;
  if (code.startsWith('ERR__ERROR_FORMAT')) return `${message}: it is no brotli, or corrupt`;
  return message;
}
