import { compareRanges, namesDirectory } from '@posture/model';
import type { Diagnostic, Finding, Range, ScanResult, Severity } from '@posture/model';
import type { Paint, Style } from './ansi.js';
import { painter } from './ansi.js';
import { compareText } from './order.js';
import { inParts } from './parts.js';
import { RepoPaths } from './paths.js';
import { printableResult } from './printable-result.js';
import {
  activeFindings,
  describeSeverities,
  filesScanned,
  suppressedFindings,
  unsaidDiagnostics,
} from './summary.js';
import { terraformLine } from './terraform-line.js';
import { oneLine, plural } from './wording.js';

export interface TextOptions {
  /** ANSI colours; the caller decides (TTY, `NO_COLOR`, `--color`). */
  readonly color?: boolean;
}

const SEVERITY_STYLE: Record<Severity, Style[]> = {
  critical: ['red', 'bold'],
  high: ['red'],
  medium: ['yellow'],
  low: ['cyan'],
  info: ['gray'],
};

/** Wide enough for `critical`, so the rule column lines up. */
const SEVERITY_WIDTH = 8;

/** Terminal output: findings grouped by file, then diagnostics, a one-line summary, the policy. */
export function toText(scanned: ScanResult, options: TextOptions = {}): string {
  return [...textParts(scanned, options)].join('');
}

/**
 * `toText`'s text in parts, to be written as they come: the blocks, a file's a thousand findings at
 * a time, then the summary. A plan of 60,000 public buckets has a 77 MB text report, which as one
 * string was joined from its lines, then from its blocks, and copied to append the last newline.
 */
export function* textParts(scanned: ScanResult, options: TextOptions = {}): Generator<string> {
  const result = printableResult(scanned);
  const paint = painter(options.color === true);
  const paths = new RepoPaths(result.root, result.baseDir);
  const active = activeFindings(result);
  const columns = findingColumns(active);
  const diagnostics = diagnosticsBlock(unsaidDiagnostics(result.diagnostics, active), paths, paint);
  const blocks = [
    ...groupByFile(active, paths).map(([file, group]) =>
      fileBlock(file, group, columns, paths, paint),
    ),
    ...(diagnostics === '' ? [] : [[diagnostics]]),
  ];
  for (const block of blocks) {
    yield* block;
    yield '\n\n';
  }
  const summary = [
    summaryLine(result, active, paths, paint),
    policyLine(result, paths),
    terraformLine(result),
  ];
  yield `${summary.filter((line) => line !== '').join('\n')}\n`;
}

/** Column widths shared by every file block, so the whole report lines up. */
interface Columns {
  readonly position: number;
  readonly rule: number;
}

function findingColumns(findings: readonly Finding[]): Columns {
  return {
    position: longest(findings.map((finding) => position(finding.location))),
    rule: longest(findings.map((finding) => finding.ruleId)),
  };
}

/**
 * The length of the longest of `texts`, 0 for none: by a loop, since `Math.max(...lengths)` of a
 * report of 200,000 findings is more arguments than a call takes.
 */
function longest(texts: readonly string[]): number {
  let width = 0;
  for (const text of texts) width = Math.max(width, text.length);
  return width;
}

function groupByFile(findings: readonly Finding[], paths: RepoPaths): [string, Finding[]][] {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    const file = paths.of(finding.location.file);
    const group = byFile.get(file);
    if (group === undefined) byFile.set(file, [finding]);
    else group.push(finding);
  }
  return [...byFile]
    .sort(([a], [b]) => compareText(a, b))
    .map(([file, group]) => [file, group.sort((a, b) => compareRanges(a.location, b.location))]);
}

function* fileBlock(
  file: string,
  findings: readonly Finding[],
  columns: Columns,
  paths: RepoPaths,
  paint: Paint,
): Generator<string> {
  // Related locations sit under the severity column, beneath the finding they belong to.
  const relatedIndent = ' '.repeat(2 + columns.position + 2);
  const linesOf = (finding: Finding) => [
    [
      '  ' + position(finding.location).padEnd(columns.position),
      paint(finding.severity.padEnd(SEVERITY_WIDTH), ...SEVERITY_STYLE[finding.severity]),
      paint(finding.ruleId.padEnd(columns.rule), 'dim'),
      oneLine(finding.message),
    ].join('  '),
    ...finding.related.map(
      ({ label, range }) => relatedIndent + paint(`${label}: ${where(range, paths)}`, 'gray'),
    ),
  ];
  yield paint(file, 'underline');
  for (const { part } of inParts(findings)) yield `\n${part.flatMap(linesOf).join('\n')}`;
}

function diagnosticsBlock(
  diagnostics: readonly Diagnostic[],
  paths: RepoPaths,
  paint: Paint,
): string {
  if (diagnostics.length === 0) return '';
  const locations = diagnostics.map((diagnostic) => where(diagnostic.range, paths));
  const locationWidth = longest(locations);
  const codeWidth = longest(diagnostics.map((diagnostic) => diagnostic.code));
  const lines = diagnostics.map((diagnostic, i) =>
    [
      '  ' + (locations[i] ?? '').padEnd(locationWidth),
      paint(
        diagnostic.severity.padEnd(SEVERITY_WIDTH),
        diagnostic.severity === 'error' ? 'red' : 'yellow',
      ),
      paint(diagnostic.code.padEnd(codeWidth), 'dim'),
      oneLine(diagnostic.message),
    ].join('  '),
  );
  return [paint('Diagnostics', 'underline'), ...lines].join('\n');
}

/** `3 findings (1 critical, 2 high) in 2 files · 4 buckets, 2 release-use · 12 files scanned`. */
function summaryLine(
  result: ScanResult,
  active: readonly Finding[],
  paths: RepoPaths,
  paint: Paint,
): string {
  const { buckets, releaseBuckets } = result.summary;
  const context = [
    `${plural(buckets, 'bucket')}, ${releaseBuckets} release-use`,
    `${plural(filesScanned(result), 'file')} scanned`,
  ];
  const suppressed = suppressedFindings(result).length;
  if (suppressed > 0) context.push(`${suppressed} suppressed`);
  if (active.length === 0)
    return `${paint('No findings.', 'green', 'bold')} ${context.join(' · ')}`;
  const files = new Set(active.map((finding) => paths.of(finding.location.file))).size;
  const headline = `${plural(active.length, 'finding')} (${describeSeverities(active)}) in ${plural(files, 'file')}`;
  return [paint(headline, 'red', 'bold'), ...context].join(' · ');
}

/** `Policy: posture.config.yaml (owner platform-security@acme.example)`: what governed the gate. */
function policyLine(result: ScanResult, paths: RepoPaths): string {
  const { owner, path } = result.policy ?? {};
  const parts = [
    path === undefined ? undefined : paths.ofAbsolute(path),
    owner === undefined ? undefined : `(owner ${oneLine(owner)})`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? '' : `Policy: ${parts.join(' ')}`;
}

function position(range: Range): string {
  return `${range.start.line}:${range.start.column}`;
}

function where(range: Range, paths: RepoPaths): string {
  return namesDirectory(range)
    ? paths.of(range.file)
    : `${paths.of(range.file)}:${position(range)}`;
}
