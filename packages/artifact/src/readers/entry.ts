import type { EntryKind } from '@posture/model';

/** One entry as a reader sees it, before any check: the name is the archive's, unvalidated. */
export interface RawEntry {
  readonly name: string;
  readonly kind: EntryKind;
  /** Declared uncompressed size; content is checked against the limits as it streams too. */
  readonly size: number;
  readonly linkTarget?: string;
  /** The file on disk, when a package directory is read. */
  readonly file?: string;
  /** The content of a file entry, to be read once, in full, before the visitor returns. */
  readonly content?: AsyncIterable<Buffer>;
}

/** Called once per entry, in archive order; the reader waits for it before reading on. */
export type EntryVisitor = (entry: RawEntry) => Promise<void>;
