import { asBoolean, isUnknown, type Unknown, type Value } from '@posture/model';
import type { TemplateExpr, TemplatePart } from '../ast.js';
import { evaluate } from './expressions.js';
import { bindLoop, type Env } from './scope.js';
import { pairsOf } from './traversal.js';
import { invalid, partlyKnownText } from './unknowns.js';
import { typeName } from './values.js';

export function evaluateTemplate(expr: TemplateExpr, env: Env): Value {
  const [only] = expr.parts;
  // `"${x}"` is x itself, not x converted to a string.
  if (expr.parts.length === 1 && only?.type === 'interpolation') return evaluate(only.expr, env);
  return render(expr.parts, env);
}

function render(parts: readonly TemplatePart[], env: Env): string | Unknown {
  return partlyKnownText(parts.map((part) => renderPart(part, env)));
}

function renderPart(part: TemplatePart, env: Env): string | Unknown {
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
      return partlyKnownText(
        pairs.map(([key, value]) =>
          render(part.body, bindLoop(env, part.keyVar, part.valueVar, key, value)),
        ),
      );
    }
  }
}

/** Terraform's conversion of an interpolated value: numbers and bools become their text. */
export function templateString(value: Value): string | Unknown {
  if (typeof value === 'string' || isUnknown(value)) return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return invalid(`cannot include a ${typeName(value)} in a string template`);
}
