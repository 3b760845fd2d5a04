/**
 * YAML with positions. js-yaml gives the data but no positions, so a line-level outline of the block
 * structure (keys, sequence items, scalars, block scalars), and of each flow collection in it (see
 * yaml-flow.ts), gives the path and the text span of every value. Paths are the data's paths:
 * `jobs.release.steps[2].run` in the outline is the same value in js-yaml's result. The outline does
 * not depend on js-yaml, so a file js-yaml rejects still has paths.
 * A value the data has through an alias or a merge key is written at its anchor (see yaml-aliases.ts).
 */
import { DEFAULT_SCHEMA, loadAll, Type, YAMLException, type Schema } from 'js-yaml';
import { pushAll, expandedSize } from '@posture/model';
import type {
  Alias,
  ParseFailure,
  Parsed,
  Path,
  Segment,
  Span,
  StructuredDoc,
  ValueSpan,
} from './doc.js';
import { cutCycles, followAliases, propertyListener, type Property } from './yaml-aliases.js';
import { closingQuote, readFlow, unquote } from './yaml-flow.js';

/**
 * The values a file's documents may hold: as written (the outline's nodes), and with their aliases
 * written out (the data's nodes), as for `yamldecode`.
 */
const MAX_NODES = 1_000_000;

export function parseYaml(text: string): Parsed {
  const outline = new Outline(text, { start: 0, end: text.length });
  // A file under the 5 MiB bound can write over two million values, and each read takes memory.
  if (outline.overflow !== undefined) {
    const message = `it writes more than ${MAX_NODES} values, too many to read`;
    return { doc: new YamlDoc(outline, undefined), error: { offset: outline.overflow, message } };
  }
  try {
    const { data, properties } = loadDocuments(text);
    const expanded = data.reduce<number>((n, document) => n + expandedSize(document, MAX_NODES), 0);
    // What reads the data walks it as a tree: a few lines of aliases would take it hours.
    if (expanded > MAX_NODES) {
      const message = `its aliases expand to more than ${MAX_NODES} nodes, too many to read`;
      return { doc: new YamlDoc(outline, undefined, []), error: { offset: 0, message } };
    }
    const ofDocument = (i: number) => properties.filter(({ document }) => document === i);
    const doc = new YamlDoc(outline, data[0], ofDocument(0));
    const spans = documentSpans(text);
    // Most CI files hold one document; Drone lists a pipeline per document.
    if (data.length < 2 || spans.length !== data.length) return withWarnings({ doc });
    const documents = spans.map((span, i) => ({
      span,
      doc: new YamlDoc(new Outline(text, span), data[i], ofDocument(i)),
    }));
    return withWarnings({ doc, documents });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    // `reason` without the source snippet of `message`, which could quote a secret.
    const failure = { offset: error.mark?.position ?? 0, message: error.reason };
    return { doc: new YamlDoc(outline, undefined), error: failure };
  }
}

/** The file with the aliases that its documents could not follow. */
function withWarnings(parsed: {
  doc: YamlDoc;
  documents?: { span: Span; doc: YamlDoc }[];
}): Parsed {
  const warnings = (parsed.documents ?? [parsed]).flatMap(({ doc }) => doc.unfollowed);
  return warnings.length > 0 ? { ...parsed, warnings } : parsed;
}

/**
 * The text of a YAML file with each of its line breaks written as LF. YAML ends a line at a CR
 * alone too (old Mac files), where the outline, line numbers and comments look for LF; one
 * character stands for one, so every offset stays.
 */
export function yamlLineBreaks(text: string): string {
  return text.replace(/\r(?!\n)/g, '\n');
}

/**
 * Application tags that build files use — GitLab's `!reference`, CloudFormation's `!Ref`, `!Sub`,
 * `!GetAtt`… in serverless.yml — are no error: a tagged value is read as the plain value it tags.
 * These are known up front. When js-yaml rejects another tag, every tag the text seems to write is
 * added and the text read again; one that this misses is added on its own, a bounded number of times.
 */
const KNOWN_TAGS: readonly string[] = (
  'reference Ref Sub GetAtt Join Select Split If Equals Not And Or FindInMap Base64 Cidr ' +
  'ImportValue GetAZs Condition Transform'
)
  .split(' ')
  .map((name) => `!${name}`);
