/**
 * The part of TOML that wrangler.toml and electron-builder.toml use: `[table]` and `[[array]]`
 * headers and one-line `key = value` pairs. Strings become strings; other values (numbers, arrays,
 * inline tables) are kept as their text. Multi-line strings are not read. No TOML parser is a
 * dependency, and these files need nothing more.
 */
import { isRecord, type Parsed, type Path, type Segment, type Span } from './doc.js';

interface Line {
  readonly start: number;
  readonly path: Path;
}

export function parseToml(text: string): Parsed {
  const data: Record<string, unknown> = {};
  const spans = new Map<string, { value: Span; scalar?: Span }>();
  const lines: Line[] = [];
  let table: Path = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).replace(/\r$/, '');
    const header = /^\s*(\[\[?)([^\]]*)\]/.exec(line);
    const eq = header ? -1 : line.indexOf('=');
    const key = line.slice(0, Math.max(eq, 0)).trim();
    if (header) {
      table = openTable(data, splitKey(header[2]!), header[1] === '[[');
      lines.push({ start: lineStart, path: table });
    } else if (eq > 0 && /^[A-Za-z0-9_.\-"' ]+$/.test(key)) {
      const path = [...table, ...splitKey(key)];
      const raw = line.slice(eq + 1).trimStart();
      const value = readValue(raw, lineStart + line.length - raw.length);
      assign(data, path, value.data);
      spans.set(JSON.stringify(path), value);
      lines.push({ start: lineStart, path });
    }
    lineStart = lineEnd + 1;
  }
  return { doc: tomlDoc(data, spans, lines) };
}

function tomlDoc(
  data: Record<string, unknown>,
  spans: Map<string, { value: Span; scalar?: Span }>,
  lines: readonly Line[],
): Parsed['doc'] {
  return {
    data,
    pathAt(offset) {
      let lo = -1;
      let hi = lines.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lines[mid]!.start <= offset) lo = mid;
        else hi = mid - 1;
      }
      const path = lines[lo]?.path;
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
    let next = node[key];
    if (last && array) {
      const list = Array.isArray(next) ? next : (node[key] = []);
      list.push({});
      path.push(list.length - 1);
      next = list[list.length - 1];
    } else if (Array.isArray(next)) {
      // `[[a]]` then `[a.b]`: the sub-table belongs to the last element of `a`.
      path.push(next.length - 1);
      next = next[next.length - 1];
    } else if (!isRecord(next)) {
      next = node[key] = {};
    }
    node = isRecord(next) ? next : {};
  });
  return path;
}

function assign(data: Record<string, unknown>, path: Path, value: unknown): void {
  let node: Record<Segment, unknown> = data;
  path.forEach((segment, i) => {
    if (i === path.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    // A key redefined as a table (invalid TOML) replaces the value rather than failing.
    node =
      typeof next === 'object' && next !== null
        ? (next as Record<Segment, unknown>)
        : (node[segment] = {});
  });
}

function readValue(raw: string, offset: number): { data: unknown; value: Span; scalar?: Span } {
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    const close = raw.indexOf(quote, 1);
    if (close > 0) {
      const scalar = { start: offset + 1, end: offset + close };
      return { data: raw.slice(1, close), value: scalar, scalar };
    }
  }
  const comment = raw.search(/\s#/);
  const text = (comment < 0 ? raw : raw.slice(0, comment)).trimEnd();
  return { data: text, value: { start: offset, end: offset + text.length } };
}
