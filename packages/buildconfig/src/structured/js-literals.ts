/**
 * The object and array literals of a JavaScript, TypeScript or JSON5 file, read as text and never
 * run: what a configuration written in code (`module.exports = { publish: [{ provider: 's3' }] }`)
 * states literally. Strings, numbers, booleans and null are values; anything computed (a variable,
 * a call, a template with `${…}`) is there but undefined, so a key set to what the code computes is
 * told from a key that is absent. The data is the list of the outermost literals in the order they
 * are written (those inside a function or a computed value too), each with its paths below its
 * index. Statements are not parsed: a `{` or `[` where an expression starts opens a literal.
 */
import { escapedCharacter } from '../text-view.js';
import type { Path, Segment, Span, StructuredDoc } from './doc.js';

export interface Token {
  readonly kind: 'punct' | 'word' | 'string';
  readonly start: number;
  readonly end: number;
  /** As written; a string's with its quotes. */
  readonly text: string;
  /** A string's characters, unescaped; none for a template that computes a part, or a cut string. */
  readonly value?: string;
}

interface Node {
  readonly span: Span;
  /** A string's characters without its quotes. */
  readonly scalar?: Span;
  readonly children: readonly (readonly [Segment, Node])[];
}

/** Where a literal can start: after these, `{` and `[` open a value, not a block or an index. */
const OPENS_VALUE = new Set(['=', '(', ',', ':', '[', '?', '|', '&', 'return', 'default']);
const CLOSES = new Set([')', ']', '}']);
/** The words that are values, by the language's spelling of them. */
export type Words = ReadonlyMap<string, unknown>;

const JS_WORDS: Words = new Map([
  ['null', null],
  ['true', true],
  ['false', false],
]);
/** Nesting deeper than this is skipped, not read: the reader recurses per level. */
const MAX_DEPTH = 256;

/** The literals of JavaScript text, or of its tokens when they are read already (`jsTokens`). */
export function parseJsLiterals(text: string, tokens = jsTokens(text)): StructuredDoc {
  return literalsDoc(tokens, JS_WORDS);
}

/** The tokens of JavaScript, TypeScript or JSON5 text, its comments set aside. */
export function jsTokens(text: string): Token[] {
  return tokenize(text);
}

/**
 * The literals of a text tokenized (the same reading serves another language that writes objects
 * and lists alike, Starlark's dicts and lists), each word of `words` a value.
 */
export function literalsDoc(tokens: readonly Token[], words: Words): StructuredDoc {
  const reader = new LiteralReader(tokens, words);
  const { data, roots } = reader.read();
  const byPath = new Map<string, Node>();
  const index = (path: Path, node: Node): void => {
    byPath.set(JSON.stringify(path), node);
    for (const [segment, child] of node.children) index([...path, segment], child);
  };
  roots.forEach((root, i) => index([i], root));
  return {
    data,
    pathAt: (offset) => pathAt(roots, offset),
    valueSpan: (path) => {
      const node = byPath.get(JSON.stringify(path));
      return node && (node.scalar ?? node.span);
    },
    scalarSpan: (path) => byPath.get(JSON.stringify(path))?.scalar,
  };
}

/** The path of the innermost value written around `offset`. */
function pathAt(roots: readonly Node[], offset: number): Path | undefined {
  const holds = (node: Node) => node.span.start <= offset && offset < node.span.end;
  const root = roots.findIndex(holds);
  if (root < 0) return undefined;
  const path: Segment[] = [root];
  let node = roots[root]!;
  for (;;) {
    const child = node.children.find(([, c]) => holds(c));
    if (!child) return path;
    path.push(child[0]);
    node = child[1];
  }
}

class LiteralReader {
  private pos = 0;
  private depth = 0;
  private readonly data: unknown[] = [];
  private readonly roots: Node[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly words: Words,
  ) {}

  read(): { data: unknown[]; roots: Node[] } {
    while (this.pos < this.tokens.length) {
      if (this.opensLiteral()) this.root();
      else this.pos++;
    }
    return { data: this.data, roots: this.roots };
  }

  /**
   * Reads the literal at the current token as the next outermost one. Its place is taken first:
   * the literals inside a computed value of it come after it.
   */
  private root(): void {
    const i = this.roots.length;
    this.roots.push({ span: { start: 0, end: 0 }, children: [] });
    this.data.push(undefined);
    const [value, node] = this.value([i]);
    this.data[i] = value;
    this.roots[i] = node;
  }

