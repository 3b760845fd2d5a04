import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { Finding } from '@posture/model';
import type { RepoPaths } from '../paths.js';
import { lineHashes } from './line-hash.js';

/** Our own identity for a finding, versioned so that a future change of recipe is a new key. */
export const POSTURE_FINDING_HASH = 'postureFindingHash/v1';

export interface FindingFingerprints {
  /** GitHub's line hash; absent when the file cannot be read. */
  readonly primaryLocationLineHash?: string;
  readonly postureFindingHash: string;
}

/**
 * Fingerprints for one report. Reads each file once. Call `of` for every finding in report order,
 * suppressed ones included, so that occurrence numbers do not depend on which results are emitted.
 */
export class Fingerprinter {
  private readonly sources = new Map<string, SourceLines | undefined>();
  private readonly occurrences = new Map<string, number>();

  constructor(private readonly paths: RepoPaths) {}

  of(finding: Finding): FindingFingerprints {
    const { file, start } = finding.location;
    const source = this.source(file);
    const lineHash = source?.hashes[start.line - 1];
    const key = findingKey(finding, this.paths.of(file), source?.lines[start.line - 1] ?? '');
    // Two findings that share rule, address, file and line text stay distinct by their order.
    const occurrence = (this.occurrences.get(key) ?? 0) + 1;
    this.occurrences.set(key, occurrence);
    const postureFindingHash = `${key}:${occurrence}`;
    return lineHash === undefined
      ? { postureFindingHash }
      : { primaryLocationLineHash: lineHash, postureFindingHash };
  }

  private source(file: string): SourceLines | undefined {
    if (!this.sources.has(file)) this.sources.set(file, readSource(this.paths.absolute(file)));
    return this.sources.get(file);
  }
}

interface SourceLines {
  readonly lines: readonly string[];
  readonly hashes: readonly string[];
}

/**
 * Files larger than this, or binary (a NUL in the first 8 KB, git's rule), have no line hash: a
 * finding about a whole tarball must not make the reporter read and hash hundreds of megabytes.
 */
const MAX_HASHED_BYTES = 16 * 1024 * 1024;

function readSource(file: string): SourceLines | undefined {
  let text: string;
  try {
    if (statSync(file).size > MAX_HASHED_BYTES) return undefined;
    const bytes = readFileSync(file);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    text = bytes.toString('utf8');
  } catch {
    return undefined;
  }
  // Split like the line hash does, so both agree on line numbers.
  return { lines: text.split(/\r\n|\r|\n/), hashes: lineHashes(text) };
}

/**
 * Hash of what identifies a finding regardless of where it sits: rule, address, repository path and
 * the whitespace-free text of its line. Lines added above or re-indentation leave it unchanged.
 */
function findingKey(finding: Finding, repoPath: string, lineText: string): string {
  const parts = [finding.ruleId, finding.address ?? '', repoPath, lineText.replace(/\s+/g, '')];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
