import { CORE_SCHEMA, load } from 'js-yaml';

/** A parsed YAML or JSON document that knows the line each key and item was written on. */
export interface LocatedDocument {
  readonly data: unknown;
  /** 1-based line of the value at `path`, or of its nearest written ancestor. */
  lineOf(path: readonly string[]): number;
}

interface Node {
  readonly line: number;
  result?: unknown;
  readonly children: Node[];
}

/**
 * Parses with js-yaml (JSON is YAML too, so one parser serves both) and records, from the parser's
 * open/close events, the line of every mapping key and sequence item. The core schema keeps
 * values to plain data: no dates, no binary, and js-yaml 4 has no executable types at all.
 * Throws js-yaml's `YAMLException`, whose `mark.line` is 0-based.
 */
export function parseLocated(text: string, filename: string): LocatedDocument {
  const lines = new WeakMap<object, Map<string, number>>();
  const stack: Node[] = [{ line: 0, children: [] }];
  const data = load(text, {
    filename,
    schema: CORE_SCHEMA,
    listener(event, state) {
      if (event === 'open') {
        stack.push({ line: state.line, children: [] });
        return;
      }
      const node = stack.pop();
      if (!node) return;
      node.result = state.result;
      stack.at(-1)?.children.push(node);
      index(node, lines);
    },
  });
  return {
    data,
    lineOf(path) {
      let line = 1;
      let value = data;
      for (const key of path) {
        const known = typeof value === 'object' && value !== null ? lines.get(value) : undefined;
        const at = known?.get(key);
        if (at === undefined) break;
        line = at + 1;
        value = (value as Record<string, unknown>)[key];
      }
      return line;
    },
  };
}

/**
 * A mapping's children are its keys and values in turn; a sequence's are its items. A value that
 * is wrapped (JSON's flow collections are opened twice) is indexed by its innermost node.
 */
function index(node: Node, lines: WeakMap<object, Map<string, number>>): void {
  const { result, children } = node;
  if (typeof result !== 'object' || result === null || lines.has(result)) return;
  if (Array.isArray(result)) {
    if (children.length === result.length) {
      lines.set(result, new Map(children.map((child, i) => [String(i), child.line])));
    }
    return;
  }
  // Merge keys (`<<`) and complex keys break the key/value rhythm: such a mapping keeps its own line.
  if (children.length !== 2 * Object.keys(result).length) return;
  const keys = new Map<string, number>();
  for (let i = 0; i < children.length; i += 2) {
    const key = children[i];
    if (key) keys.set(String(key.result), key.line);
  }
  lines.set(result, keys);
}
