/**
 * Differential test: every Terraform file of ../shared/corpus and ../shared/peer-cases parsed by
 * Posture and by @cdktf/hcl2json (the Go HCL parser compiled to WASM), compared structurally.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import { parseHcl, parseTfJson } from '../src/parser/index.js';
import { SHARED_DIR, sharedAvailable, terraformFiles } from './support/corpus.js';
import { toHcl2Json, type Json } from './support/to-hcl2json.js';

/** Files where the two parsers legitimately disagree, each with the reason. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {};

function firstDifference(a: Json, b: Json, path: string): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: array vs object`;
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i] as Json, b[i] as Json, `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const bo = b as { [key: string]: Json };
  const keys = new Set([...Object.keys(a), ...Object.keys(bo)]);
  for (const key of keys) {
    if (!(key in a)) return `${path}.${key}: missing in ours`;
    if (!(key in bo)) return `${path}.${key}: missing in hcl2json`;
    const d = firstDifference(a[key] as Json, bo[key] as Json, `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

function errorLine(message: string): number | undefined {
  const m = /:(\d+),\d+-/.exec(message);
  return m ? Number(m[1]) : undefined;
}

describe.skipIf(!sharedAvailable())('differential against @cdktf/hcl2json', () => {
  it('parses the corpus and the peer cases like hcl2json', { timeout: 300_000 }, async () => {
    const files = terraformFiles('corpus', 'peer-cases');
    expect(files.length).toBeGreaterThan(4000);
    const differences: Record<string, string> = {};
    let equal = 0;
    for (const file of files) {
      const text = readFileSync(join(SHARED_DIR, file), 'utf8');
      const json = file.endsWith('.json');
      const ours = json ? parseTfJson(text, file) : parseHcl(text, file);
      let theirs: Json | undefined;
      let theirError: string | undefined;
      try {
        theirs = (await hcl2json(file, text)) as Json;
      } catch (error) {
        theirError = String((error as Error).message ?? error);
      }
      const ourError = ours.diagnostics[0];
      let difference: string | undefined;
      if (theirError !== undefined) {
        if (ourError === undefined) difference = `hcl2json rejects it, we accept: ${theirError}`;
        else if (errorLine(theirError) !== ourError.start.line) {
          difference = `both reject, on different lines: ours ${ourError.start.line} (${ourError.message}), theirs ${theirError}`;
        }
      } else if (ourError !== undefined) {
        difference = `we reject it at line ${ourError.start.line}: ${ourError.message}`;
      } else {
        difference = firstDifference(toHcl2Json(ours, text), theirs as Json, '$');
      }
      if (difference === undefined) equal++;
      else differences[file] = difference;
    }
    const unexpected = Object.fromEntries(
      Object.entries(differences).filter(([file]) => !(file in KNOWN_DIFFERENCES)),
    );
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((file) => !(file in differences));
    expect(unexpected).toEqual({});
    expect(stale).toEqual([]);
    expect(equal / files.length).toBeGreaterThanOrEqual(0.995);
  });
});
