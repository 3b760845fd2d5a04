import { looksSecret } from '@posture/model';
import { CONCAT, joinAt } from './chains.js';
import { isPlus, skipBlanks } from './characters.js';
import { MAX_ALTERNATIVES, MAX_CHAIN, MAX_OPERANDS, type Join } from './join.js';

/**
 * The chains an expression from `at` may be: each value of a fallback (`process.env.BUCKET ||
 * "acme"`, `a ?? b`) and each branch of a conditional (`prod ? "acme-releases" : "acme-staging"`,
 * its condition operands compared, negated or joined with `&&`), at most MAX_ALTERNATIVES. None
 * when the expression goes on past what is read (`"acme".trim()`, `n * 2`): its value is not theirs;
 * none of fallbacks one of which is a name that says it holds a credential (see `JsConstants`).
 * `bounded` is called when a bound left some of it unread: more alternatives than MAX_ALTERNATIVES,
 * conditionals deeper than MAX_NESTING, more operands than MAX_OPERANDS or characters than MAX_CHAIN.
 */
export function alternativesAt(text: string, at: number, bounded: () => void = noop): Join[] {
  const expression = expressionAt(text, at, at + MAX_CHAIN, 0, bounded);
  return expression && endsAt(text, afterAssertion(text, expression.end))
    ? [...expression.joins]
    : [];
}

/** A TypeScript assertion after a value (`"acme-releases" as const`), which leaves it as it is. */
const ASSERTION = /[ \t]{1,16}(?:as|satisfies)[ \t]{1,16}[\w$.]{1,64}(?:\[\])?/y;

/** Where a value ending at `end` ends, past an assertion after it. */
export function afterAssertion(text: string, end: number): number {
  ASSERTION.lastIndex = end;
  return ASSERTION.test(text) ? ASSERTION.lastIndex : end;
}

interface Expression {
  readonly joins: readonly Join[];
  readonly end: number;
}

/** How deep conditionals are read inside conditionals. */
export const MAX_NESTING = 4;
const OPERATORS = ['===', '!==', '||', '??', '&&', '==', '!=', '<=', '>=', '<', '>'];

const noop = (): void => undefined;

/**
 * The expression from `at`, when it is read whole before `stop`; `bounded` is called when a bound
 * cut it (see `alternativesAt`).
 */
export function expressionAt(
  text: string,
  at: number,
  stop: number,
  nesting: number,
  bounded: () => void,
): Expression | undefined {
  if (nesting > MAX_NESTING) return void bounded();
  const terms: Join[] = [];
  // Whether the value is one of its terms: a fallback's is, a comparison's or a negation's is not.
  let choices = true;
  for (let pos = at; ;) {
    if (terms.length >= MAX_OPERANDS) return void bounded();
    const negated = text[pos] === '!';
    const term = joinAt(text, negated ? skipBlanks(text, pos + 1) : pos);
    if (!term) return undefined;
    if (term.end > stop || cutAt(text, term)) return void bounded();
    terms.push(term);
    choices &&= !negated;
    const next = skipBlanks(text, term.end);
    const op = operatorAt(text, next);
    if (op === '?') return conditional(text, skipBlanks(text, next + 1), stop, nesting, bounded);
    if (op === undefined) {
      // A fallback of a credential's name (`process.env.API_TOKEN || "…"`) is a credential too.
      const withheld = choices && terms.some(namesACredential);
      if (choices && !withheld && terms.length > MAX_ALTERNATIVES) bounded();
      return { joins: choices && !withheld ? terms.slice(0, MAX_ALTERNATIVES) : [], end: term.end };
    }
    choices &&= op === '||' || op === '??';
    pos = skipBlanks(text, next + op.length);
  }
}

/** Whether a name of the join says it holds a credential (`process.env.API_TOKEN`). */
function namesACredential(join: Join): boolean {
  return join.parts.some((part) => typeof part !== 'string' && looksSecret(part.name));
}

/** Whether a bound cut the chain before its end: a `+` or another `.concat(` argument follows. */
function cutAt(text: string, join: Join): boolean {
  const next = skipBlanks(text, join.end);
  return (
    join.through !== join.end &&
    (isPlus(text, next) || text[next] === ',' || text.startsWith(CONCAT, next))
  );
}

/** The branches of a conditional whose `?` is just before `at`. */
function conditional(
  text: string,
  at: number,
  stop: number,
  nesting: number,
  bounded: () => void,
): Expression | undefined {
  const then = expressionAt(text, at, stop, nesting + 1, bounded);
  const colon = then && skipBlanks(text, then.end);
  if (colon === undefined || text[colon] !== ':') return undefined;
  const otherwise = expressionAt(text, skipBlanks(text, colon + 1), stop, nesting + 1, bounded);
  if (!then || !otherwise) return undefined;
  const joins = [...then.joins, ...otherwise.joins];
  if (joins.length > MAX_ALTERNATIVES) bounded();
  return { joins: joins.slice(0, MAX_ALTERNATIVES), end: otherwise.end };
}

/** The operator at `i` between two operands, `?` of a conditional (not `?.` or `??`) among them. */
function operatorAt(text: string, i: number): string | undefined {
  if (
    text[i] === '?' &&
    text[i + 1] !== '?' &&
    !(text[i + 1] === '.' && !/\d/.test(text[i + 2] ?? ''))
  )
    return '?';
  // Most operands are followed by none: one character tells, before each operator is tried.
  if (!OPERATOR_STARTS.includes(text[i] ?? ' ')) return undefined;
  return OPERATORS.find((op) => text.startsWith(op, i) && text[i + op.length] !== '=');
}
const OPERATOR_STARTS = '=!|?&<>';

/** Whether an expression ending at `i` ends its statement, argument, element or property there. */
export function endsAt(text: string, i: number): boolean {
  const next = skipBlanks(text, i);
  return next >= text.length || ',;)}]'.includes(text[next]!) || /[\r\n]/.test(text.slice(i, next));
}
