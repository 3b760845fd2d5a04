import type { Diagnostic, Finding, ScanResult } from '@posture/model';
import { sortFindings } from './order.js';
import { RepoPaths } from './paths.js';
import { activeFindings, suppressedFindings, unsaidDiagnostics } from './summary.js';
import { firstSentence } from './wording.js';

/**
 * JUnit XML, the test report every CI shows (GitLab `artifacts:reports:junit`, Azure Pipelines'
 * PublishTestResults, Jenkins, CircleCI `store_test_results`): each finding is a failed test case
 * named for its rule and location, each input that could not be read an errored one (unless a
 * failed case says it already: `input-unreadable`), each suppressed finding a skipped one. A scan
 * with none of these is one passing test case, so the report never reads as "no tests ran".
 */
export function toJunit(result: ScanResult): string {
  const paths = new RepoPaths(result.root, result.baseDir);
  const active = sortFindings(activeFindings(result));
  const failures = active.map((f) => findingCase(f, paths, 'failure'));
  const skipped = sortFindings(suppressedFindings(result)).map((f) =>
    findingCase(f, paths, 'skipped'),
  );
  const errors = unsaidDiagnostics(result.diagnostics, active)
    .filter((d) => d.severity === 'error')
    .map((d) => diagnosticCase(d, paths));
  const cases = [...failures, ...errors, ...skipped];
  if (cases.length === 0) cases.push('    <testcase name="posture scan" classname="posture"/>');
  const counts = `tests="${cases.length}" failures="${failures.length}" errors="${errors.length}"`;
  const seconds = elapsedSeconds(result);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="Posture" ${counts} time="${seconds}">`,
    `  <testsuite name="posture ${attr(result.invocation.commandLine?.[1] ?? 'scan')}" ${counts} skipped="${skipped.length}" time="${seconds}" timestamp="${attr(result.invocation.startTime)}">`,
    ...policyProperties(result, paths),
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/** The policy in force and its owner, as the suite's properties: who answers for the gate. */
function policyProperties(result: ScanResult, paths: RepoPaths): string[] {
  const { owner, path } = result.policy ?? {};
  const properties = [
    ...(path === undefined ? [] : [['policy', paths.ofAbsolute(path)]]),
    ...(owner === undefined ? [] : [['policy.owner', owner]]),
  ].map(([name, value]) => `      <property name="${name}" value="${attr(value!)}"/>`);
  return properties.length === 0 ? [] : ['    <properties>', ...properties, '    </properties>'];
}

function findingCase(finding: Finding, paths: RepoPaths, outcome: 'failure' | 'skipped'): string {
  const file = paths.of(finding.location.file);
  const { line, column } = finding.location.start;
  const name = `${finding.ruleId}: ${finding.address ?? `${file}:${line}`}`;
  const open = `    <testcase name="${attr(name)}" classname="${attr(file)}" file="${attr(file)}" line="${line}">`;
  const detail =
    outcome === 'failure'
      ? `      <failure type="${finding.severity}" message="${attr(firstSentence(finding.message))}">${text(`${finding.message}\n${file}:${line}:${column}`)}</failure>`
      : `      <skipped message="${attr(`${finding.suppression?.kind} suppression: ${finding.suppression?.reason}`)}"/>`;
  return [open, detail, '    </testcase>'].join('\n');
}

function diagnosticCase(diagnostic: Diagnostic, paths: RepoPaths): string {
  const file = paths.of(diagnostic.range.file);
  const { line } = diagnostic.range.start;
  return [
    `    <testcase name="${attr(`${diagnostic.code}: ${file}:${line}`)}" classname="${attr(file)}" file="${attr(file)}" line="${line}">`,
    `      <error type="${attr(diagnostic.code)}" message="${attr(diagnostic.message)}"/>`,
    '    </testcase>',
  ].join('\n');
}

function elapsedSeconds(result: ScanResult): string {
  const ms = Date.parse(result.invocation.endTime) - Date.parse(result.invocation.startTime);
  return Number.isFinite(ms) && ms >= 0 ? (ms / 1000).toFixed(3) : '0';
}

/**
 * Text safe in XML 1.0: markup escaped, and the control characters XML cannot hold at all (a
 * message may quote a file's bytes) replaced.
 */
function text(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An attribute value: also quotes, and line breaks kept as references rather than normalised away. */
function attr(value: string): string {
  return text(value)
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}
