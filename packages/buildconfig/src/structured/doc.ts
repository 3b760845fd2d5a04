/**
 * A parsed structured file (YAML, JSON, TOML) with positions: parsers give the data, this interface
 * gives where each value is written. Extractors read meaning from `data` and ranges from the spans.
 */
export type Segment = string | number;
export type Path = readonly Segment[];

/** A half-open span `[start, end)` of file offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Where a value is written. */
export interface ValueSpan extends Span {
  /**
   * Its line breaks are spaces, except where a blank line stands for a line break: a YAML scalar
   * written over several lines but in a literal (`|`) block, which keeps its line breaks.
   */
  readonly folded?: boolean;
}

export interface StructuredDoc {
  /** The parsed value; `undefined` when the file could not be parsed. */
  readonly data: unknown;
  /** The path of the innermost value written around `offset`. */
  pathAt(offset: number): Path | undefined;
  /** The text of the value at `path`: a string without its quotes, a block, a whole collection. */
  valueSpan(path: Path): ValueSpan | undefined;
  /** The characters of a one-line string value, without quotes; `undefined` for anything else. */
  scalarSpan(path: Path): Span | undefined;
  /** Where the file writes comments (YAML's `#`), in order; none for a format without them. */
  readonly comments?: readonly Span[];
  /**
   * Each place whose value the file writes elsewhere (YAML aliases and merge keys), with each alias
   * inside such a value at its place there; none for a format without them.
   */
  readonly aliases?: readonly Alias[];
  /**
   * Of a document read with the data of the configuration it is part of (see `withData`): the file
   * of that configuration that writes the value at `path`, when another one does.
   */
  writtenElsewhere?(path: Path): { readonly text: string; readonly doc: StructuredDoc } | undefined;
}

/**
 * A value the data has at `to` that the file writes at `from`: a YAML alias (`*name`) has the value
 * its anchor (`&name`) writes, a merge key (`<<: *name`) the keys of the mapping it names.
 */
export interface Alias {
  readonly from: Path;
  readonly to: Path;
}

export interface ParseFailure {
  readonly offset: number;
  readonly message: string;
}

export interface Parsed {
  /** The file's data; of a multi-document YAML file, its first document. */
  readonly doc: StructuredDoc;
  readonly error?: ParseFailure;
  /** Each document of a multi-document YAML file (`---`), with the text it spans, in order. */
  readonly documents?: readonly { readonly span: Span; readonly doc: StructuredDoc }[];
  /** What was read but not all of it: a YAML alias that could not be followed. */
  readonly warnings?: readonly ParseFailure[];
}

/** `jobs.release.steps[2].run`; keys that would be ambiguous are quoted: `env["a.b"]`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[^.[\]\s"]+$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

export function isWithin(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

/**
 * The document read as if the value at `from` were written at `to`, where another place has it as
 * its own: offsets in it are at paths under `to`, and spans asked under `to` are those of `from`.
 */
export function relocated(doc: StructuredDoc, from: Path, to: Path): StructuredDoc {
  return {
    data: doc.data,
    ...(doc.aliases && { aliases: doc.aliases }),
    pathAt: (offset) => moved(doc.pathAt(offset), from, to),
    valueSpan: (path) => doc.valueSpan(moved(path, to, from)),
    scalarSpan: (path) => doc.scalarSpan(moved(path, to, from)),
  };
}

/**
 * The document with other data: that of the configuration it is part of (a GitLab file merged with
 * those it includes and is included by), its places and comments still its own.
 */
export function withData(
  doc: StructuredDoc,
  data: unknown,
  writtenElsewhere: StructuredDoc['writtenElsewhere'],
): StructuredDoc {
  return {
    data,
    ...(writtenElsewhere && { writtenElsewhere }),
    ...(doc.comments && { comments: doc.comments }),
    ...(doc.aliases && { aliases: doc.aliases }),
    pathAt: (offset) => doc.pathAt(offset),
    valueSpan: (path) => doc.valueSpan(path),
    scalarSpan: (path) => doc.scalarSpan(path),
  };
}

/** Where the value the data has at `path` is written: under an alias, under what it names. */
export function writtenPath(aliases: readonly Alias[], path: Path): Path {
  // Each alias names a value written before it: following them ends.
  for (let followed = 0; followed <= aliases.length; followed++) {
    const alias = aliasAbove(aliases, path);
    if (!alias) return path;
    path = [...alias.from, ...path.slice(alias.to.length)];
  }
  return path;
}

const aliasIndexes = new WeakMap<readonly Alias[], { size: number; first: Map<string, number> }>();

/**
 * The first of `aliases` whose place is `path` or above it, found among the places above `path`
 * in an index of them: read in turn for every script, a file of thousands of aliases each to a
 * job (`job1: *template`) was quadratic. A list still being read grows: its index grows with it.
 */
function aliasAbove(aliases: readonly Alias[], path: Path): Alias | undefined {
  let index = aliasIndexes.get(aliases);
  if (!index) aliasIndexes.set(aliases, (index = { size: 0, first: new Map() }));
  for (; index.size < aliases.length; index.size++) {
    const key = JSON.stringify(aliases[index.size]!.to);
    if (!index.first.has(key)) index.first.set(key, index.size);
  }
  let found: number | undefined;
  for (let length = 0; length <= path.length; length++) {
    const i = index.first.get(JSON.stringify(path.slice(0, length)));
    if (i !== undefined && (found === undefined || i < found)) found = i;
  }
  return found === undefined ? undefined : aliases[found];
}

/**
 * The values written that a place reads as its own when it has the data's value at `from`, each
 * with the path it has there (`to` and below): the value where it is written, and what each alias
 * inside it names.
 */
export function writtenValues(aliases: readonly Alias[], from: Path, to: Path): Alias[] {
  const written = writtenPath(aliases, from);
  const inside = aliases.filter(
    (alias) => alias.to.length > written.length && isUnder(alias.to, written),
  );
  return [
    { from: written, to },
    ...inside.map((alias) => ({
      from: alias.from,
      to: [...to, ...alias.to.slice(written.length)],
    })),
  ];
}

/** Whether `path` is `prefix` or below it. */
export function isUnder(path: Path, prefix: Path): boolean {
  return prefix.length <= path.length && prefix.every((segment, i) => path[i] === segment);
}

function moved<P extends Path | undefined>(path: P, from: Path, to: Path): P | Path {
  const under = path !== undefined && isUnder(path, from);
  return under ? [...to, ...path.slice(from.length)] : path;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path` in parsed data, or `undefined`. */
export function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (typeof segment === 'number') value = Array.isArray(value) ? value[segment] : undefined;
    else value = isRecord(value) ? value[segment] : undefined;
  }
  return value;
}

export function stringAt(data: unknown, path: Path): string | undefined {
  const value = valueAt(data, path);
  return typeof value === 'string' ? value : undefined;
}

/** Every mapping in the data with its path, outermost first. */
export function recordsIn(data: unknown): [Path, Record<string, unknown>][] {
  const found: [Path, Record<string, unknown>][] = [];
  const visit = (path: Path, node: unknown): void => {
    if (isRecord(node)) found.push([path, node]);
    for (const [at, child] of entriesAt(node, [])) visit([...path, ...at], child);
  };
  visit([], data);
  return found;
}

/** The entries of a record, or of each record of a list, with their paths. */
export function entriesAt(data: unknown, path: Path): [Path, unknown][] {
  const value = valueAt(data, path);
  if (Array.isArray(value)) return value.map((item, i) => [[...path, i], item]);
  if (isRecord(value)) return Object.entries(value).map(([key, item]) => [[...path, key], item]);
  return [];
}
