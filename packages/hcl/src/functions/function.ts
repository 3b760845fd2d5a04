/** The shape of a built-in function and the argument checks every family shares. */
import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  type Range,
  type Unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { FileAccess } from '../eval/scope.js';
import { MAX_TEXT } from '../eval/unknowns.js';
import { numberValue, typeName } from '../eval/values.js';

export interface CallContext {
  readonly files?: FileAccess;
  /** Where the call is written, for diagnostics. */
  readonly at: Range;
  /**
   * Renders a template's text with the given variables, for `templatefile` and `templatestring`;
   * `source` names the template in errors.
   */
  renderTemplate(text: string, vars: ValueObject, source: string): Value;
}

export interface FunctionDef {
  readonly impl: (args: Value[], ctx: CallContext) => Value;
  /**
   * The function handles unknowns nested inside its arguments itself (collection functions that
   * move values around). Without it, any unknown inside the arguments makes the result unknown.
   */
  readonly partial?: boolean;
  /** The function is also given arguments that are unknown as a whole, and says what it knows. */
  readonly unknownArguments?: boolean;
}

export type FunctionTable = Readonly<Record<string, FunctionDef>>;

/** Thrown by a function on a bad argument; the caller turns it into an invalid value. */
export class FunctionError extends Error {}

export function fail(message: string): never {
  throw new FunctionError(message);
}

/**
 * Thrown by a function that reads a file it could not read. `reported`: the file access already
 * said why where the path is written (outside the root, unreadable); else the file is not in the
 * checkout, which the build may still make before Terraform runs.
 */
export class FileUnread extends FunctionError {
  constructor(
    message: string,
    readonly reported: boolean,
  ) {
    super(message);
  }
}

/** Thrown by a function whose result would be too large to build; it is then `tooLarge`. */
export class ResultTooLarge extends Error {}

/** The parts joined; past `MAX_TEXT` characters the text is too large, and is not built. */
export function joinWithin(parts: Iterable<string>): string {
  const kept: string[] = [];
  let length = 0;
  for (const part of parts) {
    length += part.length;
    if (length > MAX_TEXT) throw new ResultTooLarge(`text of more than ${MAX_TEXT} characters`);
    kept.push(part);
  }
  return kept.join('');
}

/**
 * Thrown when a partial function meets an unknown where it needs a known value: the result is then
 * unknown, not invalid.
 */
export class UnknownArgument extends Error {
  /** `value` is the unknown when it is within an argument rather than one: `"…"` read as a number. */
  constructor(readonly value?: Unknown) {
    super();
  }
}

/** Checks a value is known before a check of its type. */
function known(value: Value | undefined): Value {
  if (isUnknown(value)) throw new UnknownArgument();
  return value ?? null;
}

export function fn(impl: FunctionDef['impl']): FunctionDef {
  return { impl };
}

export function partial(impl: FunctionDef['impl']): FunctionDef {
  return { impl, partial: true };
}

export function withUnknowns(impl: FunctionDef['impl']): FunctionDef {
  return { impl, partial: true, unknownArguments: true };
}

export function arity(args: readonly Value[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    fail(`expects ${min === max ? min : `${min} to ${max}`} arguments, got ${args.length}`);
  }
}

export function str(value: Value | undefined): string {
  const text = asString(known(value));
  return text ?? fail(`expected a string, got ${typeName(value ?? null)}`);
}

export function num(value: Value | undefined): number {
  const n = numberValue(known(value));
  if (isUnknown(n)) throw new UnknownArgument(n);
  return n ?? fail(`expected a number, got ${typeName(value ?? null)}`);
}

export function int(value: Value | undefined): number {
  const n = num(value);
  return Number.isInteger(n) ? n : fail(`expected a whole number, got ${n}`);
}

export function bool(value: Value | undefined): boolean {
  const b = asBoolean(known(value));
  return b ?? fail(`expected a bool, got ${typeName(value ?? null)}`);
}

export function list(value: Value | undefined): Value[] {
  const v = known(value);
  return Array.isArray(v) ? v : fail(`expected a list, got ${typeName(value ?? null)}`);
}

export function map(value: Value | undefined): ValueObject {
  const v = known(value);
  return isObject(v) ? v : fail(`expected a map, got ${typeName(value ?? null)}`);
}

export function strings(value: Value | undefined): string[] {
  return list(value).map(str);
}
