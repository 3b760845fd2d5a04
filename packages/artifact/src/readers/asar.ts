import { createReadStream, lstatSync, realpathSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { formatBytes, jsonRefusal, printable, resolvesInside } from '@posture/model';
import { ArtifactBoundError, ArtifactReadError, type ArtifactLimits } from '../limits.js';
import { ByteStream } from './byte-stream.js';
import type { EntryVisitor, RawEntry } from './entry.js';

/**
 * Electron's asar archive: a Chromium pickle holding the header's length, a pickle holding the
 * header (JSON: the file tree, each file with its `size` and its `offset` into the data), then the
 * files' bytes. Files marked `unpacked` live beside it in `app.asar.unpacked/`. Read as a stream,
 * so that an asar inside a zip or tarball is read as that archive's entry streams past: the header
 * is parsed, then each file's bytes are passed on in the order they lie.
 */

const MiB = 1024 * 1024;
/** The header is read whole; the largest Electron apps' run to a few megabytes. */
const MAX_HEADER_BYTES = 64 * MiB;
/**
 * @electron/asar 4 stores files with the same content once, each entry naming the same bytes: a
 * stream passes them once, so they are held in memory while each such entry is read.
 */
const MAX_SHARED_BYTES = 32 * MiB;

/** Whether a file's first bytes are an asar's: a pickle of the header's length, then the header's. */
export function isAsarHead(head: Buffer, read: number): boolean {
  return (
    read >= 17 &&
    head.readUInt32LE(0) === 4 &&
    head.readUInt32LE(8) + 4 === head.readUInt32LE(4) &&
    head[16] === 0x7b
  );
}

/** An asar inside an artifact is opened by its name, as Electron's `fs` does. */
export function isAsarName(path: string): boolean {
  return /\.asar$/i.test(path);
}

/** Where the files an asar keeps outside itself are, when it is read from disk. */
export interface Unpacked {
  /** `app.asar.unpacked`, beside the archive. */
  readonly dir: string;
  /** The scan root: nothing outside it is read. */
  readonly root: string;
}

interface Packed {
  readonly name: string;
  readonly size: number;
  readonly offset: number;
}

interface Listing {
  /** Directories and symbolic links. */
  readonly others: RawEntry[];
  readonly unpacked: { readonly name: string; readonly size: number }[];
  readonly packed: Packed[];
}

/**
 * Reads an asar from its bytes, visiting every entry the header lists. Names are the header's
 * keys joined with `/`; a key that is not a plain name (`..`, a separator) is refused. Without
 * `unpacked` (an asar inside another archive), unpacked files are not visited: that archive holds
 * them beside the asar, as entries of its own.
 */
export async function readAsar(
  data: AsyncIterable<Buffer>,
  limits: ArtifactLimits,
  visit: EntryVisitor,
  unpacked?: Unpacked,
): Promise<void> {
  const stream = new ByteStream(data);
  stream.truncated = 'the asar ends inside its header: it is truncated';
  const listing = listEntries(await readHeader(stream), limits);
  for (const entry of listing.others) await visit(entry);
  if (unpacked) for (const file of listing.unpacked) await visitUnpacked(file, unpacked, visit);
  stream.truncated = 'the asar ends inside a file: it is truncated';
  await readPacked(stream, listing.packed, visit);
}

async function readHeader(stream: ByteStream): Promise<unknown> {
  const size = await stream.take(8);
  if (size.readUInt32LE(0) !== 4)
    throw new ArtifactReadError(
      'it is not an asar archive: it does not start with the length of a header',
    );
  const length = size.readUInt32LE(4);
  if (length > MAX_HEADER_BYTES)
    throw new ArtifactReadError(
      `its asar header declares ${formatBytes(length)}, more than the bound of ${formatBytes(MAX_HEADER_BYTES)}`,
    );
  const pickle = await stream.take(length);
  const text = length >= 8 ? pickle.readInt32LE(4) : -1;
  if (text < 0 || 8 + text > length) throw corrupt('its JSON does not fit the header');
  const json = pickle.toString('utf8', 8, 8 + text);
  try {
    return JSON.parse(json);
  } catch (error) {
    const { line, column, message } = jsonRefusal(json, error);
    throw corrupt(`its JSON breaks at line ${line}, column ${column}: ${message}`);
  }
}

/** The header's file tree, walked breadth first without recursion: a crafted one may be deep. */
function listEntries(header: unknown, limits: ArtifactLimits): Listing {
  const listing: Listing = { others: [], unpacked: [], packed: [] };
  const dirs: [string, unknown][] = [['', header]];
  let count = 0;
  for (let i = 0; i < dirs.length; i++) {
    const [dir, node] = dirs[i] as [string, unknown];
    const files = isRecord(node) && isRecord(node.files) ? node.files : undefined;
    if (!files)
      throw corrupt(dir === '' ? 'it has no file tree' : `${printable(dir)} lists no files`);
    for (const [key, child] of Object.entries(files)) {
      if (++count > limits.maxEntries)
        throw new ArtifactBoundError(
          `its asar header lists more than ${limits.maxEntries} entries (the bound); none was read`,
        );
      if (key === '' || key === '.' || key === '..' || /[\\/]/.test(key))
        throw corrupt(`an entry's name is not a plain name: "${printable(key)}"`);
      const name = dir === '' ? key : `${dir}/${key}`;
      if (!isRecord(child)) throw corrupt(`${printable(name)} is not an entry`);
      if ('files' in child) {
        listing.others.push({ name, kind: 'directory', size: 0 });
        dirs.push([name, child]);
      } else if (typeof child.link === 'string') {
        listing.others.push({
          name,
          kind: 'symlink',
          size: 0,
          linkTarget: fromFolder(name, child.link),
        });
      } else {
        const size = wholeNumber(child.size);
        if (size === undefined) throw corrupt(`${printable(name)} has no size`);
        if (child.unpacked === true) listing.unpacked.push({ name, size });
        else {
          // Written as a string, so that offsets past 2^53 survive JSON.
          const offset = wholeNumber(
            typeof child.offset === 'string' && /^\d+$/.test(child.offset)
              ? Number(child.offset)
              : child.offset,
          );
          if (offset === undefined) throw corrupt(`${printable(name)} has no offset`);
          listing.packed.push({ name, size, offset });
        }
      }
    }
  }
  return listing;
}

/**
 * Each file's bytes, in the order they lie. Files of the same content share their bytes; any
 * other overlap is refused: no asar writer makes one.
 */
async function readPacked(
  stream: ByteStream,
  packed: Packed[],
  visit: EntryVisitor,
): Promise<void> {
  const start = stream.position;
  const sorted = [...packed].sort((a, b) => a.offset - b.offset || a.size - b.size);
  let end = 0;
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i] as Packed;
    let next = i + 1;
    while (sorted[next]?.offset === first.offset && sorted[next]?.size === first.size) next++;
    const group = sorted.slice(i, next);
    i = next;
    if (first.size === 0) {
      for (const file of group)
        await visit({ name: file.name, kind: 'file', size: 0, content: bytes() });
      continue;
    }
    if (first.offset < end)
      throw corrupt(`the bytes of ${printable(first.name)} overlap another file's`);
    end = first.offset + first.size;
    await stream.skipTo(start + first.offset);
    if (group.length === 1) {
      await visit({
        name: first.name,
        kind: 'file',
        size: first.size,
        content: stream.stretch(first.size),
      });
      await stream.skipTo(start + end);
      continue;
    }
    if (first.size > MAX_SHARED_BYTES)
      throw new ArtifactReadError(
        `${group.length} of its files (${printable(first.name)} the first) share ${formatBytes(first.size)} of content, more than the ${formatBytes(MAX_SHARED_BYTES)} held to read each`,
      );
    const shared = await stream.take(first.size);
    for (const file of group)
      await visit({ name: file.name, kind: 'file', size: file.size, content: bytes(shared) });
  }
}

