import { visit } from 'jsonc-parser';
import type { LineIndex, Range, RangeMap } from '@posture/model';
import { eachMember, valueEnd } from './json-text.js';
import { pointer, type Span } from './locate.js';
import type { Expressions } from './plan-json.js';
import { isBlockList, isExpression, type BodyMember } from './references.js';

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
  return rangesOf(source, path, 'values', (at, out) => addValueRanges(at, '', out));
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
  return rangesOf(source, path, 'expressions', (at, out) =>
    addBodyRanges(at, expressions ?? {}, '', out),
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
 * Walks the `key` member of the object at `path` (its span was found by `locate`) in the text
 * itself, so no position tree of the plan, or of the object, is ever built.
 */
function rangesOf(
  source: PlanSource,
  path: JsonPath,
  key: string,
  add: (at: number, out: Out) => number,
): RangeMap {
  const span = source.spans.get(pointer(path));
  if (!span) return {};
  const { text, lines, file } = source;
  const out: Out = { text, ranges: {}, rangeOf: (start, end) => lines.range(file, start, end) };
  out.ranges[''] = out.rangeOf(span.start, span.end);
  eachMember(text, span.start, (name, _member, value) =>
    name === key ? add(value, out) : valueEnd(text, value),
  );
  return out.ranges;
}

/** The text a walk reads and the ranges it records, by value path. */
interface Out {
  readonly text: string;
  readonly ranges: Record<string, Range>;
  readonly rangeOf: (start: number, end: number) => Range;
}

function join(prefix: string, key: string | number): string {
  return prefix === '' ? String(key) : `${prefix}.${key}`;
}

/**
 * Each property (key to value) and element under the value at `at`, by value path; returns the
 * offset after the value.
 */
function addValueRanges(at: number, prefix: string, out: Out): number {
  return eachMember(out.text, at, (key, member, value) => {
    const path = join(prefix, key);
    const end = addValueRanges(value, path, out);
    out.ranges[path] = out.rangeOf(member, end);
    return end;
  });
}

/** Walks a body's text with its parsed form beside it, which tells expressions from blocks. */
function addBodyRanges(at: number, body: Expressions, prefix: string, out: Out): number {
  return eachMember(out.text, at, (key, member, value) => {
    const path = join(prefix, key);
    const end = addMemberRanges(value, body[key], path, out);
    out.ranges[path] = out.rangeOf(member, end);
    return end;
  });
}

/** Under a body's member: the blocks of a list, a constant's keys, or a nested block's members. */
function addMemberRanges(
  at: number,
  parsed: BodyMember | undefined,
  path: string,
  out: Out,
): number {
  if (parsed === undefined) return valueEnd(out.text, at);
  if (isBlockList(parsed)) {
    return eachMember(out.text, at, (index, element) => {
      const elementPath = join(path, index);
      const end = addBodyRanges(element, parsed[Number(index)] ?? {}, elementPath, out);
      out.ranges[elementPath] = out.rangeOf(element, end);
      return end;
    });
  }
  if (isExpression(parsed)) {
    return eachMember(out.text, at, (name, _member, value) =>
      name === 'constant_value' ? addValueRanges(value, path, out) : valueEnd(out.text, value),
    );
  }
  return addBodyRanges(at, parsed, path, out);
}
