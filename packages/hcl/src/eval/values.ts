/** Plain helpers on known values. Object keys are read as own properties only (`__proto__` is a key). */
import { isObject, isUnknown, type Value, type ValueObject } from '@posture/model';

export function getKey(object: ValueObject, key: string): Value | undefined {
  return Object.hasOwn(object, key) ? object[key] : undefined;
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

/** Structural equality of two known values; an unknown anywhere makes them unequal. */
export function valueEquals(a: Value, b: Value): boolean {
  if (a === b) return !isUnknown(a);
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

/** Terraform's number conversion: numbers, and strings written as decimal numbers. */
export function asNumber(value: Value | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value))
    return Number(value);
  return undefined;
}

export function typeName(value: Value): string {
  if (value === null) return 'null';
  if (isUnknown(value)) return 'unknown';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'object';
  return typeof value === 'boolean' ? 'bool' : typeof value;
}
