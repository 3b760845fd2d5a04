import {
  AFTER_APPLY,
  Unknown,
  type CollectionElement,
  isUnknown,
  type Range,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { DiagnosticLog } from '../diagnostics.js';
import type { RefSink } from './scope.js';
import { sizeOf, type Size } from './size.js';

/**
 * An evaluation error (a missing attribute, a bad function argument). It is unknown like any other,
 * but `try` and `can` treat it as a failure, as Terraform does with errors.
 */
export class Invalid extends Unknown {
  /** Where the error arose, once an expression has made or passed it on (see `placeError`). */
  declare readonly site?: ErrorSite;

  constructor(refs: readonly string[] = [], reason?: string, site?: ErrorSite) {
    super(refs, reason);
    if (site !== undefined) this.site = site;
  }
}

/**
 * The expression an evaluation error arose in. Its reason names that expression and where it is
 * written, for what reads the value elsewhere; `cause` is the reason without them, for a warning at
 * the attribute the expression is written in. `range` is absent in a template file.
 */
export interface ErrorSite {
  readonly cause: string;
  readonly range?: Range;
}

/**
 * An evaluation error that a diagnostic already describes where it arose (a syntax error, a cycle,
 * a value too large): what reads it is not reported again.
 */
export class Reported extends Invalid {}

/**
 * A file a function reads that is not in the checkout: Terraform refuses the configuration only
 * if the build has not made the file by the time Terraform runs.
 */
export class FileNotRead extends Invalid {}

/**
 * A number written with more digits than a double holds (`12345678901234567890`): Terraform keeps
 * it exact, so its value is unknown here rather than another number. It is still a constant.
 */
export class Inexact extends Unknown {}

export function invalid(reason: string, refs: readonly string[] = []): Invalid {
  return new Invalid(refs, reason);
}

/** A variable with no value: no default, and none given (a `.tfvars` file, `-var`, its caller). */
export function noValue(name: string): Unknown {
  return new Unknown([], `variable ${name} has no value`);
}

/**
 * `terraform.workspace`: chosen when Terraform runs (`terraform workspace select`, `TF_WORKSPACE`),
 * never by the configuration. Taken as `default`, a `terraform.workspace == "prod" ? "public-read"
 * : "private"` was judged on its branch for a workspace that may never deploy.
 */
export function workspace(): Unknown {
  return new Unknown([], 'terraform.workspace is chosen when Terraform runs');
}

/** The variable that a reason says has no value (`noValue`), when it says so. */
export function variableWithNoValue(reason: string): string | undefined {
  return /^variable (\S+) has no value$/.exec(reason)?.[1];
}

/**
 * A value too large to build. What holds one is too large as well, so it ends the evaluation of
 * the loop around it at once, instead of each iteration building it again.
 */
export class TooLarge extends Reported {}

/** Text longer than this is not built: 40 lines of a template doubling itself would ask for 2^40. */
export const MAX_TEXT = 16 * 1024 * 1024;
/** Collections with more elements than this are not built (nested `for` over long lists). */
export const MAX_ELEMENTS = 1_000_000;

export function tooLarge(what: string): TooLarge {
  return new TooLarge([], `${what} is too large to evaluate`);
}

/** Why a value of this size is too large to evaluate, if it is; `what` names what built it. */
export function overBound(size: Size, what: string): TooLarge | undefined {
  if (size.elements > MAX_ELEMENTS)
    return tooLarge(`${what} of more than ${MAX_ELEMENTS} elements`);
  if (size.characters > MAX_TEXT) return tooLarge(`${what} of more than ${MAX_TEXT} characters`);
  return undefined;
}

const reported = new WeakSet<TooLarge>();

/**
 * An error where a value too large to evaluate is first met, the expression that builds it; not
 * again at what reads it, which is unknown too.
 */
export function reportTooLarge(value: TooLarge, diagnostics: DiagnosticLog, range: Range): void {
  if (reported.has(value)) return;
  reported.add(value);
  const message = `${value.reason ?? 'a value is too large to evaluate'}; its values were not checked`;
  diagnostics.report('error', 'eval-too-large', message, range);
}

/**
 * A warning where an attribute that the scan reads holds an evaluation error that no `try` or `can`
 * caught (`parseint("B", 37)`). Terraform (Terragrunt, for an error in its files) would refuse the
 * configuration; but Posture's function library may be wrong where Terraform is right, and a bucket
 * name taken as unknown must not pass in silence either way. Once per expression (`range`), not per
 * instance of its block. The reason names the expression the error arose in and where, unless it is
 * written inside `range`.
 */
export function reportInvalid(
  value: Value,
  what: string,
  diagnostics: DiagnosticLog,
  range: Range,
): void {
  const error = unknownsIn(value).find(
    (u): u is Invalid => u instanceof Invalid && !(u instanceof Reported),
  );
  if (!error) return;
  const why = reasonAt(error, range) ?? 'an evaluation error';
  // An error in a Terragrunt file (`terragrunt.hcl`, a stack file, what they include) is its.
  const tool = (error.site?.range ?? range).file.endsWith('.hcl') ? 'Terragrunt' : 'Terraform';
  const refusal =
    error instanceof FileNotRead
      ? `${tool} refuses this configuration unless the build makes the file before it runs`
      : `${tool} would refuse this configuration`;
  const message = `${what} could not be evaluated: ${why} (${refusal}); it is taken as unknown`;
  const key = `eval-invalid\0${range.file}\0${range.start.offset}`;
  diagnostics.reportOnce(key, 'warning', 'eval-invalid', message, range);
}

/**
 * The value with each error in it `Reported`, once a diagnostic has warned about it where it is
 * written: what reads it elsewhere is not warned again. What holds no unknown is kept as it is,
 * and a part held twice is made once, as in `settle`.
 */
export function asReported(value: Value, made = new Map<object, Value>()): Value {
  if (value instanceof Invalid) {
    return value instanceof Reported ? value : new Reported(value.refs, value.reason, value.site);
  }
  if (isUnknown(value) || isWhollyKnown(value)) return value;
  const key = value as object;
  const done = made.get(key);
  if (done !== undefined) return done;
  const result = Array.isArray(value)
    ? value.map((item) => asReported(item, made))
    : Object.fromEntries(
        Object.entries(value as ValueObject).map(([k, part]) => [k, asReported(part, made)]),
      );
  made.set(key, result);
  return result;
}

/**
 * Why a value is unknown, for a diagnostic at `range`: an error that arose inside it, on the line
 * the diagnostic names, is said without naming the expression and place again. One further down a
 * value of many lines keeps them: the diagnostic's line would not find it.
 */
export function reasonAt(value: Unknown, range: Range): string | undefined {
  const site = value instanceof Invalid ? value.site : undefined;
  return site && saidAt(site.range, range) ? site.cause : value.reason;
}

/** Whether `inner` is written inside `outer`, on its first line. */
function saidAt(inner: Range | undefined, outer: Range): boolean {
  return (
    inner !== undefined &&
    inner.file === outer.file &&
    inner.start.line === outer.start.line &&
    inner.start.offset >= outer.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}

/**
 * An unknown that can still be traversed: a resource, a module instance, a namespace like `var`, or a
 * reference path that grows with each step (`aws_s3_bucket.x` → `aws_s3_bucket.x.id`).
 */
export abstract class Traversable extends Unknown {
  abstract attr(name: string, sink: RefSink): Value;

  index(key: Value, sink: RefSink): Value {
    if (isUnknown(key)) return combine([this, key]);
    return typeof key === 'string'
      ? this.attr(key, sink)
      : invalid(`cannot index with ${String(key)}`);
  }
}

/** One resource or module instance: its attributes are computed, but it is a single object. */
export abstract class InstanceObject extends Traversable {}

/** A value known only after apply, named by the reference that reached it. */
export class Reference extends Traversable {
  constructor(
    readonly ref: string,
    reason = AFTER_APPLY,
  ) {
    super([ref], reason);
  }

  attr(name: string): Value {
    return new Reference(`${this.ref}.${name}`, this.reason);
  }

  override index(key: Value): Value {
    if (typeof key === 'string' || typeof key === 'number') {
      return new Reference(`${this.ref}${formatKey(key)}`, this.reason);
    }
    return combine([this, key]);
  }
}

/**
 * The instances of a resource or module call, when they are not known. Indexed by a key not known
 * either (`aws_s3_bucket.b[each.key]`), it is one of them, which this reference stands for already:
 * it stays a reference, that an attachment joins by as it does by `aws_s3_bucket.b.id`. Indexed by
 * a known key, it is the instance scanned for that key (`one`), when one alone can be it, so that
 * `module.m["acme-dist"].id` reads the output of `module.m[*]`; else a reference to that key.
 */
export class Instances extends Reference {
  constructor(
    ref: string,
    reason: string,
    private readonly one: (key: string | number) => Value | undefined,
  ) {
    super(ref, reason);
  }

  override index(key: Value): Value {
    if (isUnknown(key)) return this;
    const known = typeof key === 'string' || typeof key === 'number' ? this.one(key) : undefined;
    return known ?? super.index(key);
  }
}

/** The bracketed instance key of an address: `[0]`, `["k"]`. */
export function formatKey(key: string | number): string {
  return `[${JSON.stringify(key)}]`;
}

/**
 * Every unknown inside a value, outermost first. A part held twice is looked at once, and a part
 * with no unknown not at all: a value can share one object a million times.
 */
export function unknownsIn(value: Value, out: Unknown[] = [], seen?: Set<object>): Unknown[] {
  if (isUnknown(value)) out.push(value);
  else if (value !== null && typeof value === 'object' && !isWhollyKnown(value)) {
    // The set is made only for a value with unknowns inside: most are scalars or unknowns.
    const held = seen ?? new Set<object>();
    if (held.has(value)) return out;
    held.add(value);
    for (const item of Array.isArray(value) ? value : Object.values(value)) {
      unknownsIn(item, out, held);
    }
  }
  return out;
}

export function isWhollyKnown(value: Value): boolean {
  return value === null || typeof value !== 'object' || sizeOf(value).known;
}

/**
 * One unknown standing for all unknowns inside `values`: their refs joined; invalid if any was,
 * for the reason of the first error and where it arose (and reported if it was).
 */
export function combine(values: readonly Value[], reason?: string): Unknown {
  const found = values.flatMap((value) => unknownsIn(value));
  // What holds a value too large to build is too large itself.
  const large = found.find((u) => u instanceof TooLarge);
  if (large) return large;
  const refs = [...new Set(found.flatMap((u) => u.refs))];
  const error = found.find((u) => u instanceof Invalid);
  const why = reason ?? (error ?? found.find((u) => u.reason !== undefined))?.reason;
  if (!error) return new Unknown(refs, why);
  return new (errorKind(error))(refs, why, reason === undefined ? error.site : undefined);
}

/** The class of an error, so that what holds it keeps its kind. */
export function errorKind(error: Invalid): typeof Invalid {
  if (error instanceof Reported) return Reported;
  if (error instanceof FileNotRead) return FileNotRead;
  return Invalid;
}

/**
 * A string made of known text and unknown parts: the text when all of it is known, else an unknown
 * that keeps the known text and the parts in order (`Unknown.pieces`) — or an invalid value.
 */
export function partlyKnownText(parts: readonly (string | Unknown)[]): string | Unknown {
  if (textLength(parts) > MAX_TEXT) return tooLarge(`text of more than ${MAX_TEXT} characters`);
  const unknowns = parts.filter(isUnknown);
  if (unknowns.length === 0) return parts.join('');
  const unknown = combine(unknowns);
  // Adjacent text in one piece, empty text dropped: pieces alternate known and unknown.
  const pieces: (string | Unknown)[] = [];
  for (const piece of parts.flatMap((part) =>
    isUnknown(part) ? (part.pieces ?? [part]) : [part],
  )) {
    const last = pieces.at(-1);
    if (typeof piece !== 'string') pieces.push(piece);
    else if (typeof last === 'string') pieces[pieces.length - 1] = last + piece;
    else if (piece !== '') pieces.push(piece);
  }
  if (unknown instanceof Invalid) return unknown;
  const encodes = jsonAmidBlanks(pieces);
  const text = pieces.some((piece) => typeof piece === 'string');
  if (!text && encodes === undefined) return unknown;
  return new Unknown(unknown.refs, unknown.reason, {
    ...(text && { pieces }),
    ...(encodes !== undefined && { encodes }),
  });
}

/**
 * What the text encodes when it is one JSON text with only blanks around it (`${jsonencode(…)}` in
 * a template, a trailing newline after it): blanks around JSON are still the same document.
 */
function jsonAmidBlanks(pieces: readonly (string | Unknown)[]): Value | undefined {
  const unknowns = pieces.filter(isUnknown);
  const [only] = unknowns;
  const blanks = pieces.every((piece) => isUnknown(piece) || /^[ \t\r\n]*$/.test(piece));
  return unknowns.length === 1 && blanks ? only?.encodes : undefined;
}

/** The characters of the known text among `parts`, the known pieces of partly known text included. */
function textLength(parts: readonly (string | Unknown)[]): number {
  let length = 0;
  for (const part of parts) {
    if (typeof part === 'string') length += part.length;
    else
      for (const piece of part.pieces ?? []) if (typeof piece === 'string') length += piece.length;
  }
  return length;
}

/**
 * A set or map of these elements, some known only in part, so that some may turn out the same and
 * how many it holds is not known: unknown, but it keeps them (`KnownParts.elements`). An error
 * among them is the collection's.
 */
export function withElements(elements: readonly CollectionElement[]): Unknown {
  const unknown = combine(elements.flatMap(({ key, value }) => [key, value]));
  return unknown instanceof Invalid
    ? unknown
    : new Unknown(unknown.refs, unknown.reason, { elements });
}

/** The elements of a set or list, each its own key. */
export function ownKeys(items: readonly Value[]): CollectionElement[] {
  return items.map((item) => ({ key: item, value: item }));
}

/**
 * Replaces traversable unknowns with plain ones before a value leaves the evaluator, so the
 * inventory holds data, not handles on the evaluation. What holds none is kept as it is, and a part
 * held twice is settled once: a value can share one object a million times.
 */
export function settle(value: Value, settled?: Map<object, Value>): Value {
  if (isWhollyKnown(value)) return value;
  const key = value as object;
  const done = settled?.get(key);
  if (done !== undefined) return done;
  // The map is made only for a value with unknowns inside, as in `unknownsIn`.
  const parts = settled ?? new Map<object, Value>();
  const result = settleParts(value, (part) => settle(part, parts));
  parts.set(key, result);
  return result;
}

function settleParts(value: Value, settle: (part: Value) => Value): Value {
  if (value instanceof Traversable) {
    const reference = value instanceof Reference ? { reference: value.ref } : {};
    return new Unknown(value.refs, value.reason, reference);
  }
  if (isUnknown(value) && hasKnownParts(value)) {
    const { encodes, pieces, entries, elements } = value;
    return new Unknown(value.refs, value.reason, {
      ...(encodes !== undefined && { encodes: settle(encodes) }),
      ...(pieces && {
        pieces: pieces.map((p) => (typeof p === 'string' ? p : (settle(p) as Unknown))),
      }),
      ...(entries && { entries: settle(entries) as ValueObject }),
      ...(elements && {
        elements: elements.map(({ key, value }) => ({ key: settle(key), value: settle(value) })),
      }),
    });
  }
  if (Array.isArray(value)) return value.map((item) => settle(item));
  if (value !== null && typeof value === 'object' && !isUnknown(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v)]));
  }
  return value;
}

function hasKnownParts(value: Unknown): boolean {
  return (
    value.encodes !== undefined ||
    value.pieces !== undefined ||
    value.entries !== undefined ||
    value.elements !== undefined
  );
}
