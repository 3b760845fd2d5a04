import { resolve } from 'node:path';
import {
  decodeText,
  failsClosed,
  readRegularFile,
  reportedPath,
  unreadableReason,
  type Finding,
  type ScanResult,
} from '@posture/core';
import { findingFingerprints } from '@posture/report';
import { UsageError } from './exit-codes.js';

export const BASELINE_VERSION = 'posture-baseline/v1';

interface BaselineFile {
  readonly version: typeof BASELINE_VERSION;
  readonly createdAt: string;
  readonly findings: readonly {
    fingerprint: string;
    ruleId: string;
    file: string;
    address?: string;
  }[];
}

/**
 * Today's findings, to adopt the gate on a large estate without fixing everything first. Not those
 * on input the scan could not check: recorded, a file broken on the day would pass unread for good.
 */
export function writeBaseline(result: ScanResult): { text: string; recorded: number } {
  const prints = [...findingFingerprints(result)].filter(([f]) => !failsClosed(f));
  const file: BaselineFile = {
    version: BASELINE_VERSION,
    createdAt: result.invocation.endTime,
    findings: prints.map(([f, fingerprint]) => ({
      fingerprint,
      ruleId: f.ruleId,
      file: f.location.file,
      address: f.address,
    })),
  };
  return { text: `${JSON.stringify(file, null, 2)}\n`, recorded: prints.length };
}

/**
 * Marks findings already in the baseline `typed` (from `cwd`) as suppressed, so only new ones fail
 * the gate; returns the baseline's fingerprints, which SARIF compares its results with.
 */
export function applyBaseline(result: ScanResult, cwd: string, typed: string): ReadonlySet<string> {
  const path = resolve(cwd, typed);
  const known = new Set(readBaseline(path, typed).findings.map((f) => f.fingerprint));
  // Named from the repository's top, as the reports name files: never by a path of this machine.
  const named = reportedPath(path, result.baseDir, result.baseDir);
  for (const [finding, fingerprint] of findingFingerprints(result)) {
    // An older baseline may hold input that could not be read: it still fails the gate.
    if (known.has(fingerprint) && !finding.suppression && !failsClosed(finding))
      suppress(finding, named);
  }
  return known;
}

function suppress(finding: Finding, baseline: string): void {
  finding.suppression = { kind: 'baseline', reason: `present in the baseline ${baseline}` };
}

/** The baseline at `path`, named in errors as the user typed it. */
function readBaseline(path: string, typed: string): BaselineFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(decodeText(readRegularFile(path)));
  } catch (error) {
    throw new UsageError(`cannot read the baseline ${typed}: ${unreadableReason(error)}`);
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
  return file as BaselineFile;
}
