import { isObject, type Value, type ValueObject } from '@posture/model';
import type { Mask } from './plan-json.js';

export type ValuePath = readonly (string | number)[];

/**
 * Replaces, in place, every value that `mask` marks `true` with `replace(path)`. `values` is a fresh
 * `JSON.parse` result owned by the loader, so no copy of a large plan is made. A marked value that
 * is absent (Terraform omits unknown attributes) is added.
 */
export function applyMask(
  values: ValueObject | Value[],
  mask: Mask | undefined,
  replace: (path: ValuePath) => Value,
  path: ValuePath = [],
): void {
  if (typeof mask !== 'object') return;
  const container = values as Record<string | number, Value>;
  for (const [key, marked] of maskEntries(mask)) {
    const at = [...path, key];
    if (marked === true) container[key] = replace(at);
    else if (typeof marked === 'object' && isContainer(container[key])) {
      applyMask(container[key], marked, replace, at);
    }
  }
}

function maskEntries(mask: Exclude<Mask, boolean>): [string | number, Mask][] {
  return Array.isArray(mask) ? mask.map((marked, i) => [i, marked]) : Object.entries(mask);
}

/** Objects and arrays; an Unknown put in by an earlier mask is not descended into. */
function isContainer(value: Value | undefined): value is ValueObject | Value[] {
  return isObject(value) || Array.isArray(value);
}
