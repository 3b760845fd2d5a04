/**
 * Differential test against @cdktf/hcl2json, HashiCorp's Go HCL parser compiled to WASM: every
 * Terraform file of ../shared/corpus and ../shared/peer-cases, a table of valid and broken
 * snippets, and seeded mutations of corpus files. Both parsers must accept and reject the same
 * inputs, and build the same structure from what they accept.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { describe, expect, it } from 'vitest';
import type { ConfigFile } from '../src/ast.js';
import { parseHcl, parseTfJson } from '../src/parser/index.js';
import { SHARED_DIR, sharedAvailable, terraformFiles } from './support/corpus.js';
import { MUTATIONS, mutate, random } from './support/mutate.js';
import { INVALID_SNIPPETS, VALID_SNIPPETS } from './support/snippets.js';
import { toHcl2Json, type Json } from './support/to-hcl2json.js';

/** Corpus files where the two parsers disagree, each with the reason. */
const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  'corpus/cloud-foundation-fabric/tests/examples_e2e/setup_module/jit.tf.json':
    'hcl2json reads only native syntax and rejects every JSON file; parseTfJson is checked ' +
    "against the file's own JSON in the '.tf.json' test below",
};

/** Broken snippets where both parsers reject, but report the first error on different lines. */
const LINE_DIFFERENCES: Readonly<Record<string, string>> = {
  'a = <<EOT\nx\n': 'we point at the unterminated <<EOT, HCL at the end of the file',
  'a = <<EOT\nx\nEOT': 'we point at the unterminated <<EOT, HCL at the end of the file',
  'a = (1\n': "we point at the unclosed '(', HCL at the end of the file",
};

type Outcome = { json: Json } | { error: string; line: number | undefined };

async function theirs(path: string, text: string): Promise<Outcome> {
  try {
    return { json: (await hcl2json(path, text)) as Json };
  } catch (error) {
    const message = String((error as Error).message ?? error);
    const m = /:(\d+),\d+-/.exec(message);
    return { error: message, line: m ? Number(m[1]) : undefined };
  }
}

/** Undefined when the outcomes agree; otherwise what differs. */
function compare(
  ours: ConfigFile,
  text: string,
  other: Outcome,
  checkLine: boolean,
): string | undefined {
  const ourError = ours.diagnostics[0];
  if ('error' in other) {
    if (ourError === undefined) return `hcl2json rejects it, we accept it: ${other.error}`;
    if (checkLine && other.line !== ourError.start.line) {
      return `both reject, ours at line ${ourError.start.line} (${ourError.message}), hcl2json: ${other.error}`;
    }
    return undefined;
  }
  if (ourError !== undefined) {
    return `we reject it at ${ourError.start.line}:${ourError.start.column}: ${ourError.message}`;
  }
  return firstDifference(toHcl2Json(ours, text), other.json, '$');
}

