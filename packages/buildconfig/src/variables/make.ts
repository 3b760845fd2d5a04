import { known, substitutions, use, type Substitution } from './common.js';

/** `$(NAME)` and `${NAME}` in a Makefile; `$$(…)` is the shell's, escaped from make. */
const MAKE_USE = /(?<!\$)\$(?:\((?<paren>[A-Za-z_][\w.-]*)\)|\{(?<brace>[A-Za-z_][\w.-]*)\})/g;
/** `NAME := value`, `NAME = value`, `NAME ?= value` (and the forms that are never literal). */
const MAKE_ASSIGNMENT =
  /^(?:(?:export|override)[ \t]+)*(?<name>[A-Za-z_][\w.-]*)[ \t]*(?<op>:::=|::=|:=|\?=|\+=|!=|=)(?<value>.*)$/gm;
/** Variables referring to variables deeper than this are left unresolved (and so are cycles). */
const MAX_DEPTH = 8;

/**
 * Make reads every assignment before it runs a recipe, so the last one decides. A value built
 * from other variables (`BUCKET ?= $(PROJECT)-releases`) takes theirs: `:=` those set before it,
 * `=` and `?=` the last ones, when a recipe runs.
 */
export function makeSubstitutions(text: string): Substitution[] {
  const written = new Map<string, string | undefined>();
  for (const m of text.matchAll(MAKE_ASSIGNMENT)) {
    const { name = '', op = '', value = '' } = m.groups ?? {};
    // `?=` only sets a variable not set before; `+=` and `!=` (a shell command) are never literal.
    if (op === '?=' && written.has(name)) continue;
    const raw = op === '+=' || op === '!=' ? undefined : value.replace(/#.*/, '').trim();
    const simple = op.endsWith(':=') || op === ':::=';
    written.set(name, simple && raw !== undefined ? resolve(raw, written, 0) : raw);
  }
  const value = (name: string): string | undefined => {
    const raw = written.get(name);
    return known(name, raw === undefined ? undefined : resolve(raw, written, 0));
  };
  return substitutions(
    [...text.matchAll(MAKE_USE)].map((m) => use(m, m.groups?.paren ?? m.groups?.brace)),
    (u) => value(u.name),
  );
}

/** `raw` with the variables it uses replaced, recursively; undefined if one cannot be. */
function resolve(
  raw: string,
  written: ReadonlyMap<string, string | undefined>,
  depth: number,
): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let unresolved = false;
  const result = raw.replace(MAKE_USE, (_match, paren?: string, brace?: string) => {
    const name = paren ?? brace ?? '';
    const inner = written.get(name);
    const value = inner === undefined ? undefined : resolve(inner, written, depth + 1);
    const safe = known(name, value);
    unresolved ||= safe === undefined;
    return safe ?? '';
  });
  return unresolved ? undefined : result;
}
