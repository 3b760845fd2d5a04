import type { CommandModule } from 'yargs';
import { manifestSupport } from '@posture/core';
import { artifactInputOptions, runArtifact, type ArtifactInputArgs } from '../artifact-run.js';
import { UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output-file.js';
import { report, reportOptions, type ReportArgs } from '../report-options.js';

interface ArtifactArgs extends ArtifactInputArgs, ReportArgs {
  paths: string[];
  'write-manifest'?: string;
}

export function artifactCommand(
  io: Io,
  setExit: (code: number) => void,
): CommandModule<object, ArtifactArgs> {
  return {
    command: 'artifact <paths..>',
    describe:
      'Open the package about to ship (an npm .tgz, a .zip, an Electron .asar, or a directory as npm would pack it) and stop what must not ship',
    builder: (y) =>
      reportOptions(
        artifactInputOptions(
          y.positional('paths', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'npm tarballs, zips, Electron asars, or package directories',
          }),
        )
          .option('manifest', {
            type: 'string',
            describe: 'Approved manifest (paths, sizes, sha-256) the artifact must match',
          })
          .option('write-manifest', {
            type: 'string',
            describe: "Write the artifact's manifest to this file, as release evidence",
          }),
      ) as never,
    handler: async (args) => {
      if ((args.manifest || args['write-manifest']) && args.paths.length !== 1)
        throw new UsageError('--manifest and --write-manifest take exactly one artifact.');
      const scanned = await runArtifact(args, args.paths, io);
      const inspection = scanned.inspections[0];
      if (args['write-manifest'] && inspection) {
        const { manifestText } = await manifestSupport();
        writeOutput(io, args['write-manifest'], manifestText(inspection), scanned.result.root);
      }
      report(scanned, args, io, setExit);
    },
  };
}
