import { isUnknown, type Value, type ValueObject } from '@posture/model';
import type { Span } from '../ast.js';
import { fail } from '../functions/function.js';
import { parseHcl } from '../parser/index.js';
import { referencesOf } from '../references.js';
import { evaluate } from './expressions.js';
import type { Env, Scope } from './scope.js';
import { invalid, partlyKnownText } from './unknowns.js';

/** A heredoc marker no template is expected to contain on a line of its own. */
const MARKER = 'POSTURE_TEMPLATEFILE_END_7f3a';
/**
 * Ends the text inside the heredoc, so the newline the heredoc needs before its marker can be told
 * apart from the text's own (which a `~}` strip marker may remove).
 */
const SENTINEL = '\u0001';

/**
 * Renders `templatefile` text: the text is read as the body of a heredoc, which is exactly a
 * template, and evaluated with only the given variables in scope. `source` names the template in
 * errors: the path as the call gives it.
 */
export function renderTemplateFile(
  text: string,
  vars: ValueObject,
  env: Env,
  source: string,
): Value {
  const parsed = parseHcl(`t = <<${MARKER}\n${text}${SENTINEL}\n${MARKER}\n`, env.file);
  const [item] = parsed.body.items;
  if (parsed.diagnostics.length > 0 || item?.kind !== 'attribute') {
    return invalid('the template has syntax errors');
  }
  // Terraform refuses the whole call when the template names a variable the call does not pass,
  // even in a branch that would not be rendered.
  const missing = referencesOf(item.expr).find(({ name }) => !Object.hasOwn(vars, name));
  if (missing) {
    fail(
      `vars map does not contain key "${missing.name}", referenced at ${source}:${templateRange(missing.span)}`,
    );
  }
  const scope: Scope = {
    lookup: (name) => invalid(`${name} is not a template variable`),
    files: env.scope.files,
    diagnostics: env.scope.diagnostics,
    inTemplate: true,
  };
  const bindings = new Map(Object.entries(vars));
  const value = evaluate(item.expr, {
    scope,
    file: env.file,
    template: source,
    bindings,
    sink: env.sink,
  });
  return withoutTail(value, `${SENTINEL}\n`);
}

/** HCL's form of a name's place in the template (`6,23-32`): the heredoc's lines, less the first. */
function templateRange({ start, end }: Span): string {
  return `${start.line - 1},${start.column}-${end.column}`;
}

/** The rendered text without the heredoc's tail; with unknown parts, its known text without it. */
function withoutTail(value: Value, tail: string): Value {
  if (typeof value === 'string') return value.endsWith(tail) ? value.slice(0, -tail.length) : value;
  const last = isUnknown(value) ? value.pieces?.at(-1) : undefined;
  if (!isUnknown(value) || typeof last !== 'string' || !last.endsWith(tail)) return value;
  return partlyKnownText([...(value.pieces ?? []).slice(0, -1), last.slice(0, -tail.length)]);
}
