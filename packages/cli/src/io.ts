import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Where the CLI writes: the real process, or a capture in tests. */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(path: string, text: string): void;
  /** Standard input, read to its end (`--plan -`). */
  readStdin(): Promise<Uint8Array>;
  readonly isTty: boolean;
  /** Whether stderr is a terminal: progress is drawn there, and only then. */
  readonly stderrIsTty?: boolean;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    writeFile: (path, text) => {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, text);
    },
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    cwd: process.cwd(),
    env: process.env,
  };
}
