/**
 * `yamlencode` as Terraform writes YAML (https://developer.hashicorp.com/terraform/language/functions/yamlencode):
 * go-cty-yaml's `Marshal`, which drives its port of libyaml's emitter. Only the emitter's paths
 * that go-cty-yaml's events reach are here, written as the emitter writes them: block collections
 * (empty ones in flow style), two-space indentation, a sequence under a mapping key not indented,
 * map keys in lexical order, strings double-quoted, or in a literal block when they hold a line
 * feed, and double-quoted strings folded at a space past column 80. The outputs were checked
 * against Terraform 1.11, quirks included: a string that starts with a byte order mark has every
 * character escaped (the emitter's BOM test looks at the string's start, not the character), and
 * infinities are written `+Inf`/`-Inf`.
 */
import { isObject, type Value } from '@posture/model';
import { sortedEntries } from '../eval/values.js';

const BEST_INDENT = 2;
const BEST_WIDTH = 80;
/** A key longer than this, in UTF-8 bytes, or written on several lines, is a `? key` entry. */
const MAX_SIMPLE_KEY = 128;

const LINE_FEED = '\n';
const BREAKS = new Set(['\r', '\n', '\u0085', '\u2028', '\u2029']);

/** The text Terraform's `yamlencode` gives for a wholly known value. */
export function yamlencode(value: Value): string {
  const emitter = new Emitter();
  emitter.node(value, { root: true });
  emitter.endDocument();
  return emitter.out;
}

interface Context {
  readonly root?: boolean;
  readonly mapping?: boolean;
  readonly simpleKey?: boolean;
}

/** What the emitter's scalar analysis decides for a string. */
interface Analysis {
  readonly multiline: boolean;
  readonly blockAllowed: boolean;
}

class Emitter {
  out = '';
  private column = 0;
  private whitespace = true;
  private indention = true;
  private openEnded = false;
  private indent = -1;
  private readonly indents: number[] = [];
  private context: Context = {};

  node(value: Value, context: Context): void {
    this.context = context;
    if (Array.isArray(value)) this.sequence(value);
    else if (isObject(value)) this.mapping(sortedEntries(value));
    else if (typeof value === 'string') this.string(value);
    else
      this.plain(value === null ? 'null' : typeof value === 'number' ? decimal(value) : `${value}`);
  }

  endDocument(): void {
    this.writeIndent();
    if (this.openEnded) {
      this.writeIndicator('...', true, false, false);
      this.writeIndent();
    }
  }

  private sequence(items: readonly Value[]): void {
    if (items.length === 0) return this.flowEmpty('[', ']');
    // A sequence that is a mapping's value starts at the key's column.
    this.increaseIndent(false, this.context.mapping === true && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, {});
    }
    this.popIndent();
  }

  private mapping(entries: readonly [string, Value][]): void {
    if (entries.length === 0) return this.flowEmpty('{', '}');
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      if (isSimpleKey(key)) {
        this.node(key, { mapping: true, simpleKey: true });
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, { mapping: true });
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, { mapping: true });
    }
    this.popIndent();
  }

  private flowEmpty(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.writeIndicator(close, false, false, false);
  }

  private plain(text: string): void {
    if (!this.whitespace) this.put(' ');
    this.put(text);
    this.whitespace = false;
    this.indention = false;
    if (this.context.root) this.openEnded = true;
  }

  private string(value: string): void {
    // A simple key holds no break, so it is never a literal block, and is never folded.
    const literal = value.includes(LINE_FEED) && analyze(value).blockAllowed;
    this.increaseIndent(true, false);
    if (literal) this.literal(value);
    else this.doubleQuoted(value, this.context.simpleKey !== true);
    this.popIndent();
  }

  private doubleQuoted(value: string, allowBreaks: boolean): void {
    const chars = [...value];
    const escapeAll = value.startsWith('\uFEFF');
    let spaces = false;
    this.writeIndicator('"', true, false, false);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i] as string;
      if (escapeAll || !isPrintable(ch) || BREAKS.has(ch) || ch === '"' || ch === '\\') {
        this.put(escape(ch));
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.writeIndent();
          // A space that starts the next line would be folded away: escape it.
          if (chars[i + 1] === ' ') this.put('\\');
        } else {
          this.put(ch);
        }
        spaces = true;
      } else {
        this.put(ch);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(value: string): void {
    const chars = [...value];
    this.writeIndicator('|', true, false, false);
    // An indentation indicator when the first line starts blank; the chomping the end needs.
    if (chars[0] === ' ' || BREAKS.has(chars[0] as string)) {
      this.writeIndicator(String(BEST_INDENT), false, false, false);
    }
    const chomp = chomping(chars);
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const ch of chars) {
      if (BREAKS.has(ch)) {
        if (ch === LINE_FEED) this.putBreak();
        else {
          this.put(ch);
          this.column = 0;
        }
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(ch);
        this.indention = false;
        breaks = false;
      }
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop() ?? -1;
  }

  private writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) {
      this.putBreak();
    }
    if (this.column < indent) this.put(' '.repeat(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(
    indicator: string,
    needWhitespace: boolean,
    isWhitespace: boolean,
    isIndention: boolean,
  ): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(indicator);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
    this.openEnded = false;
  }

  /** Text without line breaks; the emitter counts columns in characters. */
  private put(text: string): void {
    this.out += text;
    this.column += [...text].length;
  }

  private putBreak(): void {
    this.out += LINE_FEED;
    this.column = 0;
  }
}

