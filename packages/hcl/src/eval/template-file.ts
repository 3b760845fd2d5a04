import type { Value, ValueObject } from '@posture/model';
import { parseHcl } from '../parser/index.js';
import { evaluate } from './expressions.js';
import type { Env, Scope } from './scope.js';
import { invalid } from './unknowns.js';

/** A heredoc marker no template is expected to contain on a line of its own. */
const MARKER = 'POSTURE_TEMPLATEFILE_END_7f3a';

/**
 * Renders `templatefile` text: the text is read as the body of a heredoc, which is exactly a
 * template, and evaluated with only the given variables in scope.
 */
export function renderTemplateFile(text: string, vars: ValueObject, env: Env): Value {
  const newline = text.endsWith('\n') ? '' : '\n';
  const parsed = parseHcl(`t = <<${MARKER}\n${text}${newline}${MARKER}\n`, env.file);
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
  const value = evaluate(item.expr, { scope, file: env.file, bindings: new Map(Object.entries(vars)), sink: env.sink });
  // The heredoc added a final newline the file did not have.
  return newline && typeof value === 'string' ? value.slice(0, -1) : value;
}
