import { asBoolean, asString, isUnknown, Unknown, type Value } from '@posture/model';
import type {
  ConditionalExpr,
  Expression,
  LiteralExpr,
  ObjectExpr,
  SplatExpr,
  TupleExpr,
} from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluateCall } from './calls.js';
import { evaluateFor } from './for-expr.js';
import { binary, unary } from './operators.js';
import { bind, type Env } from './scope.js';
import { evaluateTemplate } from './templates.js';
import { placeError, writtenAt } from './sites.js';
import { sizeOf } from './size.js';
import { getAttr, index } from './traversal.js';
import {
  Inexact,
  InstanceObject,
  Invalid,
  MAX_TEXT,
  Reported,
  TooLarge,
  combine,
  invalid,
  overBound,
  reportTooLarge,
} from './unknowns.js';
import { objectOf } from './values.js';

/** The binding name of the splat's anonymous symbol; not an identifier, so nothing can shadow it. */
const SPLAT_ITEM = '[*]';

/**
 * Evaluates an expression. Never throws: what cannot be known is an `Unknown`. What an expression
 * builds (text, a tuple, an object, a call's result, a for or splat expression) is checked against
 * the bounds where it is built; the other kinds only pass on values built elsewhere. An error it
 * makes says where it arose (`placeError`).
 */
export function evaluate(expr: Expression, env: Env): Value {
  return placeError(evaluateKind(expr, env), expr, env);
}

function evaluateKind(expr: Expression, env: Env): Value {
  switch (expr.type) {
    case 'literal':
      return expr.inexact === undefined ? expr.value : inexactLiteral(expr, env);
    case 'template':
      return withinBounds(evaluateTemplate(expr, env), expr, env);
    case 'tuple':
      return withinBounds(evaluateTuple(expr, env), expr, env);
    case 'object':
      return withinBounds(evaluateObject(expr, env), expr, env);
    case 'variable':
      return bound(env, expr.name, () => env.scope.lookup(expr.name));
    case 'getattr':
      return getAttr(evaluate(expr.object, env), expr.name, env.sink);
    case 'index':
      return index(evaluate(expr.object, env), evaluate(expr.key, env), env.sink);
    case 'splat':
      return withinBounds(evaluateSplat(expr, env), expr, env);
    case 'anon':
      return bound(env, SPLAT_ITEM, () => invalid('splat symbol outside a splat'));
    case 'call':
      return withinBounds(evaluateCall(expr, env), expr, env);
    case 'conditional':
      return evaluateConditional(expr, env);
    case 'binary':
      return binary(
        expr.op,
        evaluate(expr.left, env),
        () => evaluate(expr.right, env),
        writtenAt(expr, env),
      );
    case 'unary':
      return unary(expr.op, evaluate(expr.operand, env), writtenAt(expr, env));
    case 'parens':
      return evaluate(expr.expr, env);
    case 'for':
      return withinBounds(evaluateFor(expr, env), expr, env);
    case 'invalid':
      // The parser reported it.
      return new Reported([], 'syntax error');
  }
}

type BuildingExpr = Extract<
  Expression,
  { type: 'template' | 'tuple' | 'object' | 'call' | 'for' | 'splat' }
>;

/**
 * A value too large to evaluate (`sizeOf`) is unknown, and an error where it is built: what reads
 * it is unknown too, and `can()` or `try()` around it cannot hide it.
 */
function withinBounds(value: Value, expr: BuildingExpr, env: Env): Value {
  if (typeof value === 'string' && value.length <= MAX_TEXT) return value;
  const large = value instanceof TooLarge ? value : overBound(sizeOf(value), built(expr));
  if (!large) return value;
  reportTooLarge(large, env.scope.diagnostics, spanRange(env.file, expr));
  return large;
}

/** What an expression that builds a value builds, for the error when it is too large. */
function built(expr: BuildingExpr): string {
  switch (expr.type) {
    case 'template':
      return 'text';
    case 'tuple':
      return 'a tuple';
    case 'object':
      return 'an object';
    case 'call':
      return `${expr.name}()`;
    case 'for':
      return 'a for expression';
    case 'splat':
      return 'a splat expression';
  }
}

function evaluateTuple(expr: TupleExpr, env: Env): Value {
  const items = expr.items.map((item) => evaluate(item, env));
  return tooLargeIn(items) ?? items;
}

/** What holds a value too large to evaluate is too large itself. */
function tooLargeIn(items: readonly Value[]): TooLarge | undefined {
  return items.find((item): item is TooLarge => item instanceof TooLarge);
}

/** A bound name's value (which may be null), else what `unbound` says. */
function bound(env: Env, name: string, unbound: () => Value): Value {
  return env.bindings.has(name) ? (env.bindings.get(name) ?? null) : unbound();
}

function evaluateObject(expr: ObjectExpr, env: Env): Value {
  // A bare identifier key is the string it spells; anything else is evaluated.
  const keys = expr.items.map((i) =>
    i.key.type === 'variable' ? i.key.name : evaluate(i.key, env),
  );
  const values = expr.items.map((i) => evaluate(i.value, env));
  if (keys.some(isUnknown)) return combine([...keys, ...values]);
  const large = tooLargeIn(values);
  if (large) return large;
  const entries: [string, Value][] = [];
  for (const [i, key] of keys.entries()) {
    const name = asString(key);
    if (name === undefined) return invalid('object keys must be strings');
    entries.push([name, values[i] ?? null]);
  }
  return objectOf(entries);
}

function evaluateConditional(expr: ConditionalExpr, env: Env): Value {
  const condition = evaluate(expr.condition, env);
  if (isUnknown(condition)) {
    const branches = combine([evaluate(expr.then, env), evaluate(expr.else, env)]);
    return combine([condition, untilChosen(branches)]);
  }
  const chosen = asBoolean(condition);
  if (chosen === undefined) return invalid('condition is not a bool');
  return evaluate(chosen ? expr.then : expr.else, env);
}

/**
 * The branches of a conditional whose condition is unknown. Terraform reports neither one's errors
 * until it knows which is taken, so an error there is not one yet: the result is only unknown. An
 * error already reported stays one, and so does a value too large to evaluate.
 */
function untilChosen(branches: Unknown): Unknown {
  if (!(branches instanceof Invalid) || branches instanceof Reported) return branches;
  return new Unknown(branches.refs);
}

/** `source[*].rest`: a single value is treated as a one-element list, null as an empty one. */
function evaluateSplat(expr: SplatExpr, env: Env): Value {
  const source = evaluate(expr.source, env);
  const each = (item: Value) =>
    placeError(evaluate(expr.each, bind(env, { [SPLAT_ITEM]: item })), expr, env);
  if (source === null) return [];
  if (Array.isArray(source)) return source.map(each);
  // An unknown collection: the result is an unknown list, still naming what each element reads.
  if (isUnknown(source) && !(source instanceof InstanceObject)) return combine([each(source)]);
  return [each(source)];
}

/** A number Terraform holds exactly and a double does not is unknown, not another number. */
function inexactLiteral(expr: LiteralExpr, env: Env): Inexact {
  return new Inexact(
    [],
    `the number ${expr.inexact} (${writtenAt(expr, env)}) has more digits than are held exactly`,
  );
}
