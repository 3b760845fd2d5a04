/**
 * What the settings of a JavaScript or TypeScript configuration may be, read as text and never run.
 * A setting is a property (`devtool: …`) or an assignment (`config.devtool = …`, `const CDN = …`).
 * A value chosen by a condition (`isProd ? 'source-map' : false`, `process.env.BASE || 'https://…'`,
 * `mode !== 'development'`) may be each of its choices; a name the file assigns is each value
 * assigned to it anywhere in the file (scopes are not told apart), and a default in a pattern or a
 * parameter (`{ mode = 'production' }`) what the caller passes too; a template or a `+` of known
 * parts is their text. What the file does not say (a call, `process.env.X`, a parameter) is
 * `UNKNOWN`, and an object or array written there `COMPOUND` (see `possible.ts`). Expressions and
 * names are followed MAX_DEPTH deep, and past it the value is `UNKNOWN`; brackets are matched once,
 * so a value is read in time linear in the tokens written at its own level.
 */
import { unescaped, type Token } from './js-literals.js';
import {
  choose,
  comparison,
  COMPOUND,
  decided,
  joined,
  known,
  MAX_CHOICES,
  negated,
  orElse,
  truthy,
  unknown,
  UNKNOWN,
  unread,
  type JsValue,
  type Possible,
} from './possible.js';

export interface Setting {
  readonly key: string;
  /** Where the key is written. */
  readonly at: number;
  readonly possible: Possible;
}

export interface JsValues {
  readonly settings: readonly Setting[];
  /** What the value written from `offset` may be. */
  valueAt(offset: number): Possible;
  /** What a name may be: each value the file assigns it. */
  nameValue(name: string): Possible;
}

/** What a template may hold before the name its value is made of: nothing, or a URL's scheme. */
const HEAD = /^(?:[a-z][\w+.-]*:\/\/)?$/i;
/** A part of a template that is a name: `${CDN}`. */
export const TEMPLATE_NAME = /\$\{\s*([A-Za-z_$][\w$]*)\s*\}/g;

const MAX_DEPTH = 64;
/** How far a declaration's type annotation may reach before its `=`. */
const TYPE_REACH = 64;

const OPERATORS = ['===', '!==', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '=>'];
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=', 'in', 'instanceof']);
const ARITHMETIC = new Set(['-', '*', '/', '%']);
const ENDS = new Set([',', ';', ')', ']', '}']);
const OPENS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const DECLARES = new Set(['const', 'let', 'var']);
const OPAQUE = new Set(['typeof', 'void', 'new', 'delete']);
const WORDS: ReadonlyMap<string, JsValue> = new Map<string, JsValue>([
  ['true', true],
  ['false', false],
  ['null', null],
  ['undefined', undefined],
]);

/**
 * The settings and names of a file, read from its tokens; a name `withheld` says is `UNKNOWN`, and
 * so is each made of it (`const B = SECRET`).
 */
export function readJsValues(
  text: string,
  tokens: readonly Token[],
  withheld: (name: string) => boolean = () => false,
): JsValues {
  const reader = new ValueReader(text, tokens, withheld);
  let settings: readonly Setting[] | undefined;
  return {
    get settings() {
      return (settings ??= reader.settings());
    },
    valueAt: (offset) => reader.valueFrom(tokenAt(tokens, offset)),
    nameValue: (name) => reader.nameValue(name),
  };
}

interface SettingStart {
  readonly key: string;
  readonly keyToken: number;
  /** The token its value starts at. */
  readonly from: number;
  /** Assigns a name (`CDN = …`), not a property or a member (`config.devtool = …`). */
  readonly name: boolean;
  readonly defaulted: boolean;
}

class ValueReader {
  /** The index of the token closing each bracket, or the tokens' length for one left open. */
  private readonly closing: Int32Array;
  /** The index of the bracket around each token, or -1. */
  private readonly around: Int32Array;
  /** Whether a line break is written before each token (where a statement may end). */
  private readonly breakBefore: Uint8Array;
  /** Where each name's values are written, and whether a caller may give it another. */
  private readonly assigned = new Map<string, { from: number; defaulted: boolean }[]>();
  private readonly named = new Map<string, Possible | 'reading'>();
  private readonly starts: readonly SettingStart[];
  private pos = 0;
  private depth = 0;

