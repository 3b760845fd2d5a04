/**
 * A CI file's variables as its description (`CiVariables`, ci.ts) says where they are: what they
 * resolve to in the file, what its scripts pass to the processes they start, and the shells that
 * run its scripts.
 */
import { countBefore } from '@posture/model';
import {
  isRecord,
  isWithin,
  valueAt,
  writtenPath,
  type Path,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import {
  known,
  type Given,
  type Lookup,
  RUN_ASSIGNMENT,
  shellUses,
  shifted,
  substitutions,
  use,
  type Substitution,
  type Use,
} from './common.js';
import { spanHolding } from '../files/analysis.js';
import {
  inOrder,
  firstPassed,
  passedAlong,
  shellAssignments,
  type ShellAssignment,
  type Sourcing,
} from './shell.js';
import { scriptLines, type CiVariables } from './ci.js';
import type { StepWrites } from './github-env.js';

/**
 * Variables of a CI file, the innermost scope deciding. `$NAME` and `${NAME}` resolve in scripts
 * (everywhere, where the CI expands them itself). Inside a script, an assignment at its outermost
 * level (`BUCKET=acme-releases`, or one a script it sources makes) holds from there on, as in a
 * shell script, and the lines of a script list run in one shell, which starts with what the
 * scripts run before them there leave (a GitLab job's `before_script`); a variable a script assigns
 * otherwise changes at run time (a branch, or `$GITHUB_ENV`, `$BASH_ENV` for later steps), so
 * outside that script, and before the assignment, it never resolves — unless all that assigns it
 * is a literal write for the later steps of a job, read as the CI reads it (`laterSteps`: a
 * workflow's `echo "NAME=value" >> "$GITHUB_ENV"`). Only the uses within `span`
 * resolve: a file of several documents is resolved one document at a time, and a value another
 * place runs (a GitLab template's script) once more for each, with the `doc` of that place and the
 * variables it is `given`, which win over every list of the file (a GitLab matrix instance's).
 */
export function ciSubstitutions(
  text: string,
  doc: StructuredDoc,
  ci: CiVariables,
  span: Span = { start: 0, end: text.length },
  given: Given = new Map(),
  sourcings: readonly Sourcing[] = [],
): Substitution[] {
  const data = doc.data;
  const { lookup, declared, shells } = ciReader(text, doc, ci, span, given, sourcings);
  // Each use with what resolves it: a script's uses go through its assignments, in order.
  const resolvers = new Map<Use, (u: Use) => string | undefined>();
  const fromDeclared = (u: Use) => declared(u.name, u.start);
  for (const shell of shells) {
    const { spans, assignments } = shell;
    const resolve = inOrder(
      assignments,
      startOf(shell, (name) => declared(name, spans[0]!.start)),
    );
    for (const u of spans.flatMap((span) => shellUsesIn(text, span))) resolvers.set(u, resolve);
  }
  if (ci.shellUsesEverywhere) {
    const inScripts = new Set([...resolvers.keys()].map((u) => u.start));
    for (const u of shellUsesIn(text, span))
      if (!inScripts.has(u.start)) resolvers.set(u, fromDeclared);
  }
  const { expressionScopes } = ci;
  const fromTemplate = expressionScopes
    ? (u: Use) => lookup(u.name, expressionScopes(doc.pathAt(u.start), data))
    : fromDeclared;
  const scanned = text.slice(span.start, span.end);
  for (const m of ci.expression ? scanned.matchAll(ci.expression) : []) {
    const u = use(m, m.groups?.name ?? m.groups?.dotted ?? m.groups?.quoted);
    resolvers.set(shifted(u, span.start), fromTemplate);
  }
  const uses = [...resolvers.keys()].sort((a, b) => a.start - b.start);
  return substitutions(uses, (u) => resolvers.get(u)!(u));
}

/**
 * The variables a CI file passes to a process that its script at an offset starts (a script it
 * runs, `./build/deploy.sh`), asked for in order, by the name the process sees them by: those of
 * the scopes around it, the innermost deciding, and those its script exports before it (all of
 * the script's to a script it sources), whose value is known there. None that another script of
 * the file assigns, which changes it at run time. Only the variables `wanted` are passed.
 */
export function ciEnvironments(
  text: string,
  doc: StructuredDoc,
  ci: CiVariables,
  span: Span,
  given: Given,
  sourcings: readonly Sourcing[],
  wanted: (name: string) => boolean,
  cut?: () => void,
): (offset: number, all: boolean) => Given {
  if (ci.environment === false) return () => new Map();
  const { declared, shells, scopesAt, variablesAt, written } = ciReader(
    text,
    doc,
    ci,
    span,
    given,
    sourcings,
  );
  // The names of the variables declared around an offset, found once for each list of scopes.
  const declaredNames = new Map<string, string[]>();
  const names = (offset: number): string[] => {
    const scopes = scopesAt(offset);
    const id = JSON.stringify(scopes);
    let found = declaredNames.get(id);
    if (!found) {
      const all = [
        ...given.keys(),
        ...scopes.flatMap((path) => [...variablesAt(path).keys()]),
        ...written,
      ];
      // A given input (`inputs.name`) is no variable of the environment.
      const variables = all.filter((name) => /^[A-Za-z_]\w*$/.test(name) && wanted(name));
      declaredNames.set(id, (found = firstPassed([...new Set(variables)], cut)));
    }
    return found;
  };
  const spans = shells
    .flatMap((shell) => shell.spans.map((s) => ({ ...s, shell })))
    .sort((a, b) => a.start - b.start);
  const along = new Map<Shell, (offset: number, all: boolean) => Given>();
  // What a prelude exports is passed on too, as it leaves it; found once for all its shells.
  const exports = new Map<Prelude, string[]>();
  const exportedBy = (prelude: Prelude): string[] => {
    let found = exports.get(prelude);
    if (!found) {
      const { spans, assignments, around } = prelude;
      const passes = passedAlong(
        prelude.text,
        spans,
        assignments,
        [],
        around,
        wanted,
        undefined,
        cut,
      );
      exports.set(prelude, (found = [...passes(Infinity, false).keys()]));
    }
    return found;
  };
  return (offset, all) => {
    const shell = spanHolding(spans, offset)?.shell;
    if (!shell) {
      const environment = new Map<string, string>();
      for (const name of names(offset)) {
        const value = declared(name, offset);
        if (value !== undefined) environment.set(name, value);
      }
      return environment;
    }
    let passed = along.get(shell);
    if (!passed) {
      const start = shell.spans[0]!.start;
      const inherited = [...names(start), ...(shell.prelude ? exportedBy(shell.prelude) : [])];
      const outside = startOf(shell, (name) => declared(name, start));
      passed = passedAlong(
        text,
        shell.spans,
        shell.assignments,
        inherited,
        outside,
        wanted,
        undefined,
        cut,
      );
      along.set(shell, passed);
    }
    return passed(offset, all);
  };
}

/**
 * Scripts that run in one shell, in order, with those it runs before them written elsewhere (see
 * `CiVariables.prelude`), and the directory it starts in, as the file writes it (see
 * `CiVariables.directory`).
 */
export interface ShellScripts {
  readonly spans: readonly Span[];
  readonly prelude?: WrittenScripts;
  readonly directory?: unknown;
}

/**
 * Scripts written in a text: the file's own, or another's of the configuration it is part of (a
 * GitLab `default: before_script` of the main file, run before the jobs of the files it includes;
 * see `StructuredDoc.writtenElsewhere`). `path` is that of the first, where they are written.
 */
export interface WrittenScripts {
  readonly text: string;
  readonly spans: readonly Span[];
  readonly path: Path;
}

/** Scripts that run in one shell: their spans, in order, and their assignments. */
interface Scripted {
  readonly spans: readonly Span[];
  readonly assignments: readonly ShellAssignment[];
}

/**
 * Scripts that a shell runs before its own, written elsewhere (see `CiVariables.prelude`), read once
 * for all the shells that run them: with the variables declared `around` them, what they `leave`
 * each variable they assign.
 */
interface Prelude extends Scripted {
  readonly text: string;
  readonly around: Lookup;
  readonly assigned: ReadonlySet<string>;
  readonly leave: Lookup;
}

/** The shell that runs some scripts of a file, and the prelude it runs before them. */
interface Shell extends Scripted {
  readonly prelude?: Prelude;
}

/**
 * A shell's variables as its own scripts start, by name: as its prelude leaves those it assigns,
 * else as `declared` around the shell.
 */
function startOf({ prelude }: Shell, declared: Lookup): Lookup {
  if (!prelude) return declared;
  return (name) => (prelude.assigned.has(name) ? prelude.leave(name) : declared(name));
}

/**
 * How a CI file's variables are read within `span`: a name's value in the scopes listed (the
 * `given` winning), a name's value as declared around an offset (none that a script assigns), the
 * scopes around an offset and the variables of each, and the shells of its scripts.
 */
function ciReader(
  text: string,
  doc: StructuredDoc,
  ci: CiVariables,
  span: Span,
  given: Given,
  sourcings: readonly Sourcing[],
) {
  const data = doc.data;
  const { within: scriptsIn, assigned } = scriptsOf(text, doc, ci);
  const key = ci.key ?? ((name: string) => name);
  const variablesAt = scopeReader(doc, ci);
  const fromGiven = expressionsGiven(ci, given);
  const lookup = (name: string, scopesAt: readonly Path[]): string | undefined => {
    const scope = [given, ...scopesAt.map(variablesAt)].find((variables) =>
      variables.has(key(name)),
    );
    return entryValue(name, scope?.get(key(name)), fromGiven);
  };
  const scopesAt = (at: number) => ci.scopes(doc.pathAt(at), data);
  const later = laterStepsOf(text, doc, ci);
  const declaredAt = (name: string, path: Path | undefined): string | undefined => {
    const scopes = ci.scopes(path, data);
    const output = later?.output(name, path);
    if (output !== undefined) return output;
    // A name a script writes only for later steps may not be found assigned (`printf 'A=1\nB=2'`).
    if (!later?.names.has(name)) return assigned.has(name) ? undefined : lookup(name, scopes);
    // What an earlier step wrote for it wins over all but the `env:` of the step reading it.
    const write = later.before(name, path);
    return write ? (lookup(name, write.over) ?? write.value) : lookup(name, scopes);
  };
  const declared = (name: string, at: number) => declaredAt(name, doc.pathAt(at));
  // The scripts the file sources are sourced where its own text says.
  const scripted = (written: string, spans: readonly Span[]): Scripted => ({
    spans,
    assignments: spans.flatMap((span) =>
      shellAssignments(written, span, written === text ? sourcings : []),
    ),
  });
  const preludes = new Map<WrittenScripts, Prelude>();
  const preludeOf = (prelude: WrittenScripts): Prelude => {
    let found = preludes.get(prelude);
    if (!found) {
      const read = scripted(prelude.text, prelude.spans);
      const around = (name: string) => declaredAt(name, prelude.path);
      const left = inOrder(read.assignments, around);
      const leave = (name: string) => left({ start: Infinity, end: Infinity, name });
      const assigned = new Set(read.assignments.map((a) => a.name));
      preludes.set(prelude, (found = { ...read, text: prelude.text, around, assigned, leave }));
    }
    return found;
  };
  const shells: Shell[] = shellsOf(text, doc, ci, scriptsIn(span)).map(({ spans, prelude }) => ({
    ...scripted(text, spans),
    ...(prelude && { prelude: preludeOf(prelude) }),
  }));
  const written = later?.names ?? new Set<string>();
  return { lookup, shells, scopesAt, variablesAt, declared, written };
}

/** What a file's scripts write for later steps (`CiVariables.laterSteps`), read once a file. */
const laterStepsRead = new WeakMap<object, StepWrites>();

function laterStepsOf(text: string, doc: StructuredDoc, ci: CiVariables): StepWrites | undefined {
  const key = typeof doc.data === 'object' && doc.data !== null ? doc.data : undefined;
  if (!ci.laterSteps || !key) return undefined;
  let found = laterStepsRead.get(key);
  if (!found) laterStepsRead.set(key, (found = ci.laterSteps(text, doc)));
  return found;
}

/**
 * The variables of a scope, by lookup key (the first entry of a name deciding); each scope read
 * once, as a file may use its variables many times, and each list of them once for all the places
 * that have it (the global `variables:` of a GitLab configuration, which each of its files has).
 */
function scopeReader(
  doc: StructuredDoc,
  ci: CiVariables,
): (path: Path) => ReadonlyMap<string, unknown> {
  const scopes = new Map<string, ReadonlyMap<string, unknown>>();
  return (path) => {
    const id = JSON.stringify(path);
    let variables = scopes.get(id);
    if (!variables) scopes.set(id, (variables = scopeVariables(valueAt(doc.data, path), ci)));
    return variables;
  };
}

const listsRead = new WeakMap<CiVariables, WeakMap<object, ReadonlyMap<string, unknown>>>();

function scopeVariables(scope: unknown, ci: CiVariables): ReadonlyMap<string, unknown> {
  const object = typeof scope === 'object' && scope !== null ? scope : undefined;
  let read = listsRead.get(ci);
  if (!read) listsRead.set(ci, (read = new WeakMap()));
  const found = object && read.get(object);
  if (found) return found;
  const key = ci.key ?? ((name: string) => name);
  const entries = ci.entries ?? ((list) => new Map(isRecord(list) ? Object.entries(list) : []));
  const byKey = new Map<string, unknown>();
  for (const [name, entry] of entries(scope)) {
    if (!byKey.has(key(name))) byKey.set(key(name), entry);
  }
  if (object) read.set(object, byKey);
  return byKey;
}

/** A scope's entry for `name` as a value, when it is known (see `known`). */
function entryValue(
  name: string,
  entry: unknown,
  expand: (value: string) => string = (value) => value,
): string | undefined {
  // GitLab also writes `NAME: { value: …, description: … }`.
  const value = isRecord(entry) ? entry.value : entry;
  return typeof value === 'string' || typeof value === 'number'
    ? known(name, expand(String(value)))
    : undefined;
}

/**
 * A value with the CI's expressions in it replaced by what the place is `given`
 * (`BUCKET: ${{ matrix.bucket }}` in a run of a matrix job); others stay as written.
 */
function expressionsGiven(ci: CiVariables, given: Given): (value: string) => string {
  const { expression } = ci;
  if (!expression || given.size === 0) return (value) => value;
  return (value) =>
    value.replace(new RegExp(expression.source, 'g'), (written: string, ...rest: unknown[]) => {
      const groups = rest[rest.length - 1] as Record<string, string | undefined>;
      const name = groups.name ?? groups.dotted ?? groups.quoted;
      return (name !== undefined && given.get(name)) || written;
    });
}

interface Script {
  readonly path: Path;
  readonly span: Span;
}

interface Scripts {
  readonly scripts: readonly Script[];
  /** The scripts a span holds, in order (see `scriptsWithin`). */
  readonly within: (span: Span) => readonly Script[];
  /** The names that any script assigns. */
  readonly assigned: ReadonlySet<string | undefined>;
}

/** Each file's scripts, read once: a GitLab template's are resolved again for every job it runs in. */
const scriptsRead = new WeakMap<object, Scripts>();

function scriptsOf(text: string, doc: StructuredDoc, ci: CiVariables): Scripts {
  const data = doc.data;
  const key = typeof data === 'object' && data !== null ? data : undefined;
  const read = key && scriptsRead.get(key);
  if (read) return read;
  // A script that aliases give several places is one script, where it is written.
  const written = ci.scripts(data).map((path) => writtenPath(doc.aliases ?? [], path));
  const unique = new Map(written.map((path) => [JSON.stringify(path), path]));
  const scripts = [...unique.values()].flatMap((path) => {
    const span = doc.valueSpan(path);
    return span ? [{ path, span }] : [];
  });
  const assigned = new Set(
    scripts.flatMap(({ span }) =>
      [...text.slice(span.start, span.end).matchAll(RUN_ASSIGNMENT)].map((m) => m.groups?.name),
    ),
  );
  const found = { scripts, within: scriptsWithin(scripts), assigned };
  if (key) scriptsRead.set(key, found);
  return found;
}

/**
 * The scripts a span holds, in the order the file lists them (the order `shellsOf` groups them in),
 * looked for only among those that start in it: a GitLab file whose jobs extend many templates has
 * thousands of scripts and tens of thousands of readings, each asking for its own (50,000 readings
 * each reading all 6,300 scripts took 1.6 s of a 5 s scan). A span inside one script (the body of
 * a function a step declares, read for a call) is that part of it.
 */
function scriptsWithin(scripts: readonly Script[]): (span: Span) => Script[] {
  const byStart = scripts
    .map((script, index) => ({ script, index }))
    .sort((a, b) => a.script.span.start - b.script.span.start);
  return (span) => {
    const found: { script: Script; index: number }[] = [];
    const first = countBefore(byStart, ({ script }) => script.span.start < span.start);
    for (let at = first; at < byStart.length && byStart[at]!.script.span.start <= span.end; at++) {
      if (isWithin(byStart[at]!.script.span, span)) found.push(byStart[at]!);
    }
    const around = found.length === 0 ? byStart[first - 1]?.script : undefined;
    if (around && isWithin(span, around.span)) return [{ path: around.path, span }];
    return found.sort((a, b) => a.index - b.index).map(({ script }) => script);
  };
}

/** The shells that run a CI file's scripts. */
export function ciShells(text: string, doc: StructuredDoc, ci: CiVariables): ShellScripts[] {
  return shellsOf(text, doc, ci, scriptsOf(text, doc, ci).scripts).map((shell) => {
    const path = doc.pathAt(shell.spans[0]!.start);
    return { ...shell, directory: path && ci.directory?.(path, doc.data) };
  });
}

/**
 * Scripts grouped by the shell that runs them, in order, each shell with the scripts it runs before
 * them (its prelude) as the place read has it, written in the file's `text` or elsewhere.
 */
function shellsOf(
  text: string,
  doc: StructuredDoc,
  ci: CiVariables,
  scripts: readonly Script[],
): ShellScripts[] {
  const shells = new Map<string, Span[]>();
  for (const { path, span } of scripts) {
    const id = JSON.stringify(ci.shell?.(path, doc.data) ?? scriptList(path));
    const spans = shells.get(id);
    if (spans) spans.push(span);
    else shells.set(id, [span]);
  }
  // Each prelude is found once, however many shells run it (every job, `default:`'s).
  const preludes = new Map<string, WrittenScripts | undefined>();
  const preludeOf = (list: Path): WrittenScripts | undefined => {
    const id = JSON.stringify(list);
    if (!preludes.has(id)) {
      const writer = doc.writtenElsewhere?.(list) ?? { text, doc };
      const lines = scriptLines(writer.doc.data, list);
      const spans = lines.flatMap((line) => writer.doc.valueSpan(line) ?? []);
      preludes.set(
        id,
        spans.length > 0 ? { text: writer.text, spans, path: lines[0]! } : undefined,
      );
    }
    return preludes.get(id);
  };
  return [...shells.values()].map((spans) => {
    spans.sort((a, b) => a.start - b.start);
    const path = doc.pathAt(spans[0]!.start);
    const list = path && ci.prelude?.(path, doc.data);
    const prelude = list && preludeOf(list);
    return { spans, ...(prelude && { prelude }) };
  });
}

/** The script list holding a line, or the script itself. */
function scriptList(path: Path): Path {
  return typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
}

function shellUsesIn(text: string, span: Span): Use[] {
  return shellUses(text.slice(span.start, span.end)).map((u) => shifted(u, span.start));
}
