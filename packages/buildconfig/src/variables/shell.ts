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

/**
 * A shell script runs top to bottom: see `inOrder`. A name it has not assigned yet has the value
 * `environment` gives it (what the CI job that runs the script sets), none by default.
 */
export function shellSubstitutions(
  text: string,
  environment: Lookup = () => undefined,
): Substitution[] {
  return substitutions(shellUses(text), inOrder(shellAssignments(text), environment));
}

/**
 * The assignments of the script at `span` of `text` (default: all of it), in order. One at the
 * script's outermost indentation holds from there on. An indented one is in a block (a loop body,
 * a branch, a function) that may or may not run: it holds for what follows it in that block, until
 * the first line indented less, and the variable is unknown after it (an assignment of no value
 * there says so). A script inside YAML is indented as a whole, so the outermost indentation is the
 * least of its lines.
 */
export function shellAssignments(
  text: string,
  span: Span = { start: 0, end: text.length },
): ShellAssignment[] {
  const script = text.slice(span.start, span.end);
  const outer = outermostIndent(script);
  return [...script.matchAll(SHELL_ASSIGNMENT)]
    .flatMap((m) => {
      const { indent = '', name = '', value = '' } = m.groups ?? {};
      const word = SHELL_VALUE.exec(value)?.groups;
      const written = word?.dq ?? word?.bare;
      const assignment = {
        offset: span.start + m.index,
        name,
        value: word?.sq ?? written,
        expands: written !== undefined,
      };
      if (indent.length === outer) return [assignment];
      const end = span.start + blockEnd(script, m.index, indent.length);
      return [assignment, { offset: end, name, value: undefined, expands: false }];
    })
    .sort((a, b) => a.offset - b.offset);
}

/** Where the block holding the line at `from` ends: the first later line indented less than it. */
function blockEnd(script: string, from: number, indent: number): number {
  const lines = /\n([ \t]*)(?=\S)/g;
  lines.lastIndex = from;
  for (let m = lines.exec(script); m; m = lines.exec(script)) {
    if ((m[1] ?? '').length < indent) return m.index + 1;
  }
  return script.length;
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
