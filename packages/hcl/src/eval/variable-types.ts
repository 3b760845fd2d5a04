/**
 * Conversion of a variable's value to its declared `type`, as Terraform does on input: "1" for a
 * number becomes 1, and `optional(T, default)` attributes missing from an object get their default.
 */
import {
  asBoolean,
  asString,
  isObject,
  isUnknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { Expression } from '../ast.js';
import { setOf } from '../functions/conversions.js';
import { literalText } from '../syntax.js';
import { evaluate } from './expressions.js';
import type { Env } from './scope.js';
import { getKey, numberValue, objectOf } from './values.js';

/** `env` evaluates the defaults of `optional(...)`, which are constants. */
export function convertToType(value: Value, type: Expression, env: Env): Value {
  if (value === null || isUnknown(value)) return value;
  if (type.type === 'call') return convertCall(value, type.name, type.args, env);
  switch (literalText(type)) {
    case 'string':
      return typeof value === 'object' ? value : (asString(value) ?? value);
    case 'number':
      return numberValue(value) ?? value;
    case 'bool':
      return asBoolean(value) ?? value;
    default:
      return value;
  }
}

function convertCall(value: Value, kind: string, args: readonly Expression[], env: Env): Value {
  const [inner] = args;
  if (!inner) return value;
  switch (kind) {
    case 'list':
      return Array.isArray(value) ? value.map((item) => convertToType(item, inner, env)) : value;
    case 'set':
      return Array.isArray(value)
        ? setOf(value.map((item) => convertToType(item, inner, env)))
        : value;
    case 'map':
      return isObject(value)
        ? objectOf(Object.entries(value).map(([k, v]) => [k, convertToType(v, inner, env)]))
        : value;
    case 'tuple':
      return Array.isArray(value) && inner.type === 'tuple'
        ? value.map((item, i) => (inner.items[i] ? convertToType(item, inner.items[i], env) : item))
        : value;
    case 'object':
      return isObject(value) && inner.type === 'object'
        ? convertObject(value, inner.items, env)
        : value;
    default:
      return value;
  }
}

/** Attributes the type does not declare are dropped; missing optional ones take their default. */
function convertObject(
  value: ValueObject,
  attributes: readonly { key: Expression; value: Expression }[],
  env: Env,
): Value {
  const entries: [string, Value][] = [];
  for (const attribute of attributes) {
    const name = literalText(attribute.key);
    if (name === undefined) return value;
    const { type, fallback } = optionalParts(attribute.value);
    const given = getKey(value, name);
    const optional = type !== attribute.value;
    if (given !== undefined && given !== null)
      entries.push([name, convertToType(given, type, env)]);
    else if (fallback) entries.push([name, convertToType(evaluate(fallback, env), type, env)]);
    else if (given === null || optional) entries.push([name, null]);
  }
  return objectOf(entries);
}

/** `optional(T, default)` → T and its default; any other type is itself. */
function optionalParts(type: Expression): { type: Expression; fallback?: Expression } {
  if (type.type !== 'call' || type.name !== 'optional' || !type.args[0]) return { type };
  return { type: type.args[0], fallback: type.args[1] };
}
