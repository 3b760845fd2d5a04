import { Unknown, isUnknown, type Value, type ValueObject } from '@posture/model';
import type { RefSink } from './scope.js';

/**
 * An evaluation error (a missing attribute, a bad function argument). It is unknown like any other,
 * but `try` and `can` treat it as a failure, as Terraform does with errors.
 */
export class Invalid extends Unknown {}

export function invalid(reason: string, refs: readonly string[] = []): Invalid {
  return new Invalid(refs, reason);
}

/**
 * A value too large to build. What holds one is too large as well, so it ends the evaluation of
 * the loop around it at once, instead of each iteration building it again.
 */
export class TooLarge extends Invalid {}

/** Text longer than this is not built: 40 lines of a template doubling itself would ask for 2^40. */
export const MAX_TEXT = 16 * 1024 * 1024;
/** Collections with more elements than this are not built (nested `for` over long lists). */
export const MAX_ELEMENTS = 1_000_000;

export function tooLarge(what: string): TooLarge {
  return new TooLarge([], `${what} is too large to evaluate`);
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
    reason = 'known after apply',
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

/** The bracketed instance key of an address: `[0]`, `["k"]`. */
export function formatKey(key: string | number): string {
  return `[${JSON.stringify(key)}]`;
}

/** Every unknown inside a value, outermost first. */
export function unknownsIn(value: Value, out: Unknown[] = []): Unknown[] {
  if (isUnknown(value)) out.push(value);
  else if (Array.isArray(value)) for (const item of value) unknownsIn(item, out);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) unknownsIn(item, out);
  }
  return out;
}

export function isWhollyKnown(value: Value): boolean {
  if (isUnknown(value)) return false;
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  if (value !== null && typeof value === 'object') return Object.values(value).every(isWhollyKnown);
  return true;
}

/** One unknown standing for all unknowns inside `values`: their refs joined; invalid if any was. */
export function combine(values: readonly Value[], reason?: string): Unknown {
  const found = values.flatMap((value) => unknownsIn(value));
  // What holds a value too large to build is too large itself.
  const large = found.find((u) => u instanceof TooLarge);
  if (large) return large;
  const refs = [...new Set(found.flatMap((u) => u.refs))];
  const why = reason ?? found.find((u) => u.reason !== undefined)?.reason;
  return found.some((u) => u instanceof Invalid) ? new Invalid(refs, why) : new Unknown(refs, why);
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
  return unknown instanceof Invalid || !pieces.some((piece) => typeof piece === 'string')
    ? unknown
    : new Unknown(unknown.refs, unknown.reason, { pieces });
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
 * Replaces traversable unknowns with plain ones before a value leaves the evaluator, so the
 * inventory holds data, not handles on the evaluation.
 */
export function settle(value: Value): Value {
  if (value instanceof Traversable) return new Unknown(value.refs, value.reason);
  if (isUnknown(value) && hasKnownParts(value)) {
    const { encodes, pieces, entries } = value;
    return new Unknown(value.refs, value.reason, {
      ...(encodes !== undefined && { encodes: settle(encodes) }),
      ...(pieces && {
        pieces: pieces.map((p) => (typeof p === 'string' ? p : (settle(p) as Unknown))),
      }),
      ...(entries && { entries: settle(entries) as ValueObject }),
    });
  }
  if (Array.isArray(value)) return value.map(settle);
  if (value !== null && typeof value === 'object' && !isUnknown(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, settle(v)]));
  }
  return value;
}

function hasKnownParts(value: Unknown): boolean {
  return value.encodes !== undefined || value.pieces !== undefined || value.entries !== undefined;
}
