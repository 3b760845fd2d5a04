import { relative, resolve, sep } from 'node:path';
import {
  decodeText,
  duplicateJsonKeys,
  failsClosed,
  jsonRefusal,
  LineIndex,
  lineLocator,
  readRegularFile,
  redactText,
  reportedPath,
  SEVERITIES,
  unreadableReason,
  type Diagnostic,
  type Finding,
  type Range,
  type ScanResult,
} from '@posture/core';
import { findingFingerprints, plural } from '@posture/report';
import {
  judgeEntries,
  refusalMessage,
  shippedPath,
  type BaselineEntry,
  type Verdict,
} from './baseline-entries.js';
import { UsageError } from './exit-codes.js';
import { refuseLeaving } from './input-file.js';
import { checkoutTrees } from './checkout-trees.js';

export const BASELINE_VERSION = 'posture-baseline/v1';

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
  // Named from the repository's top, as fingerprints name it: the scan root is where the command
  // was pointed (`posture artifact .` makes it the directory above the package), not the file's.
  const named = repoPath(result);
  const findings = [...acceptable(result)].map(([f, fingerprint]) => ({
    fingerprint,
    ruleId: f.ruleId,
    file: named(f),
    address: f.address,
    ...(shippedPath(f) !== undefined && { packagePath: shippedPath(f) }),
    severity: f.severity,
  }));
  return baselineText({
    version: BASELINE_VERSION,
    createdAt: result.invocation.endTime,
    findings,
  });
}

/**
 * The baseline `typed` (from `cwd`) less the entries no finding of `result` matches: what was fixed
 * leaves it, so that it fails the gate if it comes back, and so does an entry whose rule, file or
 * address is not that of the finding its fingerprint is. Nothing new is accepted: an entry is kept
 * as written, the severity it accepts included.
 */
export function pruneBaseline(result: ScanResult, cwd: string, typed: string): BaselineText {
  const { file } = readBaseline(resolve(cwd, typed), typed, checkoutTrees(cwd, result.root));
  const verdicts = judgeEntries(file.findings, acceptable(result), repoPath(result));
  return baselineText({
    ...file,
    findings: file.findings.filter((_, i) => matches(verdicts[i]!)),
  });
}

/** Whether an entry is about a finding there is: it may accept it, at its severity or lower. */
function matches(verdict: Verdict): boolean {
  return verdict.kind !== 'unmatched' && verdict.kind !== 'misnamed';
}

function baselineText(file: BaselineFile): BaselineText {
  return { text: `${JSON.stringify(file, null, 2)}\n`, recorded: file.findings.length };
}

/** Each finding a baseline may accept, with its fingerprint: all but input left unread. */
function acceptable(result: ScanResult): Map<Finding, string> {
  const prints = [...findingFingerprints(result)].filter(([f]) => !failsClosed(f));
  return new Map(prints);
}

/** A finding's file as the reports name it, from the repository's top, as fingerprints do. */
function repoPath(result: ScanResult): (finding: Finding) => string {
  return (f) => reportedPath(resolve(result.root, f.location.file), result.baseDir, result.baseDir);
}

/** What comparing a scan with a baseline gave, besides the findings it suppressed. */
export interface AppliedBaseline {
  /** The fingerprints of the findings the baseline accepted, which SARIF marks `unchanged`. */
  readonly fingerprints: ReadonlySet<string>;
  /** A note at each entry that accepted nothing, and why. */
  readonly notes: readonly Diagnostic[];
}

/** Notes named one by one; past them, one note counts the rest, so CI logs stay short. */
const NOTED_ENTRIES = 10;

/**
 * Marks findings already in the baseline `typed` (from `cwd`) as suppressed, so only new ones fail
 * the gate. An entry accepts the finding its fingerprint is of, when it names that finding's rule,
 * file and address, at the severity it recorded or lower. Any other entry is noted where it is
 * written: what it accepted is gone (and left in place it would accept it coming back), it reads
 * as another finding than the one it is of, or its finding has grown worse since it was recorded.
 */
