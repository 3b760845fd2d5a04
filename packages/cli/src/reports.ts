import { resolve } from 'node:path';
import type { ScanResult } from '@posture/core';
import { toCodeQuality, toJson, toJunit, toMarkdown, toSarif, toText } from '@posture/report';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';

export const FORMATS = ['text', 'json', 'sarif', 'markdown', 'junit', 'codequality'] as const;
export type Format = (typeof FORMATS)[number];

export interface ReportOptions {
  readonly category?: string;
  readonly includeSuppressed: boolean;
  readonly color: boolean;
}

/** `--format a --output x --format b`: each format goes to the output at its position, or stdout. */
export function writeReports(
  result: ScanResult,
  formats: readonly Format[],
  outputs: readonly string[],
  io: Io,
  options: ReportOptions,
): void {
  if (outputs.length > formats.length) {
    throw new UsageError(`${outputs.length} --output files for ${formats.length} --format values.`);
  }
  formats.forEach((format, i) => {
    const output = outputs[i];
    const text = render(result, format, {
      ...options,
      color: options.color && output === undefined,
    });
    if (output === undefined) io.stdout(text);
    else io.writeFile(resolve(io.cwd, output), text);
  });
}

function render(result: ScanResult, format: Format, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return toText(result, { color: options.color });
    case 'json':
      return toJson(result);
    case 'markdown':
      return toMarkdown(result);
    case 'junit':
      return toJunit(result);
    case 'codequality':
      return toCodeQuality(result);
    case 'sarif':
      return `${JSON.stringify(toSarif(result, { category: options.category, includeSuppressed: options.includeSuppressed }), null, 2)}\n`;
  }
}
