import type { Argv } from 'yargs';
import { gateExitCode, SEVERITIES, type ScanReport, type Severity } from '@posture/core';
import { toEvidence } from '@posture/report';
import { applyBaseline } from './baseline.js';
import { lowerCase } from './caseless.js';
import { colorWanted } from './color.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { writeOutput } from './output-file.js';
import { REPEATED } from './repeated.js';
import { checkOutputs, FORMATS, writeReports, type Format } from './reports.js';

/** The options every gate command shares: what to report, where, and when to fail. */
export interface ReportArgs {
  format: Format[];
  output: string[];
  'fail-on'?: Severity | 'none';
  baseline?: string;
  evidence?: string;
  'sarif-category'?: string;
  /** Undefined when not given: true, when a SARIF report is written. */
  'include-suppressed'?: boolean;
  color?: boolean;
}

export function reportOptions<T>(y: Argv<T>) {
  return y
    .option('format', {
      alias: 'f',
      ...REPEATED,
      choices: FORMATS,
      coerce: lowerCase,
      default: ['text'],
      describe: 'Report format; repeat for several',
    })
    .option('output', {
      alias: 'o',
      ...REPEATED,
      default: [],
      describe: 'File for the format at the same position; stdout when missing or -',
    })
    .option('fail-on', {
      type: 'string',
      choices: [...SEVERITIES, 'none'] as const,
      coerce: lowerCase,
      describe: 'Exit 1 on findings at or above this severity (default: the policy, else high)',
    })
    .option('baseline', {
      type: 'string',
      describe: 'Report only findings not in this baseline file (see "posture baseline")',
    })
    .option('evidence', {
      type: 'string',
      describe: 'Write a JSON audit record of the run to this file',
    })
    .option('sarif-category', {
      type: 'string',
      describe: 'SARIF automationDetails.id, to upload several analyses',
    })
    .option('include-suppressed', {
      type: 'boolean',
      describe:
        'Keep suppressed and baselined findings in SARIF, marked accepted with their justification (default: true)',
    })
    .option('color', {
      type: 'boolean',
      describe: 'Colour the text report (default: FORCE_COLOR, else when stdout is a terminal)',
    })
    .check(
      (args) =>
        checkOutputs(args.format as Format[], args.output) &&
        checkSarifOnly(args.format as Format[], args),
    );
}

/** The options only a SARIF report reads, and what each does there. */
const SARIF_ONLY = [
  ['sarif-category', 'names the run of a SARIF report'],
  ['include-suppressed', 'keeps the suppressed findings in a SARIF report or leaves them out'],
] as const satisfies readonly (readonly [keyof ReportArgs, string])[];

/**
 * An option only SARIF reads, given with no SARIF report, is refused, not ignored: it does nothing
 * else, so the run meant a SARIF report it would not write (a format left out, `-f sarf` fixed to
 * another), and a warning in a CI log is read only once the upload has failed.
 */
function checkSarifOnly(
  formats: readonly Format[],
  args: { readonly [option in (typeof SARIF_ONLY)[number][0]]?: unknown },
): true {
  if (formats.includes('sarif')) return true;
  for (const [option, does] of SARIF_ONLY) {
    if (args[option] === undefined) continue;
    // Named as typed: `--no-include-suppressed` for a yes/no option said no.
    const typed = args[option] === false ? `--no-${option}` : `--${option}`;
    throw new UsageError(
      `${typed} ${does}, and none is written: add -f sarif, or leave ${typed} out.`,
    );
  }
  return true;
}

/** What a gate command ran: its result and policy, and a scan's directory listings. */
type Ran = Pick<ScanReport, 'result' | 'policy'> & Partial<Pick<ScanReport, 'listDirectory'>>;

/** Writes the reports and evidence of a run and sets the gate's exit code. */
export function report(
  { result: scanned, policy, listDirectory }: Ran,
  args: ReportArgs,
  io: Io,
  setExit: (code: number) => void,
): void {
  const baseline = args.baseline ? applyBaseline(scanned, io.cwd, args.baseline) : undefined;
  const result = baseline
    ? { ...scanned, diagnostics: [...scanned.diagnostics, ...baseline.notes] }
    : scanned;
  const failOn = args['fail-on'] ?? policy.failOn;
  const exit = gateExitCode(result.findings, failOn);
  writeReports(result, args.format, args.output, io, {
    category: args['sarif-category'],
    includeSuppressed: args['include-suppressed'] ?? true,
    baseline: baseline?.fingerprints,
    color: colorWanted(args.color, io.isTty, io.env),
    listDirectory,
    gate: { failOn, passed: exit === 0 },
  });
  if (args.evidence) writeOutput(io, args.evidence, toEvidence(result), result.root);
  setExit(exit);
}
