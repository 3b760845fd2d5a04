/**
 * `yamldecode` as Terraform decodes YAML (https://developer.hashicorp.com/terraform/language/functions/yamldecode),
 * which is github.com/zclconf/go-cty-yaml: one document; only the tags of its table (any other is an
 * error, so nothing but data is ever built); aliases, but none inside its own anchor; merge keys; a
 * key written twice takes its last value. A plain scalar is typed by go-cty-yaml's rules, which are
 * YAML 1.1's for booleans (`yes`, `off`…); a quoted one is a string.
 * js-yaml reads the structure with a schema that has no type of its own beyond these.
 */
import { FAILSAFE_SCHEMA, Type, YAMLException, load } from 'js-yaml';
import { expandedSize, type Value } from '@posture/model';
import { Inexact, MAX_ELEMENTS, tooLarge } from '../eval/unknowns.js';
import { fail } from './function.js';
import { heldExactly } from '../parser/exact-numbers.js';
import { exactInteger, writtenInteger, writtenNumber } from '../eval/exact-integers.js';

const TAG = 'tag:yaml.org,2002:';
const STR = `${TAG}str`;
const BINARY = `${TAG}binary`;
const BOOL = `${TAG}bool`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const TIMESTAMP = `${TAG}timestamp`;
const NULL = `${TAG}null`;

/** Plain scalars that name a value whatever their tag (but `!!str` and `!!binary`). */
const NAMED = new Map<string, Value>([
  ...['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'].map(
    (s) => [s, true] as const,
  ),
  ...['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'].map(
    (s) => [s, false] as const,
  ),
  ...['', '~', 'null', 'Null', 'NULL'].map((s) => [s, null] as const),
  ...['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].map((s) => [s, Infinity] as const),
  ...['-.inf', '-.Inf', '-.INF'].map((s) => [s, -Infinity] as const),
]);

/** What a plain scalar's first character says it may be: a sign, a digit, a name, a float. */
function hint(text: string): 'S' | 'D' | 'M' | '.' | undefined {
  const first = text.charAt(0);
  if (first === '') return 'M';
  if (first === '+' || first === '-') return 'S';
  if (first >= '0' && first <= '9') return 'D';
  if ('yYnNtTfFoO~'.includes(first)) return 'M';
  return first === '.' ? '.' : undefined;
}

/**
 * The YAML 1.2 spec's integer and float literals, as go-cty-yaml matches them: no `_`, a sign only
 * in decimal (`terraform console`: `1_000` and `-0x10` are strings; `!!int` reads them as numbers).
 */
const INTEGER = /^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const DECIMAL = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** go-cty-yaml's `resolveScalar`: the value of a scalar written untagged (`''`) or with a tag. */
function resolveScalar(tag: string, text: string): Value {
  let resolved = tag;
  const kind = hint(text);
  if (kind !== undefined && tag !== STR && tag !== BINARY) {
    const named = NAMED.get(text);
    if (named !== undefined) return named;
    if (tag === '' && /^\.(nan|NaN|NAN)$/.test(text)) fail('floating point NaN is not supported');
    if (kind === '.' && DECIMAL.test(text)) return decimalNumber(text);
    if (kind === 'D' || kind === 'S') {
      const timestamp = tag === '' || tag === TIMESTAMP ? parseTimestamp(text) : undefined;
      if (timestamp !== undefined) return timestamp;
      if (INTEGER.test(text)) resolved = INT;
      else if (DECIMAL.test(text)) resolved = FLOAT;
    }
  }
  switch (resolved) {
    case '':
    case STR:
      return text;
    case BINARY:
      return isBase64(text) ? text : fail(`cannot parse a scalar as ${tag}: not valid base64`);
    case BOOL: {
      const value = NAMED.get(text);
      return typeof value === 'boolean' ? value : fail(`cannot parse a scalar as ${tag}`);
    }
    case INT:
    case FLOAT:
      return parseNumber(text.replace(/_/g, '')) ?? fail(`cannot parse a scalar as ${resolved}`);
    case TIMESTAMP:
      return parseTimestamp(text) ?? fail(`cannot parse a scalar as ${tag}`);
    case NULL:
      return null;
    default:
      return fail(`unsupported tag "${tag}"`);
  }
}

/**
 * A decimal number (cty's parser), or Go's `ParseInt(…, 0, 64)` then `ParseUint(…, 0, 64)`: `0x`,
 * `0o`, `0b`, leading `0`, from -2^63 to 2^64 - 1 (`0x10000000000000000` is an error in Terraform).
 */
function parseNumber(text: string): Value | undefined {
  if (DECIMAL.test(text)) return decimalNumber(text);
  const match = /^([-+]?)0([xXoObB]?)([0-9a-fA-F]+)$/.exec(text);
  if (!match) return undefined;
  const [, sign, prefix = '', digits = ''] = match;
  const base = { x: 16, o: 8, b: 2, '': 8 }[prefix.toLowerCase()] ?? 10;
  const written = `${sign}${digits}`;
  const n = writtenNumber(written, base);
  // Past 2^65 a double, however rounded, is out of range: the exact value is built only below it.
  if (n === undefined || Math.abs(n) > 2 ** 65) return undefined;
  const value = writtenInteger(written, base);
  if (value < -(2n ** 63n) || value >= 2n ** 64n) return undefined;
  return exactInteger(
    n,
    () => value,
    () => `yamldecode: the number ${text}`,
  );
}

/** cty holds a decimal number exactly: one a double does not is unknown, not another number. */
function decimalNumber(text: string): number | Inexact {
  const n = Number(text);
  if (heldExactly(text, n)) return n;
  return new Inexact([], `yamldecode: the number ${text} has more digits than are held exactly`);
}

function isBase64(text: string): boolean {
  const compact = text.replace(/[\r\n]/g, '');
  return compact.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(compact);
}

/**
 * The timestamp forms go-cty-yaml reads (`2006-1-2T15:4:5.999999999Z07:00`, with `t` too,
 * `2006-1-2 15:4:5.999999999`, `2006-1-2`), written as RFC 3339 without fractional seconds, as
 * Go formats them: a zero offset as `Z`, no zone as UTC.
 */
const TIMESTAMP_FORM =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:([Tt])|( ))(\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?(?:(Z)|([+-]\d{2}:\d{2}))?)?$/;

