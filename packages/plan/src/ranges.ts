import { findNodeAtLocation, parseTree, visit, type Node } from 'jsonc-parser';
import type { LineIndex, Range, RangeMap } from '@posture/model';
import { pointer, type Span } from './locate.js';
import type { Expressions } from './plan-json.js';
import { isBlockList, isExpression } from './references.js';

/** The plan file's text, where its objects lie, and how its offsets become ranges. */
export interface PlanSource {
  /** Relative to the scan root. */
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly spans: ReadonlyMap<string, Span>;
}

type JsonPath = readonly (string | number)[];

/**
 * Ranges of the resource object at `path`: `''` is the object, and every property and element
 * under its `values` gets the range of its JSON property (key to value) or element, by value path.
 */
export function valueRanges(source: PlanSource, path: JsonPath): RangeMap {
  return rangesOf(source, path, 'values', (node, ranges, at) =>
    addValueRanges(node, '', ranges, at),
  );
}

/**
 * Ranges of the configuration block (provider or module call) at `path`: `''` is the block's
 * object, and each argument under `expressions` gets its property's range, keyed by value path —
 * the `constant_value` wrapper is not in paths, so `tags.release` is a key of a constant map.
 */
export function expressionRanges(
  source: PlanSource,
  path: JsonPath,
  expressions: Expressions | undefined,
): RangeMap {
  return rangesOf(source, path, 'expressions', (node, ranges, at) =>
    addBodyRanges(node, expressions ?? {}, '', ranges, at),
  );
}

/**
 * Where some JSON paths are, for diagnostics: a property's key, an array element's value; the
 * file's start for a path that is not there. One scan that skips every subtree off those paths,
 * so a diagnostic on a large file costs no position tree.
 */
export function pathRanges(source: Omit<PlanSource, 'spans'>, paths: readonly JsonPath[]): Range[] {
  const wanted = new Set(paths.map(pointer));
  const onTheWay = new Set(paths.flatMap((path) => path.map((_, i) => pointer(path.slice(0, i)))));
  const found = new Map<string, Span>();
  const note = (path: JsonPath, offset: number, length: number) => {
    const key = pointer(path);
    if (wanted.has(key) && !found.has(key)) found.set(key, { start: offset, end: offset + length });
  };
  const enter = (
    offset: number,
    length: number,
    _l: number,
    _c: number,
    pathOf: () => JsonPath,
  ) => {
    const path = pathOf();
    note(path, offset, length);
    return onTheWay.has(pointer(path));
  };
  visit(source.text, {
    onObjectBegin: enter,
    onArrayBegin: enter,
    onObjectProperty: (name, offset, length, _l, _c, pathOf) =>
      note([...pathOf(), name], offset, length),
    onLiteralValue: (_value, offset, length, _l, _c, pathOf) => note(pathOf(), offset, length),
    // jsonc-parser only ends a skipped subtree in an end callback: without one it skips the rest.
    onObjectEnd: () => undefined,
    onArrayEnd: () => undefined,
  });
  return paths.map((path) => {
    const span = found.get(pointer(path)) ?? { start: 0, end: 0 };
    return source.lines.range(source.file, span.start, span.end);
  });
}

/**
 * Parses only the object at `path` (its span was found by `locate`), so no position tree of the
 * whole plan is ever built, and walks its `key` member.
 */
function rangesOf(
  source: PlanSource,
  path: JsonPath,
  key: string,
  add: (node: Node, ranges: Record<string, Range>, at: At) => void,
): RangeMap {
  const span = source.spans.get(pointer(path));
  if (!span) return {};
  const ranges: Record<string, Range> = {
    '': source.lines.range(source.file, span.start, span.end),
  };
  const tree = parseTree(source.text.slice(span.start, span.end));
  const member = tree && findNodeAtLocation(tree, [key]);
  const at: At = (node) =>
    source.lines.range(
      source.file,
      span.start + node.offset,
      span.start + node.offset + node.length,
    );
  if (member) add(member, ranges, at);
  return ranges;
}

type At = (node: Node) => Range;

function join(prefix: string, key: string | number): string {
  return prefix === '' ? String(key) : `${prefix}.${key}`;
}

function addValueRanges(node: Node, prefix: string, ranges: Record<string, Range>, at: At): void {
  for (const [key, child, whole] of members(node)) {
    const path = join(prefix, key);
    ranges[path] = at(whole);
    addValueRanges(child, path, ranges, at);
  }
}

/** Walks a body's nodes with its parsed form beside them, which tells expressions from blocks. */
function addBodyRanges(
  node: Node,
  body: Expressions,
  prefix: string,
  ranges: Record<string, Range>,
  at: At,
): void {
  for (const [key, child, whole] of members(node)) {
    const path = join(prefix, key);
    const parsed = body[key];
    ranges[path] = at(whole);
    if (parsed === undefined) continue;
    if (isBlockList(parsed)) {
      for (const [index, block, element] of members(child)) {
        ranges[join(path, index)] = at(element);
        addBodyRanges(block, parsed[Number(index)] ?? {}, join(path, index), ranges, at);
      }
    } else if (isExpression(parsed)) {
      const constant = findNodeAtLocation(child, ['constant_value']);
      if (constant) addValueRanges(constant, path, ranges, at);
    } else addBodyRanges(child, parsed, path, ranges, at);
  }
}

/** [key or index, value node, node whose range stands for the member] of an object or array. */
function members(node: Node): [string | number, Node, Node][] {
  if (node.type === 'array') return (node.children ?? []).map((child, i) => [i, child, child]);
  if (node.type !== 'object') return [];
  const out: [string | number, Node, Node][] = [];
  for (const property of node.children ?? []) {
    const [key, value] = property.children ?? [];
    if (key && value) out.push([String(key.value), value, property]);
  }
  return out;
}
