import { known, substitutions, use, type Substitution } from './common.js';

/** `$(NAME)` and `${NAME}` in a Makefile; `$$(…)` is the shell's, escaped from make. */
const MAKE_USE = /(?<!\$)\$(?:\((?<paren>[A-Za-z_][\w.-]*)\)|\{(?<brace>[A-Za-z_][\w.-]*)\})/g;
/** `NAME := value`, `NAME = value`, `NAME ?= value` (and the forms that are never literal). */
const MAKE_ASSIGNMENT =
  /^(?:(?:export|override)[ \t]+)*(?<name>[A-Za-z_][\w.-]*)[ \t]*(?<op>:::=|::=|:=|\?=|\+=|!=|=)(?<value>.*)$/gm;

/** Make reads every assignment before it runs a recipe, so the last one decides. */
export function makeSubstitutions(text: string): Substitution[] {
  const values = new Map<string, string | undefined>();
  for (const m of text.matchAll(MAKE_ASSIGNMENT)) {
    const { name = '', op = '', value = '' } = m.groups ?? {};
    // `?=` only sets a variable not set before; `+=` and `!=` (a shell command) are never literal.
    if (op === '?=' && values.has(name)) continue;
    const literal = op === '+=' || op === '!=' ? undefined : value.replace(/#.*/, '').trim();
    values.set(name, known(name, literal));
  }
  return substitutions(
    [...text.matchAll(MAKE_USE)].map((m) => use(m, m.groups?.paren ?? m.groups?.brace)),
    (u) => values.get(u.name),
  );
}
