import type { ScanResult } from '@posture/core';
import {
  toCodeQuality,
  jsonParts,
  toJunit,
  toMarkdown,
  toSarifReport,
  textParts,
  truncationOf,
  plural,
  type MarkdownGate,
  type SarifOptions,
} from '@posture/report';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import { isStandardOutput, writeOutput } from './output-file.js';
import { partsOf, type ReportText } from './report-text.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'codequality'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  readonly category?: string;
  readonly includeSuppressed: boolean;
  /** Fingerprints of the baseline the scan was compared with, for SARIF's `baselineState`. */
  readonly baseline?: ReadonlySet<string>;
  readonly color: boolean;
  readonly listDirectory?: SarifOptions['listDirectory'];
  /** The exit code's verdict, for the reports that show one. */
  readonly gate?: MarkdownGate;
}

/**
 * Checks, before the scan, that `--format a --output x --format b` sends each report somewhere of
 * its own: more outputs than formats, or two formats for stdout (left without an output, or `-`), where they would run
 * together into output no reader parses, is a usage error.
 */
export function checkOutputs(formats: readonly Format[], outputs: readonly string[]): true {
  if (outputs.length > formats.length) {
    throw new UsageError(
      `${plural(outputs.length, '--output file')} for ${plural(formats.length, '--format value')}.`,
    );
  }
  const toStdout = formats.filter((_, i) => isStandardOutput(outputs[i]));
  if (toStdout.length > 1) {
    const clash = toStdout.map((format) => `-f ${format}`).join(' and ');
    throw new UsageError(
      `${clash} would go to standard output together: give all but one an -o file (each -o goes with the -f at its position).`,
    );
  }
  return true;
}

/** `--format a --output x --format b`: each format goes to the output at its position, or stdout. */
export function writeReports(
  result: ScanResult,
  formats: readonly Format[],
  outputs: readonly string[],
  io: Io,
  options: ReportOptions,
): void {
  formats.forEach((format, i) => {
    const output = outputs[i];
    const text = render(result, format, io, {
      ...options,
      color: options.color && isStandardOutput(output),
    });
    if (isStandardOutput(output)) for (const part of partsOf(text)) io.stdout(part);
    else writeOutput(io, output, text, result.root);
  });
}

function render(result: ScanResult, format: Format, io: Io, options: ReportOptions): ReportText {
  switch (format) {
    case 'text':
      return textParts(result, { color: options.color });
    case 'json':
      return jsonParts(result);
    case 'markdown':
      return toMarkdown(result, options.gate);
    case 'junit':
      return toJunit(result);
    case 'codequality':
      return toCodeQuality(result);
    case 'sarif':
      return sarifReport(result, io, options);
  }
}

/**
 * The SARIF log. What it left out to stay within GitHub's limits is said on standard error too: a
 * notice inside the log is read by no one in a CI log, and the gate's exit code counts every finding.
 */
function sarifReport(result: ScanResult, io: Io, options: ReportOptions): string {
  const { category, includeSuppressed, baseline, listDirectory } = options;
  const sarif = toSarifReport(result, { category, includeSuppressed, baseline, listDirectory });
  const cut = truncationOf(sarif.log);
  if (cut !== undefined)
    io.stderr(`posture: SARIF report: ${cut} The exit code counts every finding.\n`);
  return sarif.text;
}
