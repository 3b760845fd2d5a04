import { MAX_INPUT_BYTES } from '@posture/core';
import { UsageError } from './exit-codes.js';
import { partsOf, type ReportText } from './report-text.js';
import { writeWhole } from './whole-file.js';

/** Where the CLI writes: the real process, or a capture in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: ReportText): void;
  /** Standard input, read to its end (`--plan -`), of at most `MAX_INPUT_BYTES`. */
  readStdin(): Promise<Uint8Array>;
  readonly isTty: boolean;
  /** Whether stderr is a terminal: progress is drawn there, and only then. */
  readonly stderrIsTty?: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): Io {
  return {
    stdout: untilClosed(process.stdout),
    stderr: untilClosed(process.stderr),
    writeFile: (path, text) => writeWhole(path, partsOf(text)),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of process.stdin) {
        size += (chunk as Buffer).length;
        if (size > MAX_INPUT_BYTES)
          throw new UsageError(`standard input is larger than ${MAX_INPUT_BYTES} bytes.`);
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks);
    },
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}

/**
 * Writes to a stream until its reader closes it (`posture scan … | head`): what follows is not
 * wanted, so it is dropped quietly and the exit code stays the gate's. Other errors still throw.
 */
function untilClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
