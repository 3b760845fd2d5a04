/** Where an evaluation error arose, for its reason: what reads the value may be in another file. */
import type { Value } from '@posture/model';
import type { Expression } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { literalText } from '../syntax.js';
import type { Env } from './scope.js';
import { errorKind, Invalid, Reported } from './unknowns.js';

/** Where an expression is, for the reason its value is unknown: `written at main.tf:3`. */
export function writtenAt(expr: Expression, env: Env): string {
  const { line } = expr.start;
  return env.template === undefined
    ? `written at ${env.file}:${line}`
    : `written at ${env.template}:${line - 1}`;
}

/**
 * An error that `expr` made, not one it passed on, is placed there: `module.org[0] (written at
 * org.tf:60): index 0 is out of range`. Every expression passes on the errors it reads with their
 * site, so an error with no site is new. References, traversals, splats and calls name theirs; the
 * other kinds only mark theirs, so that what reads one does not claim it. A step of a splat
 * (`[*].name`) leaves its errors to the splat, which names the whole.
 */
export function placeError(value: Value, expr: Expression, env: Env): Value {
  if (!(value instanceof Invalid) || value instanceof Reported || value.site) return value;
  if (inSplat(expr)) return value;
  const cause = value.reason ?? 'an evaluation error';
  const range = env.template === undefined ? spanRange(env.file, expr) : undefined;
  const subject = subjectOf(expr);
  const reason =
    subject === undefined ? cause : `${subject} (${writtenAt(expr, env)}): ${bare(cause, expr)}`;
  return new (errorKind(value))(value.refs, reason, {
    cause,
    ...(range && { range }),
  });
}

/** A function's error names the function (`max: max needs an argument`): the subject does now. */
function bare(cause: string, expr: Expression): string {
  const named = expr.type === 'call' ? `${expr.name}: ` : undefined;
  return named !== undefined && cause.startsWith(named) ? cause.slice(named.length) : cause;
}

/**
 * The expression an error is named by: a reference, a traversal, a splat or a call. Other kinds
 * are not named: an operator's reason says where it is already, and the rest are rare.
 */
function subjectOf(expr: Expression): string | undefined {
  switch (expr.type) {
    case 'variable':
    case 'getattr':
    case 'index':
    case 'splat':
    case 'call':
      return textOf(expr);
    default:
      return undefined;
  }
}

/** The expression as written, short: a call's arguments and a computed index key are `…`. */
function textOf(expr: Expression): string {
  switch (expr.type) {
    case 'variable':
      return expr.name;
    case 'getattr':
      return `${textOf(expr.object)}.${expr.name}`;
    case 'index':
      return `${textOf(expr.object)}[${keyText(expr.key)}]`;
    case 'splat':
      return `${textOf(expr.source)}[*]${textOf(expr.each)}`;
    case 'anon':
      return '';
    case 'call':
      return `${expr.name}(${expr.args.length > 0 ? '…' : ''})`;
    case 'parens':
      return `(${textOf(expr.expr)})`;
    default:
      return '…';
  }
}

function keyText(key: Expression): string {
  if (key.type === 'literal') return String(key.value);
  const text = key.type === 'template' ? literalText(key) : undefined;
  return text === undefined ? textOf(key) : JSON.stringify(text);
}

/** Whether a traversal starts at a splat's element (`[*].name` in `list[*].name`). */
function inSplat(expr: Expression): boolean {
  if (expr.type === 'getattr' || expr.type === 'index') return inSplat(expr.object);
  return expr.type === 'anon';
}
