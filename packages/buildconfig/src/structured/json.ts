/**
 * JSON and JSONC with positions, through jsonc-parser's syntax tree. The parser recovers from
 * errors, so a broken file still gives paths for whatever it could read.
 */
import {
  getNodeValue,
  parseTree,
  printParseErrorCode,
  type Node,
  type ParseError,
} from 'jsonc-parser';
import { countBefore, jsonTooDeepAt } from '@posture/model';
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

  /**
   * The path of the innermost node holding `offset`, as jsonc-parser's findNodeAtOffset and
   * getNodePath give it, found by a binary search at each level: they read every earlier sibling
   * (and an array's items again for the index), so a lookup per script of a package.json of
   * thousands was quadratic.
   */
  pathAt(offset: number): Path | undefined {
    if (!this.root || !holds(this.root, offset)) return undefined;
    const path: (string | number)[] = [];
    for (let node = this.root; ;) {
      const children = node.children ?? [];
      // Siblings are in order and apart: only the last to start by the offset may hold it.
      const i = countBefore(children, (child) => child.offset <= offset) - 1;
      const child = children[i];
      if (!child || !holds(child, offset)) return path;
      if (node.type === 'array') path.push(i);
      else if (node.type === 'property') path.push(children[0]?.value as string);
      node = child;
    }
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
  return membersOf(node).get(segment);
}

const members = new WeakMap<Node, ReadonlyMap<unknown, Node | undefined>>();

/** An object's values by key, indexed once: an object of thousands is asked for each. */
function membersOf(node: Node): ReadonlyMap<unknown, Node | undefined> {
  let found = members.get(node);
  if (!found) {
    const byKey = new Map<unknown, Node | undefined>();
    for (const property of node.children ?? []) {
      const [key, value] = property.children ?? [];
      if (key) byKey.set(key.value, value);
    }
    members.set(node, (found = byKey));
  }
  return found;
}

function holds(node: Node, offset: number): boolean {
  return offset >= node.offset && offset < node.offset + node.length;
}

/** A string node's characters without the quotes. */
function inside(node: Node): Span {
  return { start: node.offset + 1, end: node.offset + node.length - 1 };
}