  private opensLiteral(): boolean {
    const token = this.tokens[this.pos];
    if (!isPunct(token, '{') && !isPunct(token, '[')) return false;
    if (this.depth >= MAX_DEPTH) return false;
    const before = this.tokens[this.pos - 1];
    return before === undefined || OPENS_VALUE.has(before.text);
  }

  private value(path: Path): [unknown, Node] {
    const token = this.tokens[this.pos];
    if (isPunct(token, '{') && this.depth < MAX_DEPTH) return this.object(path);
    if (isPunct(token, '[') && this.depth < MAX_DEPTH) return this.array(path);
    if (token && endsValue(this.tokens[this.pos + 1])) {
      const span = { start: token.start, end: token.end };
      if (token.kind === 'string' && token.value !== undefined) {
        this.pos++;
        const scalar = { start: token.start + 1, end: token.end - 1 };
        return [token.value, { span, scalar, children: [] }];
      }
      if (token.kind === 'word' && (this.words.has(token.text) || /^\d[\d.]*$/.test(token.text))) {
        this.pos++;
        const value = this.words.has(token.text) ? this.words.get(token.text) : Number(token.text);
        return [value, { span, children: [] }];
      }
    }
    return [undefined, this.expression()];
  }

  private object(path: Path): [Record<string, unknown>, Node] {
    const open = this.tokens[this.pos++]!;
    const data: Record<string, unknown> = {};
    const children: [Segment, Node][] = [];
    this.depth++;
    for (
      let token = this.tokens[this.pos];
      token && !isPunct(token, '}');
      token = this.tokens[this.pos]
    ) {
      const key = keyOf(token);
      const next = this.tokens[this.pos + 1];
      if (isPunct(token, ',')) this.pos++;
      else if (token.kind === 'punct' && (CLOSES.has(token.text) || token.text === ';')) break;
      else if (key !== undefined && isPunct(next, ':')) {
        this.pos += 2;
        const [value, node] = this.value([...path, key]);
        data[key] = value;
        children.push([key, node]);
      } else if (key !== undefined && (isPunct(next, ',') || isPunct(next, '}'))) {
        // `{ publish }`: set to a variable's value.
        data[key] = undefined;
        this.pos++;
      } else this.expression(); // a spread, a method, a computed key
    }
    this.depth--;
    return [data, { span: this.closed(open, '}'), children }];
  }

  private array(path: Path): [unknown[], Node] {
    const open = this.tokens[this.pos++]!;
    const data: unknown[] = [];
    const children: [Segment, Node][] = [];
    this.depth++;
    for (
      let token = this.tokens[this.pos];
      token && !isPunct(token, ']');
      token = this.tokens[this.pos]
    ) {
      if (isPunct(token, ',')) this.pos++;
      else if (token.kind === 'punct' && (CLOSES.has(token.text) || token.text === ';')) break;
      else {
        const [value, node] = this.value([...path, data.length]);
        children.push([data.length, node]);
        data.push(value);
      }
    }
    this.depth--;
    return [data, { span: this.closed(open, ']'), children }];
  }

  /** The span from `open` to its closing token, consumed when it is there. */
  private closed(open: Token, close: string): Span {
    const token = this.tokens[this.pos];
    if (isPunct(token, close)) this.pos++;
    const last = this.tokens[this.pos - 1] ?? open;
    return { start: open.start, end: last.end };
  }

  /**
   * A computed value, up to the `,` or the closing bracket that ends it; the literals inside it (a
   * function's `return { … }`, the branches of `a ? { … } : { … }`) are read as outermost ones.
   */
  private expression(): Node {
    const first = this.tokens[this.pos];
    let nesting = 0;
    for (let token = first; token; token = this.tokens[this.pos]) {
      if (this.opensLiteral()) {
        this.root();
        continue;
      }
      if (token.kind === 'punct') {
        if (nesting === 0 && (CLOSES.has(token.text) || token.text === ',' || token.text === ';'))
          break;
        if ('([{'.includes(token.text)) nesting++;
        else if (CLOSES.has(token.text)) nesting--;
      }
      this.pos++;
    }
    const last = this.tokens[this.pos - 1];
    const span =
      first && last && last.end > first.start
        ? { start: first.start, end: last.end }
        : { start: 0, end: 0 };
    return { span, children: [] };
  }
}

