import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  type CollectionElement,
  type Value,
} from '@posture/model';
import type { ForExpr } from '../ast.js';
import { evaluate } from './expressions.js';
import { bindLoop, type Env } from './scope.js';
import { pairsOf } from './traversal.js';
import {
  combine,
  Invalid,
  invalid,
  MAX_ELEMENTS,
  TooLarge,
  tooLarge,
  withElements,
} from './unknowns.js';
import { objectOf } from './values.js';

/** `[for k, v in c : v if cond]` and `{for k, v in c : k => v...}`. */
export function evaluateFor(expr: ForExpr, env: Env): Value {
  const pairs = pairsOf(evaluate(expr.collection, env));
  if (isUnknown(pairs)) return pairs;
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
  const unknownKeys: CollectionElement[] = [];
  let size = 0;
  for (const [key, value] of pairs) {
    const inner = bindLoop(env, expr.keyVar, expr.valueVar, key, value);
    const keep = expr.condition ? evaluate(expr.condition, inner) : true;
    // An unknown filter leaves the result's length, and so the whole result, unknown.
    if (isUnknown(keep)) return combine([keep]);
    const wanted = asBoolean(keep);
    if (wanted === undefined) return invalid('for condition is not a bool');
    if (!wanted) continue;
    const element = evaluate(expr.valueExpr, inner);
    if (element instanceof TooLarge) return element;
    // Each element, and the elements of one that is a collection: nested loops multiply.
    size += 1 + elementCount(element);
    if (size > MAX_ELEMENTS)
      return tooLarge(`a for expression of more than ${MAX_ELEMENTS} elements`);
    if (expr.kind === 'tuple') {
      items.push(element);
      continue;
    }
    const k = expr.keyExpr ? evaluate(expr.keyExpr, inner) : invalid('for object without a key');
    // A key not known may be another's, which would group its value with theirs.
    if (k instanceof Invalid || (isUnknown(k) && expr.grouping)) return combine([k]);
    if (isUnknown(k)) {
      unknownKeys.push({ key: k, value: element });
      continue;
    }
    const name = asString(k);
    if (name === undefined) return invalid('for object keys must be strings');
    const group = groups.get(name);
    if (!group) groups.set(name, [element]);
    else if (expr.grouping) group.push(element);
    else return invalid(`duplicate key "${name}" in for expression`);
  }
  if (expr.kind === 'tuple') return items;
  const entries = [...groups].map(([k, vs]): [string, Value] => [
    k,
    expr.grouping ? vs : (vs[0] ?? null),
  ]);
  if (unknownKeys.length === 0) return objectOf(entries);
  // How many keys there are is not known (two may turn out the same), but what they are is.
  return withElements([...entries.map(([key, value]) => ({ key, value })), ...unknownKeys]);
}

function elementCount(value: Value): number {
  if (Array.isArray(value)) return value.length;
  return isObject(value) ? Object.keys(value).length : 0;
}
