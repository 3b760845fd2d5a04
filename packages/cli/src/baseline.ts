import { relative, resolve, sep } from 'node:path';
import {
  decodeText,
  failsClosed,
  jsonRefusal,
  lineLocator,
  readRegularFile,
  redactText,
  reportedPath,
  unreadableReason,
  type Diagnostic,
  type Finding,
  type Range,
  type ScanResult,
} from '@posture/core';
import { findingFingerprints, plural } from '@posture/report';
import { UsageError } from './exit-codes.js';

export const BASELINE_VERSION = 'posture-baseline/v1';

interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly file: string;
  readonly address?: string;
}

interface BaselineFile {
  readonly version: typeof BASELINE_VERSION;
  readonly createdAt: string;
  readonly findings: readonly BaselineEntry[];
}

/** A baseline to write, and how many entries it holds. */
export interface BaselineText {
  readonly text: string;
  readonly recorded: number;
}

/**
 * Today's findings, to adopt the gate on a large estate without fixing everything first. Not those
 * on input the scan could not check: recorded, a file broken on the day would pass unread for good.
 */
export function writeBaseline(result: ScanResult): BaselineText {
  const findings = [...acceptable(result)].map(([f, fingerprint]) => ({
    fingerprint,
    ruleId: f.ruleId,
    file: f.location.file,
    address: f.address,
  }));
  return baselineText({
    version: BASELINE_VERSION,
    createdAt: result.invocation.endTime,
    findings,
  });
}

/**
 * The baseline `typed` (from `cwd`) less the entries no finding of `result` matches: what was fixed
 * leaves it, so that it fails the gate if it comes back. Nothing new is accepted.
 */
export function pruneBaseline(result: ScanResult, cwd: string, typed: string): BaselineText {
  const { file } = readBaseline(resolve(cwd, typed), typed);
  const current = new Set(acceptable(result).values());
  return baselineText({
    ...file,
    findings: file.findings.filter((entry) => current.has(entry.fingerprint)),
  });
}

function baselineText(file: BaselineFile): BaselineText {
  return { text: `${JSON.stringify(file, null, 2)}\n`, recorded: file.findings.length };
}

/** Each finding a baseline may accept, with its fingerprint: all but input left unread. */
function acceptable(result: ScanResult): Map<Finding, string> {
  const prints = [...findingFingerprints(result)].filter(([f]) => !failsClosed(f));
  return new Map(prints);
}

/** What comparing a scan with a baseline gave, besides the findings it suppressed. */
export interface AppliedBaseline {
  /** The baseline's fingerprints, which SARIF compares its results with. */
  readonly fingerprints: ReadonlySet<string>;
  /** A note at each entry that suppressed nothing, as no finding is its own any more. */
  readonly notes: readonly Diagnostic[];
}

/** Notes named one by one; past them, one note counts the rest, so CI logs stay short. */
const NOTED_ENTRIES = 10;

/**
 * Marks findings already in the baseline `typed` (from `cwd`) as suppressed, so only new ones fail
 * the gate. An entry no finding matches is noted where it is written: what it accepted is gone,
 * and left in place it would accept the same finding coming back.
 */
export function applyBaseline(result: ScanResult, cwd: string, typed: string): AppliedBaseline {
  const path = resolve(cwd, typed);
  const { file, text } = readBaseline(path, typed);
  const fingerprints = new Set(file.findings.map((f) => f.fingerprint));
  // Named from the repository's top, as the reports name files: never by a path of this machine.
  const named = reportedPath(path, result.baseDir, result.baseDir);
  const matched = new Set<string>();
  // An older baseline may hold input that could not be read: it still fails the gate.
  for (const [finding, fingerprint] of acceptable(result)) {
    if (!fingerprints.has(fingerprint)) continue;
    matched.add(fingerprint);
    if (!finding.suppression) suppress(finding, named);
  }
  const at = (line: number) => baselineRange(result.root, path, line);
  return { fingerprints, notes: unmatchedNotes(file, text, matched, at) };
}

/**
 * A note at each entry of the baseline that no finding matched, on its line; past
 * `NOTED_ENTRIES`, one note counts the rest.
 */
function unmatchedNotes(
  file: BaselineFile,
  text: string,
  matched: ReadonlySet<string>,
  at: (line: number) => Range,
): Diagnostic[] {
  const lineOf = lineLocator(text, true);
  const unmatched = file.findings.flatMap((entry, i) =>
    matched.has(entry.fingerprint) ? [] : [{ entry, line: lineOf(['findings', i]) ?? 1 }],
  );
  const note = (message: string, line = 1): Diagnostic => ({
    severity: 'info',
    code: 'baseline-entry-unmatched',
    // A baseline may be written by hand: what it says reaches the reports masked, as all else.
    message: redactText(message),
    range: at(line),
  });
  const notes = unmatched
    .slice(0, NOTED_ENTRIES)
    .map(({ entry, line }) => note(unmatchedMessage(entry), line));
  const more = unmatched.slice(NOTED_ENTRIES);
  if (more.length > 0)
    notes.push(
      note(
        `No finding matches ${plural(more.length, 'more entry', 'more entries')} of the baseline; posture baseline --prune drops every entry that matches none`,
        more[0]?.line,
      ),
    );
  return notes;
}

function unmatchedMessage(entry: BaselineEntry): string {
  const what = [entry.ruleId, entry.address ?? entry.file].filter(Boolean).join(' at ');
  const named = what === '' ? 'An entry' : `The entry for ${what}`;
  return failsClosed({ ruleId: entry.ruleId })
    ? `${named} is not honoured: input that could not be read fails the gate until it is fixed or excluded; posture baseline --prune drops the entry`
    : `${named} matches no finding, so what it accepted is gone; posture baseline --prune drops it, so that the finding fails the gate if it comes back`;
}

/** A line of the baseline, relative to the scan root as every range is. */
function baselineRange(root: string, path: string, line: number): Range {
  const at = { line, column: 1, offset: 0 };
  return { file: relative(root, path).split(sep).join('/'), start: at, end: at };
}

function suppress(finding: Finding, baseline: string): void {
  finding.suppression = { kind: 'baseline', reason: `present in the baseline ${baseline}` };
}

/** The baseline at `path`, and its text, named in errors as the user typed it. */
function readBaseline(path: string, typed: string): { file: BaselineFile; text: string } {
  let text: string;
  try {
    text = decodeText(readRegularFile(path));
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${typed}: ${unreadableReason(error)}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const { line, column, message } = jsonRefusal(text, error);
    throw new UsageError(`${typed}:${line}:${column}: the baseline is not valid JSON: ${message}`);
  }
  const file = parsed as Partial<BaselineFile> | null;
  if (file?.version !== BASELINE_VERSION || !Array.isArray(file.findings)) {
    throw new UsageError(
      `${typed} is not a Posture baseline (expected "version": "${BASELINE_VERSION}").`,
    );
  }
  // An entry without a fingerprint would suppress nothing, silently: the file is damaged.
  const bad = file.findings.findIndex(
    (f: unknown) => typeof (f as { fingerprint?: unknown } | null)?.fingerprint !== 'string',
  );
  if (bad >= 0) {
    throw new UsageError(`${typed}: finding ${bad + 1} of the baseline has no "fingerprint".`);
  }
  return { file: file as BaselineFile, text };
}
