import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { atArchive, identifyingName, type Finding } from '@posture/model';
import type { RepoPaths } from '../paths.js';
import { lineHashes } from './line-hash.js';

/**
 * Our own identity for a finding, versioned so that a change of recipe is a new key. v2 adds the
 * root's file for a finding inside a module (v1 told two roots calling one module apart only by
 * their order, so a new root could take an old one's identity).
 */
export const POSTURE_FINDING_HASH = 'postureFindingHash/v2';

export interface FindingFingerprints {
  /**
   * GitHub's line hash (of its identity, for a finding at an archive); absent when the file cannot
   * be read.
   */
  readonly primaryLocationLineHash?: string;
  readonly postureFindingHash: string;
}

/**
 * Fingerprints of a report's findings, in the order given: report order, suppressed findings
 * included, so that occurrence numbers do not depend on which results are emitted. Each file is
 * read once, and hashed only down to the last line a finding needs.
 */
export function fingerprintAll(
  findings: readonly Finding[],
  paths: RepoPaths,
): { finding: Finding; fingerprints: FindingFingerprints }[] {
  const lastLine = new Map<string, number>();
  for (const { location } of findings) {
    lastLine.set(location.file, Math.max(lastLine.get(location.file) ?? 0, location.start.line));
  }
  const sources = new Map<string, SourceLines | undefined>();
  const occurrences = new Map<string, number>();
  const fingerprinted = findings.map((finding) => {
    const { file, start } = finding.location;
    if (!sources.has(file)) sources.set(file, readSource(paths.absolute(file), lastLine.get(file)));
    const source = sources.get(file);
    const key = findingKey(finding, paths, keyedLine(source, start.line));
    // Two findings that share rule, address, file and line text stay distinct by their order.
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    const postureFindingHash = `${key}:${occurrence}`;
    // An archive is binary, never hashed here; upload-sarif would hash its first bytes, which
    // every build changes. A finding at one has a line hash of its identity, which holds across
    // releases as its path does (`identifyingPath`).
    const lineHash = atArchive(finding)
      ? `${key.slice(0, 16)}:${occurrence}`
      : source?.hashes[start.line - 1];
    const fingerprints: FindingFingerprints =
      lineHash === undefined
        ? { postureFindingHash }
        : { primaryLocationLineHash: lineHash, postureFindingHash };
    return { finding, fingerprints };
  });
  return withDistinctLineHashes(fingerprinted);
}

/**
 * GitHub takes the results of one rule with one line hash in one file as one alert: the buckets of
 * two instances of a module, found at the module's one line, would show as a single alert. Those
 * that share a line hash get one of their own, mixed from it and their identity; a finding alone
 * on its line keeps the plain hash, so existing alerts keep theirs.
 */
function withDistinctLineHashes(
  results: { finding: Finding; fingerprints: FindingFingerprints }[],
): { finding: Finding; fingerprints: FindingFingerprints }[] {
  const alertKey = ({ finding, fingerprints }: (typeof results)[number]) =>
    `${finding.ruleId}\0${finding.location.file}\0${fingerprints.primaryLocationLineHash}`;
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = alertKey(result);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return results.map((result) => {
    const { primaryLocationLineHash: lineHash, postureFindingHash } = result.fingerprints;
    if (lineHash === undefined || counts.get(alertKey(result)) === 1) return result;
    const mixed = createHash('sha256').update(`${lineHash}\0${postureFindingHash}`).digest('hex');
    const fingerprints = { primaryLocationLineHash: `${mixed.slice(0, 16)}:1`, postureFindingHash };
    return { finding: result.finding, fingerprints };
  });
}

interface SourceLines {
  readonly lines: readonly string[];
  readonly hashes: readonly string[];
  /** The text of long lines as findings' keys hold it, worked out once for all of them. */
  readonly keyed: Map<number, string>;
}

/**
 * Lines longer than this (a plan or a minified file written on one line) are keyed by a digest of
 * their text rather than the text, so that many findings on one such line cost one hash of it, not
 * one each: 15,000 findings on the one line of a 3 MB plan took ten minutes.
 */
const MAX_KEYED_LINE = 4096;

/** The text of line `line` as a finding's key holds it: its own, or a digest of a long one. */
function keyedLine(source: SourceLines | undefined, line: number): string {
  const text = source?.lines[line - 1] ?? '';
  if (!source || text.length <= MAX_KEYED_LINE) return text;
  let keyed = source.keyed.get(line);
  if (keyed === undefined) {
    const digest = createHash('sha256').update(text.replace(/\s+/g, '')).digest('hex');
    keyed = `sha256:${digest}`;
    source.keyed.set(line, keyed);
  }
  return keyed;
}

/**
 * Files larger than this, or binary (a NUL in the first 8 KB, git's rule), have no line hash: a
 * finding about a whole tarball must not make the reporter read and hash hundreds of megabytes.
 */
const MAX_HASHED_BYTES = 16 * 1024 * 1024;
const BINARY_PROBE_BYTES = 8192;

function readSource(file: string, lines: number | undefined): SourceLines | undefined {
  let text: string | undefined;
  try {
    text = readText(file);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  // Split like the line hash does, so both agree on line numbers.
  return { lines: text.split(/\r\n|\r|\n/), hashes: lineHashes(text, lines), keyed: new Map() };
}

/**
 * The text of a regular file, or undefined when it is too large or binary. Its first bytes are
 * read alone to tell: read whole first, a finding at a 16 MB tarball read all of it to find a NUL
 * in its header. Opened without blocking, as opening a named pipe blocks.
 */
function readText(file: string): string | undefined {
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size > MAX_HASHED_BYTES) return undefined;
    const head = Buffer.alloc(Math.min(stats.size, BINARY_PROBE_BYTES));
    const probed = readSync(fd, head, 0, head.length, 0);
    if (head.subarray(0, probed).includes(0)) return undefined;
    // Read at a position, the probe left the file's own at the start: this reads it whole.
    return readFileSync(fd).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/**
 * Hash of what identifies a finding regardless of where it sits (lines added above or
 * re-indentation leave it unchanged): rule, address, file and line text, and for a finding inside a module the file of the root's
 * call to it: roots (`envs/dev`, `envs/prod`) and Terragrunt units that deploy one module give its
 * findings one address and line, and only the call tells whose each is. The call's file, not its
 * line, so that editing the root elsewhere keeps the identity. A finding about a shipped file
 * sits at the package setting that lets it in (a `files` entry), which many files share: the
 * file's path in the package is what tells them apart, or a baseline entry reviewed for a vendored
 * map would accept a first-party one that took its turn. Where no package directory was found and
 * such a finding sits at the archive, the archive's name counts without its version
 * (`identifyingName`), or every release would re-report every finding a baseline accepted.
 */
function findingKey(finding: Finding, paths: RepoPaths, lineText: string): string {
  const call = finding.related.find((r) => r.label === 'module call');
  const shipped = finding.properties?.packagePath;
  const parts = [
    finding.ruleId,
    finding.address ?? '',
    identifyingName(finding, paths.of(finding.location.file)),
    lineText.replace(/\s+/g, ''),
    ...(call ? [paths.of(call.range.file)] : []),
    ...(typeof shipped === 'string' ? [shipped] : []),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
