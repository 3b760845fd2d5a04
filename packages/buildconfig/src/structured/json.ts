/**
 * JSON and JSONC with positions, through jsonc-parser's syntax tree. The parser recovers from
 * errors, so a broken file still gives paths for whatever it could read.
 */
import {
  findNodeAtOffset,
  getNodePath,
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { jsonTooDeepAt } from '@posture/model';
import type { Parsed, Path, Span, StructuredDoc } from './doc.js';

/** jsonc-parser recurses per level; deeper input would overflow the stack. */
const MAX_DEPTH = 256;

export function parseJson(text: string): Parsed {
  const tooDeep = jsonTooDeepAt(text, MAX_DEPTH);
  if (tooDeep >= 0) {
    const message = `nesting deeper than ${MAX_DEPTH} levels`;
    return { doc: new JsonDoc(undefined, undefined), error: { offset: tooDeep, message } };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true });
  const first = errors[0];
  const doc = new JsonDoc(root, first === undefined ? root && getNodeValue(root) : undefined);
  if (first === undefined) return { doc };
  return { doc, error: { offset: first.offset, message: printParseErrorCode(first.error) } };
}

class JsonDoc implements StructuredDoc {
  constructor(
    private readonly root: Node | undefined,
    readonly data: unknown,
  ) {}

  pathAt(offset: number): Path | undefined {
    const node = this.root && findNodeAtOffset(this.root, offset);
    return node && getNodePath(node);
  }

  valueSpan(path: Path): Span | undefined {
    const node = this.nodeAt(path);
    if (!node) return undefined;
    return node.type === 'string'
      ? inside(node)
      : { start: node.offset, end: node.offset + node.length };
  }

  scalarSpan(path: Path): Span | undefined {
    const node = this.nodeAt(path);
    return node?.type === 'string' ? inside(node) : undefined;
  }

  private nodeAt(path: Path): Node | undefined {
    let node = this.root;
    for (const segment of path) node = node && childAt(node, segment);
    return node;
  }
}

/**
 * A key written twice is read at its last writing, as JSON.parse (npm's reader) takes it and as
 * `data` holds it; jsonc-parser's findNodeAtLocation would give the first.
 */
function childAt(node: Node, segment: string | number): Node | undefined {
  if (node.type === 'array')
    return typeof segment === 'number' ? node.children?.[segment] : undefined;
  if (node.type !== 'object') return undefined;
  let value: Node | undefined;
  for (const property of node.children ?? []) {
    if (property.children?.[0]?.value === segment) value = property.children[1];
  }
  return value;
}

/** A string node's characters without the quotes. */
function inside(node: Node): Span {
  return { start: node.offset + 1, end: node.offset + node.length - 1 };
}