  constructor(
    text: string,
    private readonly tokens: readonly Token[],
    private readonly withheld: (name: string) => boolean,
  ) {
    const n = tokens.length;
    this.closing = new Int32Array(n).fill(n);
    this.around = new Int32Array(n).fill(-1);
    this.breakBefore = new Uint8Array(n);
    const open: number[] = [];
    for (let i = 0; i < n; i++) {
      const token = tokens[i]!;
      this.around[i] = open.length > 0 ? open[open.length - 1]! : -1;
      this.breakBefore[i] = Number(i > 0 && hasBreak(text, tokens[i - 1]!.end, token.start));
      if (token.kind !== 'punct') continue;
      if (OPENS[token.text]) open.push(i);
      else if (open.length > 0 && OPENS[tokens[open.at(-1)!]!.text] === token.text)
        this.closing[open.pop()!] = i;
    }
    this.starts = this.settingStarts();
    for (const { key, from, name, defaulted } of this.starts) {
      if (name) this.assign(key, from, defaulted);
    }
  }

  /** Each property and assignment of the file, with what its value may be. */
  settings(): Setting[] {
    return this.starts.map(({ key, keyToken, from, defaulted }) => {
      this.depth = 0;
      const at = this.tokens[keyToken]!.start;
      return { key, at, possible: this.assignedValue(from, defaulted) };
    });
  }

  valueFrom(from: number): Possible {
    this.depth = 0;
    return this.assignedValue(from, false);
  }

  nameValue(name: string): Possible {
    this.depth = 0;
    return this.name(name);
  }

  /** The value written from token `from`; a default, what the caller gives instead too. */
  private assignedValue(from: number, defaulted: boolean): Possible {
    this.pos = from;
    const value = this.expression();
    const read = this.endsHere() ? value : unread(value);
    return defaulted ? choose(read, unknown()) : read;
  }

