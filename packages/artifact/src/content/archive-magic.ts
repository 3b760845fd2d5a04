/**
 * Archives and compressed streams by their first bytes, whatever the file is named: a tarball
 * renamed `payload.dat` ships the same sources as `src.tgz`. Whole signatures, not a byte or two,
 * so that text never passes for one. Brotli has no signature: it is known by name only.
 */
const SIGNATURES: readonly (readonly [string, (head: Buffer) => boolean])[] = [
  ['gzip', (h) => at(h, 0, '1f8b08')],
  // `BZh`, the block size `1`–`9`, then the magic of a first block or of an empty stream's end.
  [
    'bzip2',
    (h) =>
      at(h, 0, '425a68') &&
      (h[3] ?? 0) >= 0x31 &&
      (h[3] ?? 0) <= 0x39 &&
      (at(h, 4, '314159265359') || at(h, 4, '177245385090')),
  ],
  ['xz', (h) => at(h, 0, 'fd377a585a00')],
  ['zstd', (h) => at(h, 0, '28b52ffd')],
  // A local file header, or the end record of an empty zip, or a spanned zip's marker.
  ['zip', (h) => at(h, 0, '504b0304') || at(h, 0, '504b0506') || at(h, 0, '504b0708')],
  ['7z', (h) => at(h, 0, '377abcaf271c')],
  ['rar', (h) => at(h, 0, '526172211a07')],
  // POSIX and GNU tar write `ustar` at offset 257 of the first header.
  ['tar', (h) => at(h, 257, '7573746172')],
];

function at(head: Buffer, offset: number, hex: string): boolean {
  const bytes = Buffer.from(hex, 'hex');
  return head.subarray(offset, offset + bytes.length).equals(bytes);
}

/** Bytes that decide: up to the end of tar's `ustar`. */
const HEAD = 262;

/** The first bytes of a file as they stream past, and the archive format they show, if any. */
export class ArchiveMagic {
  private head = Buffer.alloc(0);

  push(chunk: Buffer): void {
    if (this.head.length < HEAD)
      this.head = Buffer.concat([this.head, chunk.subarray(0, HEAD - this.head.length)]);
  }

  /** At the end of the file (or once `HEAD` bytes are in): the format, if an archive. */
  format(): string | undefined {
    return archiveFormat(this.head);
  }
}

/** The archive format a file's first bytes show, if any. */
export function archiveFormat(head: Buffer): string | undefined {
  return SIGNATURES.find(([, matches]) => matches(head))?.[0];
}