/** A file kept beside the asar, read from disk: a regular file inside the scan root only. */
async function visitUnpacked(
  file: { readonly name: string; readonly size: number },
  unpacked: Unpacked,
  visit: EntryVisitor,
): Promise<void> {
  const path = join(unpacked.dir, ...file.name.split('/'));
  const shown = printable(`${basename(unpacked.dir)}/${file.name}`);
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    throw new ArtifactReadError(
      `${printable(file.name)} is kept unpacked, but ${shown} is not beside the archive, so its content could not be checked`,
      file.name,
    );
  }
  if (!stats.isFile() || !resolvesInside(realpathSync.native(unpacked.root), path))
    throw new ArtifactReadError(`${shown} is not a regular file inside the scan root`, file.name);
  await visit({
    name: file.name,
    kind: 'file',
    size: stats.size,
    file: path,
    content: createReadStream(path),
  });
}

/**
 * A link's target as the asar writes it (from the archive's root, as Electron resolves it), made
 * relative to the link's own folder, as a tar's or zip's link is read. An absolute one stays so.
 */
function fromFolder(name: string, target: string): string {
  if (/^(?:[\\/]|[A-Za-z]:)/.test(target)) return target;
  return '../'.repeat(name.split('/').length - 1) + target;
}

function wholeNumber(value: unknown): number | undefined {
  return Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function* bytes(...buffers: Buffer[]): AsyncGenerator<Buffer> {
  yield* buffers;
}

function corrupt(detail: string): ArtifactReadError {
  return new ArtifactReadError(`the asar header is corrupt (${detail})`);
}
