/** `format` and `formatlist`: Go's fmt verbs as Terraform documents them. */
import { isUnknown, type Unknown, type Value } from '@posture/model';
import { MAX_TEXT, combine, isWhollyKnown, partlyKnownText } from '../eval/unknowns.js';
import { ResultTooLarge, bool, fail, int, num, str } from './function.js';
import { goJson } from './json.js';

const VERB = /%([-+# 0]*)(?:\[(\d+)\])?(\d+)?(?:\.(\d*))?([a-zA-Z%])/g;

/** The formatted text; an argument not known before apply leaves a gap in it (`Unknown.pieces`). */
export function format(spec: string, args: readonly Value[]): string | Unknown {
  const parts: (string | Unknown)[] = [];
  let next = 0;
  let last = 0;
  for (const m of spec.matchAll(VERB)) {
    const [, flags = '', argIndex, width, precision, verb = ''] = m;
    parts.push(spec.slice(last, m.index));
    last = m.index + m[0].length;
    if (verb === '%') {
      parts.push('%');
      continue;
    }
    if (argIndex) next = Number(argIndex) - 1;
    if (next >= args.length) fail(`format: no argument for verb %${verb}`);
    const arg = args[next++] ?? null;
    if (!isWhollyKnown(arg)) {
      parts.push(combine([arg]));
      continue;
    }
    const digits = precision === undefined ? undefined : Number(precision || '0');
    parts.push(pad(formatVerb(verb, arg, flags, digits), Number(width ?? 0), flags));
  }
  parts.push(spec.slice(last));
  return partlyKnownText(parts);
}

function formatVerb(verb: string, value: Value, flags: string, precision?: number): string {
  switch (verb) {
    case 'v':
      if (
        flags.includes('#') ||
        (typeof value === 'object' && value !== null && !isUnknown(value))
      ) {
        return goJson(value);
      }
      return value === null ? 'null' : str(value);
    case 's':
      return precision === undefined
        ? str(value)
        : Array.from(str(value)).slice(0, precision).join('');
    case 'q':
      return JSON.stringify(str(value));
    case 't':
      return String(bool(value));
    case 'd':
      return signed(int(value), flags, (n) => String(n));
    case 'b':
      return signed(int(value), flags, (n) => n.toString(2));
    case 'o':
      return signed(int(value), flags, (n) => n.toString(8));
    case 'x':
      return signed(int(value), flags, (n) => n.toString(16));
    case 'X':
      return signed(int(value), flags, (n) => n.toString(16).toUpperCase());
    case 'e':
    case 'E':
      return cased(
        verb,
        signed(num(value), flags, (n) => goExponent(n.toExponential(precision ?? 6))),
      );
    case 'f':
    case 'F':
      return signed(num(value), flags, (n) => n.toFixed(precision ?? 6));
    case 'g':
    case 'G':
      return cased(
        verb,
        signed(num(value), flags, (n) =>
          precision === undefined ? String(n) : n.toPrecision(precision),
        ),
      );
    default:
      return fail(`format: unsupported verb %${verb}`);
  }
}

function signed(n: number, flags: string, render: (n: number) => string): string {
  const body = render(Math.abs(n));
  if (n < 0) return `-${body}`;
  return flags.includes('+') ? `+${body}` : flags.includes(' ') ? ` ${body}` : body;
}

function cased(verb: string, text: string): string {
  return verb === verb.toUpperCase() ? text.toUpperCase() : text;
}

/** Go writes exponents with at least two digits: 1e+06, not 1e+6. */
function goExponent(text: string): string {
  return text.replace(/e([-+])(\d)$/, (_whole, sign: string, digit: string) => `e${sign}0${digit}`);
}

function pad(text: string, width: number, flags: string): string {
  if (text.length >= width) return text;
  if (width > MAX_TEXT) throw new ResultTooLarge(`a width of more than ${MAX_TEXT} characters`);
  if (flags.includes('-')) return text.padEnd(width);
  if (flags.includes('0') && /^[-+ ]?\d/.test(text)) {
    const sign = /^[-+ ]/.test(text) ? text.slice(0, 1) : '';
    return sign + text.slice(sign.length).padStart(width - sign.length, '0');
  }
  return text.padStart(width);
}

/** Formats once per element of the list arguments; other arguments repeat on every line. */
export function formatlist(spec: string, args: readonly Value[]): Value[] {
  const lengths = args.filter(Array.isArray).map((a) => a.length);
  const count = lengths[0] ?? 1;
  if (lengths.some((n) => n !== count))
    fail('formatlist: list arguments must have the same length');
  return Array.from({ length: count }, (_, i) =>
    format(
      spec,
      args.map((a) => (Array.isArray(a) ? (a[i] ?? null) : a)),
    ),
  );
}
