import { asBoolean, isUnknown, type Value } from '@posture/model';
import type { BinaryOperator } from '../ast.js';
import { exactInteger, exactQuotient } from './exact-integers.js';
import { combine, invalid, isWhollyKnown } from './unknowns.js';
import { numberValue, typeName, valueEquals } from './values.js';

/**
 * `right` is a thunk: `&&` and `||` skip it when the left side decides. `at` (`written at
 * main.tf:3`) goes in every reason the result is unknown or an error: what reads the value may be in
 * another file.
 */
export function binary(op: BinaryOperator, left: Value, right: () => Value, at: string): Value {
  switch (op) {
    case '&&':
      return logical(left, right, false, at);
    case '||':
      return logical(left, right, true, at);
    case '==':
    case '!=':
      return equality(op, left, right());
    default:
      return arithmetic(op, left, right(), at);
  }
}

/** `decisive` is the left value that decides alone: false for `&&`, true for `||`. */
function logical(left: Value, right: () => Value, decisive: boolean, at: string): Value {
  const l = asBoolean(left);
  if (l === decisive) return decisive;
  const r = right();
  if (isUnknown(left) || isUnknown(r)) return combine([left, r]);
  const rb = asBoolean(r);
  if (l === undefined || rb === undefined)
    return invalid(`logical operators need bool operands (${at})`);
  return rb;
}

function equality(op: '==' | '!=', left: Value, right: Value): Value {
  if (!isWhollyKnown(left) || !isWhollyKnown(right)) return combine([left, right]);
  return valueEquals(left, right) === (op === '==');
}

function arithmetic(op: BinaryOperator, left: Value, right: Value, at: string): Value {
  if (isUnknown(left) || isUnknown(right)) return combine([left, right]);
  const a = numberValue(left);
  const b = numberValue(right);
  if (a === undefined || b === undefined) {
    const types = `${typeName(left)} and ${typeName(right)}`;
    return invalid(`operator ${op} needs numbers, not ${types} (${at})`);
  }
  if (isUnknown(a) || isUnknown(b)) return combine([a, b]);
  const what = (): string => `${a} ${op} ${b} (${at})`;
  const integers = Number.isInteger(a) && Number.isInteger(b);
  switch (op) {
    case '+':
      return integers ? exactInteger(a + b, () => BigInt(a) + BigInt(b), what) : a + b;
    case '-':
      return integers ? exactInteger(a - b, () => BigInt(a) - BigInt(b), what) : a - b;
    case '*':
      return integers ? exactInteger(a * b, () => BigInt(a) * BigInt(b), what) : a * b;
    case '/':
      return b === 0 ? invalid(`division by zero (${at})`) : exactQuotient(a, b, what);
    case '%':
      return b === 0 ? invalid(`modulo by zero (${at})`) : a % b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    default:
      return a >= b;
  }
}

export function unary(op: '!' | '-', operand: Value, at: string): Value {
  if (isUnknown(operand)) return operand;
  if (op === '!') {
    const b = asBoolean(operand);
    return b === undefined ? invalid(`! needs a bool (${at})`) : !b;
  }
  const n = numberValue(operand);
  if (isUnknown(n)) return n;
  return n === undefined ? invalid(`- needs a number (${at})`) : -n;
}
