import { isUnknown, Unknown, type Value, type ValueObject } from '@posture/model';
import { parseHcl } from '../parser/index.js';
import { evaluate } from './expressions.js';
import type { Env, Scope } from './scope.js';
import { invalid } from './unknowns.js';

/** A heredoc marker no template is expected to contain on a line of its own. */
const MARKER = 'POSTURE_TEMPLATEFILE_END_7f3a';
/**
 * Ends the text inside the heredoc, so the newline the heredoc needs before its marker can be told
 * apart from the text's own (which a `~}` strip marker may remove).
 */
const SENTINEL = '\u0001';

/**
 * Renders `templatefile` text: the text is read as the body of a heredoc, which is exactly a
 * template, and evaluated with only the given variables in scope.
 */
export function renderTemplateFile(text: string, vars: ValueObject, env: Env): Value {
  const parsed = parseHcl(`t = <<${MARKER}\n${text}${SENTINEL}\n${MARKER}\n`, env.file);
  const [item] = parsed.body.items;
  if (parsed.diagnostics.length > 0 || item?.kind !== 'attribute') {
    return invalid('the template has syntax errors');
  }
  const scope: Scope = {
    lookup: (name) => invalid(`${name} is not a template variable`),
    files: env.scope.files,
    diagnostics: env.scope.diagnostics,
    inTemplate: true,
  };
  const bindings = new Map(Object.entries(vars));
  const value = evaluate(item.expr, { scope, file: env.file, bindings, sink: env.sink });
  return withoutTail(value, `${SENTINEL}\n`);
}

/** The rendered text without the heredoc's tail; with unknown parts, its known text without it. */
function withoutTail(value: Value, tail: string): Value {
  if (typeof value === 'string') return value.endsWith(tail) ? value.slice(0, -tail.length) : value;
  const last = isUnknown(value) ? value.pieces?.at(-1) : undefined;
  if (!isUnknown(value) || typeof last !== 'string' || !last.endsWith(tail)) return value;
  const pieces = [...(value.pieces ?? []).slice(0, -1), last.slice(0, -tail.length)];
  return new Unknown(value.refs, value.reason, { ...value, pieces });
}
