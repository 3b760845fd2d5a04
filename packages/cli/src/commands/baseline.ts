import type { CommandModule } from 'yargs';
import { failsClosed, type ScanResult } from '@posture/core';
import { plural } from '@posture/report';
import { artifactInputOptions, runArtifact, type ArtifactInputArgs } from '../artifact-run.js';
import { pruneBaseline, writeBaseline } from '../baseline.js';
import { UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { STANDARD_OUTPUT, writeOutput } from '../output-file.js';
import { runScan, scanInputOptions, type ScanInputArgs } from '../scan-run.js';

interface BaselineArgs extends ScanInputArgs, ArtifactInputArgs {
  artifact: boolean;
  output?: string;
  prune: boolean;
}

/**
 * An artifact's findings are not the repository's: written to the repository's baseline by
 * default, they would replace it.
 */
const DEFAULT_OUTPUT = '.posture-baseline.json';
const DEFAULT_ARTIFACT_OUTPUT = '.posture-artifact-baseline.json';

export function baselineCommand(io: Io): CommandModule<object, BaselineArgs> {
  return {
    command: 'baseline [paths..]',
    describe:
      "Record today's findings, so that `scan --baseline` (or, with --artifact, `artifact --baseline`) reports only new ones",
    builder: (y) =>
      artifactInputOptions(scanInputOptions(y))
        .option('artifact', {
          type: 'boolean',
          default: false,
          describe:
            'The paths are artifacts (npm tarballs, zips, Electron asars, package directories), inspected as `posture artifact` does',
        })
        .option('output', {
          alias: 'o',
          type: 'string',
          describe: `Baseline file to write; - for standard output (default: ${DEFAULT_OUTPUT}, with --artifact ${DEFAULT_ARTIFACT_OUTPUT})`,
        })
        .option('prune', {
          type: 'boolean',
          default: false,
          describe: 'Only drop the entries of the baseline at --output that match no finding now',
        }) as never,
    handler: async (args) => {
      const result = await findings(args, io);
      const output = args.output ?? (args.artifact ? DEFAULT_ARTIFACT_OUTPUT : DEFAULT_OUTPUT);
      const { text, recorded } = args.prune
        ? pruneBaseline(result, io.cwd, output)
        : writeBaseline(result);
      if (output === STANDARD_OUTPUT) io.stdout(text);
      else writeOutput(io, output, text, result.root);
      if (args.prune) {
        io.stderr(`Kept ${plural(recorded, 'finding')} in ${output}.\n`);
        return;
      }
      io.stderr(`Wrote ${plural(recorded, 'finding')} to ${output}.\n`);
      // A finding that fails closed is never recorded: what could not be read or judged.
      const left = result.findings.filter(failsClosed);
      const rules = [...new Set(left.map((f) => f.ruleId))].sort().join(', ');
      if (left.length > 0)
        io.stderr(
          `Left out ${left.length} that ${left.length === 1 ? 'fails' : 'fail'} closed (${rules}): it fails the gate until fixed or excluded.\n`,
        );
    },
  };
}

/** Today's findings: of the repository scanned, or of the artifacts inspected (`--artifact`). */
async function findings(args: BaselineArgs, io: Io): Promise<ScanResult> {
  const [scanOnly, artifactOnly] = [givenOf(args, SCAN_ONLY), givenOf(args, ARTIFACT_ONLY)];
  if (args.artifact && scanOnly)
    throw new UsageError(
      `${scanOnly} is not for --artifact: an artifact is inspected as posture artifact inspects it.`,
    );
  if (!args.artifact && artifactOnly)
    throw new UsageError(
      `${artifactOnly} is for artifacts: add --artifact to record the findings of the artifacts named.`,
    );
  return (args.artifact ? await runArtifact(args, args.paths, io) : await runScan(args, io)).result;
}

/** Options only one of the two kinds of run reads: given to the other, they would do nothing. */
const SCAN_ONLY = [
  'scope',
  'var',
  'var-file',
  'workspace',
  'exclude',
  'plan',
  'rules-dir',
  'rule',
  'skip-rule',
] as const;
const ARTIFACT_ONLY = ['package-dir', 'repo'] as const;

/** The first of `options` given on the command line, as `--name`. */
function givenOf(args: BaselineArgs, options: readonly (keyof BaselineArgs)[]): string | undefined {
  const given = options.find((name) => {
    const value = args[name];
    return Array.isArray(value) ? value.length > 0 : value !== undefined;
  });
  return given === undefined ? undefined : `--${given}`;
}
