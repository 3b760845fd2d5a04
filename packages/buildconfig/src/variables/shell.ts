import {
  expand,
  known,
  shellUses,
  shifted,
  substitutions,
  type Assignment,
  type Given,
  type Lookup,
  type Substitution,
  type Use,
} from './common.js';
import { countBefore, LineIndex } from '@posture/model';
import type { ScriptRun } from '../script-refs.js';
import type { Span } from '../structured/doc.js';

/**
 * `NAME=value`, `export NAME=value`, `readonly NAME=value`, `declare -x NAME=value`; indented ones
 * are inside blocks.
 */
export const SHELL_ASSIGNMENT =
  /^(?<indent>[ \t]*)(?:(?<keyword>export|readonly|local|declare|typeset)(?<flags>(?:[ \t]+-\w+)*)[ \t]+)?(?<name>[A-Za-z_]\w*)=(?<value>.*)$/gm;
/**
 * A shell word: double-quoted (variables expand, nothing else may), single-quoted (nothing
 * expands), or bare; then a comment at most.
 */
const SHELL_VALUE =
  /^(?:"(?<dq>[^"`\\]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'`\\;&|()<>#]*))\s*(?:#.*)?$/;
/**
 * PowerShell's `$Name = "value"` (`[string]$Name = …` too), and `$env:NAME = "value"`, which sets
 * the environment: a string in double quotes expands variables, one in single quotes does not, and
 * anything else (a command, `+=`) is computed. A line of sh never starts so.
 */
const POWERSHELL_ASSIGNMENT =
  /^(?<indent>[ \t]*)(?:\[[\w.]+\][ \t]*)*\$(?<name>(?:env:)?[A-Za-z_]\w*)[ \t]*(?<op>[-+*/%]?=)(?!=)[ \t]*(?<value>.*)$/gim;
/** A quoted string; in double quotes, text and `$Name`, `${Name}`, `$env:NAME`, `$($Name)`. */
const POWERSHELL_VALUE =
  /^(?:"(?<dq>(?:[^"`$\\]|\$(?=[A-Za-z_{])|\$\(\$(?:env:)?[A-Za-z_]\w*\))*)"|'(?<sq>[^']*)')[ \t]*[,;]?[ \t]*(?:#.*)?$/i;
/** A parameter of a `param()` block and its default, a string: `[string]$Bucket = 'acme-releases'`. */
const PARAMETER_DEFAULT =
  /\$(?<name>[A-Za-z_]\w*)[ \t]*=[ \t]*(?<value>"[^"`$\\\n]*(?:\$[A-Za-z_{][^"`$\\\n]*)*"|'[^'\n]*')/g;
/** `param(`: a PowerShell script's parameters, whose defaults are their values unless it is given others. */
const PARAM_BLOCK = /^(?<indent>[ \t]*)param[ \t]*\(/im;

/**
 * `${NAME:=value}` (or `${NAME=value}`) assigns `value` to a variable with none, where the shell
 * expands it: install scripts set their defaults so, `: "${BUCKET:=acme-releases}"`.
 */
const DEFAULT_ASSIGNMENT = /(?<![\\$])\$\{(?<name>[A-Za-z_]\w*):?=(?<value>[^}$]*)\}/g;
/** `export NAME …` of variables assigned before or after: from there on, the shell passes them on. */
const EXPORT_NAMES =
  /^[ \t]*export[ \t]+(?<names>[A-Za-z_]\w*(?:[ \t]+[A-Za-z_]\w*)*)[ \t]*(?:[;#].*)?$/gm;
/** `set -a` (`set -o allexport`) exports every variable assigned after it; `set +a` stops that. */
const ALLEXPORT =
  /^[ \t]*set[ \t]+(?<sign>[-+])(?:[A-Za-z]*a[A-Za-z]*|o[ \t]+allexport)(?=[ \t;]|$)/gm;

/**
 * An assignment as written: `expands` when its value may hold variables (not single-quoted);
 * `exported` when the shell passes it to the processes it starts.
 */
export interface ShellAssignment extends Assignment {
  readonly expands: boolean;
  readonly exported: boolean;
  /** Made only to a variable with no value yet: make's `?=`, in a makefile another includes. */
  readonly conditional?: boolean;
}

/**
 * A script that the script sources at `at` (`source ./env.sh`, `. ./env.sh`), which runs in the
 * shell itself: its assignments, in order, are made there as the script's own. Lists of them are
 * in order of `at`.
 */
export interface Sourcing {
  readonly at: number;
  readonly assignments: readonly ShellAssignment[];
}

/**
 * A shell script runs top to bottom: see `inOrder`. A name it has not assigned yet has the value
 * `environment` gives it (what the CI job that runs the script sets), none by default; what the
 * scripts it sources assign is its own from there on. Of a `span` of it (a function's body, run
 * where it is called), only what the span assigns is its own, over what `environment` gives.
 */
export function shellSubstitutions(
  text: string,
  environment: Lookup = () => undefined,
  sourcings: readonly Sourcing[] = [],
  span: Span = { start: 0, end: text.length },
): Substitution[] {
  const whole = span.start === 0 && span.end === text.length;
  const uses = whole
    ? shellUses(text)
    : shellUses(text.slice(span.start, span.end)).map((u) => shifted(u, span.start));
  return substitutions(uses, inOrder(shellAssignments(text, span, sourcings), environment));
}

/**
 * The assignments of the script at `span` of `text` (default: all of it), in order, with those of
 * the scripts it sources where it sources them. One at the script's outermost indentation holds
 * from there on. An indented one is in a block (a loop body, a branch, a function) that may or may
 * not run: it holds for what follows it in that block, until the first line indented less, and the
 * variable is unknown after it (an assignment of no value there says so); a script sourced there
 * leaves what it assigns unknown. A script inside YAML is indented as a whole, so the outermost
 * indentation is the least of its lines. A PowerShell script's assignments are read the same way,
 * and the defaults of the parameters its `param()` block declares hold from there on.
 */
export function shellAssignments(
  text: string,
  span: Span = { start: 0, end: text.length },
  sourcings: readonly Sourcing[] = [],
): ShellAssignment[] {
  const script = text.slice(span.start, span.end);
  const outer = outermostIndent(script);
  const allExported = allExportAt(script);
  const inBlock = (assignment: ShellAssignment, at: number, indent: number): ShellAssignment[] => {
    if (indent === outer) return [assignment];
    const { name, exported } = assignment;
    const end = span.start + blockEnd(script, at, indent);
    return [assignment, { offset: end, name, value: undefined, expands: false, exported }];
  };
  const written = [...script.matchAll(SHELL_ASSIGNMENT)].flatMap((m) => {
    const { indent = '', keyword, flags = '', name = '', value = '' } = m.groups ?? {};
    const exported =
      keyword === 'export' ||
      (/^(?:declare|typeset)$/.test(keyword ?? '') && /-\w*x/.test(flags)) ||
      allExported(m.index);
    const each = keyword ? declared(name, value) : [[name, value] as const];
    return each.flatMap(([name, value]) => {
      const word = SHELL_VALUE.exec(value)?.groups;
      const expanding = word?.dq ?? word?.bare;
      const assignment = {
        offset: span.start + m.index,
        name,
        value: word?.sq ?? expanding,
        expands: expanding !== undefined,
        exported,
      };
      return inBlock(assignment, m.index, indent.length);
    });
  });
  const params = paramBlock(script, outer);
  const inParams = (at: number) => params !== undefined && at > params.start && at < params.end;
  const powershell = [...script.matchAll(POWERSHELL_ASSIGNMENT)].flatMap((m) => {
    const { indent = '', name = '', op = '', value = '' } = m.groups ?? {};
    if (inParams(m.index)) return [];
    const assignment = powershellAssignment(span.start + m.index, name, op === '=' ? value : '');
    return inBlock(assignment, m.index, indent.length);
  });
  // A parameter's default holds from its `param()` block on, as the script's outermost level.
  const defaults = params
    ? [...script.slice(params.start, params.end).matchAll(PARAMETER_DEFAULT)].map((m) =>
        powershellAssignment(
          span.start + params.start + m.index,
          m.groups!.name!,
          m.groups!.value!,
        ),
      )
    : [];
  let lines: LineIndex | undefined;
  const indentOf = (at: number) => indentAt(script, (lines ??= new LineIndex(script)), at);
  // The variable keeps a value it has (`${NAME:-value}` reads it so), else takes `value`.
  const unset = [...script.matchAll(DEFAULT_ASSIGNMENT)].flatMap((m) => {
    const { name = '', value = '' } = m.groups ?? {};
    const assignment = {
      offset: span.start + m.index,
      name,
      value: `\${${name}:-${value}}`,
      expands: true,
      exported: allExported(m.index),
    };
    return inBlock(assignment, m.index, indentOf(m.index));
  });
  const own = [...written, ...powershell, ...defaults, ...unset].sort(
    (a, b) => a.offset - b.offset,
  );
  const within = sourcingsWithin(sourcings, span);
  const sourced = within.flatMap(({ at, assignments }) => {
    const blocked = indentOf(at - span.start) > outer;
    return assignments.map((a) => ({
      ...a,
      offset: at,
      exported: a.exported || allExported(at - span.start),
      ...(blocked && { value: undefined, expands: false }),
    }));
  });
  // Sorted stably: what one sourced script assigns is made in its order.
  return [...own, ...sourced].sort((a, b) => a.offset - b.offset);
}

/** A script as sourcing reads it: its text, and the scripts it names. */
export interface SourcedScript {
  readonly text: string;
  readonly runs: readonly ScriptRun[];
}

/**
 * At most this many assignments are made into one script by the scripts it sources, through all
 * levels: a crafted chain of scripts each sourcing the next many times is cut there.
 */
export const MAX_SOURCED = 4096;

/**
 * What the scripts that a file sources assign, where it sources them (among the scripts it names,
 * `runs`), as `read` gives the scripts (those read, inside the scan root): of the paths one place
 * may name (from the file's directory, then from the root), the first that is read. A script that
 * sources itself, through others or not, assigns nothing there. `assign` reads what a script
 * assigns, with what it sources in turn: a shell script's assignments by default; a makefile's
 * variables for the makefiles a Makefile includes (`makeInclusions`). `cut` is told of each run
 * whose assignments, or those of the scripts it sources in turn, `MAX_SOURCED` leaves out.
 */
export function sourcingsReader(
  read: (path: string) => SourcedScript | undefined,
  assign: (text: string, sourcings: readonly Sourcing[]) => readonly ShellAssignment[] = (
    text,
    sourcings,
  ) => shellAssignments(text, undefined, sourcings),
): (runs: readonly ScriptRun[], cut?: (run: ScriptRun) => void) => readonly Sourcing[] {
  const assignments = new Map<string, readonly ShellAssignment[]>();
  // The scripts whose own sourcings the bound cut: what they assign is short of what they make.
  const cutIn = new Set<string>();
  const active = new Set<string>();
  const assignmentsOf = (path: string, script: SourcedScript): readonly ShellAssignment[] => {
    let found = assignments.get(path);
    if (found) return found;
    if (active.has(path)) return [];
    active.add(path);
    found = assign(
      script.text,
      sourcingsIn(script.runs, () => cutIn.add(path)),
    );
    active.delete(path);
    assignments.set(path, found);
    return found;
  };
  const sourcingsIn = (
    runs: readonly ScriptRun[],
    cut?: (run: ScriptRun) => void,
  ): readonly Sourcing[] => {
    const placed = new Map<number, Sourcing>();
    let count = 0;
    for (const run of runs) {
      const sourced = run.sourced && !placed.has(run.at) ? read(run.path) : undefined;
      if (!sourced) continue;
      if (count >= MAX_SOURCED) {
        cut?.(run);
        break;
      }
      const all = assignmentsOf(run.path, sourced);
      if (cutIn.has(run.path) || all.length > MAX_SOURCED - count) cut?.(run);
      const made = all.slice(0, MAX_SOURCED - count);
      count += made.length;
      // One that assigns nothing is placed too: another path named there is not read instead.
      placed.set(run.at, { at: run.at, assignments: made });
    }
    return [...placed.values()].sort((a, b) => a.at - b.at);
  };
  return sourcingsIn;
}

/** The sourcings (in order) within `span`, found by binary search: a CI file has many scripts. */
function sourcingsWithin(sourcings: readonly Sourcing[], span: Span): readonly Sourcing[] {
  const lo = countBefore(sourcings, (s) => s.at < span.start);
  let end = lo;
  while (end < sourcings.length && sourcings[end]!.at < span.end) end++;
  return sourcings.slice(lo, end);
}

/**
 * At most this many variables are passed to a process (the first exported): far more than a
 * build's scripts share, and what bounds reading crafted scripts that export many variables and
 * run many scripts.
 */
export const MAX_PASSED = 64;

/** The first `MAX_PASSED` of the variables `passed`, telling `cut` when there are more. */
export function firstPassed<T>(passed: readonly T[], cut?: () => void): T[] {
  if (passed.length > MAX_PASSED) cut?.();
  return passed.slice(0, MAX_PASSED);
}

/**
 * The variables a script (written at `spans`) passes to the processes its commands start, at each
 * offset asked for in order: those of the environment it runs in (`inherited`, whose values
 * `outside` gives) and those it exports (`export NAME=value`, `export NAME`, under `set -a`), each
 * with its value in force there, when it is known. A script sourced there runs in the shell itself:
 * it sees every variable of the shell (`all`). Only the variables `wanted` are passed (those the
 * scripts use), so that what is passed stays small whatever the script assigns; where none of them
 * changed since the last offset asked for, the same environment is passed again. `usesOf` finds
 * the variables a value uses (the shell's by default; a batch file's in one). At most
 * `MAX_PASSED` are passed: `cut` is told when one more would be.
 */
export function passedAlong(
  text: string,
  spans: readonly Span[],
  assignments: readonly ShellAssignment[],
  inherited: Iterable<string>,
  outside: Lookup,
  wanted: (name: string) => boolean,
  usesOf?: (text: string) => Use[],
  cut?: () => void,
): (offset: number, all: boolean) => Given {
  const exports = spans.flatMap((span) =>
    [...text.slice(span.start, span.end).matchAll(EXPORT_NAMES)].flatMap((m) =>
      (m.groups?.names ?? '')
        .split(/[ \t]+/)
        .filter(wanted)
        .map((name) => ({ offset: span.start + m.index, name })),
    ),
  );
  const changes = assignments.filter(({ name }) => wanted(name));
  const resolve = inOrder(assignments, outside, usesOf);
  // A script's positional parameters are its own: what it runs is given its own words.
  const exported = new Set(
    firstPassed(
      [...inherited].filter((name) => wanted(name) && !isPositional(name)),
      cut,
    ),
  );
  const assigned = new Set<string>();
  const add = (names: Set<string>, name: string) => {
    if (names.size < MAX_PASSED) names.add(name);
    else if (!names.has(name)) cut?.();
  };
  let nextChange = 0;
  let nextExport = 0;
  let last: { all: boolean; environment: Given } | undefined;
  return (offset, all) => {
    const before = nextChange + nextExport;
    for (; nextChange < changes.length && changes[nextChange]!.offset < offset; nextChange++) {
      const { name, exported: exports } = changes[nextChange]!;
      add(assigned, name);
      if (exports) add(exported, name);
    }
    for (; nextExport < exports.length && exports[nextExport]!.offset < offset; nextExport++)
      add(exported, exports[nextExport]!.name);
    if (last?.all === all && nextChange + nextExport === before) return last.environment;
    const environment = new Map<string, string>();
    for (const name of all ? new Set([...exported, ...assigned]) : exported) {
      const value = resolve({ start: offset, end: offset, name });
      if (value !== undefined) environment.set(name, value);
    }
    last = { all, environment };
    return environment;
  };
}

/**
 * What a command sets for itself with the `NAME=value` words it starts with (`BUCKET=x ./upload.sh`,
 * `env BUCKET=x sh upload.sh`), `words` as the shell sees them, up to the word at `index`: each
 * value, or undefined where it is not known, which hides the one the shell would pass.
 */
export function commandEnvironment(
  words: readonly string[],
  index: number,
): Map<string, string | undefined> {
  const set = new Map<string, string | undefined>();
  for (const [i, word] of words.slice(0, index).entries()) {
    if (i === 0 && word === 'env') continue;
    const { name, value } = /^(?<name>[A-Za-z_]\w*)=(?<value>.*)$/s.exec(word)?.groups ?? {};
    if (name === undefined) break;
    set.set(name, known(name, value));
  }
  return set;
}

/** A word of a declaration after blanks: double-quoted, single-quoted or bare parts. */
const DECLARED_WORD = /[ \t]*((?:"[^"`\\]*"|'[^']*'|[^\s"'`\\;&|()<>#])+)/y;
const DECLARED_ASSIGNMENT = /^(?<name>[A-Za-z_]\w*)=(?<value>.*)$/s;

/**
 * The assignments of a declaration of several (`local bucket=$1 file=$2`, `export A=x B=y`): the
 * first `name=value`, then each further word that assigns (a name alone, `export A=x B`, leaves
 * its value as it is). A value followed by anything else (a command, a substitution) is the first's
 * value as written, for `SHELL_VALUE` to refuse.
 */
function declared(name: string, value: string): (readonly [string, string])[] {
  // An empty first value (`export A= B=x`) is left as written, unknown.
  if (/^[ \t]/.test(value)) return [[name, value]];
  const words: string[] = [];
  let at = 0;
  DECLARED_WORD.lastIndex = 0;
  for (let m = DECLARED_WORD.exec(value); m; m = DECLARED_WORD.exec(value)) {
    words.push(m[1]!);
    at = DECLARED_WORD.lastIndex;
  }
  const more = words.slice(1);
  if (more.length === 0 || !/^[ \t]*(?:#.*)?$/.test(value.slice(at))) return [[name, value]];
  if (more.some((word) => !/^[A-Za-z_]\w*(?:=|$)/.test(word))) return [[name, value]];
  const assigned = more.flatMap((word) => {
    const { name = '', value = '' } = DECLARED_ASSIGNMENT.exec(word)?.groups ?? {};
    return name ? [[name, value] as const] : [];
  });
  return [[name, words[0]!], ...assigned];
}

/** A script is given at most this many of the words after its path, as `$1` to `$9`. */
const MAX_ARGUMENTS = 9;

/** A positional parameter's name, `1`: the script's own, never passed on to what it runs. */
export const isPositional = (name: string): boolean => /^[1-9]\d*$/.test(name);

/**
 * A script's positional parameters where a command runs it, `words` as the shell sees them and the
 * script's path the word at `index`: `1`, `2`, … for the words after it, each value or undefined
 * where it is not known. None from a redirection on, nor from a word that may stand for any number
 * of words (`"$@"`, `$*`, `${files[@]}`), after which no position is known.
 */
export function commandArguments(
  words: readonly string[],
  index: number,
): Map<string, string | undefined> {
  const set = new Map<string, string | undefined>();
  for (const [i, word] of words.slice(index + 1, index + 1 + MAX_ARGUMENTS).entries()) {
    if (/^\d*[<>]|\$[@*]|\[[@*]\]/.test(word)) break;
    const name = String(i + 1);
    set.set(name, known(name, word));
  }
  return set;
}

/**
 * Whether a script reads its positional parameters as it is given them: not when it moves or sets
 * them (`shift`, `set --`, `set a b`, `getopts`), where `$1` of an argument loop is any of them, nor
 * when it declares a function, whose `$1` is the function's own.
 */
export function keepsArguments(script: string): boolean {
  if (/\b(?:shift|getopts)\b/.test(script)) return false;
  if (/^[ \t]*(?:function[ \t]+[\w.:-]+|[\w.:-]+[ \t]*\([ \t]*\))/m.test(script)) return false;
  return !setsArguments(script);
}

/** Whether a `set` command of the script gives it positional parameters (`set -- a`, `set a`). */
function setsArguments(script: string): boolean {
  for (const m of script.matchAll(
    /(?:^|[;&|({]|\b(?:then|do|else))[ \t]*set[ \t]+([^;&|#\n]*)/gm,
  )) {
    const words = (m[1] ?? '').trim().split(/[ \t]+/);
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      if (word === '--' || !/^[-+]/.test(word)) return word !== '';
      // `set -o pipefail` (`set -euo pipefail`) names an option, not a parameter.
      if (/^[-+][A-Za-z]*o$/.test(word)) i++;
    }
  }
  return false;
}

/** Whether `set -a` is in force at an offset of the script, by binary search of its toggles. */
function allExportAt(script: string): (offset: number) => boolean {
  const toggles = [...script.matchAll(ALLEXPORT)];
  return (offset) =>
    toggles[countBefore(toggles, (t) => t.index < offset) - 1]?.groups?.sign === '-';
}

/** A PowerShell assignment of `value` as written (a quoted string, or else a computed value). */
function powershellAssignment(offset: number, name: string, value: string): ShellAssignment {
  const word = POWERSHELL_VALUE.exec(value)?.groups;
  return {
    offset,
    name,
    value: word?.sq ?? word?.dq,
    expands: word?.dq !== undefined,
    exported: false,
  };
}

/**
 * The `param(…)` block a PowerShell script opens with, at its outermost level (not a function's),
 * to the parenthesis that closes it (those of its attributes, `[Parameter(Mandatory)]`, counted; a
 * quoted one skipped).
 */
function paramBlock(script: string, outer: number): Span | undefined {
  const open = PARAM_BLOCK.exec(script);
  if (open?.groups?.indent?.length !== outer) return undefined;
  const start = open.index + open[0].length;
  let depth = 1;
  let quote: string | undefined;
  for (let i = start; i < script.length; i++) {
    const c = script[i]!;
    if (quote) quote = c === quote ? undefined : quote;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { start, end: i };
  }
  return undefined;
}

/** The indentation of the line holding `offset`. */
function indentAt(script: string, lines: LineIndex, offset: number): number {
  const indent = /[ \t]*/y;
  indent.lastIndex = offset - lines.position(offset).column + 1;
  return indent.exec(script)![0].length;
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
 * around a `run:` block), none by default. `usesOf` finds the variables a value uses (the shell's
 * by default; PowerShell's in a PowerShell script).
 */
export function inOrder(
  assignments: readonly ShellAssignment[],
  outside: Lookup = () => undefined,
  usesOf?: (text: string) => Use[],
): (use: Use) => string | undefined {
  const values = new Map<string, string | undefined>();
  const lookup: Lookup = (name) => (values.has(name) ? values.get(name) : outside(name));
  let next = 0;
  return (u) => {
    for (; next < assignments.length && assignments[next]!.offset < u.start; next++) {
      const { name, value, expands } = assignments[next]!;
      const expanded = expands && value !== undefined ? expand(value, lookup, usesOf) : value;
      values.set(name, known(name, expanded));
    }
    return lookup(u.name);
  };
}

/** The indentation of a script's outermost level: that of its least indented line. */
export function outermostIndent(script: string): number {
  let least = Infinity;
  for (const m of script.matchAll(/^[ \t]*(?=\S)/gm)) least = Math.min(least, m[0].length);
  return least === Infinity ? 0 : least;
}