function isPunct(token: Token | undefined, text: string): boolean {
  return token?.kind === 'punct' && token.text === text;
}

/** Whether a scalar followed by `token` is a whole value (not `'a' + b`, `x.y`, `f()`). */
function endsValue(token: Token | undefined): boolean {
  return token === undefined || (token.kind === 'punct' && /^[,;)\]}]$/.test(token.text));
}

function keyOf(token: Token): string | undefined {
  if (token.kind === 'string') return token.value;
  return token.kind === 'word' ? token.text : undefined;
}

/**
 * The comments of JavaScript, TypeScript or JSON5 text: `//` to the line's end and `/* … *\/`,
 * outside strings and templates.
 */
export function jsComments(text: string): Span[] {
  const comments: Span[] = [];
  tokenize(text, comments);
  return comments;
}

/**
 * Words, strings (a template holding `${…}` has no value), punctuation; comments set aside, in
 * `comments` when given.
 */
function tokenize(text: string, comments?: Span[]): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const start = i;
    if (/\s/.test(c)) i++;
    else if (text.startsWith('//', i)) {
      i = lineEnd(text, i);
      comments?.push({ start, end: i });
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      comments?.push({ start, end: i });
    } else if (c === '"' || c === "'") {
      const close = closingQuote(text, i, c);
      const end = Math.min(close + 1, text.length);
      const value = text[close] === c ? unescaped(text.slice(i + 1, close)) : undefined;
      tokens.push(stringToken(text, i, end, value));
      i = end;
    } else if (c === '`') {
      const [end, computed] = templateEnd(text, i);
      const value = computed ? undefined : unescaped(text.slice(i + 1, end - 1));
      tokens.push(stringToken(text, i, end, value));
      i = end;
    } else if (/[\w$]/.test(c)) {
      // A number goes on over its decimal point; a name ends at a `.`.
      const part = /\d/.test(c) ? /[\w.]/ : /[\w$]/;
      let end = i + 1;
      while (end < text.length && part.test(text[end]!)) end++;
      tokens.push({ kind: 'word', start: i, end, text: text.slice(i, end) });
      i = end;
    } else {
      const length = text.startsWith('...', i) ? 3 : 1;
      tokens.push({ kind: 'punct', start: i, end: i + length, text: text.slice(i, i + length) });
      i += length;
    }
  }
  return tokens;
}

export function stringToken(text: string, start: number, end: number, value?: string): Token {
  return {
    kind: 'string',
    start,
    end,
    text: text.slice(start, end),
    ...(value !== undefined && { value }),
  };
}

export function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Where the string opened at `start` closes: its quote, or the line break or end that cuts it. */
export function closingQuote(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length && text[i] !== quote && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
  return Math.min(i, text.length);
}

/** The end of a template opened at `start`, and whether it computes a part (`${…}`). */
function templateEnd(text: string, start: number): [number, boolean] {
  let computed = false;
  let i = start + 1;
  while (i < text.length && text[i] !== '`') {
    if (text[i] === '\\') i += 2;
    else if (text.startsWith('${', i)) {
      computed = true;
      let depth = 0;
      do {
        if (text[i] === '{') depth++;
        else if (text[i] === '}') depth--;
        i++;
      } while (i < text.length && depth > 0);
    } else i++;
  }
  return [Math.min(i + 1, text.length), computed];
}

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  t: '\t',
  r: '\r',
  b: '\b',
  f: '\f',
  v: '\v',
  0: '\0',
};

/** An escape: the hex digits of a `\u{…}`, `\u` or `\x` one, else the character after the backslash. */
const ESCAPE = /\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))/gs;

/** A string's characters, as JavaScript reads its escapes (`\u0061`, `\u{61}`, `\x61`, `\n`). */
export function unescaped(raw: string): string {
  if (!raw.includes('\\')) return raw;
  return raw.replace(ESCAPE, (written, ...groups: (string | undefined)[]) => {
    const [braced, u, x, c = ''] = groups;
    const hex = braced ?? u ?? x;
    return (hex === undefined ? (ESCAPES[c] ?? c) : escapedCharacter(hex)) ?? written;
  });
}
