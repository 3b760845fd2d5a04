import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import type { LineIndex, Range, RangeMap } from '@posture/model';
import { pointer, type Span } from './locate.js';

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
  return rangesOf(source, path, 'values', addValueRanges);
}

/**
 * Ranges of the configuration block (provider or module call) at `path`: `''` is the block's
 * object, and each argument under `expressions` gets its property's range, keyed by value path —
 * the `constant_value` wrapper does not appear in paths, so `tags.release` is a key of a constant map.
 */
export function expressionRanges(source: PlanSource, path: JsonPath): RangeMap {
  return rangesOf(source, path, 'expressions', addBodyRanges);
}

/** The ranges of the values at some JSON paths, for diagnostics; the file's start for a path not there. */
export function pathRanges(source: Omit<PlanSource, 'spans'>, paths: readonly JsonPath[]): Range[] {
  const tree = parseTree(source.text);
  return paths.map((path) => {
    const node = tree && findNodeAtLocation(tree, [...path]);
    const target = node?.parent?.type === 'property' ? node.parent : node;
    const start = target?.offset ?? 0;
    return source.lines.range(source.file, start, start + (target?.length ?? 0));
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
  add: (node: Node, prefix: string, ranges: Record<string, Range>, at: At) => void,
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
  if (member) add(member, '', ranges, at);
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

function addBodyRanges(body: Node, prefix: string, ranges: Record<string, Range>, at: At): void {
  for (const [key, child, whole] of members(body)) {
    const path = join(prefix, key);
    ranges[path] = at(whole);
    if (child.type === 'array') addBlockListRanges(child, path, ranges, at);
    else if (isExpression(child)) {
      const constant = findNodeAtLocation(child, ['constant_value']);
      if (constant) addValueRanges(constant, path, ranges, at);
    } else addBodyRanges(child, path, ranges, at);
  }
}

function addBlockListRanges(list: Node, prefix: string, ranges: Record<string, Range>, at: At) {
  for (const [index, block, whole] of members(list)) {
    const path = join(prefix, index);
    ranges[path] = at(whole);
    addBodyRanges(block, path, ranges, at);
  }
}

/** An expression object holds `constant_value` or `references`; any other object is a block body. */
function isExpression(node: Node): boolean {
  return (node.children ?? []).some((property) => {
    const key = property.children?.[0]?.value;
    return key === 'constant_value' || key === 'references';
  });
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
