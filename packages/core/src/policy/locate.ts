import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { LineIndex } from '@posture/model';

/**
 * The line of a value in a policy file, for error messages. JSON has exact offsets; for YAML,
 * which js-yaml parses without positions, each path segment is found below its parent by
 * indentation — exact for the block style policy files are written in, and `undefined` (the message
 * then names the field only) where it cannot tell.
 */
export function lineOfPath(
  text: string,
  path: readonly (string | number)[],
  json: boolean,
): number | undefined {
  return json ? jsonLine(text, path) : yamlLine(text, path);
}

function jsonLine(text: string, path: readonly (string | number)[]): number | undefined {
  const tree = parseTree(text);
  let node = tree && findNodeAtLocation(tree, [...path]);
  for (let p = path.length; !node && tree && p > 0; p--)
    node = findNodeAtLocation(tree, path.slice(0, p - 1));
  return node ? new LineIndex(text).position(node.offset).line : undefined;
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

function yamlLine(text: string, path: readonly (string | number)[]): number | undefined {
  const tokens = tokenize(text);
  let at = -1;
  let line: number | undefined;
  for (const segment of path) {
    const found =
      typeof segment === 'number' ? nthItem(tokens, at, segment) : childKey(tokens, at, segment);
    if (found === undefined) return line;
    at = found;
    line = (tokens[found]?.line ?? 0) + 1;
  }
  return line;
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

/** The n-th `- ` item of the sequence under the key at `parent`; YAML allows it at the key's indent. */
function nthItem(tokens: readonly Token[], parent: number, n: number): number | undefined {
  const parentIndent = tokens[parent]?.indent ?? -1;
  let itemIndent: number | undefined;
  let count = -1;
  for (let i = parent + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) break;
    if (t.kind === 'key' && t.indent <= parentIndent) break;
    if (t.kind !== 'item') continue;
    itemIndent ??= t.indent;
    if (t.indent < itemIndent) break;
    if (t.indent === itemIndent && ++count === n) return i;
  }
  return undefined;
}
