import { isUnknown, ownEntry, unknown, type Value } from '@posture/model';
import type { CallExpr } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { applyFunction, lookupFunction, type CallContext } from '../functions/index.js';
import { evaluate } from './expressions.js';
import { Sensitive } from './marks.js';
import type { Env } from './scope.js';
import { renderTemplateFile } from './template-file.js';
import { Invalid, combine, invalid, isWhollyKnown, unknownsIn } from './unknowns.js';

export function evaluateCall(expr: CallExpr, env: Env): Value {
  if (expr.name === 'try') return evaluateTry(expr, env);
  if (expr.name === 'can') return evaluateCan(expr, env);
  if (expr.name === 'issensitive') return evaluateIsSensitive(expr, env);
  const { functions } = env.scope;
  const def = (functions && ownEntry(functions, expr.name)) ?? lookupFunction(expr.name);
  if (!def) return unknownFunction(expr, env);
  const args = expr.args.map((arg) => evaluate(arg, env));
  const expanded = expr.expandFinal ? expandFinal(args) : args;
  if (!Array.isArray(expanded)) return expanded;
  return applyFunction(expr.name, def, expanded, callContext(expr, env));
}

/** `f(a, list...)`: the final list's elements become arguments. */
function expandFinal(args: Value[]): Value[] | Value {
  const last = args.at(-1);
  if (isUnknown(last)) return combine([last]);
  if (!Array.isArray(last)) return invalid('only a list can be expanded with ...');
  return [...args.slice(0, -1), ...last];
}

function callContext(expr: CallExpr, env: Env): CallContext {
  return {
    files: env.scope.files,
    at: spanRange(env.file, expr),
    renderTemplate: (text, vars, source) =>
      env.scope.inTemplate
        ? invalid('templatefile cannot be called from a template')
        : renderTemplateFile(text, vars, env, source),
  };
}

function unknownFunction(expr: CallExpr, env: Env): Value {
  const message = `function ${expr.name} is not known to Posture; its result is unknown`;
  env.scope.diagnostics.reportOnce(
    `eval-unknown-function:${expr.name}`,
    'info',
    'eval-unknown-function',
    message,
    spanRange(env.file, expr),
  );
  return unknown([], `${expr.name}() is not evaluated`);
}

/** The first argument that evaluates without error; an unknown one stays unknown. */
function evaluateTry(expr: CallExpr, env: Env): Value {
  let last: Value = invalid('try needs an argument');
  for (const arg of expr.args) {
    last = evaluate(arg, env);
    if (!isFailure(last)) return last;
  }
  return last;
}

function evaluateCan(expr: CallExpr, env: Env): Value {
  const [arg] = expr.args;
  if (!arg) return invalid('can needs an argument');
  const value = evaluate(arg, env);
  if (isFailure(value)) return false;
  return isWhollyKnown(value) ? true : combine([value]);
}

function isFailure(value: Value): boolean {
  return unknownsIn(value).some((u) => u instanceof Invalid);
}

/**
 * Whether the value itself is marked sensitive, as Terraform asks it: a list or object is not for
 * a sensitive or unknown element. A known value is not, unless it holds a resource's attribute:
 * the provider's schema may mark that one sensitive (a database password), and Posture does not
 * read schemas, so it is unknown.
 */
function evaluateIsSensitive(expr: CallExpr, env: Env): Value {
  const [arg] = expr.args;
  if (!arg || expr.args.length > 1 || expr.expandFinal) {
    return invalid('issensitive needs one argument');
  }
  const read = new Set<string>();
  const value = evaluate(arg, { ...env, sink: read });
  for (const address of read) env.sink.add(address);
  if (value instanceof Sensitive) return true;
  if (isUnknown(value)) return combine([value]);
  return read.size > 0 ? unknown([...read], 'whether a resource attribute is sensitive') : false;
}
