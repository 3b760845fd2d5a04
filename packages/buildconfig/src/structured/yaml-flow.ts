/**
 * YAML flow collections (`{ a: 1, b: [x, "y"] }`, a whole file written as JSON) with positions.
 * The outline (yaml.ts) reads block structure line by line; a flow collection ignores lines and
 * indentation, so it is read here character by character, as js-yaml reads it, each value inside
 * with its key or index below the value holding it and the text it is written in.
 */
import type { Segment, Span } from './doc.js';

/** A value written inside a flow collection. */
export interface FlowNode {
  /**
   * Its key or index in the node holding it, or in the collection. Not its whole path: a file can
   * write a million values a hundred collections deep, and copies of their paths would fill memory.
   */
  readonly segment: Segment;
  /** Index of the node holding it in the collection's `nodes`; -1 for the collection itself. */
  readonly parent: number;
  /** Offset of its key, or of the value with its properties (`&anchor`, `!tag`) when it has none. */
  readonly start: number;
  /** Offset of its value, past its key and properties. */
  readonly valueStart: number;
  /** Offset past its value. */
  end: number;
  /** A string on one line, without its quotes. */
  scalar?: Span;
}

export interface FlowCollection {
  /** The values inside, in the order written: each after the one holding it. */
  readonly nodes: readonly FlowNode[];
  /** Offset past the closing `]` or `}`. */
  readonly end: number;
  /** The comments written inside, in order. */
  readonly comments: readonly Span[];
}

/** A flow collection that was not read. */
export interface FlowFailure {
  /**
   * `unreadable`: not closed before the limit, or holding what this does not read (a collection
   * as a key): broken YAML, mostly, which js-yaml rejects too. `too-many`: more values than asked.
   */
  readonly failed: 'unreadable' | 'too-many';
  /** How far the text was read: up to there, it need not be read again. */
  readonly reached: number;
}

/**
 * The flow collection whose `[` or `{` is at `open`, read no further than `limit`, no more than
 * `depth` collections deep and to no more than `budget` values.
 */
export function readFlow(
  text: string,
  open: number,
  limit: number,
  depth: number,
  budget: number,
): FlowCollection | FlowFailure {
  const reader = new FlowReader(text, open, limit, budget);
  if (reader.collection(-1, depth)) {
    return { nodes: reader.nodes, end: reader.pos, comments: reader.comments };
  }
  return { failed: reader.tooMany ? 'too-many' : 'unreadable', reached: reader.pos };
}

/** What a flow collection closes at, or a plain scalar in one stops at. */
const FLOW_INDICATORS = ',[]{}';
/** Characters that a plain scalar does not start with. */
const INDICATORS = `${FLOW_INDICATORS}#&*!|>'"%@\``;

class FlowReader {
  readonly nodes: FlowNode[] = [];
  readonly comments: Span[] = [];
  /** Whether reading stopped at the `budget` of values. */
  tooMany = false;

  constructor(
    private readonly text: string,
    public pos: number,
    private readonly limit: number,
    private readonly budget: number,
  ) {}

  /** The collection at `pos`, written by the node `self`; false when it cannot be read. */
  collection(self: number, depth: number): boolean {
    if (depth <= 0) return false;
    const close = this.text[this.pos] === '[' ? ']' : '}';
    this.pos++;
    for (let index = 0; ; index++) {
      this.space();
      if (this.peek() === close) {
        this.pos++;
        return true;
      }
      const read = close === '}' ? this.pair(self, depth) : this.item(index, self, depth);
      if (!read) return false;
      this.space();
      if (this.peek() === ',') this.pos++;
      else if (this.peek() !== close) return false;
    }
  }

  /**
   * A mapping's entry: `key: value`, `key:`, `key` alone (whose value is null), or any of these with
   * its key explicit, `? key : value`.
   */
  private pair(parent: number, depth: number): boolean {
    const start = this.pos;
    this.explicitKey();
    const key = this.key();
    if (key === undefined) return false;
    this.space();
    if (this.peek() === ':') this.pos++;
    else if (this.peek() !== ',' && this.peek() !== '}') return false;
    return this.value(key, parent, depth, start);
  }

  /**
   * A sequence's item: a value, or a pair (`[a: 1]`, `[? a]`), which is a mapping of that one key.
   */
  private item(index: number, parent: number, depth: number): boolean {
    const start = this.pos;
    const explicit = this.explicitKey();
    const key = this.key();
    this.space();
    if (!explicit && (key === undefined || this.peek() !== ':')) {
      this.pos = start;
      return this.value(index, parent, depth, start);
    }
    if (key === undefined || depth <= 1) return false;
    const mapping = this.node(index, parent, start, start);
    if (!mapping) return false;
    if (this.peek() === ':') this.pos++;
    const read = this.value(key, this.nodes.length - 1, depth - 1, start);
    mapping.end = this.pos;
    return read;
  }

  /** Skips the `?` of an explicit key (YAML 1.2 ex. 7.16: `{? a : b}`); whether there is one. */
  private explicitKey(): boolean {
    if (this.peek() !== '?' || !this.separates(this.pos + 1)) return false;
    this.pos++;
    this.space();
    return true;
  }

