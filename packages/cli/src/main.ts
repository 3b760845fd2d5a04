import yargs from 'yargs';
import { artifactCommand } from './commands/artifact.js';
import { baselineCommand } from './commands/baseline.js';
import { explainCommand } from './commands/explain.js';
import { initCommand } from './commands/init.js';
import { rulesCommand } from './commands/rules.js';
import { scanCommand } from './commands/scan.js';
import { EXIT, UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { processIo } from './io.js';

/**
 * Runs the CLI and returns its exit code; never calls process.exit, so tests run it in-process.
 * Any failure to run (as opposed to findings) is exit 2 with a message on stderr.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let exitCode: number = EXIT.clean;
  const setExit = (code: number) => {
    exitCode = code;
  };
  try {
    await yargs([...argv])
      .scriptName('posture')
      // `--plan plan.json .` must leave `.` to the paths: a repeatable option takes one value.
      .parserConfiguration({ 'greedy-arrays': false })
      .usage('$0 <command> [options]\n\nStops release buckets and the links to them from leaking.')
      .command(scanCommand(io, setExit))
      .command(artifactCommand(io, setExit))
      .command(baselineCommand(io))
      .command(initCommand(io))
      .command(rulesCommand(io))
      .command(explainCommand(io, setExit))
      .demandCommand(1, 'Name a command: scan, artifact, baseline, init, rules or explain.')
      .strict()
      .help()
      .version(false)
      .wrap(Math.min(100, process.stdout.columns ?? 100))
      .fail((message, error) => {
        throw error ?? new UsageError(message);
      })
      .exitProcess(false)
      .parseAsync();
  } catch (error) {
    io.stderr(`posture: ${error instanceof Error ? error.message : String(error)}\n`);
    if (!(error instanceof UsageError)) io.stderr('Run "posture --help" for usage.\n');
    return EXIT.error;
  }
  return exitCode;
}
