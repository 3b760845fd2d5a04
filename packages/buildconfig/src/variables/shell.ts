import {
  expand,
  known,
  shellUses,
  substitutions,
  type Assignment,
  type Lookup,
  type Substitution,
  type Use,
} from './common.js';
import type { Span } from '../structured/doc.js';

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
export interface ShellAssignment extends Assignment {
  readonly expands: boolean;
}

/** A shell script runs top to bottom: see `inOrder`. */
export function shellSubstitutions(text: string): Substitution[] {
  return substitutions(shellUses(text), inOrder(shellAssignments(text)));
}

/**
 * The assignments of the script at `span` of `text` (default: all of it). Only those at the
 * script's outermost indentation have a value: an indented one is in a function or a branch, which
 * may or may not run. A script inside YAML is indented as a whole, so the outermost indentation is
 * the least of its lines.
 */
export function shellAssignments(
  text: string,
  span: Span = { start: 0, end: text.length },
): ShellAssignment[] {
  const script = text.slice(span.start, span.end);
  const outer = outermostIndent(script);
  return [...script.matchAll(SHELL_ASSIGNMENT)].map((m) => {
    const { indent = '', name = '', value = '' } = m.groups ?? {};
    const word = indent.length === outer ? SHELL_VALUE.exec(value)?.groups : undefined;
    const written = word?.dq ?? word?.bare;
    return {
      offset: span.start + m.index,
      name,
      value: word?.sq ?? written,
      expands: written !== undefined,
    };
  });
}

/**
 * Resolves a script's uses, asked for in order: a use sees the last assignment before it, and an
 * assignment built from variables (`BUCKET="${PREFIX}-releases"`) takes their values at that point.
 * A name no assignment before the use sets has the value `outside` gives it (the CI's variables
 * around a `run:` block), none by default.
 */
export function inOrder(
  assignments: readonly ShellAssignment[],
  outside: Lookup = () => undefined,
): (use: Use) => string | undefined {
  const values = new Map<string, string | undefined>();
  const lookup: Lookup = (name) => (values.has(name) ? values.get(name) : outside(name));
  let next = 0;
  return (u) => {
    for (; next < assignments.length && assignments[next]!.offset < u.start; next++) {
      const { name, value, expands } = assignments[next]!;
      const expanded = expands && value !== undefined ? expand(value, lookup) : value;
      values.set(name, known(name, expanded));
    }
    return lookup(u.name);
  };
}

function outermostIndent(script: string): number {
  let least = Infinity;
  for (const m of script.matchAll(/^[ \t]*(?=\S)/gm)) least = Math.min(least, m[0].length);
  return least === Infinity ? 0 : least;
}
