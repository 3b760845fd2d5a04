import { createHash } from 'node:crypto';
import { decodeText, duplicateJsonKeys, jsonRefusal, jsonTooDeepAt } from '@posture/model';
import { locate, type Span } from './locate.js';

export interface FileContent {
  readonly text: string;
  readonly bytes: number;
  /** Hex sha-256 of the bytes as read, for audit evidence. */
  readonly sha256: string;
}

/**
 * The file's hash and text. `terraform show -json > plan.json` in Windows PowerShell 5 writes
 * UTF-16LE with a byte order mark; other shells write UTF-8, sometimes with one.
 */
export function decode(bytes: Buffer): FileContent {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { text: decodeText(bytes), bytes: bytes.length, sha256 };
}

/**
 * Far deeper than any plan (values of resources in modules in modules), far shallower than what
 * exhausts the stack of the readers that recurse per level.
 */
const MAX_DEPTH = 512;

export type ParsedJson =
  | { readonly ok: true; readonly value: unknown; readonly spans: ReadonlyMap<string, Span> }
  | { readonly ok: false; readonly offset: number; readonly problem: string };

/**
 * Strict JSON: `JSON.parse` builds the values, then one pass over the text (`locate`) finds where
 * the objects that need ranges lie. Text it refuses is scanned again for where and why it breaks.
 */
export function parseJson(text: string): ParsedJson {
  if (text.startsWith('PK\u0003\u0004')) {
    return {
      ok: false,
      offset: 0,
      problem:
        'is a binary plan file, not JSON: scan the output of `terraform show -json <planfile>`',
    };
  }
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  if (deep >= 0) {
    return { ok: false, offset: deep, problem: `is nested more than ${MAX_DEPTH} levels deep` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, ...syntaxProblem(text, error) };
  }
  const located = locate(text);
  const { spans } = located;
  // A key given twice where the loader steps over the text (`"acl"` in a resource's values, the
  // first public, the second private): the objects `JSON.parse` made hold fewer keys than the text.
  // Only then is the text read again, token by token, for which key and where.
  const parsedKeys = typeof value === 'object' && value !== null ? keyCount(value) : 0;
  const duplicate =
    located.duplicate ?? (parsedKeys === located.keys ? undefined : duplicateJsonKeys(text)[0]);
  if (duplicate) {
    return {
      ok: false,
      offset: duplicate.offset,
      problem:
        `gives "${duplicate.key}" twice in one object (Terraform writes each key once): ` +
        'which one is meant is not known, so the file is not read',
    };
  }
  return { ok: true, value, spans };
}

/**
 * How many keys the objects of a parsed JSON value hold, nested ones included. A `for…in` walk
 * allocates nothing: a third of the time of one through `Object.values`, a few % of the parse.
 */
function keyCount(value: object): number {
  let keys = 0;
  if (Array.isArray(value)) {
    for (const element of value as unknown[])
      if (typeof element === 'object' && element !== null) keys += keyCount(element);
    return keys;
  }
  for (const key in value) {
    keys++;
    const member = (value as Record<string, unknown>)[key];
    if (typeof member === 'object' && member !== null) keys += keyCount(member);
  }
  return keys;
}

/** A file cut short (an interrupted redirect, a size-limited artifact) is reported at its end. */
function syntaxProblem(text: string, error: unknown): { offset: number; problem: string } {
  const end = text.trimEnd().length;
  if (end === 0) return { offset: 0, problem: 'is empty' };
  const refused = jsonRefusal(text, error);
  if (refused.cutShort) {
    return { offset: end, problem: 'ends before its JSON is complete: the file looks truncated' };
  }
  return { offset: refused.offset, problem: `is not valid JSON: ${refused.message}` };
}
