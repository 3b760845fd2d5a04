/**
 * YAML with positions. js-yaml gives the data but no positions, so a line-level outline of the block
 * structure (keys, sequence items, scalars, block scalars) gives the path and the text span of every
 * value. Paths are the data's paths: `jobs.release.steps[2].run` in the outline is the same value in
 * js-yaml's result. The outline does not depend on js-yaml, so a file js-yaml rejects still has paths.
 * A value the data has through an alias or a merge key is written at its anchor (see yaml-aliases.ts).
 */
import { DEFAULT_SCHEMA, loadAll, Type, YAMLException, type Schema } from 'js-yaml';
import { expandedSize } from '@posture/model';
import type { Alias, ParseFailure, Parsed, Path, Span, StructuredDoc, ValueSpan } from './doc.js';
import { cutCycles, followAliases, propertyListener, type Property } from './yaml-aliases.js';

/** The nodes a file's documents may have with their aliases written out, as for `yamldecode`. */
const MAX_EXPANDED = 1_000_000;

export function parseYaml(text: string): Parsed {
  const outline = new Outline(text, { start: 0, end: text.length });
  try {
    const { data, properties } = loadDocuments(text);
    const expanded = data.reduce<number>(
      (n, document) => n + expandedSize(document, MAX_EXPANDED),
      0,
    );
    // What reads the data walks it as a tree: a few lines of aliases would take it hours.
    if (expanded > MAX_EXPANDED) {
      const message = `its aliases expand to more than ${MAX_EXPANDED} nodes, too many to read`;
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
    return this.outline.nodeAt(offset)?.path;
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
  readonly path: Path;
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
  /** Next index for sequence items under this node. */
  items: number;
}

class Outline {
  /** The comments, in order: from a `#` outside any scalar to the line's end. */
  readonly comments: Span[] = [];
  private readonly nodes: OutlineNode[] = [];
  private readonly byPath = new Map<string, OutlineNode>();
  private stack: number[] = [0];

  /** The outline of the lines of `text` within `span` (a document of it, or all of it). */
  constructor(
    private readonly text: string,
    span: Span,
  ) {
    this.nodes.push(newNode([], -1, -1, span.start, span.start));
    let lineStart = span.start;
    while (lineStart <= span.end) {
      const newline = text.indexOf('\n', lineStart);
      const lineEnd = newline < 0 || newline > span.end ? span.end : newline;
      this.line(lineStart, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd);
      lineStart = lineEnd + 1;
    }
    this.nodes[0]!.end = span.end;
  }

  node(path: Path): OutlineNode | undefined {
    return this.byPath.get(JSON.stringify(path));
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
    const close = quote === '"' || quote === "'" ? this.closingQuote(start, end) : -1;
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
    return node && node.path.length > 0 ? node : undefined;
  }

  private top(): OutlineNode {
    return this.nodes[this.stack[this.stack.length - 1]!]!;
  }

  private line(start: number, end: number): void {
    const text = this.text;
    let pos = start;
    while (pos < end && text[pos] === ' ') pos++;
    const col = pos - start;
    const blank = pos === end;
    const top = this.top();
    if (top.mode !== undefined) {
      // Blank lines inside a scalar belong to it but do not extend it.
      if (blank) return;
      if (col > top.col) {
        if (top.mode === 'inline') top.scalar = undefined;
        this.extend(end);
        return;
      }
      top.mode = undefined;
    }
    if (blank || this.comment(pos, end)) return;
    // A directive (`%YAML 1.2`, `%TAG`), which no value starts with, or a document's start or end.
    if (
      col === 0 &&
      (text[pos] === '%' || /^(?:---|\.\.\.)(?:\s|$)/.test(text.slice(pos, pos + 4)))
    ) {
      this.stack = [0];
      return;
    }
    this.close(col, this.isDash(pos, end));
    this.entries(start, pos, end);
    this.extend(end);
  }

  /** Leaves the nodes that a line at `col` is not inside. */
  private close(col: number, dash: boolean): void {
    while (this.stack.length > 1) {
      const node = this.top();
      if (node.col < col) return;
      // A sequence may sit at its key's own indentation: `steps:\n- run: x`.
      const key = typeof node.path[node.path.length - 1] === 'string';
      if (dash && key && node.col === col && !node.inline) return;
      this.stack.pop();
    }
  }

  private entries(lineStart: number, pos: number, end: number): void {
    let parentIndex = this.stack[this.stack.length - 1]!;
    for (;;) {
      const parent = this.nodes[parentIndex]!;
      // Deeper than js-yaml reads (`- - - …`): the rest of the line is one value.
      if (parent.path.length >= MAX_DEPTH) {
        this.value(parent, pos, end);
        return;
      }
      if (this.isDash(pos, end)) {
        parentIndex = this.push([...parent.path, parent.items++], parentIndex, lineStart, pos);
        pos = this.skipSpaces(pos + 1, end);
        if (pos >= end || this.comment(pos, end)) return;
        continue;
      }
      const key = this.readKey(pos, end);
      if (key) {
        const index = this.push([...parent.path, key.name], parentIndex, lineStart, pos);
        this.value(this.nodes[index]!, key.valueStart, end);
        return;
      }
      // A scalar item (`- gs://bucket/x`) or a value begun on the line after its key.
      this.value(parent, pos, end);
      return;
    }
  }

  private push(path: Path, parent: number, lineStart: number, pos: number): number {
    const node = newNode(path, parent, pos - lineStart, pos, pos);
    this.nodes.push(node);
    const key = JSON.stringify(path);
    // A path written twice (a second document) keeps its first node, which matches the data.
    if (!this.byPath.has(key)) this.byPath.set(key, node);
    this.stack.push(this.nodes.length - 1);
    return this.nodes.length - 1;
  }

  /** Records the value that starts at `pos` on the line of `node`'s key (or `-`). */
  private value(node: OutlineNode, pos: number, end: number): void {
    const text = this.text;
    pos = this.skipProperties(pos, end);
    if (pos >= end || this.comment(pos, end)) return;
    node.inline = true;
    node.valueStart = pos;
    const c = text[pos];
    if (c === '|' || c === '>') {
      node.mode = 'block';
      node.literal = c === '|';
      this.comment(this.commentStart(pos, end), end);
      const newline = text.indexOf('\n', end);
      node.valueStart = newline < 0 ? text.length : newline + 1;
      return;
    }
    node.mode = 'inline';
    if (c === '"' || c === "'") {
      const close = this.closingQuote(pos, end);
      if (close >= 0) node.scalar = { start: pos + 1, end: close };
      if (close >= 0) this.comment(this.commentStart(close, end), end);
      return;
    }
    if (c === '[') this.flowItems(node, pos, end);
    if (c === '[' || c === '{' || c === '*') return;
    let last = this.commentStart(pos, end);
    this.comment(last, end);
    while (last > pos && (text[last - 1] === ' ' || text[last - 1] === '\t')) last--;
    node.scalar = { start: pos, end: last };
  }

  /**
   * The items of a flow sequence of scalars written on one line (`args: ['-c', 'gsutil …']`), each
   * with its own path and span; a sequence holding a collection, or going on to another line, is
   * left whole.
   */
  private flowItems(node: OutlineNode, open: number, end: number): void {
    const text = this.text;
    const items: Span[] = [];
    let pos = this.skipSpaces(open + 1, end);
    while (text[pos] !== ']') {
      const c = text[pos];
      if (pos >= end || c === '[' || c === '{' || c === ',') return;
      let item: Span;
      if (c === '"' || c === "'") {
        const close = this.closingQuote(pos, end);
        if (close < 0) return;
        item = { start: pos + 1, end: close };
        pos = close + 1;
      } else {
        const stop = text.slice(pos, end).search(/,|\]|\s#/);
        if (stop < 0) return;
        let last = pos + stop;
        while (last > pos && /\s/.test(text[last - 1] ?? '')) last--;
        item = { start: pos, end: last };
        pos += stop;
      }
      items.push(item);
      pos = this.skipSpaces(pos, end);
      if (text[pos] === ',') pos = this.skipSpaces(pos + 1, end);
      else if (text[pos] !== ']') return;
    }
    const parent = this.stack[this.stack.length - 1]!;
    items.forEach((item, i) => {
      const child = newNode([...node.path, i], parent, node.col + 1, item.start, item.end);
      child.inline = true;
      child.scalar = item;
      this.nodes.push(child);
      this.byPath.set(JSON.stringify(child.path), child);
    });
  }

  private extend(end: number): void {
    for (const index of this.stack) this.nodes[index]!.end = end;
  }

  private isDash(pos: number, end: number): boolean {
    return this.text[pos] === '-' && (pos + 1 >= end || this.text[pos + 1] === ' ');
  }

  private readKey(pos: number, end: number): { name: string; valueStart: number } | undefined {
    const text = this.text;
    const c = text[pos] ?? '';
    if (c === '"' || c === "'") {
      const close = this.closingQuote(pos, end);
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

  /** The offset of the quote that closes the one at `pos`, or -1 when it is not before `end`. */
  private closingQuote(pos: number, end: number): number {
    const text = this.text;
    const quote = text[pos];
    for (let i = pos + 1; i < end; i++) {
      if (quote === '"' && text[i] === '\\') i++;
      else if (text[i] === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return i;
      }
    }
    return -1;
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

function newNode(path: Path, parent: number, col: number, start: number, end: number): OutlineNode {
  return { path, parent, col, start, end, valueStart: start, inline: false, items: 0 };
}

function unquote(quoted: string): string {
  if (quoted.startsWith("'")) return quoted.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