  /**
   * Where each setting's key and value are written, whether it assigns a name, and whether its
   * value is a default a caller may replace.
   */
  private settingStarts(): SettingStart[] {
    const { tokens } = this;
    const starts: SettingStart[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      const before = tokens[i - 1];
      if (token.kind === 'word' && DECLARES.has(token.text) && tokens[i + 1]?.kind === 'word') {
        // `const CDN: string = …`: the type written between the name and its value.
        const typed = this.operator(i + 2) === ':' ? this.typedValue(i + 3) : undefined;
        if (typed === undefined) continue;
        const key = tokens[i + 1]!.text;
        const keyToken = i + 1;
        starts.push({ key, keyToken, from: typed, name: true, defaulted: false });
        continue;
      }
      const key = token.kind === 'word' ? token.text : token.value;
      if (key === undefined || before?.text === ':') continue;
      const next = this.operator(i + 1);
      if (next === '=' && token.kind === 'word') {
        const name = before?.text !== '.';
        // A default in a pattern or a parameter list: the caller may give another value.
        const bracket = tokens[this.around[i]!]?.text;
        const defaulted =
          bracket === '(' ||
          bracket === '[' ||
          (bracket === '{' && /^[{,]$/.test(before?.text ?? ''));
        starts.push({ key, keyToken: i, from: i + 2, name, defaulted });
      } else if (next === ':' && /^[{,]$/.test(before?.text ?? '')) {
        if (tokens[this.around[i]!]?.text !== '{') continue;
        starts.push({
          key,
          keyToken: i,
          from: i + 2,
          name: false,
          defaulted: false,
        });
      }
    }
    return starts;
  }

  /** The value after a declaration's type annotation that starts at `from`, when there is one. */
  private typedValue(from: number): number | undefined {
    for (let i = from; i < Math.min(this.tokens.length, from + TYPE_REACH); i++) {
      const operator = this.operator(i);
      if (operator === ';') return undefined;
      if (operator === '=') return i + 1;
      if (OPENS[operator]) i = this.closing[i]!;
    }
    return undefined;
  }

  private assign(name: string, from: number, defaulted: boolean): void {
    const list = this.assigned.get(name) ?? [];
    list.push({ from, defaulted });
    this.assigned.set(name, list);
  }

  /** What a name may be: each value assigned to it, unknown when none is or a caller gives it. */
  private name(name: string): Possible {
    if (this.withheld(name)) return unknown();
    const seen = this.named.get(name);
    if (seen === 'reading') return unknown();
    if (seen) return seen;
    const assignments = this.assigned.get(name);
    if (!assignments || this.depth >= MAX_DEPTH) return unknown();
    this.named.set(name, 'reading');
    const pos = this.pos;
    const depth = this.depth;
    const choices = assignments.map(({ from, defaulted }) => this.assignedValue(from, defaulted));
    this.pos = pos;
    this.depth = depth;
    const value = choices.length === 1 ? choices[0]! : choose(...choices);
    this.named.set(name, value);
    return value;
  }

  private expression(): Possible {
    if (this.depth >= MAX_DEPTH) return unknown();
    this.depth++;
    const test = this.either();
    let value = test;
    if (this.operator(this.pos) === '?') {
      this.pos++;
      const then = this.expression();
      if (this.operator(this.pos) !== ':') value = unknown();
      else {
        this.pos++;
        const otherwise = this.expression();
        value = decided(test, then, otherwise);
      }
    }
    this.depth--;
    return value;
  }

  /** `a || b`, `a ?? b`. */
  private either(): Possible {
    let value = this.both();
    for (
      let op = this.operator(this.pos);
      op === '||' || op === '??';
      op = this.operator(this.pos)
    ) {
      this.pos += 2;
      const right = this.both();
      value = orElse(value, right, op === '||' ? truthy : (v) => v !== null && v !== undefined);
    }
    return value;
  }

  /** `a && b`. */
  private both(): Possible {
    let value = this.compared();
    while (this.operator(this.pos) === '&&') {
      this.pos += 2;
      const right = this.compared();
      const falsy = value.values.filter((v) => !truthy(v) && v !== UNKNOWN);
      const mayPass = value.values.some((v) => v === UNKNOWN || truthy(v));
      const mayStop = falsy.length > 0 || value.values.includes(UNKNOWN);
      if (!mayPass) continue;
      value = mayStop
        ? choose({ ...value, values: falsy.length > 0 ? falsy : [false], origins: [] }, right)
        : right;
    }
    return value;
  }

  private compared(): Possible {
    let value = this.sum();
    for (let op = this.operator(this.pos); COMPARISONS.has(op); op = this.operator(this.pos)) {
      this.pos += /^[a-z]/.test(op) ? 1 : op.length;
      const right = this.sum();
      value = comparison(op, value, right);
    }
    return value;
  }

  /** `a + b` joins strings; other arithmetic is unknown. */
  private sum(): Possible {
    let value = this.unary();
    for (let op = this.operator(this.pos); op === '+' || ARITHMETIC.has(op);) {
      this.pos++;
      const right = this.unary();
      value = op === '+' ? joined(value, right) : unknown(value.conditional || right.conditional);
      op = this.operator(this.pos);
    }
    return value;
  }

  /** `!a`; `typeof a`, `-a` and the like are unknown, `await a` is `a`. */
  private unary(): Possible {
    let negations = 0;
    let opaque = false;
    for (let token = this.tokens[this.pos]; token; token = this.tokens[++this.pos]) {
      if (this.operator(this.pos) === '!') negations++;
      else if (token.kind === 'punct' ? /^[-+~]$/.test(token.text) : OPAQUE.has(token.text))
        opaque = true;
      else if (token.text !== 'await' || token.kind !== 'word') break;
    }
    const value = opaque ? unknown(this.postfix().conditional) : this.postfix();
    if (negations === 0) return value;
    const once = negated(value);
    return negations % 2 === 1 ? once : negated(once);
  }

  /** A member, a call or an index of a value is unknown; `as T` and `x!` keep it. */
  private postfix(): Possible {
    let value = this.primary();
    for (;;) {
      const op = this.operator(this.pos);
      const token = this.tokens[this.pos];
      if (op === '.' || op === '?.') {
        this.pos += op.length;
        if (this.tokens[this.pos]?.kind === 'word') this.pos++;
        value = unknown(value.conditional);
      } else if ((op === '(' || op === '[') && !this.breakBefore[this.pos]) {
        this.pos = this.closing[this.pos]! + 1;
        value = unknown(value.conditional);
      } else if (token?.kind === 'word' && (token.text === 'as' || token.text === 'satisfies')) {
        this.pos++;
        this.skipType();
      } else if (op === '!' && !this.breakBefore[this.pos]) this.pos++;
      else return value;
    }
  }

  private primary(): Possible {
    const token = this.tokens[this.pos];
    if (!token) return unknown();
    if (this.operator(this.pos + 1) === '=>') return this.arrow();
    if (token.kind === 'string') {
      this.pos++;
      return this.string(token);
    }
    if (token.kind === 'word') {
      this.pos++;
      if (WORDS.has(token.text)) return known(WORDS.get(token.text));
      if (/^\d/.test(token.text)) return known(Number(token.text));
      return /^[A-Za-z_$][\w$]*$/.test(token.text) ? this.name(token.text) : unknown();
    }
    if (token.text === '(') {
      const close = this.closing[this.pos]!;
      if (this.operator(close + 1) === '=>') return this.arrow();
      this.pos++;
      const inner = this.expression();
      const whole = this.pos === close;
      this.pos = close + 1;
      return whole ? inner : unknown(inner.conditional);
    }
    if (token.text === '{' || token.text === '[') {
      this.pos = this.closing[this.pos]! + 1;
      return known(COMPOUND);
    }
    return unknown();
  }

  /** A function: `(a) => …`, `a => …`; its body is not read. */
  private arrow(): Possible {
    const token = this.tokens[this.pos]!;
    this.pos = (token.text === '(' ? this.closing[this.pos]! : this.pos) + 3;
    if (this.tokens[this.pos]?.text === '{') this.pos = this.closing[this.pos]! + 1;
    else this.expression();
    return unknown();
  }

  /**
   * A string, or a template whose parts are names the file assigns (`${CDN}/app/`). It begins with
   * what a name it begins with is written as, and its host with what the host's name is written as
   * (`https://${DOMAIN}/static/`, the bucket in `const DOMAIN = …`).
   */
  private string(token: Token): Possible {
    const span = { start: token.start, end: token.end };
    if (token.value !== undefined)
      return { values: [token.value], origins: [span], conditional: false };
    if (!token.text.startsWith('`')) return { ...unknown(), origins: [span] };
    const parts = token.text.slice(1, -1).split(TEMPLATE_NAME);
    if (parts.some((part, i) => i % 2 === 0 && part.includes('${'))) {
      return { ...unknown(), origins: [span] };
    }
    let value = known('');
    parts.forEach((part, i) => {
      value = joined(value, i % 2 === 0 ? known(unescaped(part)) : this.name(part));
    });
    const head = HEAD.test(parts[0]!) && parts.length > 1 ? this.name(parts[1]!).origins : [];
    return { ...value, origins: [span, ...head].slice(0, MAX_CHOICES) };
  }

  /** A type after `as` or `satisfies`: a name, maybe dotted, with its `<…>` and `[]`. */
  private skipType(): void {
    if (this.tokens[this.pos]?.kind === 'word') this.pos++;
    for (;;) {
      const op = this.operator(this.pos);
      if (op === '.' && this.tokens[this.pos + 1]?.kind === 'word') this.pos += 2;
      else if (op === '[' && this.tokens[this.pos + 1]?.text === ']') this.pos += 2;
      else if (op === '<') {
        let depth = 0;
        const end = Math.min(this.tokens.length, this.pos + TYPE_REACH);
        do {
          const text = this.tokens[this.pos]!.text;
          depth += text === '<' ? 1 : text === '>' ? -1 : 0;
          this.pos++;
        } while (depth > 0 && this.pos < end);
      } else return;
    }
  }

  /** Whether the value read ends where the reading stopped: at a separator or a closing bracket. */
  private endsHere(): boolean {
    const token = this.tokens[this.pos];
    return (
      !token || (token.kind === 'punct' && ENDS.has(token.text)) || this.breakBefore[this.pos] === 1
    );
  }

  /** The operator written from token `i`, of punctuation written together (`===`, `??`). */
  private operator(i: number): string {
    const token = this.tokens[i];
    if (!token) return '';
    if (token.kind !== 'punct') return token.kind === 'word' ? token.text : '';
    const next = this.tokens[i + 1];
    if (next?.kind !== 'punct' || next.start !== token.end) return token.text;
    let text = token.text;
    for (let j = i + 1; j < i + 3; j++) {
      const next = this.tokens[j];
      if (next?.kind !== 'punct' || next.start !== this.tokens[j - 1]!.end) break;
      text += next.text;
    }
    return OPERATORS.find((op) => text.startsWith(op)) ?? token.text;
  }
}

/** The token holding `offset` or the first after it. */
function tokenAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function hasBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] === '\n') return true;
  return false;
}
