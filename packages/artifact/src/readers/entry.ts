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

/**
 * An entry's content as a visitor is handed it, and whether the visitor read it to its end: what
 * it left, the reader finishes with its own way (a tar's parser reads on only past the whole
 * entry, so the rest is read; a zip's entries are read from where each lies, so it is let go).
 */
export function watchedContent(stream: AsyncIterable<Buffer>): {
  readonly content: AsyncIterable<Buffer>;
  readonly readToEnd: () => boolean;
} {
  let ended = false;
  // Read through its iterator, not `for await`: a visitor that stops early would end the stream
  // with it, and a tar's parser would then fail on the rest of the entry instead of reading it.
  const iterator = stream[Symbol.asyncIterator]();
  const content = (async function* () {
    for (let next = await iterator.next(); !next.done; next = await iterator.next())
      yield next.value;
    ended = true;
  })();
  return { content, readToEnd: () => ended };
}