const MAX_RETRIES = 16;
/** At most this many tags are taken from the text: a crafted file could write thousands. */
const MAX_WRITTEN_TAGS = 256;
/** A primary tag (`!Ref`) where a node's properties can start: not `!!str`, not `!=` in a word. */
const WRITTEN_TAG = /(?<=^|[\s[{,])![^!\s,[\]{}]+/g;

function loadDocuments(text: string): { data: unknown[]; properties: Property[] } {
  let tags: ReadonlySet<string> = new Set(KNOWN_TAGS);
  for (let retry = 0; ; retry++) {
    try {
      const found = new Map<number, Property>();
      // `json`: a key written twice takes its last value, as GitLab's and most CI's readers do,
      // instead of failing the file.
      const data = loadAll(text, undefined, {
        schema: schemaWith(tags),
        json: true,
        listener: propertyListener(text, found),
      });
      cutCycles(data);
      return { data, properties: [...found.values()].sort((a, b) => a.offset - b.offset) };
    } catch (error) {
      const tag =
        error instanceof YAMLException
          ? /^unknown tag !<(.+)>$/.exec(error.reason)?.[1]
          : undefined;
      if (tag === undefined || tags.has(tag) || retry >= MAX_RETRIES) throw error;
      tags = new Set([...tags, tag, ...(retry === 0 ? tagsWritten(text) : [])]);
    }
  }
}

function tagsWritten(text: string): string[] {
  const found = new Set<string>();
  for (const [tag] of text.matchAll(WRITTEN_TAG)) {
    if (found.size >= MAX_WRITTEN_TAGS) break;
    found.add(tag);
  }
  return [...found];
}

/** The default schema, taking each of `tags` on a scalar, a sequence or a mapping as that value. */
function schemaWith(tags: ReadonlySet<string>): Schema {
  // The known tags' schema serves every file; one with tags of its own gets its own.
  if (tags.size === KNOWN_TAGS.length) return (knownSchema ??= buildSchema(KNOWN_TAGS));
  return buildSchema([...tags]);
}

let knownSchema: Schema | undefined;

function buildSchema(tags: readonly string[]): Schema {
  const kinds = ['scalar', 'sequence', 'mapping'] as const;
  return DEFAULT_SCHEMA.extend(
    tags.flatMap((tag) =>
      kinds.map(
        (kind) =>
          new Type(tag, {
            kind,
            construct:
              tag === '!reference' && kind === 'sequence' ? asReference : (v: unknown) => v,
          }),
      ),
    ),
  );
}

/**
 * GitLab's `!reference [.job, script]` names a value written elsewhere in the file, which GitLab
 * puts in its place. It is read as the plain list it is written as, marked so that the jobs
 * reader can tell it from a list of commands.
 */
const REFERENCE: unique symbol = Symbol('!reference');

function asReference(value: unknown): unknown {
  if (Array.isArray(value)) Object.defineProperty(value, REFERENCE, { value: true });
  return value;
}

/** The path a `!reference` names (`[".job", "script"]`), if `value` is one. */
export function referencedPath(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || !(REFERENCE in value)) return undefined;
  return value.every((segment) => typeof segment === 'string') ? (value as string[]) : undefined;
}

/** js-yaml's own nesting limit; the outline stops there too, so paths stay short. */
const MAX_DEPTH = 100;

class YamlDoc implements StructuredDoc {
  readonly aliases: readonly Alias[];
  /** The aliases that could not be followed, where they are written. */
  readonly unfollowed: readonly ParseFailure[];

  constructor(
    private readonly outline: Outline,
    readonly data: unknown,
    properties: readonly Property[] = [],
  ) {
    const followed = followAliases(
      properties,
      data,
      (offset) => this.pathAt(offset),
      (path) => outline.node(path) !== undefined,
    );
    this.aliases = followed.aliases;
    this.unfollowed = followed.unfollowed;
  }

  pathAt(offset: number): Path | undefined {
    const node = this.outline.nodeAt(offset);
    return node && this.outline.pathOf(node);
  }

  valueSpan(path: Path): ValueSpan | undefined {
    const node = this.outline.node(path);
    return node && this.outline.valueSpan(node);
  }

  scalarSpan(path: Path): Span | undefined {
    return this.outline.node(path)?.scalar;
  }

  get comments(): readonly Span[] {
    return this.outline.comments;
  }
}

interface OutlineNode {
  /**
   * Its key or index in the enclosing node, whose path its own goes on; the root has none. Paths
   * are not copied into each node: a file can write a million values a hundred levels deep.
   */
  readonly segment: Segment | undefined;
  /** The length of its path. */
  readonly depth: number;
  /** Its path's number in the outline's table of paths. */
  readonly pathId: number;
  /** Index of the enclosing node; the root's is -1. */
  readonly parent: number;
  /** Column of the key or the `-`; values continued on later lines are indented more. */
  readonly col: number;
  /** Offset of the key or the `-`. */
  readonly start: number;
  /** End of the last line that belongs to the node. */
  end: number;
  /** Offset where the value's text starts. */
  valueStart: number;
  /** The value was written on the key's line, so no child follows. */
  inline: boolean;
  /** A scalar that may continue on more-indented lines: `|`/`>` blocks and multi-line values. */
  mode?: 'block' | 'inline';
  /** The value keeps its line breaks: a literal (`|`) block. */
  literal?: boolean;
  /** The value's span, once asked for. */
  span?: ValueSpan;
  /** A one-line string value without quotes. */
  scalar?: Span;
  /** An explicit key (`? key`) whose value, on a `:` line at its indentation, is still to come. */
  explicit?: boolean;
  /** Next index for sequence items under this node. */
  items: number;
  /** The document (counted by `---` and `...` lines) it is written in. */
  document: number;
}

class Outline {
  /** The comments, in order: from a `#` outside any scalar to the line's end. */
  readonly comments: Span[] = [];
  /**
   * Where the node past `MAX_NODES` is written, when the text writes more; the outline ends there.
   */
  overflow: number | undefined;
  private readonly nodes: OutlineNode[] = [];
  /** Of each path, by its number (the root's is 0), the number of each path one key or index on. */
  private readonly paths: (Map<Segment, number> | undefined)[] = [undefined];
  /** The node at each path, by its number. */
  private readonly byPath: (OutlineNode | undefined)[] = [];
  private document = 0;
  private stack: number[] = [0];
  /** Where the text outlined ends. */
  private readonly limit: number;
  /**
   * How far the last flow collection that could not be read (broken YAML, mostly) was read, which
   * may be up to `limit`: one that starts before is left whole, so that no text is read twice.
   */
  private unreadUntil = 0;

  /** The outline of the lines of `text` within `span` (a document of it, or all of it). */
  constructor(
    private readonly text: string,
    span: Span,
  ) {
    this.limit = span.end;
    const { start } = span;
    this.nodes.push({
      segment: undefined,
      depth: 0,
      pathId: 0,
      parent: -1,
      col: -1,
      start,
      end: start,
      valueStart: start,
      inline: false,
      items: 0,
      document: 0,
    });
    let lineStart = span.start;
    while (lineStart <= span.end && this.overflow === undefined) {
      // A line may start a flow collection that goes on over the lines after it.
      const last = this.line(lineStart, this.lineEnd(lineStart));
      const newline = text.indexOf('\n', last);
      lineStart = newline < 0 || newline > span.end ? span.end + 1 : newline + 1;
      if (this.nodes.length > MAX_NODES) this.overflow ??= this.nodes[MAX_NODES]!.start;
    }
    this.nodes[0]!.end = span.end;
  }

  node(path: Path): OutlineNode | undefined {
    let id: number | undefined = 0;
    for (const segment of path) {
      id = this.paths[id]?.get(segment);
      if (id === undefined) return undefined;
    }
    return this.byPath[id];
  }

  /** A node's path: its key or index after those of the nodes around it. */
  pathOf(node: OutlineNode): Path {
    const path = new Array<Segment>(node.depth);
    for (let at = node; at.segment !== undefined; at = this.nodes[at.parent]!) {
      path[at.depth - 1] = at.segment;
    }
    return path;
  }

  /**
   * The text of a node's value: a quoted string's without its quotes (which may close lines
   * later), a block scalar's lines, a collection whole. Line breaks fold but in a literal block.
   */
  valueSpan(node: OutlineNode): ValueSpan {
    if (node.span) return node.span;
    const start = node.inline ? node.valueStart : node.start;
    const end = Math.max(start, node.end);
    const quote = this.text[start];
    const close = quote === '"' || quote === "'" ? closingQuote(this.text, start, end) : -1;
    node.span = {
      ...(close < 0 ? { start, end } : { start: start + 1, end: close }),
      ...(node.inline && !node.literal && { folded: true }),
    };
    return node.span;
  }

  /** The innermost node whose text holds `offset`. */
  nodeAt(offset: number): OutlineNode | undefined {
    let lo = 0;
    let hi = this.nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.nodes[mid]!.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    let node: OutlineNode | undefined = this.nodes[lo];
    while (node && node.parent >= 0 && offset >= node.end) node = this.nodes[node.parent];
    return node && node.depth > 0 ? node : undefined;
  }

  private top(): OutlineNode {
    return this.nodes[this.stack[this.stack.length - 1]!]!;
  }

  /** The end of the line holding `pos`, before its line break. */
  private lineEnd(pos: number): number {
    const newline = this.text.indexOf('\n', pos);
    const end = newline < 0 || newline > this.limit ? this.limit : newline;
    return this.text[end - 1] === '\r' ? end - 1 : end;
  }

  /** Outlines the line from `start` to `end`; returns the end of the last line it read. */
  private line(start: number, end: number): number {
    const text = this.text;
    let pos = start;
    while (pos < end && text[pos] === ' ') pos++;
    const col = pos - start;
    const blank = pos === end;
    const top = this.top();
    if (top.mode !== undefined) {
      // Blank lines inside a scalar belong to it but do not extend it.
      if (blank) return end;
      if (col > top.col) {
        if (top.mode === 'inline') top.scalar = undefined;
        this.extend(end);
        return end;
      }
      top.mode = undefined;
    }
    if (blank || this.comment(pos, end)) return end;
    // A directive (`%YAML 1.2`, `%TAG`), which no value starts with, or a document's start or end.
    if (
      col === 0 &&
      (text[pos] === '%' || /^(?:---|\.\.\.)(?:\s|$)/.test(text.slice(pos, pos + 4)))
    ) {
      this.stack = [0];
      this.document++;
      return end;
    }
    this.close(col, this.isIndicator('-', pos, end), this.isIndicator(':', pos, end));
    const last = this.entries(start, pos, end);
    this.extend(last);
    return last;
  }

  /** Leaves the nodes that a line at `col` is not inside. */
  private close(col: number, dash: boolean, colon: boolean): void {
    while (this.stack.length > 1) {
      const node = this.top();
      if (node.col < col) return;
      // A sequence may sit at its key's own indentation: `steps:\n- run: x`.
      const key = typeof node.segment === 'string';
      if (dash && key && node.col === col && !node.inline) return;
      // An explicit key's value is written at its `?`'s indentation: `? key\n: value`.
      if (colon && node.explicit && node.col === col) return;
      this.stack.pop();
    }
  }

  /** Outlines the entries of a line; returns the end of the last line they take. */
  private entries(lineStart: number, pos: number, end: number): number {
    let parentIndex = this.stack[this.stack.length - 1]!;
    for (;;) {
      const parent = this.nodes[parentIndex]!;
      // Deeper than js-yaml reads (`- - - …`): the rest of the line is one value.
      if (parent.depth >= MAX_DEPTH) return this.value(parent, pos, end);
      if (this.isIndicator('-', pos, end)) {
        parentIndex = this.push(parent.items++, parentIndex, lineStart, pos);
        pos = this.skipSpaces(pos + 1, end);
        if (pos >= end || this.comment(pos, end)) return end;
        continue;
      }
      if (parent.explicit && this.isIndicator(':', pos, end)) {
        parent.explicit = false;
        return this.value(parent, pos + 1, end);
      }
      if (this.isIndicator('?', pos, end))
        return this.explicitKey(parentIndex, lineStart, pos, end);
      const key = this.readKey(pos, end);
      if (key) {
        const index = this.push(key.name, parentIndex, lineStart, pos);
        return this.value(this.nodes[index]!, key.valueStart, end);
      }
      // A scalar item (`- gs://bucket/x`) or a value begun on the line after its key.
      return this.value(parent, pos, end);
    }
  }

  /**
   * `? key`, whose value follows on a `:` line: a node for the key, at the `?`, that takes it. A key
   * that is no scalar (`? [a, b]`, a key on the lines below) gets its text as its name, which no
   * path of the data has (js-yaml makes `a,b` of it), so that its value's lines still nest in it.
   */
  private explicitKey(parent: number, lineStart: number, pos: number, end: number): number {
    const at = this.skipSpaces(pos + 1, end);
    const quote = this.text[at] === '"' || this.text[at] === "'";
    const close = quote ? closingQuote(this.text, at, end) : -1;
    const comment = this.commentStart(close >= 0 ? close : at, end);
    const written = this.text.slice(at, close >= 0 ? close + 1 : comment).trimEnd();
    const name = close >= 0 ? unquote(written) : written;
    const index = this.push(name, parent, lineStart, pos);
    this.nodes[index]!.explicit = true;
    this.comment(comment, end);
    return end;
  }

  private push(segment: Segment, parent: number, lineStart: number, pos: number): number {
    this.add(segment, parent, pos - lineStart, pos, pos);
    this.stack.push(this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** A new node at `segment` of the node `parent`. */
  private add(
    segment: Segment,
    parent: number,
    col: number,
    start: number,
    end: number,
  ): OutlineNode {
    const above = this.nodes[parent]!;
    const pathId = this.pathId(above.pathId, segment);
    const node: OutlineNode = {
      segment,
      depth: above.depth + 1,
      pathId,
      parent,
      col,
      start,
      end,
      valueStart: start,
      inline: false,
      items: 0,
      document: this.document,
    };
    this.nodes.push(node);
    const known = this.byPath[pathId];
    // A key written twice in a document takes its last value, as the data does (js-yaml's `json`);
    // a path of a later document keeps the first's node, whose data an outline of all is given.
    if (!known || known.document === this.document) this.byPath[pathId] = node;
    return node;
  }

  /** The number of the path `segment` on from the path numbered `parent`. */
  private pathId(parent: number, segment: Segment): number {
    let children = this.paths[parent];
    if (!children) this.paths[parent] = children = new Map();
    let id = children.get(segment);
    if (id === undefined) {
      id = this.paths.push(undefined) - 1;
      children.set(segment, id);
    }
    return id;
  }

  /**
   * Records the value that starts at `pos` on the line of `node`'s key (or `-`); returns the end
   * of the last line it takes.
   */
  private value(node: OutlineNode, pos: number, end: number): number {
    const text = this.text;
    pos = this.skipProperties(pos, end);
    if (pos >= end || this.comment(pos, end)) return end;
    node.inline = true;
    node.valueStart = pos;
    const c = text[pos];
    if (c === '|' || c === '>') {
      node.mode = 'block';
      node.literal = c === '|';
      this.comment(this.commentStart(pos, end), end);
      const newline = text.indexOf('\n', end);
      node.valueStart = newline < 0 ? text.length : newline + 1;
      return end;
    }
    node.mode = 'inline';
    if (c === '"' || c === "'") {
      const close = closingQuote(text, pos, end);
      if (close >= 0) node.scalar = { start: pos + 1, end: close };
      if (close >= 0) this.comment(this.commentStart(close, end), end);
      return end;
    }
    if (c === '[' || c === '{') return this.flow(node, pos, end);
    if (c === '*') return end;
    let last = this.commentStart(pos, end);
    this.comment(last, end);
    while (last > pos && (text[last - 1] === ' ' || text[last - 1] === '\t')) last--;
    node.scalar = { start: pos, end: last };
    return end;
  }

  /**
   * The flow collection whose `[` or `{` is at `open` on the line ending at `end`, over lines too:
   * each value inside gets its node. Returns the end of the line it closes on. One that is not read
   * as written is one value, as a scalar is, and the lines after its first go on with the outline.
   */
  private flow(node: OutlineNode, open: number, end: number): number {
    if (open < this.unreadUntil) return end;
    const budget = MAX_NODES - this.nodes.length;
    const read = readFlow(this.text, open, this.limit, MAX_DEPTH - node.depth, budget);
    if ('failed' in read) {
      if (read.failed === 'too-many') this.overflow = read.reached;
      this.unreadUntil = read.reached;
      return end;
    }
    const last = this.lineEnd(read.end);
    const rest = this.skipSpaces(read.end, last);
    // Only a comment may follow a flow collection on its line (not `{a: 1}: key`).
    if (rest < last && !this.text.startsWith('#', rest)) {
      this.unreadUntil = read.end;
      return end;
    }
    pushAll(this.comments, read.comments);
    this.comment(rest, last);
    node.span = { start: open, end: read.end, folded: true };
    const index = this.stack[this.stack.length - 1]!;
    const first = this.nodes.length;
    for (const flow of read.nodes) {
      const parent = flow.parent < 0 ? index : first + flow.parent;
      const child = this.add(flow.segment, parent, node.col + 1, flow.start, flow.end);
      child.inline = true;
      child.valueStart = flow.valueStart;
      if (flow.scalar) child.scalar = flow.scalar;
    }
    return last;
  }

  private extend(end: number): void {
    for (const index of this.stack) this.nodes[index]!.end = end;
  }

  /** Whether `pos` holds the indicator `c` (`-`, `?`, `:`) followed by a space or the line's end. */
  private isIndicator(c: string, pos: number, end: number): boolean {
    return this.text[pos] === c && (pos + 1 >= end || this.text[pos + 1] === ' ');
  }

  private readKey(pos: number, end: number): { name: string; valueStart: number } | undefined {
    const text = this.text;
    const c = text[pos] ?? '';
    if (c === '"' || c === "'") {
      const close = closingQuote(this.text, pos, end);
      if (close < 0) return undefined;
      const colon = this.skipSpaces(close + 1, end);
      if (text[colon] !== ':' || !this.isSeparator(colon + 1, end)) return undefined;
      return { name: unquote(text.slice(pos, close + 1)), valueStart: colon + 1 };
    }
    if ('[{|>!&*?#%@`,'.includes(c)) return undefined;
    for (let i = pos; i < end; i++) {
      const ch = text[i];
      if (ch === ':' && this.isSeparator(i + 1, end)) {
        return { name: text.slice(pos, i).trimEnd(), valueStart: i + 1 };
      }
      if (ch === '#' && (text[i - 1] === ' ' || text[i - 1] === '\t')) return undefined;
    }
    return undefined;
  }

  private isSeparator(pos: number, end: number): boolean {
    return pos >= end || this.text[pos] === ' ' || this.text[pos] === '\t';
  }

  private skipSpaces(pos: number, end: number): number {
    while (pos < end && (this.text[pos] === ' ' || this.text[pos] === '\t')) pos++;
    return pos;
  }

  /** Skips `&anchor` and `!tag` before a value. */
  private skipProperties(pos: number, end: number): number {
    pos = this.skipSpaces(pos, end);
    while (this.text[pos] === '&' || this.text[pos] === '!') {
      while (pos < end && this.text[pos] !== ' ') pos++;
      pos = this.skipSpaces(pos, end);
    }
    return pos;
  }

  /** Records the comment at `pos`, if one starts there: it runs to the line's `end`. */
  private comment(pos: number, end: number): boolean {
    const found = pos < end && this.text[pos] === '#';
    if (found) this.comments.push({ start: pos, end });
    return found;
  }

  /** Where a plain scalar's trailing comment starts, or the line's end. */
  private commentStart(pos: number, end: number): number {
    for (let i = pos + 1; i < end; i++) {
      if (this.text[i] === '#' && (this.text[i - 1] === ' ' || this.text[i - 1] === '\t')) return i;
    }
    return end;
  }
}

/** A line starting a document (`---`) or ending one (`...`). */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r]|$)/gm;

/**
 * The text of each document of a stream, split at its `---` and `...` lines: those holding
 * something but comments and directives, as js-yaml reads them, so the two lists pair up (when they
 * do not, the file is read as one document).
 */
function documentSpans(text: string): Span[] {
  const markers = [...text.matchAll(DOCUMENT_MARKER)].map((m) => m.index);
  const cuts = [...new Set([0, ...markers, text.length])];
  const spans: Span[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const span = { start: cuts[i]!, end: cuts[i + 1]! };
    const body = text.slice(span.start, span.end).replace(/^(?:---|\.\.\.)/, '');
    const content = body.split('\n').some((line) => !/^\s*(?:#.*|%.*)?$/.test(line));
    const opened = text.startsWith('---', span.start);
    if (content || (opened && !text.startsWith('...', span.end))) spans.push(span);
  }
  return spans;
}
