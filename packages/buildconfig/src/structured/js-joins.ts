/**
 * Strings that JavaScript text joins, read as text and never run: a `+` chain of string literals,
 * templates and names (`"https://" + BUCKET + ".s3.amazonaws.com/" + key`, or its ES5 output
 * `"https://".concat(BUCKET, ".s3.amazonaws.com/").concat(key)`), and the names a file
 * declares strings (`const BUCKET = "acme-releases"`, `prod ? "acme-releases" : "acme-staging"`,
 * `const cfg = { bucket: "acme-releases" }`). For shipped bundles, which may be megabytes on one
 * line: every reading is a forward or backward walk over a bounded stretch of characters, and no
 * regular expression backtracks more than a bounded run.
 */
import { looksSecret, pushAll } from '@posture/model';
import { afterComments, elementEnd } from './js-element-end.js';

/**
 * A part of a joined string: its text, or a name (or member, `cfg.bucket`) to look up, or an
 * expression written in a template (`${process.env.B || "acme-assets"}`) with the strings it may be.
 */
export type JoinPart =
  string | { readonly name: string; readonly values?: readonly string[]; readonly bounded?: true };

export interface Join {
  /** Where the chain is written: offsets into the text, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly parts: readonly JoinPart[];
  /** How many operands are joined (a template alone is one). */
  readonly operands: number;
  /**
   * Up to where a place in the chain is read with CONTEXT operands after it: the end, or, when a
   * bound cut the reading, the start of the CONTEXT-th operand from the end. A storage anchor before
   * it is read with this chain and needs no chain of its own.
   */
  readonly through: number;
}

/** A chain longer than this, in characters or operands, is read no further. */
const MAX_CHAIN = 2048;
const MAX_OPERANDS = 32;
/** How many strings an expression, or a join of names, is read as at most. */
export const MAX_ALTERNATIVES = 8;
/**
 * How many operands around a place are read with it: a chain is read from at most this many
 * before the place, so that one reading serves the places of the next MAX_OPERANDS - 2 * CONTEXT
 * operands (a generated table of `+` chains would else be read again for each).
 */
const CONTEXT = 10;
/** How far back from a place in a string its opening quote, or its `.concat(`, is looked for. */
const MAX_BACK = 512;

const QUOTES = '"\'`';

/**
 * The `+` chain whose operand starts at `at`, or whose string literal or template holds `at`: from
 * its first operand to its last. Undefined when `at` is neither.
 */
export function joinAround(text: string, at: number): Join | undefined {
  if (isNameOperand(text, at)) return chainAround(text, at, at);
  const quote = openingQuote(text, at, QUOTES);
  const join = quote === undefined ? undefined : chainAround(text, quote, at);
  if (join || quote === undefined || text[quote] === '`') return join;
  // The quote may close a string inside a template's `${…}` (`${env.B || "acme"}.s3.amazonaws.com`).
  const tick = openingQuote(text, quote, '`');
  return tick === undefined ? undefined : chainAround(text, tick, at);
}

/** The chain whose operand starting at `operand` holds `at`, from its first operand to its last. */
function chainAround(text: string, operand: number, at: number): Join | undefined {
  let start = operand;
  for (let operands = 0; operands < CONTEXT; operands++) {
    const before = operandBefore(text, start);
    if (before === undefined || at - before > MAX_CHAIN) break;
    start = before;
  }
  const receiver = concatReceiver(text, start);
  const concat =
    receiver !== undefined && at - receiver <= MAX_CHAIN ? joinAt(text, receiver) : undefined;
  if (concat && concat.end > at) return concat;
  const join = joinAt(text, start);
  return join && join.end > at ? join : undefined;
}

/** `.concat(` of a string, as TypeScript (target ES5) and Babel compile a template. */
const CONCAT = '.concat(';

/**
 * The string whose `.concat(` calls the operand at `start` is an argument of
 * (`"https://".concat(BUCKET, ".s3.amazonaws.com/").concat(key)`), when it is one.
 */
function concatReceiver(text: string, start: number): number | undefined {
  const before = skipBlanksBack(text, start);
  if (text[before] !== ',' && text[before] !== '(') return undefined;
  // Sought a short way back only: each string of a long array is preceded by a comma too.
  const from = Math.max(0, start - MAX_BACK);
  const stretch = text.slice(from, before + 1);
  let call = stretch.lastIndexOf(CONCAT);
  for (let calls = 0; call >= 0 && calls < MAX_OPERANDS; calls++) {
    const receiverEnd = from + call - 1;
    if (text[receiverEnd] !== ')') return stringStart(text, receiverEnd);
    call = stretch.lastIndexOf(CONCAT, call - 1);
  }
  return undefined;
}

/**
 * The chain that starts at `at` (a literal, a template or a name), when one does: operands joined
 * with `+` or passed to a string's `.concat(…)`.
 */
export function joinAt(text: string, at: number): Join | undefined {
  const parts: JoinPart[] = [];
  const starts: number[] = [];
  let pos = at;
  let operands = 0;
  let cut = false;
  // Inside the arguments of a string's `.concat(…)`, which join as `+` does.
  let concat = false;
  for (;;) {
    const operand = readOperand(text, pos);
    if (!operand) break;
    pushAll(parts, operand.parts);
    starts.push(pos);
    operands++;
    pos = operand.end;
    cut = operands >= MAX_OPERANDS || pos - at > MAX_CHAIN;
    if (cut) break;
    let next = skipBlanks(text, pos);
    if (concat && text[next] === ')') {
      pos = next + 1;
      next = pos;
      concat = false;
    }
    // A string's, or the string a `.concat(…)` before returns (no other operand ends with `)`).
    if (
      !concat &&
      text.startsWith(CONCAT, next) &&
      (QUOTES.includes(text[pos - 1]!) || text[pos - 1] === ')')
    )
      concat = true;
    else if (!(concat && text[next] === ',') && !isPlus(text, next)) break;
    pos = skipBlanks(text, next + (text[next] === '.' ? CONCAT.length : 1));
  }
  if (operands === 0) return undefined;
  const through = cut ? starts[Math.max(0, operands - CONTEXT)]! : pos;
  return { start: at, end: pos, parts, operands, through };
}

/**
 * The chains an expression from `at` may be: each value of a fallback (`process.env.BUCKET ||
 * "acme"`, `a ?? b`) and each branch of a conditional (`prod ? "acme-releases" : "acme-staging"`,
 * its condition operands compared, negated or joined with `&&`), at most MAX_ALTERNATIVES. None
 * when the expression goes on past what is read (`"acme".trim()`, `n * 2`): its value is not theirs;
 * none of fallbacks one of which is a name that says it holds a credential (see `JsConstants`).
 * `bounded` is called when a bound left some of it unread: more alternatives than MAX_ALTERNATIVES,
 * conditionals deeper than MAX_NESTING, more operands than MAX_OPERANDS or characters than MAX_CHAIN.
 */
