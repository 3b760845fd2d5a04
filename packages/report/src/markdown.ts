import type { Diagnostic, Finding, ScanResult, Severity } from '@posture/model';
import { codeSpan as code } from './markdown-syntax.js';
import { sortFindings } from './order.js';
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
import { firstSentence, oneLine, plural, truncate } from './wording.js';

/** GitHub rejects a comment or step summary over 65,536 characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;
/** Room kept for the truncation note and the joins between sections. */
const RESERVE = 512;
const MAX_CELL = 300;
const MAX_DIAGNOSTICS = 20;

/** The gate's verdict on the scan, which the headline's mark follows when it is given. */
export interface MarkdownGate {
  readonly failOn: Severity | 'none';
  readonly passed: boolean;
}

/**
 * A summary for a pull-request comment or `GITHUB_STEP_SUMMARY`, always within GitHub's limit.
 * Without `gate`, any finding is marked as failing.
 */
export function toMarkdown(scanned: ScanResult, gate?: MarkdownGate): string {
  const result = printableResult(scanned);
  const paths = new RepoPaths(result.root, result.baseDir);
  const active = sortFindings(activeFindings(result));
  const head = [headline(result, active, gate), statsLine(result)];
  const tail = [
    suppressedLine(result),
    unreadableSection(unsaidDiagnostics(result.diagnostics, active), paths),
    policyLine(result, paths),
    text(terraformLine(result)),
  ].filter((section) => section !== '');
  const budget = GITHUB_COMMENT_LIMIT - RESERVE - [...head, ...tail].join('\n\n').length;
  const table = findingsTable(active, paths, budget);
  return [...head, ...(table === '' ? [] : [table]), ...tail].join('\n\n') + '\n';
}

/** A job summary marked ❌ beside a green check misleads: a gate that passed is never marked so. */
function headline(result: ScanResult, active: readonly Finding[], gate?: MarkdownGate): string {
  const passed = gate ? gate.passed : active.length === 0 && result.invocation.executionSuccessful;
  if (active.length > 0) {
    const found = `${plural(active.length, 'finding')} (${describeSeverities(active)})`;
    if (!passed) return `### ❌ Posture: ${found}`;
    return gate?.failOn === 'none'
      ? `### ⚠️ Posture: ${found}; the gate is off (fail-on none)`
      : `### ✅ Posture: ${found}, none at or above fail-on ${gate?.failOn}`;
  }
  if (result.invocation.executionSuccessful) return '### ✅ Posture: no findings';
  return `### ${passed ? '⚠️' : '❌'} Posture: no findings, but some inputs could not be read`;
}

function statsLine(result: ScanResult): string {
  const { buckets, releaseBuckets, links } = result.summary;
  return [
    `${plural(buckets, 'bucket')} (${releaseBuckets} release-use)`,
    plural(links, 'storage link'),
    `${plural(filesScanned(result), 'file')} scanned`,
  ].join(' · ');
}

/** The table, cut at the last row that fits the budget, with a note saying how many were left out. */
function findingsTable(findings: readonly Finding[], paths: RepoPaths, budget: number): string {
  if (findings.length === 0) return '';
  const lines = ['| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |'];
  let length = lines.join('\n').length;
  for (const finding of findings) {
    const row = findingRow(finding, paths);
    if (length + row.length + 1 > budget) break;
    lines.push(row);
    length += row.length + 1;
  }
  const shown = lines.length - 2;
  if (shown < findings.length) {
    const hidden = plural(findings.length - shown, 'finding');
    lines.push('', `_${hidden} not shown; see the SARIF or JSON report._`);
  }
  return lines.join('\n');
}

function findingRow(finding: Finding, paths: RepoPaths): string {
  const location = `${paths.of(finding.location.file)}:${finding.location.start.line}`;
  return `| ${finding.severity} | ${code(finding.ruleId)} | ${code(location)} | ${text(firstSentence(finding.message))} |`;
}

function suppressedLine(result: ScanResult): string {
  const suppressed = suppressedFindings(result).length;
  return suppressed === 0 ? '' : `${plural(suppressed, 'suppressed finding')} not shown.`;
}

/**
 * Error diagnostics no finding in the table says: inputs that could not be read, which make the
 * scan fail closed.
 */
function unreadableSection(diagnostics: readonly Diagnostic[], paths: RepoPaths): string {
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length === 0) return '';
  const items = errors.slice(0, MAX_DIAGNOSTICS).map(({ range, code: id, message }) => {
    const location = `${paths.of(range.file)}:${range.start.line}`;
    return `- ${code(location)} ${code(id)}: ${text(message)}`;
  });
  if (errors.length > MAX_DIAGNOSTICS)
    items.push(`- … and ${errors.length - MAX_DIAGNOSTICS} more`);
  return [`**Unreadable inputs (${errors.length})**`, '', ...items].join('\n');
}

/** The policy file as every other path of the report is written: from the repository's top level. */
function policyLine(result: ScanResult, paths: RepoPaths): string {
  const { owner, path } = result.policy ?? {};
  if (owner === undefined && path === undefined) return '';
  const parts = [
    owner === undefined ? undefined : `owner ${text(owner)}`,
    path && code(paths.ofAbsolute(path)),
  ];
  return `Policy: ${parts.filter((part) => part !== undefined).join(', ')}`;
}

/**
 * What GitHub makes live in plain text: an @mention (a policy owner `@acme/release-team`, a name in
 * a scanned value) notifies people each time the comment is posted; a bare URL or email address
 * becomes a link; an issue or pull request reference (`#123`, `GH-123`, `acme/infra#123`) becomes
 * one too, and marks that issue as mentioned from the comment. A code span shows each as written,
 * so it still copies as written, and makes none live. Matching more than GitHub links costs a
 * code span; an entity (`&#64;`) is escaped instead, with the rest of the text.
 */
const LIVE = new RegExp(
  `(${[
    String.raw`\b(?:https?:\/\/|www\.)\S*[^\s.,;:!?)'"]`,
    String.raw`[\w.+-]+@[\w-]+(?:\.[\w-]+)+`,
    String.raw`(?<![\w@])@[\w-]+(?:\/[\w-]+)?`,
    String.raw`(?:\b[\w.-]+\/[\w.-]+|(?<![\w&]))#\d+\b`,
    String.raw`\bGH-\d+\b`,
  ].join('|')})`,
  'i',
);

/**
 * Plain text for a table cell or list item: one line, bounded, with Markdown and HTML syntax
 * escaped so a message cannot break the table or inject markup, what GitHub makes live in code
 * spans.
 */
function text(value: string): string {
  const parts = truncate(oneLine(value), MAX_CELL).split(LIVE);
  // split with a capturing group: the matches are at the odd indexes.
  return parts.map((part, i) => (i % 2 === 1 ? code(part) : escaped(part))).join('');
}

/** `&` too: an entity (`&#64;alice`) would be decoded to text that GitHub makes live. */
function escaped(value: string): string {
  return value.replace(/[\\`*_~<>[\]|&]/g, (char) => `\\${char}`);
}
