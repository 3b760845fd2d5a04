import { asBoolean, isUnknown, Unknown, type Value } from '@posture/model';
import type { TemplateExpr, TemplatePart } from '../ast.js';
import { evaluate } from './expressions.js';
import { bindLoop, type Env } from './scope.js';
import { pairsOf } from './traversal.js';
import { combine, Invalid, invalid } from './unknowns.js';
import { typeName } from './values.js';

export function evaluateTemplate(expr: TemplateExpr, env: Env): Value {
  const [only] = expr.parts;
  // `"${x}"` is x itself, not x converted to a string.
  if (expr.parts.length === 1 && only?.type === 'interpolation') return evaluate(only.expr, env);
  return render(expr.parts, env);
}

function render(parts: readonly TemplatePart[], env: Env): Value {
  let text = '';
  const pieces: (string | Unknown)[] = [];
  const unknowns: Value[] = [];
  for (const part of parts) {
    const piece = renderPart(part, env);
    if (typeof piece === 'string') {
      text += piece;
      pieces.push(piece);
    } else {
      unknowns.push(piece);
      if (isUnknown(piece)) pieces.push(...(piece.pieces ?? [piece]));
    }
  }
  if (unknowns.length === 0) return text;
  const unknown = combine(unknowns);
  // The known text stays readable around the unknown parts (see `Unknown.pieces`).
  return unknown instanceof Invalid || pieces.length === unknowns.length
    ? unknown
    : new Unknown(unknown.refs, unknown.reason, { pieces });
}

function renderPart(part: TemplatePart, env: Env): Value {
  switch (part.type) {
    case 'literal':
      return part.value;
    case 'interpolation':
      return templateString(evaluate(part.expr, env));
    case 'if': {
      const condition = evaluate(part.condition, env);
      if (isUnknown(condition)) return condition;
      const chosen = asBoolean(condition);
      if (chosen === undefined) return invalid('template condition is not a bool');
      return render(chosen ? part.then : (part.else ?? []), env);
    }
    case 'for': {
      const pairs = pairsOf(evaluate(part.collection, env));
      if (isUnknown(pairs)) return pairs;
      const pieces = pairs.map(([key, value]) =>
        render(part.body, bindLoop(env, part.keyVar, part.valueVar, key, value)),
      );
      return pieces.every((p) => typeof p === 'string') ? pieces.join('') : combine(pieces);
    }
  }
}

/** Terraform's conversion of an interpolated value: numbers and bools become their text. */
export function templateString(value: Value): Value {
  if (typeof value === 'string' || isUnknown(value)) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return invalid(`cannot include a ${typeName(value)} in a string template`);
}
