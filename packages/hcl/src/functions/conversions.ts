import { asBoolean, asString, type Value } from '@posture/model';
import { compareStrings, numberValue, typeName } from '../eval/values.js';
import { distinct } from './collections.js';
import { isWhollyKnown, ownKeys, withElements } from '../eval/unknowns.js';
import { fail, fn, list, map, partial, type FunctionTable } from './function.js';

export const conversionFunctions: FunctionTable = {
  tostring: fn(([v]) => convert(v ?? null, asString, 'string')),
  tonumber: fn(([v]) => convert(v ?? null, numberValue, 'number')),
  tobool: fn(([v]) => convert(v ?? null, asBoolean, 'bool')),
  tomap: partial(([v]) => map(v)),
  tolist: partial(([v]) => list(v)),
  toset: partial(([v]) => setOf(list(v))),
};

function convert<T extends Value>(
  value: Value,
  to: (v: Value) => T | undefined,
  type: string,
): Value {
  if (value === null) return null;
  return to(value) ?? fail(`cannot convert a ${typeName(value)} to ${type}`);
}

/**
 * A set of the items, as `toset` and a `set(...)` type make it. Holding values not known, it is
 * known when it holds one (`toset(["acme-${local.n}"])`), which cannot coalesce with another; with
 * more, some may turn out equal, so how many it holds is not known (cty's rule for the length of
 * such a set), but what they are is: the unknown set keeps them (`elements`).
 */
export function setOf(items: readonly Value[]): Value {
  const unique = toSet(items);
  return unique.length > 1 && !unique.every(isWhollyKnown) ? withElements(ownKeys(unique)) : unique;
}

/** Sets have no duplicates; strings and numbers come out in Terraform's sorted order. */
function toSet(items: readonly Value[]): Value[] {
  const unique = distinct(items);
  if (unique.every((item) => typeof item === 'string')) return unique.sort(compareStrings);
  if (unique.every((item) => typeof item === 'number')) return unique.sort((a, b) => a - b);
  return unique;
}
