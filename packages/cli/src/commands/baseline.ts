import type { CommandModule } from 'yargs';
import { resolve } from 'node:path';
import { pruneBaseline, writeBaseline } from '../baseline.js';
import { plural } from '@posture/report';
import type { Io } from '../io.js';
import { STANDARD_OUTPUT, writeOutput } from '../output-file.js';
import { runScan, scanInputOptions, type ScanInputArgs } from '../scan-run.js';

interface BaselineArgs extends ScanInputArgs {
  output: string;
  prune: boolean;
}

export function baselineCommand(io: Io): CommandModule<object, BaselineArgs> {
  return {
    command: 'baseline [paths..]',
    describe: "Record today's findings, so that `scan --baseline` reports only new ones",
    builder: (y) =>
      scanInputOptions(y)
        .option('output', {
          alias: 'o',
          type: 'string',
          default: '.posture-baseline.json',
          describe: 'Baseline file to write; - for standard output',
        })
        .option('prune', {
          type: 'boolean',
          default: false,
          describe: 'Only drop the entries of the baseline at --output that match no finding now',
        }) as never,
    handler: async (args) => {
      const { result } = await runScan(args, io);
      const { text, recorded } = args.prune
        ? pruneBaseline(result, io.cwd, args.output)
        : writeBaseline(result);
      if (args.output === STANDARD_OUTPUT) io.stdout(text);
      else writeOutput(io, resolve(io.cwd, args.output), text, result.root);
      if (args.prune) {
        io.stderr(`Kept ${plural(recorded, 'finding')} in ${args.output}.\n`);
        return;
      }
      io.stderr(`Wrote ${plural(recorded, 'finding')} to ${args.output}.\n`);
      const unread = result.findings.length - recorded;
      if (unread > 0)
        io.stderr(
          `Left out ${unread} on input that could not be read (input-unreadable): it fails the gate until fixed or excluded.\n`,
        );
    },
  };
}
