import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * The longest stretch a reader skips that is read here to keep the hash going: a zip's local
 * headers and data descriptors, which yauzl passes over. A longer one (a zip's end, read first)
 * is left to `finish`.
 */
const MAX_GAP = 64 * 1024;

/**
 * An archive's SHA-256, taken from the bytes its reader reads, as they pass: the evidence of
 * exactly which bytes were checked, without reading the archive a second time. The hash runs
 * over a prefix that grows while reads continue it; what no read reached in order (an archive
 * left unread past an error, a zip's central directory) is read once, at the end.
 */
export class FileDigest {
  private readonly hash = createHash('sha256');
  /** Bytes `[0, hashed)` are hashed. */
  private hashed = 0;
  /** Bytes read here rather than by the reader: what the single pass saves is counted by it. */
  readAgain = 0;

  constructor(readonly file: string) {}

  /** The reader read `chunk` at `position`: hashed as far as it continues the prefix. */
  saw(position: number, chunk: Buffer): void {
    if (position > this.hashed && position - this.hashed <= MAX_GAP) this.fill(position);
    const end = position + chunk.length;
    if (position > this.hashed || end <= this.hashed) return;
    this.hash.update(chunk.subarray(this.hashed - position));
    this.hashed = end;
  }

  /** The file from its start, seen as it is read. */
  stream(): Readable {
    let position = 0;
    const seen = new Transform({
      transform: (chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) => {
        this.saw(position, chunk);
        position += chunk.length;
        done(null, chunk);
      },
    });
    // An error reading the file ends the stream with it; the pipeline's own callback has no more to say.
    return pipeline(createReadStream(this.file), seen, () => {});
  }

  /** The hash of the whole file, reading what the reader did not reach in order. */
  async finish(): Promise<{ bytes: number; sha256: string }> {
    for await (const chunk of createReadStream(this.file, {
      start: this.hashed,
    }) as AsyncIterable<Buffer>) {
      this.hash.update(chunk);
      this.hashed += chunk.length;
      this.readAgain += chunk.length;
    }
    return { bytes: this.hashed, sha256: this.hash.digest('hex') };
  }

  /** Hashes the bytes before `position` that the reader skipped. */
  private fill(position: number): void {
    const gap = Buffer.alloc(position - this.hashed);
    const fd = openSync(this.file, 'r');
    let read: number;
    try {
      read = readSync(fd, gap, 0, gap.length, this.hashed);
    } finally {
      closeSync(fd);
    }
    this.hash.update(gap.subarray(0, read));
    this.hashed += read;
    this.readAgain += read;
  }
}
