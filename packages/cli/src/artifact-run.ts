import type { Argv } from 'yargs';
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  gitTopLevel,
  manifestSupport,
  PolicyError,
  relativeInside,
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
  /** The repository to read Terraform from; `false` (`--no-repo`) reads none. */
  repo?: string | false;
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
      describe:
        "Repository whose Terraform buckets the storage links resolve to (default: the git checkout of the package directory; for an archive, of --package-dir, the current directory or the archive's; --no-repo reads none)",
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
  const repo = typeof args.repo === 'string' ? existing(io.cwd, args.repo) : undefined;
  const given = args['package-dir'].map((d) => existing(io.cwd, d));
  const packageDirs = given.length > 0 ? given : [io.cwd, ...paths.map((p) => dirname(p))];
  const first = paths[0] as string;
  const isDirectory = statSync(first).isDirectory();
  const near = isDirectory ? first : dirname(first);
  // The repository around what is inspected, whose pull request may have written what is named.
  const trees = checkoutTrees(io.cwd, gitTopLevel(repo ?? near) ?? repo ?? near);
  // What is inspected and the trees read beside it are read as named, not where a link leads.
  const named = [
    ...paths.map((path, i) => [path, typed[i]] as const),
    ...given.map((dir, i) => [dir, `--package-dir ${args['package-dir'][i]}`] as const),
    ...(repo === undefined ? [] : [[repo, `--repo ${args.repo}`] as const]),
  ];
  for (const [path, as] of named) refuseLeaving(path, String(as), trees);
  const declined = args.repo === false;
  const checkout =
    repo === undefined && !declined
      ? checkoutAround(isDirectory ? [near] : [...given, io.cwd, near])
      : undefined;
  // The policy of the repository named, else the one nearest the package in the checkout found.
  const governed =
    repo ??
    (checkout !== undefined && relativeInside(checkout, near) === undefined ? checkout : near);
  try {
    return await scanArtifacts({
      paths,
      packageDirs,
      repo: repo ?? checkout,
      repoChosen: repoChosen(declined, checkout),
      manifest: args.manifest === undefined ? undefined : manifestFile(args.manifest, io, trees),
      policyFile: policyFileFor(governed, args.config, io.cwd, trees),
      commandLine: ['posture', ...redactArgv(process.argv.slice(2))],
    });
  } catch (error) {
    if (error instanceof PolicyError) throw badPolicyFile(error, args.config, governed);
    const { ManifestError } = await manifestSupport();
    if (error instanceof ManifestError)
      throw new UsageError(`bad manifest: ${error.naming(args.manifest ?? error.file)}`);
    throw error;
  }
}

/**
 * The repository whose Terraform storage links are judged against when --repo names none: the git
 * checkout of the first of `dirs` in one. For a directory inspected, its own; for an archive, that
 * of its --package-dir, else of the working directory, where an archive is checked after
 * `npm pack`, else of the archive's directory. Without it a link to a release bucket declared
 * beside the package would be judged as one to any bucket.
 */
function checkoutAround(dirs: readonly string[]): string | undefined {
  for (const dir of dirs) {
    const top = gitTopLevel(dir);
    if (top !== undefined) return top;
  }
  return undefined;
}

/** How the repository read was chosen, for the report to say. */
function repoChosen(declined: boolean, checkout: string | undefined) {
  if (declined) return 'declined';
  return checkout === undefined ? 'named' : 'checkout';
}

/** The approved manifest, read only from inside the repository or the working directory when there. */
function manifestFile(typed: string, io: Io, trees: readonly string[]): string {
  const path = resolve(io.cwd, typed);
  refuseLeaving(path, `--manifest ${typed}`, trees);
  return path;
}