export function alternativesAt(text: string, at: number, bounded: () => void = noop): Join[] {
  const expression = expressionAt(text, at, at + MAX_CHAIN, 0, bounded);
  return expression && endsAt(text, afterAssertion(text, expression.end))
    ? [...expression.joins]
    : [];
}

/** A TypeScript assertion after a value (`"acme-releases" as const`), which leaves it as it is. */
const ASSERTION = /[ \t]{1,16}(?:as|satisfies)[ \t]{1,16}[\w$.]{1,64}(?:\[\])?/y;

/** Where a value ending at `end` ends, past an assertion after it. */
function afterAssertion(text: string, end: number): number {
  ASSERTION.lastIndex = end;
  return ASSERTION.test(text) ? ASSERTION.lastIndex : end;
}

interface Expression {
  readonly joins: readonly Join[];
  readonly end: number;
}

/** How deep conditionals are read inside conditionals. */
const MAX_NESTING = 4;
const OPERATORS = ['===', '!==', '||', '??', '&&', '==', '!=', '<=', '>=', '<', '>'];

const noop = (): void => undefined;

/**
 * The expression from `at`, when it is read whole before `stop`; `bounded` is called when a bound
 * cut it (see `alternativesAt`).
 */
function expressionAt(
  text: string,
  at: number,
  stop: number,
  nesting: number,
  bounded: () => void,
): Expression | undefined {
  if (nesting > MAX_NESTING) return void bounded();
  const terms: Join[] = [];
  // Whether the value is one of its terms: a fallback's is, a comparison's or a negation's is not.
  let choices = true;
  for (let pos = at; ;) {
    if (terms.length >= MAX_OPERANDS) return void bounded();
    const negated = text[pos] === '!';
    const term = joinAt(text, negated ? skipBlanks(text, pos + 1) : pos);
    if (!term) return undefined;
    if (term.end > stop || cutAt(text, term)) return void bounded();
    terms.push(term);
    choices &&= !negated;
    const next = skipBlanks(text, term.end);
    const op = operatorAt(text, next);
    if (op === '?') return conditional(text, skipBlanks(text, next + 1), stop, nesting, bounded);
    if (op === undefined) {
      // A fallback of a credential's name (`process.env.API_TOKEN || "…"`) is a credential too.
      const withheld = choices && terms.some(namesACredential);
      if (choices && !withheld && terms.length > MAX_ALTERNATIVES) bounded();
      return { joins: choices && !withheld ? terms.slice(0, MAX_ALTERNATIVES) : [], end: term.end };
    }
    choices &&= op === '||' || op === '??';
    pos = skipBlanks(text, next + op.length);
  }
}

/** Whether a name of the join says it holds a credential (`process.env.API_TOKEN`). */
function namesACredential(join: Join): boolean {
  return join.parts.some((part) => typeof part !== 'string' && looksSecret(part.name));
}

/** Whether a bound cut the chain before its end: a `+` or another `.concat(` argument follows. */
function cutAt(text: string, join: Join): boolean {
  const next = skipBlanks(text, join.end);
  return (
    join.through !== join.end &&
    (isPlus(text, next) || text[next] === ',' || text.startsWith(CONCAT, next))
  );
}

/** The branches of a conditional whose `?` is just before `at`. */
function conditional(
  text: string,
  at: number,
  stop: number,
  nesting: number,
  bounded: () => void,
): Expression | undefined {
  const then = expressionAt(text, at, stop, nesting + 1, bounded);
  const colon = then && skipBlanks(text, then.end);
  if (colon === undefined || text[colon] !== ':') return undefined;
  const otherwise = expressionAt(text, skipBlanks(text, colon + 1), stop, nesting + 1, bounded);
  if (!then || !otherwise) return undefined;
  const joins = [...then.joins, ...otherwise.joins];
  if (joins.length > MAX_ALTERNATIVES) bounded();
  return { joins: joins.slice(0, MAX_ALTERNATIVES), end: otherwise.end };
}

/** The operator at `i` between two operands, `?` of a conditional (not `?.` or `??`) among them. */
function operatorAt(text: string, i: number): string | undefined {
  if (
    text[i] === '?' &&
    text[i + 1] !== '?' &&
    !(text[i + 1] === '.' && !/\d/.test(text[i + 2] ?? ''))
  )
    return '?';
  // Most operands are followed by none: one character tells, before each operator is tried.
  if (!OPERATOR_STARTS.includes(text[i] ?? ' ')) return undefined;
  return OPERATORS.find((op) => text.startsWith(op, i) && text[i + op.length] !== '=');
}
const OPERATOR_STARTS = '=!|?&<>';

/** Whether an expression ending at `i` ends its statement, argument, element or property there. */
function endsAt(text: string, i: number): boolean {
  const next = skipBlanks(text, i);
  return next >= text.length || ',;)}]'.includes(text[next]!) || /[\r\n]/.test(text.slice(i, next));
}

/** Each string the join may be, with whether more were left out than MAX_ALTERNATIVES. */
export interface Joinings {
  readonly texts: readonly string[];
  readonly bounded: boolean;
}

/**
 * The strings the join may be, each name given each of its `values` in turn (a name without one is
 * written as a template's placeholder), at most MAX_ALTERNATIVES of them.
 */
export function joinings(join: Join, values: (name: string) => readonly string[]): Joinings {
  let texts = [''];
  let bounded = false;
  for (const part of join.parts) {
    let options = typeof part === 'string' ? [part] : (part.values ?? values(part.name));
    if (typeof part !== 'string' && options.length === 0) options = [`\${${part.name}}`];
    const joined = texts.flatMap((text) => options.map((option) => text + option));
    bounded ||= joined.length > MAX_ALTERNATIVES || (typeof part !== 'string' && !!part.bounded);
    texts = joined.slice(0, MAX_ALTERNATIVES);
  }
  return { texts, bounded };
}

/** Whether a name of the join has a value. */
export function resolvesAName(join: Join, values: (name: string) => readonly string[]): boolean {
  return join.parts.some(
    (part) => typeof part !== 'string' && (part.values ?? values(part.name)).length > 0,
  );
}

