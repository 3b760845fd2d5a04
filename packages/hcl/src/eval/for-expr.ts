import { asBoolean, asString, isObject, isUnknown, type Value } from '@posture/model';
import type { ForExpr } from '../ast.js';
import { evaluate } from './expressions.js';
import { bindLoop, type Env } from './scope.js';
import { pairsOf } from './traversal.js';
import { combine, invalid, MAX_ELEMENTS, TooLarge, tooLarge } from './unknowns.js';
import { objectOf } from './values.js';

/** `[for k, v in c : v if cond]` and `{for k, v in c : k => v...}`. */
export function evaluateFor(expr: ForExpr, env: Env): Value {
  const pairs = pairsOf(evaluate(expr.collection, env));
  if (isUnknown(pairs)) return pairs;
  const items: Value[] = [];
  const groups = new Map<string, Value[]>();
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
    if (isUnknown(k)) return combine([k]);
    const name = asString(k);
    if (name === undefined) return invalid('for object keys must be strings');
    const group = groups.get(name);
    if (!group) groups.set(name, [element]);
    else if (expr.grouping) group.push(element);
    else return invalid(`duplicate key "${name}" in for expression`);
  }
  if (expr.kind === 'tuple') return items;
  return objectOf([...groups].map(([k, vs]) => [k, expr.grouping ? vs : (vs[0] ?? null)]));
}

function elementCount(value: Value): number {
  if (Array.isArray(value)) return value.length;
  return isObject(value) ? Object.keys(value).length : 0;
}
