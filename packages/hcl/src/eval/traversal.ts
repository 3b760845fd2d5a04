/** Stepping into values: attributes, indexes, and the pairs a `for` or `dynamic` iterates. */
import {
  asString,
  isObject,
  isUnknown,
  type Unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import { Ephemeral, Sensitive } from './marks.js';
import type { RefSink } from './scope.js';
import { Traversable, combine, invalid } from './unknowns.js';
import { asNumber, getKey, sortedEntries, typeName } from './values.js';

export function getAttr(value: Value, name: string, sink: RefSink): Value {
  if (value instanceof Traversable) return value.attr(name, sink);
  if (value instanceof Sensitive) return value.part((whole) => getAttr(whole, name, sink));
  if (isUnknown(value)) return value;
  if (isObject(value)) return member(value, name, 'attribute');
  return invalid(`a ${typeName(value)} has no attribute "${name}"`, combine([value]).refs);
}

export function index(value: Value, key: Value, sink: RefSink): Value {
  if (value instanceof Traversable) return value.index(key, sink);
  if (value instanceof Sensitive && !isUnknown(key)) {
    return value.part((whole) => index(whole, key, sink));
  }
  if (value instanceof Ephemeral) return value;
  if (isUnknown(value) || isUnknown(key)) return combine([value, key]);
  if (Array.isArray(value)) {
    const i = asNumber(key);
    const item = i !== undefined && Number.isInteger(i) ? value[i] : undefined;
    return item === undefined ? invalid(`index ${String(key)} is out of range`) : item;
  }
  const name = asString(key);
  if (isObject(value) && name !== undefined) {
    return member(value, name, 'element');
  }
  return invalid(`cannot index a ${typeName(value)} with ${typeName(key)}`);
}

function member(object: ValueObject, name: string, what: string): Value {
  const found = getKey(object, name);
  return found === undefined ? invalid(`object has no ${what} "${name}"`) : found;
}

/** Key/value pairs of a collection: list positions or map keys in lexical order. */
export function pairsOf(collection: Value): [Value, Value][] | Unknown {
  if (isUnknown(collection)) return combine([collection]);
  if (Array.isArray(collection)) return collection.map((item, i) => [i, item]);
  if (isObject(collection)) return sortedEntries(collection);
  return invalid(`cannot iterate over a ${typeName(collection)}`);
}