  /**
   * The value at `segment` of `parent`, whose entry starts at `start`: a collection, an alias, a
   * scalar, or nothing before the next entry (null).
   */
  private value(segment: Segment, parent: number, depth: number, start: number): boolean {
    this.space();
    this.skipProperties();
    const node = this.node(segment, parent, start, this.pos);
    if (!node) return false;
    const c = this.peek();
    if (c === '[' || c === '{') {
      if (!this.collection(this.nodes.length - 1, depth - 1)) return false;
    } else if (c === '*') this.pos = this.nameEnd(this.pos + 1);
    else if (c === '"' || c === "'") {
      const close = this.closingQuote();
      if (close < 0) return false;
      if (this.oneLine(this.pos, close)) node.scalar = { start: this.pos + 1, end: close };
      this.pos = close + 1;
    } else if (c !== ',' && c !== ']' && c !== '}') {
      const plain = this.plain();
      if (plain === undefined) return false;
      if (this.oneLine(plain.start, plain.end)) node.scalar = plain;
    }
    node.end = this.pos;
    return true;
  }

  /** A new node; `undefined` past the budget. */
  private node(
    segment: Segment,
    parent: number,
    start: number,
    valueStart: number,
  ): FlowNode | undefined {
    if (this.nodes.length >= this.budget) {
      this.tooMany = true;
      return undefined;
    }
    const node: FlowNode = { segment, parent, start, valueStart, end: valueStart };
    this.nodes.push(node);
    return node;
  }

  /** A key written as a scalar, quoted or plain, with its name; `pos` past it. */
  private key(): string | undefined {
    this.skipProperties();
    const c = this.peek();
    if (c === '"' || c === "'") {
      const close = this.closingQuote();
      if (close < 0) return undefined;
      const name = unquote(this.text.slice(this.pos, close + 1));
      this.pos = close + 1;
      return name;
    }
    const plain = this.plain();
    return plain && this.text.slice(plain.start, plain.end);
  }

  /**
   * The offset of the quote that closes the one at `pos`; -1 when there is none, with `pos` at the
   * limit, up to which it was looked for.
   */
  private closingQuote(): number {
    const close = closingQuote(this.text, this.pos, this.limit);
    if (close < 0) this.pos = this.limit;
    return close;
  }

  /**
   * A plain scalar, over lines too, without the spaces after it; `pos` past it. In a flow
   * collection it stops at a flow indicator, at a `:` before a space or one, and at a comment.
   */
  private plain(): Span | undefined {
    const text = this.text;
    const start = this.pos;
    const c = this.peek();
    if (c === '' || INDICATORS.includes(c)) return undefined;
    if ('-?:'.includes(c) && this.separates(start + 1)) return undefined;
    let end = start;
    for (let i = start; i < this.limit; i++) {
      const ch = text[i]!;
      if (FLOW_INDICATORS.includes(ch)) break;
      if (ch === ':' && this.separates(i + 1)) break;
      if (ch === '#' && isSpace(text[i - 1]!)) break;
      if (!isSpace(ch)) end = i + 1;
    }
    this.pos = end;
    return { start, end };
  }

  /** Whether the character at `pos` ends a plain scalar's `:` (or `-`, `?`) as an indicator. */
  private separates(pos: number): boolean {
    const c = this.text[pos];
    return pos >= this.limit || c === undefined || isSpace(c) || FLOW_INDICATORS.includes(c);
  }

  /** Skips spaces, line breaks and comments, recording each comment once. */
  private space(): void {
    const text = this.text;
    while (this.pos < this.limit) {
      const c = text[this.pos]!;
      if (c === '#') {
        const newline = text.indexOf('\n', this.pos);
        let end = newline < 0 || newline > this.limit ? this.limit : newline;
        if (text[end - 1] === '\r') end--;
        // A pair in a sequence is looked for, then read again as an item: its comments too.
        if ((this.comments[this.comments.length - 1]?.start ?? -1) < this.pos)
          this.comments.push({ start: this.pos, end });
        this.pos = end;
      } else if (isSpace(c)) this.pos++;
      else return;
    }
  }

  /** Skips `&anchor` and `!tag` before a value. */
  private skipProperties(): void {
    while (this.peek() === '&' || this.peek() === '!') {
      this.pos = this.nameEnd(this.pos + 1);
      this.space();
    }
  }

  /** The end of an anchor's, alias's or tag's name at `pos`: a space or a flow indicator. */
  private nameEnd(pos: number): number {
    while (
      pos < this.limit &&
      !isSpace(this.text[pos]!) &&
      !FLOW_INDICATORS.includes(this.text[pos]!)
    )
      pos++;
    return pos;
  }

  private oneLine(start: number, end: number): boolean {
    // Not `indexOf`, which would look on to the file's end: a file written as JSON on one line.
    for (let i = start; i < end; i++) if (this.text[i] === '\n') return false;
    return true;
  }

  private peek(): string {
    return this.pos < this.limit ? this.text[this.pos]! : '';
  }
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/** The offset of the quote that closes the one at `pos`, or -1 when it is not before `end`. */
export function closingQuote(text: string, pos: number, end: number): number {
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

/** A quoted key's name. */
export function unquote(quoted: string): string {
  if (quoted.startsWith("'")) return quoted.slice(1, -1).replace(/''/g, "'");
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}