/** A value a declaration gives a name: lower-case URL characters (a bucket name, a host, a URL). */
const VALUE = /^[a-z0-9._\-/:~%]{1,256}$/;
/**
 * A declaration's name and its `=`: `const|let|var NAME =`, its TypeScript type between them
 * (`const B: string =`, a comma only inside its `<…>`: `const m: Record<string, string> =`, as
 * `let a: T, b =` declares two names), or `, NAME =` further in a list (`var a=1,b="acme-releases"`), or a member
 * a class sets (`this.bucket =`, named `this.bucket`); or else the `=` alone of an assignment of a
 * string, an object, an array or a name (`B = "acme-releases"`, `module.exports = {`,
 * `exports.L = [`, `B = RELEASES`, the
 * name followed by its statement's end, `||`, `?` or `+`: `B = A.trim()`, most of a bundle's, is
 * not read), a declaration when it is a statement of its own (see `statementName`). The value
 * after it is read forwards, each stretch at most MAX_CHAIN characters. The assignment is sought
 * from its `=`, in this one pass: a pattern from a statement's start would be tried at each line
 * and `;`, and one from `exports` at each `e`.
 */
const DECLARATION =
  /(?:(?<![\w$.])(const|let|var)[ \t]+|,[ \t]{0,16}|(?<![\w$.])(this\.))([A-Za-z_$][\w$]{0,63})([ \t]{0,16}:(?:[\w$.[\]|&"' \t]|<[\w$.<>[\]|&"' \t,]{1,64}>){1,64}?)?[ \t]{0,16}=(?![=>])[ \t]{0,16}|(?<![=!<>+\-*/%&|^?])=[ \t]{0,16}(?=["'`{[]|[A-Za-z_$][\w$.]{0,64}[ \t]{0,16}(?:[;,}|?+\r\n]|$))/g;
/**
 * A string of other characters than a value's, which the value of most declarations in a bundle
 * starts with: not read further, which would cost a walk over the string for each.
 */
const OTHER_STRING = /(["'`])(?![a-z0-9._\-/:~%]{0,256}\1)/y;
/** TypeScript's assertion before a value (`<const>"acme-releases"`), which leaves it as it is. */
const PREFIX_ASSERTION = /<[\w$.]{1,64}>[ \t]{0,16}/y;
/** A key of an object literal and its colon: `bucket:`, `"bucket":`. */
const KEY = /\s{0,64}(?:([A-Za-z_$][\w$]{0,63})|(["'])([A-Za-z_$][\w$]{0,63})\2)[ \t]{0,16}:/y;
/** A property's value that is no string: a number, a word, `!0`. */
const SCALAR = /!?-?[\w$.]{1,64}/y;
const MAX_MEMBERS = 64;
/** An element that is a number (`3`, `-1.5`, `0x1f`, `1e3`), up to the `,` or `]` after it. */
const NUMBER = /-?\.?\d[\w.]{0,63}(?=[ \t]{0,16}[,\]])/y;

/**
 * The names a file declares strings of lower-case URL characters, each with the values one
 * declaration gives it (`const BUCKET = "acme-releases"`, `process.env.B || "acme-releases"`,
 * `prod ? "acme-releases" : "acme-staging"`), and the members of an object literal it declares
 * (`const cfg = { bucket: "acme-releases" }` gives `cfg.bucket`), with those it is assigned soon
 * after (`let B = "a"; if (eu) B = "b"`: each). Scopes are not told apart: a name declared twice
 * with other values has none, as a template's name in a JavaScript configuration (see
 * variables/js.ts). A name that says it holds a credential (`SECRET`, `apiToken`, as `looksSecret`
 * tells) has none, nor has a name made of one (`const B = SECRET`), however deep: its value is
 * never copied into a link, and so into a report. At most MAX_NAMES are kept.
 */
export class JsConstants {
  static readonly MAX_NAMES = 50_000;
  private readonly values = new Map<string, readonly string[] | null>();
  /**
   * The values of names assigned in a statement of its own (`let B; B = "acme-releases"`), which
   * count for a name no declaration gives a value: `let B = "a"; B = "b"` keeps `a`, as a bundle's
   * `e = "…"` all over would otherwise leave each name `e` declared without any.
   */
  private readonly assigned = new Map<string, readonly string[] | null>();
  /** Where (a file offset) each name's last declaration with values is. */
  private readonly declaredAt = new Map<string, number>();
  /**
   * The values a declared name is assigned within MAX_REASSIGNED characters after its declaration
   * (`let B = "a"; if (eu) B = "b"`), each one more it may be; those assigned further off may be
   * another scope's name, or a line of text in a template (`name = "…"` of Terraform). One more
   * than MAX_ALTERNATIVES is kept, to tell that some were left out.
   */
  private readonly reassigned = new Map<string, readonly string[]>();
  static readonly MAX_REASSIGNED = 2048;
  /**
   * The joins a declared name is assigned just after its declaration whose names had no values
   * yet (`let B = "a"; if (eu) B = EU`, EU declared below), read as `deferred` are: at most
   * MAX_ALTERNATIVES + 1, past which the name is cut.
   */
  private readonly reassignedLater = new Map<string, readonly Join[]>();
  /**
   * The values of declarations made of names without values yet (`const C = B`, B declared below),
   * read when the name is looked up: by then B may be declared. A name declared twice with other
   * values has none (null).
   */
  private readonly deferred = new Map<string, readonly Join[] | null>();
  /** A name was declared past MAX_NAMES, and stays unknown. */
  capped = false;
  /**
   * A value made of names (`A + B`) was more strings than MAX_ALTERNATIVES, and the rest unknown;
   * or a name was used whose declaration a bound cut (see `partial`).
   */
  bounded = false;
  private readonly markBounded = (): void => void (this.bounded = true);
  /**
   * The names whose declaration a bound cut (`alternativesAt`), and the objects whose members it
   * cut (as `cfg.`): a use of one raises `bounded`, a declaration that is never used does not.
   */
  private readonly partial = new Set<string>();

  /**
   * Reads the declarations whose value starts in `[from, limit)` of `text`, which starts at `base`
   * of its file: the names declared, each with the values it has now (none, or some, while it
   * waits for a name not declared yet: see `waitsFor`).
   */
  learn(text: string, from = 0, limit = text.length, base = 0): [string, readonly string[]][] {
    const declared: [string, readonly string[]][] = [];
    for (const m of text.matchAll(DECLARATION)) {
      const at = m.index + m[0].length;
      if (at < from || at >= limit) continue;
      // Its keyword, member, name and type: numbered, as named groups make an object per match.
      const [, keyword, member, name, type] = m;
      // An assignment (its `=` alone) is a declaration only as a statement of its own.
      const assigned = name === undefined ? statementName(text, m.index) : undefined;
      const place = base + at;
      if (assigned !== undefined) this.read(text, at, assigned, place, 'assign', declared);
      // A type follows `const|let|var` alone: `{ a: b = "x" }` is a default, not a type.
      else if (name !== undefined && (!type || keyword))
        this.read(text, at, (member ?? '') + name, place, 'declare', declared);
    }
    return declared;
  }

  /**
   * Reads the value from `at` that `how` gives `assigned` at `place` (a file offset), and what it
   * keeps into `declared`.
   */
  private read(
    text: string,
    at: number,
    assigned: string,
    place: number,
    how: 'declare' | 'assign',
    declared: [string, readonly string[]][],
  ): void {
    PREFIX_ASSERTION.lastIndex = at;
    if (PREFIX_ASSERTION.test(text)) at = PREFIX_ASSERTION.lastIndex;
    OTHER_STRING.lastIndex = at;
    if (OTHER_STRING.test(text)) return;
    const literal = text[at] === '{' ? membersAt : text[at] === '[' ? elementsAt : undefined;
    // A bound cut the value, or the members of the literal (as `cfg.`), or those of one of them.
    const bounded = (member?: string): void =>
      this.cut(literal ? `${assigned}.${member === undefined ? '' : `${member}.`}` : assigned);
    const read: [string, Join[]][] = literal
      ? valueLiteral(text, literal(text, at, bounded))
          .members.filter(([, joins]) => joins.length > 0)
          .map(([key, joins]) => [`${assigned}.${key}`, joins])
      : [[assigned, alternativesAt(text, at, bounded)]];
    for (const [name, joins] of read) {
      // A name of the value whose declaration was cut leaves this one cut too.
      // A name whose value waits makes this one wait too, read with it on lookup, not resolved
      // here for each of a bundle's `x = y`.
      const known = (used: string): readonly string[] => {
        const values = this.waits(used) ? [] : this.known(used);
        if (this.isPartial(used)) this.cut(name);
        return values;
      };
      const whole = resolved(joins, known);
      const values = stringsOf(whole, known, this.markBounded);
      // A value with a name that has none yet waits for it whole, its strings too: they are not
      // all it may be (`process.env.B || LATER || "acme-assets"`, LATER declared below).
      const waits = whole.length < joins.length;
      if (waits) this.defer(name, joins, place, how);
      const kept =
        !waits &&
        values.length > 0 &&
        (how === 'declare' ? this.declare(name, values, place) : this.assign(name, values, place));
      // Those it names already tell a host's name (see `learn`), while it waits too.
      if (waits || kept) declared.push([name, values]);
    }
  }

  /**
   * The names whose value waits for `name`, each with the values it has now (`const HOST = H` gives
   * HOST once `H` is declared below it; `HOST = H + P` none while P is not declared): learnt when
   * `name` is, those with values are as if declared there. Sought through all that wait, only when
   * asked: few files declare a storage host, and keeping who waits for whom at each of a bundle's
   * `x = y` cost the content scan 2%.
   */
  dependentsOf(name: string): [string, readonly string[]][] {
    const key = canonical(name);
    const mentions = (joins: readonly Join[] | null): boolean =>
      joins?.some((join) =>
        join.parts.some(
          (part) => typeof part !== 'string' && !part.values && canonical(part.name) === key,
        ),
      ) ?? false;
    const dependents = new Set<string>();
    for (const waiting of [this.deferred, this.reassignedLater])
      for (const [dependent, joins] of waiting) if (mentions(joins)) dependents.add(dependent);
    return [...dependents].map((dependent) => [dependent, this.known(dependent)]);
  }

  /** The names the waiting values of `name` are made of (`HOST = H + P`: H and P, declared or not). */
  waitsFor(name: string): string[] {
    const key = canonical(name);
    const joins = [...(this.deferred.get(key) ?? []), ...(this.reassignedLater.get(key) ?? [])];
    return joins.flatMap((join) =>
      join.parts.flatMap((part) => (typeof part === 'string' || part.values ? [] : [part.name])),
    );
  }

  /** A name's values as they are now, read without a use's note (see `valuesOf`). */
  valuesNow(name: string): readonly string[] {
    return this.known(name);
  }

  /**
   * Keeps joins whose names have no values yet, for a lookup of the name to read them then: an
   * assignment just after the name's declaration as one more value it may be (see `assign`).
   */
  private defer(
    name: string,
    joins: readonly Join[],
    place: number,
    how: 'declare' | 'assign',
  ): void {
    const key = canonical(name);
    if (how === 'assign' && this.nearDeclaration(key, place)) {
      const seen = this.reassignedLater.get(key) ?? [];
      if (seen.length > MAX_ALTERNATIVES) this.cut(key);
      else this.reassignedLater.set(key, [...seen, ...joins.map(detached)]);
      return;
    }
    if (how === 'declare') this.declaredAt.set(key, place);
    const seen = this.deferred.get(key);
    if (seen === undefined && this.deferred.size >= JsConstants.MAX_NAMES) this.capped = true;
    else if (seen === undefined) this.deferred.set(key, joins.map(detached));
    else if (seen !== null && !sameJoins(seen, joins)) this.deferred.set(key, null);
  }

  /** The values of a name used where a link may be: `bounded` is raised if a bound cut them. */
  valuesOf = (name: string): readonly string[] => {
    if (this.isPartial(name)) this.bounded = true;
    return this.known(name);
  };

  /**
   * A name's values: its declaration's, else its assignment's, each of which may wait for names
   * below it (a name whose two values disagree has none), and those it is reassigned just after.
   * None for a credential's name: each name a value is made of is looked up here, so that one
   * named for a credential leaves the names made of it none either.
   */
  private known(name: string, depth = 0): readonly string[] {
    if (looksSecret(name)) return [];
    const key = canonical(name);
    const declared = this.values.get(key);
    const stated = declared === undefined ? this.assigned.get(key) : declared;
    const values = this.deferred.has(key)
      ? agreed(stated, this.deferredValues(key, this.deferred.get(key), depth))
      : stated;
    const reassigned = this.reassignedValues(key, depth);
    if (!values || !reassigned) return values ?? [];
    const all = [...new Set([...values, ...reassigned])];
    if (all.length > MAX_ALTERNATIVES) this.cut(key);
    return all.slice(0, MAX_ALTERNATIVES);
  }

  /** Whether a value of the name waits for names (see `deferred`). */
  private waits(name: string): boolean {
    const key = canonical(name);
    return this.deferred.has(key) || this.reassignedLater.has(key);
  }

  /** The strings a declared name is reassigned just after its declaration, of names or not. */
  private reassignedValues(key: string, depth: number): readonly string[] | undefined {
    const strings = this.reassigned.get(key);
    const joins = this.reassignedLater.get(key);
    if (!joins) return strings;
    const all = [...new Set([...(strings ?? []), ...this.deferredValues(key, joins, depth)])];
    return all.length > 0 ? all : undefined;
  }

  /**
   * The values of deferred joins of the name `key`, their names looked up now: at most MAX_NESTING
   * deep (`A = B`, `B = C`, …, or a cycle), past which the name is cut.
   */
  private deferredValues(
    key: string,
    joins: readonly Join[] | null | undefined,
    depth: number,
  ): readonly string[] {
    if (!joins) return [];
    if (depth >= MAX_NESTING) {
      this.cut(key);
      return [];
    }
    const known = (used: string): readonly string[] => {
      const values = this.known(used, depth + 1);
      if (this.isPartial(used)) this.cut(key);
      return values;
    };
    return valuesOf(joins, known, this.markBounded);
  }

  private cut(name: string): void {
    if (this.partial.size < JsConstants.MAX_NAMES) this.partial.add(canonical(name));
    else this.capped = true;
  }

  /**
   * Whether a bound cut the name's declaration, or that of an object it is a member of (`cfg.`
   * for `cfg.list.0`, or `cfg.list.`).
   */
  private isPartial(name: string): boolean {
    if (this.partial.size === 0) return false;
    const key = canonical(name);
    if (this.partial.has(key)) return true;
    for (let dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', dot + 1))
      if (this.partial.has(key.slice(0, dot + 1))) return true;
    return false;
  }

  /**
   * Whether a declaration of the name was read, with values or with several that disagree, and
   * none of its values waits for a name not declared when it was read.
   */
  declares(name: string): boolean {
    const key = canonical(name);
    return (this.values.has(key) || this.assigned.has(key)) && !this.waits(key);
  }

  /** Keeps a declaration's values at `place`: whether the name has them (declared twice, none). */
  private declare(name: string, values: readonly string[], place: number): boolean {
    const key = canonical(name);
    const seen = this.values.get(key);
    if (seen === undefined && this.full()) this.capped = true;
    else if (seen === undefined) this.values.set(key, values);
    else if (seen !== null && seen.join('\n') !== values.join('\n')) this.values.set(key, null);
    const kept = this.values.get(key) === values;
    if (kept) this.declaredAt.set(key, place);
    return kept;
  }

  /**
   * Keeps an assignment's values at `place`: one more its declared name may be when just after
   * its declaration, else the name's when no declaration gives it one (assigned two, none).
   */
  private assign(name: string, values: readonly string[], place: number): boolean {
    const key = canonical(name);
    if (this.nearDeclaration(key, place)) {
      const seen = this.reassigned.get(key) ?? [];
      const all = [...new Set([...seen, ...values])].slice(0, MAX_ALTERNATIVES + 1);
      if (all.length > seen.length) this.reassigned.set(key, all);
      return all.length > seen.length;
    }
    const seen = this.assigned.get(key);
    if (seen === undefined && this.full()) this.capped = true;
    else if (seen === undefined) this.assigned.set(key, values);
    else if (seen !== null && seen.join('\n') !== values.join('\n')) this.assigned.set(key, null);
    return this.assigned.get(key) === values;
  }

  /** Whether `place` is within MAX_REASSIGNED characters after the name's last declaration. */
  private nearDeclaration(key: string, place: number): boolean {
    const declaredAt = this.declaredAt.get(key);
    return declaredAt !== undefined && place - declaredAt <= JsConstants.MAX_REASSIGNED;
  }

  private full(): boolean {
    return this.values.size + this.assigned.size >= JsConstants.MAX_NAMES;
  }
}

const MODULE_EXPORTS = 'module.exports';

/**
 * A name as it is kept: what a CommonJS module exports, `exports.bucket` or `module.exports.bucket`
 * (the same object unless the module replaces it), under one name.
 */
function canonical(name: string): string {
  const exported = name.startsWith(MODULE_EXPORTS) && !isNameChar(name, MODULE_EXPORTS.length);
  return exported ? name.slice('module.'.length) : name;
}

/**
 * The name assigned by the `=` at `eq` when the assignment starts a statement: the name follows a
 * `;`, a brace, a condition's `)`, an `else`, a `do`, a `return` or a line break (`let B;\nB =
 * "…"`, `if (eu) B = "…"; else B = "…"`, esbuild's `do B="…";while(…)` and `return B="…",f(B)` of
 * `B = "…"; return f(B)`), or the `(` of a parenthesised expression (see `parenthesised`); not an
 * operand (`f(a, b = "…")`,
 * `x ? a : b = …`) nor a member (`o.b = …`) but one a CommonJS module exports (`exports.BUCKET =
 * "…"`, tsc's output of an exported const, `module.exports = {…}`). Not after a label (`l: B = …`),
 * which bundlers drop where nothing breaks to it, and whose colon a conditional's or a
 * destructuring default's (`{ a: b = "…" }`) would be taken for.
 */
function statementName(text: string, eq: number): string | undefined {
  const end = skipBlanksBack(text, eq) + 1;
  let start = end;
  while (
    start > 0 &&
    end - start <= 128 &&
    (isNameChar(text, start - 1) || text[start - 1] === '.')
  )
    start--;
  const name = text.slice(start, end);
  if (!isNameStart(name, 0) || isNameChar(text, start - 1)) return undefined;
  if (name.includes('.') && !EXPORTED.test(name)) return undefined;
  const before = skipBlanksBack(text, start);
  const starts =
    before < 0 ||
    ';{})'.includes(text[before]!) ||
    /[\r\n]/.test(text.slice(before + 1, start)) ||
    STARTING_KEYWORDS.some((keyword) => isWord(text, before, keyword)) ||
    (text[before] === '(' && parenthesised(text, before));
  return starts ? name : undefined;
}

/**
 * How far the `)` of a parenthesised expression is sought: a walk at each `(` of a bundle's
 * `(e="…",` as far as MAX_CHAIN made reading such a file 20 times slower; esbuild's branches close
 * well within this (98.7% of those of the pnpm store's JavaScript that MAX_CHAIN finds).
 */
const MAX_PARENTHESISED = 256;

/**
 * Whether the `(` at `open` opens a parenthesised expression, whose first name an assignment may
 * be (esbuild's `return t?(e="…",f()):(e="…",g())` of an `if` whose branches assign and return),
 * not parameters, whose first name a default may be: it follows an operator (`?`, `:`, `,`, `=`,
 * `=>`, `(`, `&&`, `||`, `??`, `!`) or a `return`, not a name (a call's, a function's `f(e = "…")`,
 * `if (`) nor a generic's `>` (`function f<T>(e = "…")`), and the `)` that closes it, sought
 * within MAX_PARENTHESISED characters, is not an arrow function's (`(e = "…") =>`), nor a typed
 * one's (`(e = "…"): string =>`) unless a conditional's `?` is before it, whose `:` it then is.
 */
function parenthesised(text: string, open: number): boolean {
  const before = skipBlanksBack(text, open);
  const c = text[before] ?? ';';
  const operator =
    '?:,=(&|!'.includes(c) ||
    (c === '>' && text[before - 1] === '=') ||
    isWord(text, before, 'return');
  if (!operator) return false;
  const stop = open + MAX_PARENTHESISED;
  let end = elementEnd(text, open + 1, stop);
  while (end !== undefined && text[end] === ',') end = elementEnd(text, end + 1, stop);
  if (end === undefined || text[end] !== ')') return false;
  const after = skipBlanks(text, end + 1);
  return !text.startsWith('=>', after) && (text[after] !== ':' || c === '?');
}

/** The keywords an assignment may start the statement after: a body without braces, a return's. */
const STARTING_KEYWORDS = ['else', 'do', 'return'];

/** Whether the word `word` ends at `last`. */
function isWord(text: string, last: number, word: string): boolean {
  const start = last + 1 - word.length;
  return text.startsWith(word, start) && !isNameChar(text, start - 1);
}

/** What a CommonJS module exports: `module.exports`, `exports.NAME`, `module.exports.NAME`. */
const EXPORTED = /^(?:module\.exports|(?:module\.)?exports\.[A-Za-z_$][\w$]*)$/;

/**
 * The strings of joins, each a value a declaration is read for: of strings alone, or of names with
 * values already (`const C = B`, `{ bucket: B }`, `P + "-releases"`, B and P declared above).
 */
function valuesOf(
  joins: readonly Join[],
  values: (name: string) => readonly string[] = () => [],
  bounded: () => void = () => undefined,
): string[] {
  return stringsOf(resolved(joins, values), values, bounded);
}

/** The joins whose names all have values. */
function resolved(joins: readonly Join[], values: (name: string) => readonly string[]): Join[] {
  return joins.filter((join) => join.parts.every((part) => hasValues(part, values)));
}

/** The strings of joins whose names all have values (see `valuesOf`). */
function stringsOf(
  known: readonly Join[],
  values: (name: string) => readonly string[],
  bounded: () => void,
): string[] {
  if (known.length === 0) return [];
  const strings = known.flatMap((join) => {
    const joined = joinings(join, values);
    if (joined.bounded) bounded();
    return joined.texts.filter((text) => VALUE.test(text));
  });
  return [...new Set(strings)];
}

/**
 * A name's values, given those stated and those of joins that waited for names below: either
 * when the other has none, else none when they disagree (a name given two values has none).
 */
function agreed(
  stated: readonly string[] | null | undefined,
  waited: readonly string[],
): readonly string[] | null | undefined {
  if (stated === undefined || waited.length === 0) return stated ?? waited;
  const same = stated?.length === waited.length && waited.every((v) => stated.includes(v));
  return same ? stated : null;
}

/**
 * A join copied out of the text it was read from, for keeping: V8 keeps a string sliced from
 * another as a view that holds the whole of it, here a window. Cheaper than `structuredClone`,
 * which cost the content scan 3% when each statement's `x = y` was kept.
 */
function detached(join: Join): Join {
  if (join.parts.every(isOwn)) return join;
  const parts = join.parts.map((part) =>
    typeof part === 'string'
      ? own(part)
      : { ...part, name: own(part.name), ...(part.values && { values: part.values.map(own) }) },
  );
  return { ...join, parts };
}

/** The length below which V8 makes a slice of a string a copy, not a view. */
const MIN_VIEW = 13;

/** A string of its own: a longer slice is copied. */
function own(s: string): string {
  return s.length < MIN_VIEW ? s : (JSON.parse(JSON.stringify(s)) as string);
}

/** Whether a part holds no view of the text: short, and no values of its own (`${a || "x"}`). */
function isOwn(part: JoinPart): boolean {
  return typeof part === 'string'
    ? part.length < MIN_VIEW
    : part.name.length < MIN_VIEW && part.values === undefined;
}

/** Whether two values are the same joins of the same strings and names. */
function sameJoins(a: readonly Join[], b: readonly Join[]): boolean {
  return (
    a.length === b.length &&
    a.every((join, i) => {
      const other = b[i]!.parts;
      return (
        join.parts.length === other.length &&
        join.parts.every((part, j) => {
          const o = other[j]!;
          return typeof part === 'string'
            ? part === o
            : typeof o !== 'string' && part.name === o.name;
        })
      );
    })
  );
}

function hasValues(part: JoinPart, values: (name: string) => readonly string[]): boolean {
  return typeof part === 'string' || (part.values ?? values(part.name)).length > 0;
}

/**
 * What an object or array literal was read as: the values of its members (`bucket`, `0`, `list.0`)
 * and where it ends, past its closing bracket, when read through to it; `lost` when where one of
 * its members ends is unknown, or past the characters read, which a literal around it (or a walk
 * over it, `elementEnd`) could not tell either.
 */
interface Literal {
  readonly members: [string, Join[]][];
  readonly end: number | undefined;
  readonly lost?: true;
}

/**
 * The properties of the object literal whose `{` is at `at`, each read or passed over (see
 * `elementEnd`), those of an object or array in it too (`{ a: { bucket: "x" } }` gives `a.bucket`,
 * `{ buckets: ["a"] }` gives `buckets.0`, `buckets.*`), all before `stop`; `bounded` is called
 * when a bound cut them (more than MAX_MEMBERS, or than MAX_CHAIN characters) or where one not read
 * ends is unknown, which leaves those after it unread, and with the member's name when a bound cut
 * the members of that member alone.
 */
function membersAt(
  text: string,
  at: number,
  bounded: (member?: string) => void,
  stop = at + MAX_CHAIN,
  depth = 0,
): Literal {
  const members: [string, Join[]][] = [];
  for (let pos = at + 1, count = 0; ; count++) {
    if (count >= MAX_MEMBERS || pos > stop) {
      bounded();
      return { members, end: undefined, ...(pos > stop && LOST) };
    }
    KEY.lastIndex = afterComments(text, pos, stop);
    const key = KEY.exec(text);
    const name = key?.[1] ?? key?.[3];
    const start = key ? skipBlanks(text, KEY.lastIndex) : pos;
    let end: number | undefined;
    if (name !== undefined && isLiteral(text, start)) {
      const nested = nestedAt(text, start, name, bounded, stop, depth);
      pushAll(members, nested.members);
      if (nested.lost) return { members, end: undefined, ...LOST };
      end = nested.end;
    } else if (name !== undefined) {
      const value = valueAt(text, start, stop, bounded);
      if (value) members.push([name, value.joins]);
      end = value?.end;
    }
    end ??= elementEnd(text, start, stop);
    if (end === undefined) {
      bounded();
      return { members, end, ...LOST };
    }
    const next = skipBlanks(text, end);
    if (text[next] !== ',') return { members, end: text[next] === '}' ? next + 1 : undefined };
    pos = next + 1;
  }
}

/**
 * The elements of the array literal whose `[` is at `at`, each named by its index (an object's or
 * array's members by it too: `[["x", "y"]]` gives `0.1`), and those of them all named `*`
 * (`list[i]`, `list[i].bucket` may be each element's: `*`, `*.bucket`); read as the properties of
 * an object are.
 */
function elementsAt(
  text: string,
  at: number,
  bounded: (member?: string) => void,
  stop = at + MAX_CHAIN,
  depth = 0,
): Literal {
  const elements: [string, Join[]][] = [];
  const literal = (end: number | undefined, lost?: false | typeof LOST): Literal => ({
    members: [...elements, ...anyElement(elements)],
    end,
    ...lost,
  });
  for (let pos = at + 1, index = 0; ; index++) {
    if (index >= MAX_MEMBERS || pos > stop) {
      bounded();
      return literal(undefined, pos > stop && LOST);
    }
    const start = afterComments(text, pos, stop);
    NUMBER.lastIndex = start;
    let end: number | undefined;
    // A number, passed over at once: a bundle's arrays of numbers are long.
    if (NUMBER.test(text)) end = NUMBER.lastIndex;
    else if (isLiteral(text, start)) {
      const nested = nestedAt(text, start, String(index), bounded, stop, depth);
      pushAll(elements, nested.members);
      if (nested.lost) return literal(undefined, LOST);
      end = nested.end;
    } else if (text[start] !== ']') {
      const value = valueAt(text, start, stop, bounded);
      if (value && value.joins.length > 0) elements.push([String(index), value.joins]);
      end = value?.end;
    }
    end ??= elementEnd(text, start, stop);
    if (end === undefined) {
      bounded();
      return literal(end, LOST);
    }
    const next = skipBlanks(text, end);
    if (text[next] !== ',') return literal(text[next] === ']' ? next + 1 : undefined);
    pos = next + 1;
  }
}

const LOST = { lost: true } as const;

/** Whether an object or array literal opens at `at`. */
function isLiteral(text: string, at: number): boolean {
  return text[at] === '{' || text[at] === '[';
}

/**
 * The members of the object or array literal at `at` that is the member `key` of another, named
 * under it (`a.bucket`, `0.1`), read as a value (see `valueLiteral`) before the other's `stop`;
 * `bounded` is the other's. At most MAX_NESTING deep: one deeper is passed over, and cut.
 */
function nestedAt(
  text: string,
  at: number,
  key: string,
  bounded: (member?: string) => void,
  stop: number,
  depth: number,
): Literal {
  const cut = (member?: string): void => bounded(member === undefined ? key : `${key}.${member}`);
  if (depth >= MAX_NESTING) {
    cut();
    return { members: [], end: undefined };
  }
  const read = text[at] === '{' ? membersAt : elementsAt;
  const literal = valueLiteral(text, read(text, at, cut, stop, depth + 1));
  const members = literal.members.map(([member, joins]): [string, Join[]] => [
    `${key}.${member}`,
    joins,
  ]);
  return { ...literal, members };
}

/**
 * The members an element at a name reads (`list[i]` as `*`, `list[i].bucket` as `*.bucket`): each
 * element's, or each element's member of that name. One index at a name is read in a member's
 * path (`list[i][0]`, not `list[i][j]`): each would double the members of each array around it.
 */
function anyElement(elements: readonly [string, Join[]][]): [string, Join[]][] {
  const any = new Map<string, Join[]>([[ANY_ELEMENT, []]]);
  for (const [key, joins] of elements) {
    const dot = key.indexOf('.');
    if (key.includes(`.${ANY_ELEMENT}`)) continue;
    const member = dot < 0 ? ANY_ELEMENT : ANY_ELEMENT + key.slice(dot);
    const seen = any.get(member);
    if (seen) pushAll(seen, joins);
    else any.set(member, [...joins]);
  }
  return [...any];
}

/**
 * A literal read as a value: none of its members, and no end, when it goes on past its closing
 * bracket (`["a", "b"].join(",")`, `{…}[key]`), which makes it another value, passed over whole.
 */
function valueLiteral(text: string, literal: Literal): Literal {
  if (literal.end === undefined) return literal;
  const end = afterAssertion(text, literal.end);
  return endsAt(text, end) ? { members: literal.members, end } : { members: [], end: undefined };
}

/**
 * The value of a property or element from `start` of a literal, when it is read whole before
 * `stop`: its joins (none for a number or a word, `3`, `!0`) and its end.
 */
function valueAt(
  text: string,
  start: number,
  stop: number,
  bounded: () => void,
): { joins: Join[]; end: number } | undefined {
  const value = expressionAt(text, start, stop, 0, bounded);
  SCALAR.lastIndex = start;
  const scalar = SCALAR.test(text) ? SCALAR.lastIndex : undefined;
  const end = value ? afterAssertion(text, value.end) : scalar;
  if (end === undefined || !endsAt(text, end)) return undefined;
  return { joins: value ? [...value.joins] : [], end };
}

/** The quote that opens the literal around `at`: the nearest of `quotes` before it on its line. */
function openingQuote(text: string, at: number, quotes: string): number | undefined {
  for (let i = at - 1; i >= 0 && at - i <= MAX_BACK; i--) {
    const c = text[i]!;
    if (c === '\n') return undefined;
    if (quotes.includes(c) && !escaped(text, i)) return i;
  }
  return undefined;
}

/** Whether a name starts at `at` that a `+` joins (`"https://" + B + HOST`). */
function isNameOperand(text: string, at: number): boolean {
  if (!isNameStart(text, at) || isNameChar(text, at - 1)) return false;
  const operand = readOperand(text, at);
  return (
    operand !== undefined &&
    (isPlus(text, skipBlanksBack(text, at)) || isPlus(text, skipBlanks(text, operand.end)))
  );
}

/** Where the operand joined by a `+` before `start` starts, when one is. */
function operandBefore(text: string, start: number): number | undefined {
  const plus = skipBlanksBack(text, start);
  if (!isPlus(text, plus)) return undefined;
  const last = skipBlanksBack(text, plus);
  const c = text[last];
  if (c === undefined) return undefined;
  if (QUOTES.includes(c)) return stringStart(text, last);
  let i = last + 1;
  while (i > 0 && last - i < 256) {
    if (isNameChar(text, i - 1) || text[i - 1] === '.') i--;
    else if (text[i - 1] === ']') {
      // A key or index (`cfg["bucket"]`, `list[0]`): its `[`, if what it opens reads as one.
      const from = Math.max(0, i - MAX_KEY);
      const open = from + text.slice(from, i).lastIndexOf('[');
      INDEX.lastIndex = open;
      if (open < from || !INDEX.test(text) || INDEX.lastIndex !== i) break;
      i = open;
    } else break;
  }
  return isNameStart(text, i) ? i : undefined;
}

/** Where the string literal whose closing quote is at `last` opens, on the same line. */
function stringStart(text: string, last: number): number | undefined {
  const quote = text[last]!;
  if (!QUOTES.includes(quote)) return undefined;
  for (let i = last - 1; i >= 0 && last - i <= MAX_CHAIN; i--) {
    if (text[i] === '\n') return undefined;
    if (text[i] === quote && !escaped(text, i)) return i;
  }
  return undefined;
}

interface Operand {
  readonly end: number;
  readonly parts: readonly JoinPart[];
}

function readOperand(text: string, at: number): Operand | undefined {
  const c = text[at];
  if (c === '`') return readTemplate(text, at);
  if (c === '"' || c === "'") return readString(text, at, c);
  const named = nameAt(text, at);
  // A call or an index is computed: not an operand this reading follows.
  if (!named || '(['.includes(text[skipBlanks(text, named.end)] ?? '')) return undefined;
  return { end: named.end, parts: [{ name: named.name }] };
}

/**
 * `["bucket"]` of a member written with a string key (`cfg["bucket"]`), read as `.bucket`; `[0]`
 * of an element at a number (`list[0]`), read as `.0`; `[i]` of one at a name, read as `.*`, which
 * may be each element (see `elementsAt`).
 */
const INDEX =
  /\[[ \t]{0,16}(?:(["'])([A-Za-z_$][\w$]{0,63})\1|(\d{1,4})|[A-Za-z_$][\w$]{0,63})[ \t]{0,16}\]/y;
/** How long a key or an index, brackets and all, may be. */
const MAX_KEY = 100;
/** The member of an array (`list.*`) that an index of a name (`list[i]`) reads. */
const ANY_ELEMENT = '*';

/**
 * The name from `at` (or member: `cfg.bucket`, `cfg["bucket"]`, named `cfg.bucket`; or element:
 * `list[0]`, `list[i]`, named `list.0`, `list.*`), and its end.
 */
function nameAt(text: string, at: number): { name: string; end: number } | undefined {
  if (!isNameStart(text, at)) return undefined;
  let name = '';
  let end = at;
  for (;;) {
    const from = end;
    while (end - at < 256 && (isNameChar(text, end) || isMember(text, end))) end++;
    name += text.slice(from, end);
    INDEX.lastIndex = end;
    const key = text[end] === '[' && end - at < 256 ? INDEX.exec(text) : null;
    if (!key) return { name, end };
    name += `.${key[2] ?? key[3] ?? ANY_ELEMENT}`;
    end = INDEX.lastIndex;
  }
}

/** `.name` of a member: a dot followed by a name's first character. */
function isMember(text: string, i: number): boolean {
  return text[i] === '.' && isNameStart(text, i + 1);
}

/** A quoted string, its characters as written (escapes are decoded where links are found). */
function readString(text: string, at: number, quote: string): Operand | undefined {
  for (let i = at + 1; i < text.length && i - at <= MAX_CHAIN; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '\n') return undefined;
    else if (c === quote) return { end: i + 1, parts: [text.slice(at + 1, i)] };
  }
  return undefined;
}

/**
 * A template: its text, and each `${name}` or `${name.member}` part a name; any other part stays
 * as written.
 */
function readTemplate(text: string, at: number): Operand | undefined {
  const parts: JoinPart[] = [];
  let last = at + 1;
  for (let i = at + 1; i < text.length && i - at <= MAX_CHAIN; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      parts.push(text.slice(last, i));
      return { end: i + 1, parts };
    } else if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i);
      if (close < 0 || close - at > MAX_CHAIN || text.slice(i, close).includes('`'))
        return undefined;
      const inner = text.slice(i + 2, close).trim();
      const member = nameAt(inner, 0);
      const named = member?.end === inner.length ? member.name : undefined;
      let bounded = false;
      const alternatives = named
        ? []
        : alternativesAt(text.slice(0, close), skipBlanks(text, i + 2), () => (bounded = true));
      const values = valuesOf(alternatives);
      parts.push(
        text.slice(last, i),
        named
          ? { name: named }
          : values.length > 0 || bounded
            ? { name: inner, values, ...(bounded ? { bounded: true as const } : {}) }
            : text.slice(i, close + 1),
      );
      last = close + 1;
      i = close;
    }
  }
  return undefined;
}

function isPlus(text: string, i: number): boolean {
  return text[i] === '+' && text[i - 1] !== '+' && text[i + 1] !== '+' && text[i + 1] !== '=';
}

/** Blanks around a `+`, line breaks included (a formatter breaks long chains), a few lines' worth. */
const MAX_BLANKS = 64;

export function skipBlanks(text: string, i: number): number {
  const stop = Math.min(text.length, i + MAX_BLANKS);
  while (i < stop && isBlank(text, i)) i++;
  return i;
}

/** Whether the character at `i` is blank (`\s`): by its code, as most of a bundle's are ASCII. */
function isBlank(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(text[i]!));
}

/** The last character before `i` that is not blank. */
function skipBlanksBack(text: string, i: number): number {
  const stop = Math.max(-1, i - 1 - MAX_BLANKS);
  let j = i - 1;
  while (j > stop && isBlank(text, j)) j--;
  return j;
}

/** Whether the character at `i` may start a name (`[A-Za-z_$]`): by its code, as in `isBlank`. */
function isNameStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36;
}

/** Whether the character at `i` may be in a name (`[\w$]`). */
function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return isNameStart(text, i) || (c >= 48 && c <= 57);
}

function escaped(text: string, i: number): boolean {
  let slashes = 0;
  for (let j = i - 1; j >= 0 && text[j] === '\\'; j--) slashes++;
  return slashes % 2 === 1;
}
