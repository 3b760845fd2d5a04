import type { Value, ValueObject } from '@posture/model';
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
  const tail = `${SENTINEL}\n`;
  return typeof value === 'string' && value.endsWith(tail) ? value.slice(0, -tail.length) : value;
}
