import type { CommandModule } from 'yargs';
import type { Io } from '../io.js';
import { report, reportOptions, type ReportArgs } from '../report-options.js';
import { runScan, scanInputOptions, type ScanInputArgs } from '../scan-run.js';

type ScanArgs = ScanInputArgs & ReportArgs;

export function scanCommand(
  io: Io,
  setExit: (code: number) => void,
): CommandModule<object, ScanArgs> {
  return {
    command: 'scan [paths..]',
    describe: 'Scan Terraform, plans and build configurations for leaking release buckets',
    builder: (y) => reportOptions(scanInputOptions(y)) as never,
    handler: async (args) => {
      report(await runScan(args, io), args, io, setExit);
    },
  };
}
