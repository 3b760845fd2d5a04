import type { CommandModule } from 'yargs';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  gitTopLevel,
  manifestSupport,
  PolicyError,
  scanArtifacts,
  type ArtifactScanReport,
} from '@posture/core';
import { UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { refuseLeaving } from '../input-file.js';
import { checkoutTrees } from '../checkout-trees.js';
import { writeOutput } from '../output-file.js';
import { badPolicyFile, policyFileFor } from '../policy-file.js';
import { report, reportOptions, type ReportArgs } from '../report-options.js';
import { REPEATED } from '../repeated.js';
import { existing } from '../targets.js';
import { redactArgv } from '../vars.js';

interface ArtifactArgs extends ReportArgs {
  paths: string[];
  'package-dir': string[];
  repo?: string;
  manifest?: string;
  'write-manifest'?: string;
  config?: string;
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
        y
          .positional('paths', {
            type: 'string',
            array: true,
            demandOption: true,
            describe: 'npm tarballs, zips, Electron asars, or package directories',
          })
          .option('package-dir', {
            ...REPEATED,
            default: [] as string[],
            describe:
              "The package's source directory, so findings point at its files/.npmignore (default: the current directory or the archive's, when its package.json names the same package)",
          })
          .option('repo', {
            type: 'string',
            describe: 'Repository whose Terraform buckets the storage links resolve to',
          })
          .option('manifest', {
            type: 'string',
            describe: 'Approved manifest (paths, sizes, sha-256) the artifact must match',
          })
          .option('write-manifest', {
            type: 'string',
            describe: "Write the artifact's manifest to this file, as release evidence",
          })
          .option('config', {
            type: 'string',
            describe: 'Policy file (default: the nearest posture.config.yaml)',
          }),
      ) as never,
    handler: async (args) => {
      const paths = args.paths.map((p) => existing(io.cwd, p));
      if ((args.manifest || args['write-manifest']) && paths.length !== 1)
        throw new UsageError('--manifest and --write-manifest take exactly one artifact.');
      const scanned = await run(args, paths, io);
      const inspection = scanned.inspections[0];
      if (args['write-manifest'] && inspection) {
        const { manifestText } = await manifestSupport();
        const path = resolve(io.cwd, args['write-manifest']);
        writeOutput(io, path, manifestText(inspection), scanned.result.root);
      }
      report(scanned, args, io, setExit);
    },
  };
}

async function run(args: ArtifactArgs, paths: string[], io: Io): Promise<ArtifactScanReport> {
  const repo = args.repo === undefined ? undefined : existing(io.cwd, args.repo);
  const given = args['package-dir'].map((d) => existing(io.cwd, d));
  const packageDirs = given.length > 0 ? given : [io.cwd, ...paths.map((p) => dirname(p))];
  const first = paths[0] as string;
  const near = statSync(first).isDirectory() ? first : dirname(first);
  // The repository around what is inspected, whose pull request may have written what is named.
  const trees = checkoutTrees(io.cwd, gitTopLevel(repo ?? near) ?? repo ?? near);
  // What is inspected and the trees read beside it are read as named, not where a link leads.
  const named = [
    ...paths.map((path, i) => [path, args.paths[i]] as const),
    ...given.map((dir, i) => [dir, `--package-dir ${args['package-dir'][i]}`] as const),
    ...(repo === undefined ? [] : [[repo, `--repo ${args.repo}`] as const]),
  ];
  for (const [path, typed] of named) refuseLeaving(path, String(typed), trees);
  try {
    return await scanArtifacts({
      paths,
      packageDirs,
      repo,
      manifest: args.manifest === undefined ? undefined : manifestFile(args.manifest, io, trees),
      policyFile: policyFileFor(repo ?? near, args.config, io.cwd, trees),
      commandLine: ['posture', ...redactArgv(process.argv.slice(2))],
    });
  } catch (error) {
    if (error instanceof PolicyError) throw badPolicyFile(error, args.config, repo ?? near);
    const { ManifestError } = await manifestSupport();
    if (error instanceof ManifestError)
      throw new UsageError(`bad manifest: ${error.naming(args.manifest ?? error.file)}`);
    throw error;
  }
}

/** The approved manifest, read only from inside the repository or the working directory when there. */
function manifestFile(typed: string, io: Io, trees: readonly string[]): string {
  const path = resolve(io.cwd, typed);
  refuseLeaving(path, `--manifest ${typed}`, trees);
  return path;
}
