/** Plain helpers on known values. Object keys are read as own properties only (`__proto__` is a key). */
import { isObject, isUnknown, ownEntry, type Value, type ValueObject } from '@posture/model';
import { Inexact } from './unknowns.js';
import { heldExactly } from '../parser/exact-numbers.js';

export function getKey(object: ValueObject, key: string): Value | undefined {
  return ownEntry(object, key);
}

/** Builds an object whose keys are data, never prototype setters. */
export function objectOf(entries: Iterable<readonly [string, Value]>): ValueObject {
  return Object.fromEntries(entries) as ValueObject;
}

/** Terraform iterates maps and objects in lexical key order. */
export function sortedEntries(object: ValueObject): [string, Value][] {
  return Object.keys(object)
    .sort(compareStrings)
    .map((key) => [key, object[key] as Value]);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Structural equality of two known values. A value holding an unknown or a NaN anywhere equals
 * nothing, not even itself (`valueKey` relies on it).
 */
export function valueEquals(a: Value, b: Value): boolean {
  if (typeof a !== 'object' || a === null) return a === b;
  if (Array.isArray(a)) {
    return (
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, i) => valueEquals(item, b[i] as Value))
    );
  }
  if (isObject(a) && isObject(b)) {
    const keys = Object.keys(a);
    return (
      keys.length === Object.keys(b).length &&
      keys.every((key) => Object.hasOwn(b, key) && valueEquals(a[key] as Value, b[key] as Value))
    );
  }
  return false;
}

/**
 * A text two values share exactly when they are `valueEquals`, so that sets are built by hashing:
 * compared pairwise, a list near the bound of a million elements is 10^12 comparisons. Numbers go
 * by value (`1` and `1.0` are one number, `0` and `-0` too), objects whatever the order of their
 * keys. Undefined for a value that equals nothing.
 */
export function valueKey(value: Value): string | undefined {
  if (value === null) return 'n';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return Number.isNaN(value) ? undefined : `d${value}`;
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return joinKeys(value.map(valueKey), '[', ']');
  if (!isObject(value)) return undefined;
  const entries = Object.keys(value)
    .sort(compareStrings)
    .map((key) => {
      const item = valueKey(value[key] as Value);
      return item === undefined ? undefined : `${JSON.stringify(key)}:${item}`;
    });
  return joinKeys(entries, '{', '}');
}

function joinKeys(keys: (string | undefined)[], open: string, close: string): string | undefined {
  return keys.includes(undefined) ? undefined : `${open}${keys.join(',')}${close}`;
}

/** Terraform's number conversion: numbers, and strings written as decimal numbers. */
export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value))
    return Number(value);
  return undefined;
}

/**
 * `asNumber` for a number that is a value, not an index or a count: text with more digits than a
 * double holds (`"12345678901234567890"`) is unknown, as Terraform keeps it exact.
 */
export function numberValue(value: Value | undefined): number | Inexact | undefined {
  const n = asNumber(value);
  if (n === undefined || typeof value !== 'string' || heldExactly(value, n)) return n;
  return new Inexact([], `the number ${value} has more digits than are held exactly`);
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (isUnknown(value)) return 'unknown';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}
