import type { Argv } from 'yargs';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  gitTopLevel,
  manifestSupport,
  PolicyError,
  scanArtifacts,
  type ArtifactScanReport,
} from '@posture/core';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { refuseLeaving } from './input-file.js';
import { checkoutTrees } from './checkout-trees.js';
import { badPolicyFile, policyFileFor } from './policy-file.js';
import { REPEATED } from './repeated.js';
import { existing } from './targets.js';
import { redactArgv } from './vars.js';

/** The options every command that inspects artifacts shares, besides the artifacts themselves. */
export interface ArtifactInputArgs {
  'package-dir': string[];
  repo?: string;
  config?: string;
  /** Only `posture artifact` compares with a manifest: a baseline would accept a file's change. */
  manifest?: string;
}

export function artifactInputOptions<T>(y: Argv<T>) {
  return y
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
    .option('config', {
      type: 'string',
      describe: 'Policy file (default: the nearest posture.config.yaml)',
    });
}

/**
 * Inspects the artifacts `typed` on the command line. A path that does not exist, or one named
 * through a symbolic link out of the repository or working directory, a bad policy file or a bad
 * manifest is a usage error (exit 2), said before anything is reported.
 */
export async function runArtifact(
  args: ArtifactInputArgs,
  typed: readonly string[],
  io: Io,
): Promise<ArtifactScanReport> {
  const paths = typed.map((p) => existing(io.cwd, p));
  const repo = args.repo === undefined ? undefined : existing(io.cwd, args.repo);
  const given = args['package-dir'].map((d) => existing(io.cwd, d));
  const packageDirs = given.length > 0 ? given : [io.cwd, ...paths.map((p) => dirname(p))];
  const first = paths[0] as string;
  const near = statSync(first).isDirectory() ? first : dirname(first);
  // The repository around what is inspected, whose pull request may have written what is named.
  const trees = checkoutTrees(io.cwd, gitTopLevel(repo ?? near) ?? repo ?? near);
  // What is inspected and the trees read beside it are read as named, not where a link leads.
  const named = [
    ...paths.map((path, i) => [path, typed[i]] as const),
    ...given.map((dir, i) => [dir, `--package-dir ${args['package-dir'][i]}`] as const),
    ...(repo === undefined ? [] : [[repo, `--repo ${args.repo}`] as const]),
  ];
  for (const [path, as] of named) refuseLeaving(path, String(as), trees);
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
