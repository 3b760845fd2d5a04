/**
 * The part of TOML that wrangler.toml and electron-builder.toml use: `[table]` and `[[array]]`
 * headers and `key = value` pairs whose value is a string, an array (over several lines too) or an
 * inline table, each with its place. Other values (numbers, booleans, dates) are kept as their
 * text, and multi-line strings are not read. No TOML parser is a dependency, and these files need
 * nothing more.
 */
import { isRecord, type Parsed, type Path, type Segment, type Span } from './doc.js';
import { ownEntry, pushAll, setOwn } from '@posture/model';

/** From `start` on (until the next mark), offsets are inside the value at `path`. */
interface Mark {
  readonly start: number;
  readonly path: Path;
}

interface Spans {
  readonly value: Span;
  readonly scalar?: Span;
}

/** What reading values finds besides their data: where each is written. */
interface Outline {
  readonly spans: Map<string, Spans>;
  readonly marks: Mark[];
}

/** Arrays and inline tables nested deeper than this are not read (each level is a call deeper). */
const MAX_DEPTH = 100;

/** Thrown where a value nests deeper than `MAX_DEPTH`. */
class TooDeep extends Error {
  constructor(readonly offset: number) {
    super(`nesting deeper than ${MAX_DEPTH} levels`);
  }
}

export function parseToml(text: string): Parsed {
  try {
    return { doc: readToml(text) };
  } catch (error) {
    if (!(error instanceof TooDeep)) throw error;
    const doc = tomlDoc({}, { spans: new Map(), marks: [] });
    return { doc, error: { offset: error.offset, message: error.message } };
  }
}

function readToml(text: string): Parsed['doc'] {
  const data: Record<string, unknown> = {};
  const outline: Outline = { spans: new Map(), marks: [] };
  let table: Path = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    let lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const header = /^\s*(\[\[?)([^\]]*)\]/.exec(line);
    const eq = header ? -1 : line.indexOf('=');
    const key = line.slice(0, Math.max(eq, 0)).trim();
    if (header) {
      table = openTable(data, splitKey(header[2]!), header[1] === '[[');
      outline.marks.push({ start: lineStart, path: table });
    } else if (eq > 0 && /^[A-Za-z0-9_.\-"' ]+$/.test(key)) {
      const path = [...table, ...splitKey(key)];
      const raw = line.slice(eq + 1).trimStart();
      outline.marks.push({ start: lineStart, path });
      const value = pairValue(text, lineStart + line.length - raw.length, path, outline);
      assign(data, path, value.data);
      // An array may end on a later line; the next key starts after it.
      const after = text.indexOf('\n', value.end);
      lineEnd = Math.max(lineEnd, after < 0 ? text.length : after);
    }
    lineStart = lineEnd + 1;
  }
  return tomlDoc(data, outline);
}

function tomlDoc(data: Record<string, unknown>, { spans, marks }: Outline): Parsed['doc'] {
  return {
    data,
    pathAt(offset) {
      let lo = -1;
      let hi = marks.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (marks[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      const path = marks[lo]?.path;
      return path && path.length > 0 ? path : undefined;
    },
    valueSpan: (path) => spans.get(JSON.stringify(path))?.value,
    scalarSpan: (path) => spans.get(JSON.stringify(path))?.scalar,
  };
}

/** `a."b.c".d` → `['a', 'b.c', 'd']`. */
function splitKey(key: string): string[] {
  return (key.match(/"[^"]*"|'[^']*'|[^.\s]+/g) ?? []).map((part) =>
    /^["']/.test(part) ? part.slice(1, -1) : part,
  );
}

/** Opens `[a.b]` or appends a table to `[[a.b]]`, returning the path of the open table. */
function openTable(data: Record<string, unknown>, keys: string[], array: boolean): Path {
  const path: Segment[] = [];
  let node: Record<string, unknown> = data;
  keys.forEach((key, i) => {
    path.push(key);
    const last = i === keys.length - 1;
    let next = ownEntry(node, key);
    if (last && array) {
      const list = Array.isArray(next) ? next : setOwn(node, key, []);
      list.push({});
      path.push(list.length - 1);
      next = list[list.length - 1];
    } else if (Array.isArray(next)) {
      // `[[a]]` then `[a.b]`: the sub-table belongs to the last element of `a`.
      path.push(next.length - 1);
      next = next[next.length - 1];
    } else if (!isRecord(next)) {
      next = setOwn(node, key, {});
    }
    node = isRecord(next) ? next : {};
  });
  return path;
}

function assign(data: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<Segment, unknown> = data;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      setOwn(node, segment, value);
      return;
    }
    const next = ownEntry(node, String(segment));
    // A key redefined as a table (invalid TOML) replaces the value rather than failing.
    node =
      typeof next === 'object' && next !== null
        ? (next as Record<Segment, unknown>)
        : setOwn(node, segment, {});
  });
}

