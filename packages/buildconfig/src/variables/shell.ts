import {
  known,
  SHELL_USE,
  substitutions,
  use,
  type Assignment,
  type Substitution,
} from './common.js';

/** `NAME=value`, `export NAME=value`, `readonly NAME=value`; indented ones are inside blocks. */
const SHELL_ASSIGNMENT =
  /^(?<indent>[ \t]*)(?:(?:export|readonly|local|declare)(?:[ \t]+-\w+)*[ \t]+)?(?<name>[A-Za-z_]\w*)=(?<value>.*)$/gm;
/** A shell word: double-quoted without expansions, single-quoted, or bare; then a comment at most. */
const SHELL_VALUE =
  /^(?:"(?<dq>[^"$`\\]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'$`\\;&|()<>#]*))\s*(?:#.*)?$/;

/** A shell script runs top to bottom: a use sees the last assignment before it. */
export function shellSubstitutions(text: string): Substitution[] {
  const assignments: Assignment[] = [...text.matchAll(SHELL_ASSIGNMENT)].map((m) => {
    const { indent = '', name = '', value = '' } = m.groups ?? {};
    const word = SHELL_VALUE.exec(value)?.groups;
    // An indented assignment is in a function or a branch, which may or may not run.
    const literal = indent === '' ? (word?.dq ?? word?.sq ?? word?.bare) : undefined;
    return { offset: m.index, name, value: known(name, literal) };
  });
  const uses = [...text.matchAll(SHELL_USE)].map((m) => use(m, m.groups?.brace ?? m.groups?.bare));
  const values = new Map<string, string | undefined>();
  let next = 0;
  return substitutions(uses, (u) => {
    for (; next < assignments.length && assignments[next]!.offset < u.start; next++) {
      const { name, value } = assignments[next]!;
      values.set(name, value);
    }
    return values.get(u.name);
  });
}
