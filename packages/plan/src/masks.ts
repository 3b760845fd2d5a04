import { isObject, ownEntry, setOwn, type Value, type ValueObject } from '@posture/model';
import type { Mask } from './plan-json.js';

export type ValuePath = readonly (string | number)[];

/**
 * Replaces, in place, every value that `mask` marks `true` with `replace(path)`. `values` is a
 * fresh `JSON.parse` result owned by the loader, so no copy of a large plan is made. A marked
 * value that is absent (Terraform omits unknown attributes) is added.
 */
export function applyMask(
  values: ValueObject | Value[],
  mask: Mask | undefined,
  /** The new value, or `undefined` to remove the attribute. */
  replace: (path: ValuePath, current: Value | undefined) => Value | undefined,
  path: ValuePath = [],
): void {
  if (typeof mask !== 'object') return;
  const container = values as Record<string | number, Value>;
  for (const [key, marked] of maskEntries(mask)) {
    const at = [...path, key];
    // Own keys only: a mask marking `__proto__` once set the values' prototype to the mark.
    const current = ownEntry(container, key);
    if (marked === true) {
      const next = replace(at, current);
      if (next === undefined) delete container[key];
      else setOwn(container, key, next);
    } else if (typeof marked === 'object' && isContainer(current)) {
      applyMask(current, marked, replace, at);
    }
  }
}

/**
 * Replaces, in place, every string equal to one of `secrets` with `replacement`. Providers copy
 * sensitive arguments into computed attributes without the mark (the AWS provider merges a
 * sensitive tag into `tags_all` unmarked), so a marked value is hidden wherever it reappears.
 */
export function hideCopies(
  values: ValueObject | Value[],
  secrets: ReadonlySet<string>,
  replacement: Value,
): void {
  const container = values as Record<string | number, Value>;
  for (const key of Object.keys(container)) {
    const value = container[key];
    if (typeof value === 'string' && secrets.has(value)) container[key] = replacement;
    else if (isContainer(value)) hideCopies(value, secrets, replacement);
  }
}

/** Adds every non-empty string in `value` to `into`. */
export function collectStrings(value: Value | undefined, into: Set<string>): void {
  if (typeof value === 'string' && value !== '') into.add(value);
  else if (isContainer(value)) for (const item of Object.values(value)) collectStrings(item, into);
}

function maskEntries(mask: Exclude<Mask, boolean>): [string | number, Mask][] {
  return Array.isArray(mask) ? mask.map((marked, i) => [i, marked]) : Object.entries(mask);
}

/** Objects and arrays; an Unknown put in by an earlier mask is not descended into. */
function isContainer(value: Value | undefined): value is ValueObject | Value[] {
  return isObject(value) || Array.isArray(value);
}