function isSimpleKey(key: string): boolean {
  return !analyze(key).multiline && Buffer.byteLength(key, 'utf8') <= MAX_SIMPLE_KEY;
}

/** libyaml's `analyze_scalar`, reduced to what decides between double quotes and a literal block. */
function analyze(value: string): Analysis {
  const chars = [...value];
  let multiline = false;
  let special = false;
  let spaceBreak = false;
  chars.forEach((ch, i) => {
    if (!isPrintable(ch)) special = true;
    if (BREAKS.has(ch)) {
      multiline = true;
      if (chars[i - 1] === ' ') spaceBreak = true;
    }
  });
  const trailingSpace = chars[chars.length - 1] === ' ';
  return { multiline, blockAllowed: !(special || spaceBreak || trailingSpace) };
}

/** `-` strips a text that does not end with a break, `+` keeps more than one, none keeps one. */
function chomping(chars: readonly string[]): string {
  const last = chars.length - 1;
  if (!BREAKS.has(chars[last] as string)) return '-';
  return last === 0 || BREAKS.has(chars[last - 1] as string) ? '+' : '';
}

/** libyaml's printable characters: no C0 or C1 controls but the line feed, nothing past U+FFFD. */
function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) as number;
  return (
    c === 0x0a ||
    (c >= 0x20 && c <= 0x7e) ||
    (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff)
  );
}

const ESCAPES = new Map([
  ['\0', '0'],
  ['\x07', 'a'],
  ['\b', 'b'],
  ['\t', 't'],
  ['\n', 'n'],
  ['\v', 'v'],
  ['\f', 'f'],
  ['\r', 'r'],
  ['\x1b', 'e'],
  ['"', '"'],
  ['\\', '\\'],
  ['\u0085', 'N'],
  ['\u00a0', '_'],
  ['\u2028', 'L'],
  ['\u2029', 'P'],
]);

function escape(ch: string): string {
  const named = ESCAPES.get(ch);
  if (named !== undefined) return `\\${named}`;
  const c = ch.codePointAt(0) as number;
  const [prefix, digits] = c <= 0xff ? ['x', 2] : c <= 0xffff ? ['u', 4] : ['U', 8];
  return `\\${prefix}${c.toString(16).toUpperCase().padStart(digits, '0')}`;
}

/** A number as Go's `big.Float.Text('f', -1)`: the shortest digits, never an exponent. */
function decimal(n: number): string {
  if (Object.is(n, -0)) return '-0';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  const [mantissa = '', exponent = '0'] = Math.abs(n).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const point = Number(exponent) + 1;
  const sign = n < 0 ? '-' : '';
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  if (point > 0) return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
  return `${sign}0.${'0'.repeat(-point)}${digits}`;
}
