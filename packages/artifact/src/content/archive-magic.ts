import { isAsarHead } from '../readers/asar.js';

/**
 * Archives and compressed streams by their first bytes, whatever the file is named: a tarball
 * renamed `payload.dat` ships the same sources as `src.tgz`. Whole signatures, not a byte or two,
 * so that text never passes for one. Brotli has no signature: it is known by name only.
 */
const SIGNATURES: readonly (readonly [string, (head: Buffer) => boolean])[] = [
  ['gzip', (h) => at(h, 0, '1f8b08')],
  ['bzip2', (h) => at(h, 0, '425a') && isBzip2Body(h, 2)],
  ['xz', (h) => at(h, 0, 'fd377a585a00')],
  ['zstd', (h) => at(h, 0, '28b52ffd')],
  // A local file header, or the end record of an empty zip, or a spanned zip's marker.
  ['zip', (h) => at(h, 0, '504b0304') || at(h, 0, '504b0506') || at(h, 0, '504b0708')],
  ['7z', (h) => at(h, 0, '377abcaf271c')],
  ['rar', (h) => at(h, 0, '526172211a07')],
  // POSIX and GNU tar write `ustar` at offset 257 of the first header; an old (v7) tar has no magic,
  // only its header's checksum.
  ['tar', (h) => at(h, 257, '7573746172') || isV7TarHeader(h)],
  // An Electron asar: the pickled length of its header, then the header's JSON, `{"files"`.
  ['asar', (h) => isAsarHead(h, h.length) && at(h, 16, '7b2266696c657322')],
];

/**
 * A bzip2 stream from after its `BZ`: `h`, the block size `1`–`9`, then the magic of a first block
 * or of an empty stream's end.
 */
function isBzip2Body(h: Buffer, offset: number): boolean {
  const size = h[offset + 1] ?? 0;
  return (
    at(h, offset, '68') &&
    size >= 0x31 &&
    size <= 0x39 &&
    (at(h, offset + 2, '314159265359') || at(h, offset + 2, '177245385090'))
  );
}

function at(head: Buffer, offset: number, hex: string): boolean {
  const bytes = Buffer.from(hex, 'hex');
  return head.subarray(offset, offset + bytes.length).equals(bytes);
}

/**
 * Whether a block is the first header of a tar without magic, as v7 tar wrote it: a name, then
 * numbers in octal (mode, owner, group, size, time), a checksum that is the sum of the block's
 * bytes (the checksum's own counted as blanks) and a v7 entry type. A text or binary file meets
 * all of these by chance practically never.
 */
export function isV7TarHeader(h: Buffer): boolean {
  if (h.length < TAR_BLOCK || h[0] === 0) return false;
  const numbers = V7_NUMBERS.map(([offset, length]) => octal(h.subarray(offset, offset + length)));
  if (numbers.some((n) => n === undefined)) return false;
  const type = h[156] ?? -1;
  if (type !== 0 && (type < 0x30 || type > 0x37)) return false;
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < TAR_BLOCK; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (h[i] ?? 0);
    unsigned += byte;
    signed += byte < 0x80 ? byte : byte - 0x100;
  }
  const checksum = numbers.at(-1);
  return checksum === unsigned || checksum === signed;
}

const TAR_BLOCK = 512;
/** Where a v7 header's numbers are: mode, owner, group, size, time, and last the checksum. */
const V7_NUMBERS: readonly (readonly [number, number])[] = [
  [100, 8],
  [108, 8],
  [116, 8],
  [124, 12],
  [136, 12],
  [148, 8],
];

/** A tar number: octal digits, blanks before them, a NUL or blank after (then NULs or blanks). */
function octal(field: Buffer): number | undefined {
  const match = /^ *([0-7]+)[\0 ][\0 ]*$/.exec(field.toString('latin1'));
  return match?.[1] === undefined ? undefined : parseInt(match[1], 8);
}

/**
 * A repository packed in one file, which ships its history as a `.git` or `.hg` folder does: a git
 * bundle (`git bundle create`) or a packfile (`.git/objects/pack/*.pack`, copied out), a Mercurial
 * bundle (`hg bundle`, `hg strip`'s backups) or stream clone bundle, whatever its name.
 */
const VERSION_CONTROL: readonly (readonly [string, (head: Buffer) => boolean])[] = [
  ['git bundle', (h) => /^# v[23] git bundle\n/.test(h.subarray(0, 17).toString('latin1'))],
  ['git packfile', (h) => at(h, 0, '5041434b00000002') || at(h, 0, '5041434b00000003')],
  ['Mercurial bundle', (h) => isHgBundle1(h) || isHgBundle2(h)],
  // `HGS1`, uncompressed, then the file count as 64 bits: never 2^56 files or more.
  ['Mercurial stream bundle', (h) => at(h, 0, '48475331554e00')],
];

/**
 * A changegroup bundle of version 1: `HG10`, its compression, then what that compression opens
 * with: a chunk's 32-bit length (its first byte 0) uncompressed, a zlib header for `GZ`, and for
 * `BZ` bzip2's block size and the magic of its first block or of an empty stream's end (Mercurial
 * drops bzip2's own `BZ`).
 */
function isHgBundle1(h: Buffer): boolean {
  if (!at(h, 0, '48473130')) return false;
  const compression = h.toString('latin1', 4, 6);
  if (compression === 'UN') return h[6] === 0;
  if (compression === 'GZ')
    return h[7] !== undefined && h[6] === 0x78 && h.readUInt16BE(6) % 31 === 0;
  return compression === 'BZ' && isBzip2Body(h, 6);
}

/**
 * A bundle of version 2 (`HG20`, or `HG2Y` as an experimental Mercurial wrote it): the magic, the
 * 32-bit length of its parameters (a few bytes: its first two are 0, which no text has), then the
 * parameters themselves, printable (`Compression=BZ`).
 */
function isHgBundle2(h: Buffer): boolean {
  if (!at(h, 0, '48473230') && !at(h, 0, '48473259')) return false;
  if (h.length < 8 || h[4] !== 0 || h[5] !== 0) return false;
  const params = h.subarray(8, 8 + h.readUInt16BE(6));
  return params.every((byte) => byte >= 0x20 && byte < 0x7f);
}

/** The version control format a file's first bytes show, if any. */
export function versionControlFormat(head: Buffer): string | undefined {
  return VERSION_CONTROL.find(([, matches]) => matches(head))?.[0];
}

/** Bytes that decide: a whole tar header block. */
export const MAGIC_HEAD = TAR_BLOCK;

/** The first bytes of a file as they stream past, and the archive format they show, if any. */
export class ArchiveMagic {
  private head = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.head.length < MAGIC_HEAD)
      this.head = Buffer.concat([this.head, chunk.subarray(0, MAGIC_HEAD - this.head.length)]);
  }

  /** At the end of the file (or once `MAGIC_HEAD` bytes are in): the format, if an archive. */
  format(): string | undefined {
    return archiveFormat(this.head);
  }

  /** The version control format, if a repository packed in one file. */
  versionControl(): string | undefined {
    return versionControlFormat(this.head);
  }
}

/** The archive format a file's first bytes show, if any. */
export function archiveFormat(head: Buffer): string | undefined {
  return SIGNATURES.find(([, matches]) => matches(head))?.[0];
}