interface Read {
  readonly data: unknown;
  /** The offset after the value. */
  readonly end: number;
}

/**
 * The value of `key = value` written from `start`. A bare value is the text of its line (a date
 * may hold a space); an array or inline table that does not close (or is not TOML) is too, and
 * nothing inside it is outlined.
 */
function pairValue(text: string, start: number, path: Path, outline: Outline): Read {
  const inner: Outline = { spans: new Map(), marks: [] };
  const read = /["'[{]/.test(text[start] ?? '') ? readValue(text, start, path, inner) : undefined;
  if (!read) return lineText(text, start, path, outline);
  for (const [id, spans] of inner.spans) outline.spans.set(id, spans);
  pushAll(outline.marks, inner.marks);
  return read;
}

/** A string, an array, an inline table, or a bare value up to what closes it; undefined if not TOML. */
function readValue(text: string, start: number, path: Path, outline: Outline): Read | undefined {
  const first = text[start];
  if (first === '[' || first === '{') {
    if (path.length > MAX_DEPTH) throw new TooDeep(start);
    const read =
      first === '[' ? readArray(text, start, path, outline) : readTable(text, start, path, outline);
    if (read) outline.spans.set(JSON.stringify(path), { value: { start, end: read.end } });
    return read;
  }
  if (first === '"' || first === "'") {
    const close = text.indexOf(first, start + 1);
    const lineEnd = text.indexOf('\n', start);
    if (close < 0 || (lineEnd >= 0 && close > lineEnd)) return undefined;
    const scalar = { start: start + 1, end: close };
    outline.spans.set(JSON.stringify(path), { value: scalar, scalar });
    return { data: text.slice(scalar.start, scalar.end), end: close + 1 };
  }
  const bare = /[^,\]}\s#]+/y;
  bare.lastIndex = start;
  if (!bare.exec(text)) return undefined;
  outline.spans.set(JSON.stringify(path), { value: { start, end: bare.lastIndex } });
  return { data: text.slice(start, bare.lastIndex), end: bare.lastIndex };
}

/** `[a, b, …]`, over as many lines as it takes, with comments between its values. */
function readArray(text: string, start: number, path: Path, outline: Outline): Read | undefined {
  const items: unknown[] = [];
  let at = skipBlank(text, start + 1, true);
  while (text[at] !== ']') {
    const item = readMarked(text, at, at, [...path, items.length], path, outline);
    if (!item) return undefined;
    items.push(item.data);
    at = skipBlank(text, item.end, true);
    if (text[at] === ',') at = skipBlank(text, at + 1, true);
    else if (text[at] !== ']') return undefined;
  }
  return { data: items, end: at + 1 };
}

/** `{ key = value, … }` on one line; keys may be dotted. */
function readTable(text: string, start: number, path: Path, outline: Outline): Read | undefined {
  const table: Record<string, unknown> = {};
  const pair = /([A-Za-z0-9_\-"'][A-Za-z0-9_.\-"' ]*?)[ \t]*=[ \t]*/y;
  let at = skipBlank(text, start + 1, false);
  while (text[at] !== '}') {
    pair.lastIndex = at;
    const key = pair.exec(text);
    if (!key) return undefined;
    const keys = splitKey(key[1]!);
    const value = readMarked(text, at, pair.lastIndex, [...path, ...keys], path, outline);
    if (!value) return undefined;
    assign(table, keys, value.data);
    at = skipBlank(text, value.end, false);
    if (text[at] === ',') at = skipBlank(text, at + 1, false);
    else if (text[at] !== '}') return undefined;
  }
  return { data: table, end: at + 1 };
}

/**
 * The value at `path` written from `start`, whose key (or element) is written from `from`: offsets
 * from there to its end are inside it, and after it inside `parent` again.
 */
function readMarked(
  text: string,
  from: number,
  start: number,
  path: Path,
  parent: Path,
  outline: Outline,
): Read | undefined {
  outline.marks.push({ start: from, path });
  const read = readValue(text, start, path, outline);
  if (read) outline.marks.push({ start: read.end, path: parent });
  return read;
}

/** The offset of the next value: past spaces and, in an array, line breaks and comments. */
function skipBlank(text: string, at: number, lines: boolean): number {
  const blank = lines ? /(?:\s|#[^\n]*)*/y : /[ \t]*/y;
  blank.lastIndex = at;
  blank.exec(text);
  return blank.lastIndex;
}

/** A value that is not read: the rest of its line, without a comment, as text. */
function lineText(text: string, start: number, path: Path, outline: Outline): Read {
  const newline = text.indexOf('\n', start);
  const raw = text.slice(start, newline < 0 ? text.length : newline).replace(/\r$/, '');
  const comment = raw.search(/\s#/);
  const value = (comment < 0 ? raw : raw.slice(0, comment)).trimEnd();
  outline.spans.set(JSON.stringify(path), { value: { start, end: start + value.length } });
  return { data: value, end: start + value.length };
}
