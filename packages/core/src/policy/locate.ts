import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { jsonTooDeepAt, LineIndex } from '@posture/model';

/** The line of the value at a path of the policy file, `undefined` where it cannot be told. */
export type LineOfPath = (path: readonly (string | number)[]) => number | undefined;

/**
 * The lines of values in a policy file, for error messages and exceptions' ranges. JSON has exact
 * offsets; for YAML, which js-yaml parses without positions, each path segment is found below its
 * parent by indentation — exact for the block style policy files are written in, and `undefined`
 * (the message then names the field only) where it cannot tell. The text is read once however
 * many lines are asked for: a policy may list thousands of exceptions.
 */
export function lineLocator(text: string, json: boolean): LineOfPath {
  return json ? jsonLines(text) : yamlLines(text);
}

/** Deeper than any policy or baseline is written, far shallower than jsonc-parser's recursion goes. */
export const MAX_JSON_DEPTH = 256;

function jsonLines(text: string): LineOfPath {
  // A baseline with a value nested 200,000 levels deep, which JSON.parse reads, overflowed the
  // stack here and ended the scan as an internal error: its lines are not told instead.
  if (jsonTooDeepAt(text, MAX_JSON_DEPTH) >= 0) return () => undefined;
  const tree = parseTree(text);
  const lines = new LineIndex(text);
  return (path) => {
    let node = tree && findNodeAtLocation(tree, [...path]);
    for (let p = path.length; !node && tree && p > 0; p--)
      node = findNodeAtLocation(tree, path.slice(0, p - 1));
    return node ? lines.position(node.offset).line : undefined;
  };
}

interface Token {
  readonly kind: 'key' | 'item';
  readonly indent: number;
  readonly text: string;
  readonly line: number;
}

/** Block-style YAML as tokens: `  - rule: x` is an item at 2 and a key at 4, on the same line. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  text.split(/\r?\n/).forEach((raw, line) => {
    let indent = raw.length - raw.trimStart().length;
    let body = raw.trim();
    if (body === '' || body.startsWith('#')) return;
    while (body === '-' || body.startsWith('- ')) {
      tokens.push({ kind: 'item', indent, text: body, line });
      const rest = body.slice(1).trimStart();
      indent += body.length - rest.length;
      body = rest;
    }
    if (body !== '') tokens.push({ kind: 'key', indent, text: body, line });
  });
  return tokens;
}

function yamlLines(text: string): LineOfPath {
  const tokens = tokenize(text);
  const keys = new Map<string, number | undefined>();
  const sequences = new Map<number, number[]>();
  const keyOf = (parent: number, name: string) => {
    const id = `${parent}:${name}`;
    if (!keys.has(id)) keys.set(id, childKey(tokens, parent, name));
    return keys.get(id);
  };
  const itemsOf = (parent: number) => {
    let items = sequences.get(parent);
    if (!items) sequences.set(parent, (items = sequenceItems(tokens, parent)));
    return items;
  };
  return (path) => {
    let at = -1;
    let line: number | undefined;
    for (const segment of path) {
      const found = typeof segment === 'number' ? itemsOf(at)[segment] : keyOf(at, segment);
      if (found === undefined) return line;
      at = found;
      line = (tokens[found]?.line ?? 0) + 1;
    }
    return line;
  };
}

/** The key `name:` inside the block of the token at `parent` (-1 for the document). */
function childKey(tokens: readonly Token[], parent: number, name: string): number | undefined {
  const parentIndent = tokens[parent]?.indent ?? -1;
  for (let i = parent + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.indent <= parentIndent) return undefined;
    if (t.kind === 'key' && t.text.startsWith(`${name}:`)) return i;
  }
  return undefined;
}

/** The `- ` items of the sequence under the key at `parent`; YAML allows them at the key's indent. */
function sequenceItems(tokens: readonly Token[], parent: number): number[] {
  const parentIndent = tokens[parent]?.indent ?? -1;
  const items: number[] = [];
  let itemIndent: number | undefined;
  for (let i = parent + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) break;
    if (t.kind === 'key' && t.indent <= parentIndent) break;
    if (t.kind !== 'item') continue;
    itemIndent ??= t.indent;
    if (t.indent < itemIndent) break;
    if (t.indent === itemIndent) items.push(i);
  }
  return items;
}