function firstDifference(a: Json, b: Json, path: string): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    return `${path}: ours ${JSON.stringify(a)?.slice(0, 160)}, hcl2json ${JSON.stringify(b)?.slice(0, 160)}`;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b)) return `${path}: array against object`;
    if (a.length !== b.length) return `${path}: ${a.length} items against ${b.length}`;
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i] as Json, b[i] as Json, `${path}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const other = b as { [key: string]: Json };
  for (const key of new Set([...Object.keys(a), ...Object.keys(other)])) {
    if (!Object.hasOwn(a, key)) return `${path}.${key}: missing in ours`;
    if (!Object.hasOwn(other, key)) return `${path}.${key}: missing in hcl2json`;
    const d = firstDifference(a[key] as Json, other[key] as Json, `${path}.${key}`);
    if (d !== undefined) return d;
  }
  return undefined;
}

const LABELS: Readonly<Record<string, number>> = {
  resource: 2,
  data: 2,
  ephemeral: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
  check: 1,
};

/** A .tf.json document nested the way hcl2json nests native blocks (top-level blocks only). */
function nestTfJson(doc: { [key: string]: Json }): Json {
  const nest = (value: Json, labels: number): Json => {
    if (Array.isArray(value)) return labels === 0 ? value : value.map((v) => nest(v, labels));
    if (labels === 0) return [value];
    const obj = value as { [key: string]: Json };
    return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, nest(v, labels - 1)]));
  };
  return Object.fromEntries(
    Object.entries(doc)
      .filter(([key]) => key !== '//')
      .map(([key, value]) => [key, nest(value, LABELS[key] ?? 0)]),
  );
}

describe('differential against @cdktf/hcl2json: snippets', () => {
  it.each(VALID_SNIPPETS.map((s) => [s]))('reads %j alike', async (text) => {
    expect(compare(parseHcl(text, 'main.tf'), text, await theirs('main.tf', text), true)).toBe(
      undefined,
    );
  });

  it.each(INVALID_SNIPPETS.map((s) => [s]))('rejects %j alike', async (text) => {
    const other = await theirs('main.tf', text);
    expect('error' in other).toBe(true);
    const checkLine = !(text in LINE_DIFFERENCES);
    expect(compare(parseHcl(text, 'main.tf'), text, other, checkLine)).toBe(undefined);
  });
});

describe.skipIf(!sharedAvailable())('differential against @cdktf/hcl2json: files', () => {
  if (!sharedAvailable()) {
    it.skip(`needs ${SHARED_DIR}corpus, which is missing`, () => {});
    return;
  }

  it('parses every corpus and peer-case file like hcl2json', { timeout: 300_000 }, async () => {
    const files = terraformFiles('corpus', 'peer-cases');
    expect(files.length).toBeGreaterThan(4000);
    const differences: Record<string, string> = {};
    for (const file of files) {
      const text = readFileSync(join(SHARED_DIR, file), 'utf8');
      const ours = file.endsWith('.json') ? parseTfJson(text, file) : parseHcl(text, file);
      const difference = compare(ours, text, await theirs(file, text), true);
      if (difference !== undefined) differences[file] = difference;
    }
    const unexpected = Object.entries(differences).filter(([file]) => !(file in KNOWN_DIFFERENCES));
    expect(Object.fromEntries(unexpected)).toEqual({});
    const stale = Object.keys(KNOWN_DIFFERENCES).filter((file) => !(file in differences));
    expect(stale).toEqual([]);
    const equal = files.length - Object.keys(differences).length;
    expect(equal / files.length).toBeGreaterThanOrEqual(0.995);
  });

  it('reads .tf.json files as the JSON they are', () => {
    const files = terraformFiles('corpus', 'peer-cases').filter((f) => f.endsWith('.tf.json'));
    for (const file of files) {
      const text = readFileSync(join(SHARED_DIR, file), 'utf8');
      const ours = parseTfJson(text, file);
      expect(ours.diagnostics).toEqual([]);
      expect(toHcl2Json(ours, text)).toEqual(nestTfJson(JSON.parse(text)));
    }
  });

  it('accepts and rejects mutated corpus files like hcl2json', { timeout: 120_000 }, async () => {
    const files = terraformFiles('corpus').filter((f) => !f.endsWith('.json'));
    const rnd = random(20260101);
    const disagreements: string[] = [];
    for (let i = 0; i < 200; i++) {
      const file = files[Math.floor(rnd() * files.length)] as string;
      const kind = MUTATIONS[Math.floor(rnd() * MUTATIONS.length)] as (typeof MUTATIONS)[number];
      const text = mutate(readFileSync(join(SHARED_DIR, file), 'utf8'), rnd, kind);
      const other = await theirs('main.tf', text);
      const weReject = parseHcl(text, 'main.tf').diagnostics.length > 0;
      if (weReject !== 'error' in other) {
        disagreements.push(
          `${file} (${kind}): ${'error' in other ? other.error : 'hcl2json accepts'}`,
        );
      }
    }
    expect(disagreements).toEqual([]);
  });
});