function parseTimestamp(text: string): string | undefined {
  const m = TIMESTAMP_FORM.exec(text);
  if (!m) return undefined;
  const [, year, month, day, t, space, hour = '0', minute = '0', second = '0', z, offset] = m;
  // Written with `T` it needs a zone; with a space it has none.
  if ((t !== undefined && z === undefined && offset === undefined) || (space && (z || offset))) {
    return undefined;
  }
  const [y, mo, d, h, mi, s] = [year, month, day, hour, minute, second].map(Number) as number[];
  const days = new Date(Date.UTC(y ?? 0, mo ?? 0, 0)).getUTCDate();
  if (mo! < 1 || mo! > 12 || d! < 1 || d! > days || h! > 23 || mi! > 59 || s! > 59) {
    return undefined;
  }
  const two = (n: number | undefined) => String(n).padStart(2, '0');
  const zone = offset === undefined || /^[+-]00:00$/.test(offset) ? 'Z' : offset;
  return `${year}-${two(mo)}-${two(d)}T${two(h)}:${two(mi)}:${two(s)}${zone}`;
}

/** The schema: structure only, every scalar typed by `resolveScalar`, and merge keys. */
const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [
    // js-yaml merges the mapping a key of this tag names into the mapping it is in.
    new Type(`${TAG}merge`, { kind: 'scalar', resolve: (text: string) => text === '<<' }),
    new Type(`${TAG}plain`, {
      kind: 'scalar',
      resolve: () => true,
      construct: (text: string) => resolveScalar('', text),
    }),
  ],
  explicit: [BOOL, INT, FLOAT, NULL, TIMESTAMP, BINARY].map(
    (tag) =>
      new Type(tag, { kind: 'scalar', construct: (text: string) => resolveScalar(tag, text) }),
  ),
});

/** The value of a YAML text. Its errors do not say where the call is: `placeError` does. */
export function yamldecode(text: string): Value {
  try {
    const data = load(text, { schema: SCHEMA, json: true }) ?? null;
    // Aliases share what they name: bound the size the value has written out, as other code walks it.
    const size = expandedSize(data, MAX_ELEMENTS);
    if (size === Infinity) fail('an alias refers to an anchor from inside its own definition');
    return size > MAX_ELEMENTS
      ? tooLarge(`YAML whose aliases expand to more than ${MAX_ELEMENTS} elements`)
      : (data as Value);
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    // js-yaml reads at most 100 levels of nesting.
    if (error.reason.startsWith('nesting exceeded'))
      return tooLarge('YAML nested over 100 levels deep');
    // The reason and its place, without the snippet of the text the full message quotes.
    const place = error.mark
      ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}`
      : '';
    return fail(`invalid YAML${place}: ${error.reason}`);
  }
}