export function applyBaseline(result: ScanResult, cwd: string, typed: string): AppliedBaseline {
  const path = resolve(cwd, typed);
  const { file, text } = readBaseline(path, typed, checkoutTrees(cwd, result.root));
  // Named from the repository's top, as the reports name files: never by a path of this machine.
  const named = reportedPath(path, result.baseDir, result.baseDir);
  const prints = acceptable(result);
  const verdicts = judgeEntries(file.findings, prints, repoPath(result));
  const fingerprints = new Set<string>();
  // An older baseline may hold input that could not be read: it still fails the gate.
  for (const verdict of verdicts) {
    if (verdict.kind !== 'accepts') continue;
    fingerprints.add(prints.get(verdict.finding)!);
    if (!verdict.finding.suppression) suppress(verdict.finding, named);
  }
  const at = (line: number) => baselineRange(result.root, path, line);
  return { fingerprints, notes: entryNotes(file, text, verdicts, at) };
}

/**
 * A note at each entry of the baseline that accepted nothing, on its line, saying why; past
 * `NOTED_ENTRIES`, one note counts the rest.
 */
function entryNotes(
  file: BaselineFile,
  text: string,
  verdicts: readonly Verdict[],
  at: (line: number) => Range,
): Diagnostic[] {
  const lineOf = lineLocator(text, true);
  const refused = file.findings.flatMap((entry, i) => {
    const verdict = verdicts[i]!;
    if (verdict.kind === 'accepts') return [];
    return [{ entry, verdict, line: lineOf(['findings', i]) ?? 1 }];
  });
  const note = (message: string, line = 1): Diagnostic => ({
    severity: 'info',
    code: 'baseline-entry-unmatched',
    // A baseline may be written by hand: what it says reaches the reports masked, as all else.
    message: redactText(message),
    range: at(line),
  });
  const notes = refused
    .slice(0, NOTED_ENTRIES)
    .map(({ entry, verdict, line }) => note(refusalMessage(entry, verdict), line));
  const more = refused.slice(NOTED_ENTRIES);
  if (more.length > 0)
    notes.push(
      note(
        `No finding matches ${plural(more.length, 'more entry', 'more entries')} of the baseline; posture baseline --prune drops those that match none`,
        more[0]?.line,
      ),
    );
  return notes;
}

/** A line of the baseline, relative to the scan root as every range is. */
function baselineRange(root: string, path: string, line: number): Range {
  const at = { line, column: 1, offset: 0 };
  return { file: relative(root, path).split(sep).join('/'), start: at, end: at };
}

function suppress(finding: Finding, baseline: string): void {
  finding.suppression = { kind: 'baseline', reason: `present in the baseline ${baseline}` };
}

/**
 * The baseline at `path`, and its text, named in errors as the user typed it; read only from
 * inside the repository or the working directory (`trees`) when named there.
 */
function readBaseline(
  path: string,
  typed: string,
  trees: readonly string[],
): { file: BaselineFile; text: string } {
  refuseLeaving(path, `the baseline ${typed}`, trees);
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
  // JSON.parse keeps a key's last value; a reader of the file, its first.
  const duplicate = duplicateJsonKeys(text)[0];
  if (duplicate) {
    const { line, column } = new LineIndex(text).position(duplicate.offset);
    throw new UsageError(
      `${typed}:${line}:${column}: the baseline gives "${duplicate.key}" twice in one object.`,
    );
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
  // So is one whose severity is none: read as the lowest, or as none, it would pass unsaid.
  const unrated = file.findings.findIndex(
    (f: { severity?: unknown }) =>
      f.severity !== undefined && !(SEVERITIES as readonly unknown[]).includes(f.severity),
  );
  if (unrated >= 0) {
    throw new UsageError(
      `${typed}: finding ${unrated + 1} of the baseline has a "severity" that is none of ${SEVERITIES.join(', ')}.`,
    );
  }
  return { file: file as BaselineFile, text };
}
