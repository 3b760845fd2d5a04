import { asBoolean, asString, type Value } from '@posture/model';
import { compareStrings, numberValue, typeName } from '../eval/values.js';
import { distinct } from './collections.js';
import { fail, fn, list, map, partial, type FunctionTable } from './function.js';

export const conversionFunctions: FunctionTable = {
  tostring: fn(([v]) => convert(v ?? null, asString, 'string')),
  tonumber: fn(([v]) => convert(v ?? null, numberValue, 'number')),
  tobool: fn(([v]) => convert(v ?? null, asBoolean, 'bool')),
  tomap: partial(([v]) => map(v)),
  tolist: partial(([v]) => list(v)),
  toset: fn(([v]) => toSet(list(v))),
};

function convert<T extends Value>(
  value: Value,
  to: (v: Value) => T | undefined,
  type: string,
): Value {
  if (value === null) return null;
  return to(value) ?? fail(`cannot convert a ${typeName(value)} to ${type}`);
}

/** Sets have no duplicates; strings and numbers come out in Terraform's sorted order. */
export function toSet(items: readonly Value[]): Value[] {
  const unique = distinct(items);
  if (unique.every((item) => typeof item === 'string')) return unique.sort(compareStrings);
  if (unique.every((item) => typeof item === 'number')) return unique.sort((a, b) => a - b);
  return unique;
}
