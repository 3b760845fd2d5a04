import { looksSecret } from '@posture/model';
import { isNameChar } from './characters.js';
import { DECLARATION, statementName } from './declarations.js';
import { detached } from './detached.js';
import { alternativesAt, MAX_NESTING } from './expressions.js';
import { MAX_ALTERNATIVES, type Join } from './join.js';
import { resolved, stringsOf, valuesOf } from './joinings.js';
import { isLiteral, literalAt, valueLiteral } from './literals.js';

/**
 * A string of other characters than a value's, which the value of most declarations in a bundle
 * starts with: not read further, which would cost a walk over the string for each.
 */
const OTHER_STRING = /(["'`])(?![a-z0-9._\-/:~%]{0,256}\1)/y;
/** TypeScript's assertion before a value (`<const>"acme-releases"`), which leaves it as it is. */
const PREFIX_ASSERTION = /<[\w$.]{1,64}>[ \t]{0,16}/y;

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
    const literal = isLiteral(text, at);
    // A bound cut the value, or the members of the literal (as `cfg.`), or those of one of them.
    const bounded = (member?: string): void =>
      this.cut(literal ? `${assigned}.${member === undefined ? '' : `${member}.`}` : assigned);
    const read: [string, Join[]][] = literal
      ? valueLiteral(text, literalAt(text, at, bounded))
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
