import {
  expand,
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
/**
 * A shell word: double-quoted (variables expand, nothing else may), single-quoted (nothing
 * expands), or bare; then a comment at most.
 */
const SHELL_VALUE =
  /^(?:"(?<dq>[^"`\\]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'`\\;&|()<>#]*))\s*(?:#.*)?$/;

/** An assignment as written: `expands` when its value may hold variables (not single-quoted). */
interface Written extends Assignment {
  readonly expands: boolean;
}

/**
 * A shell script runs top to bottom: a use sees the last assignment before it, and an assignment
 * built from variables (`BUCKET="${PREFIX}-releases"`) takes their values at that point.
 */
export function shellSubstitutions(text: string): Substitution[] {
  const assignments: Written[] = [...text.matchAll(SHELL_ASSIGNMENT)].map((m) => {
    const { indent = '', name = '', value = '' } = m.groups ?? {};
    const word = SHELL_VALUE.exec(value)?.groups;
    // An indented assignment is in a function or a branch, which may or may not run.
    const written = indent === '' ? (word?.dq ?? word?.bare) : undefined;
    const single = indent === '' ? word?.sq : undefined;
    return { offset: m.index, name, value: single ?? written, expands: written !== undefined };
  });
  const uses = [...text.matchAll(SHELL_USE)].map((m) => use(m, m.groups?.brace ?? m.groups?.bare));
  const values = new Map<string, string | undefined>();
  let next = 0;
  return substitutions(uses, (u) => {
    for (; next < assignments.length && assignments[next]!.offset < u.start; next++) {
      const { name, value, expands } = assignments[next]!;
      const expanded = expands && value !== undefined ? expand(value, values) : value;
      values.set(name, known(name, expanded));
    }
    return values.get(u.name);
  });
}
