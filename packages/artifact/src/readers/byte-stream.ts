import { ArtifactReadError } from '../limits.js';

/**
 * A byte stream read in order: a fixed number of bytes at once (a header), or a stretch of bytes
 * passed on as it arrives (a file's content), so that only a header is ever held whole.
 */
export class ByteStream {
  private readonly source: AsyncIterator<Buffer>;
  private pending: Buffer = Buffer.alloc(0);
  /** Bytes consumed so far. */
  position = 0;
  /** What went wrong when the stream ends before a read does: worded for what is being read. */
  truncated = 'the stream ends early: it is truncated';

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** Exactly `length` bytes. */
  async take(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const part of this.stretch(length)) parts.push(part);
    return parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
  }

  /** The next `length` bytes, in the pieces they arrive in. */
  async *stretch(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      if (this.pending.length === 0) {
        const next = await this.source.next();
        if (next.done) throw new ArtifactReadError(this.truncated);
        this.pending = next.value;
      }
      const piece = this.pending.subarray(0, left);
      this.pending = this.pending.subarray(piece.length);
      this.position += piece.length;
      left -= piece.length;
      yield piece;
    }
  }

  /** Reads on to `position`, discarding what lies before it. */
  async skipTo(position: number): Promise<void> {
    for await (const piece of this.stretch(position - this.position)) void piece;
  }
}

/** The first `count` bytes of a stream (fewer when it is shorter), and the stream from its start. */
export async function peek(
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
