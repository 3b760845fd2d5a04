import { main } from '@posture/cli';
import type { Io } from '../../packages/cli/src/io.js';
import { partsOf } from '../../packages/cli/src/report-text.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly files: ReadonlyMap<string, string>;
}

/**
 * Runs the CLI in-process, as a user would from the repository root, capturing what it writes;
 * `stdin` is what it reads from standard input. A `writeFile` given writes files (to disk, as
 * `processIo`'s does) besides capturing them.
 */
export async function runCli(
  args: readonly string[],
  cwd: string = repoRoot(),
  stdin = '',
  writeFile?: Io['writeFile'],
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const files = new Map<string, string>();
  const io: Io = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    writeFile: (path, text) => {
      // The JSON report comes in parts, which can be read once.
      const whole = [...partsOf(text)].join('');
      writeFile?.(path, whole);
      files.set(path, whole);
    },
    readStdin: () => Promise.resolve(Buffer.from(stdin)),
    isTty: false,
    cwd,
    env: {},
  };
  const code = await main(args, io);
  return { code, stdout, stderr, files };
}

export function repoRoot(): string {
  return new URL('../..', import.meta.url).pathname.replace(/\/$/, '');
}
