/**
 * Variables whose value the file itself states: a Makefile's `BUCKET := acme-releases`, a
 * workflow's literal `env:`, GitLab CI `variables:`, CircleCI `environment:`, a Dockerfile's `ARG`
 * and `ENV`, a shell script's top-level `BUCKET=acme-releases`. Real build files
 * often name their bucket once and use it through such a variable, so a placeholder that one of
 * these resolves is replaced by its value and the URL patterns run again on the result. The
 * reference keeps the range of what is written; only its text (the link's URL) is resolved.
 *
 * Only values known without running anything resolve: a value holding `$`, a quote, a space or a
 * backquote (command substitution, secrets, other variables) does not, and nor does a variable
 * whose name says it holds a credential, so a secret never reaches a URL. A variable whose
 * assignment in force at the use is anything else stays a placeholder, which is no link, as before.
 * Jenkinsfiles are not resolved: their `environment {}` scoping needs a Groovy reader.
 */
import { findUrlRefs, type CustomDomain, type RawRef } from './find-refs.js';
import type { SourceFile } from './files/analysis.js';
import { looksSecret } from './redact.js';
import {
  entriesAt,
  isRecord,
  valueAt,
  type Path,
  type Span,
  type StructuredDoc,
} from './structured/doc.js';

/** A placeholder at `[start, end)` that stands for `value`. */
interface Substitution {
  readonly start: number;
  readonly end: number;
  readonly value: string;
}

/** A variable's value from `offset` on; `undefined` when it is not statically known. */
interface Assignment {
  readonly offset: number;
  readonly name: string;
  readonly value: string | undefined;
}

/** A placeholder that names a variable. */
interface Use {
  readonly start: number;
  readonly end: number;
  readonly name: string;
}

type Resolver = (text: string, doc: StructuredDoc | undefined) => Substitution[];

/** Characters a resolved value may hold: those of bucket names, paths and versions, nothing more. */
const LITERAL = /^[\w.\-/:+~]+$/;
/** `$(NAME)` and `${NAME}` in a Makefile; `$$(…)` is the shell's, escaped from make. */
const MAKE_USE = /(?<!\$)\$(?:\((?<paren>[A-Za-z_][\w.-]*)\)|\{(?<brace>[A-Za-z_][\w.-]*)\})/g;
/** `NAME := value`, `NAME = value`, `NAME ?= value` (and the forms that are never literal). */
const MAKE_ASSIGNMENT =
  /^(?:(?:export|override)[ \t]+)*(?<name>[A-Za-z_][\w.-]*)[ \t]*(?<op>:::=|::=|:=|\?=|\+=|!=|=)(?<value>.*)$/gm;
/** `$NAME` and `${NAME}` in a shell script; `\$NAME` and `$$` are not uses. */
const SHELL_USE = /(?<![\\$])\$(?:\{(?<brace>[A-Za-z_]\w*)\}|(?<bare>[A-Za-z_]\w*))/g;
/** `NAME=value`, `export NAME=value`, `readonly NAME=value`; indented ones are inside blocks. */
const SHELL_ASSIGNMENT =
  /^(?<indent>[ \t]*)(?:(?:export|readonly|local|declare)(?:[ \t]+-\w+)*[ \t]+)?(?<name>[A-Za-z_]\w*)=(?<value>.*)$/gm;
/** A shell word: double-quoted without expansions, single-quoted, or bare; then a comment at most. */
const SHELL_VALUE =
  /^(?:"(?<dq>[^"$`\\]*)"|'(?<sq>[^']*)'|(?<bare>[^\s"'$`\\;&|()<>#]*))\s*(?:#.*)?$/;
/** `${{ env.NAME }}` in a workflow. */
const ENV_EXPRESSION = /\$\{\{\s*env\.(?<name>[A-Za-z_][\w-]*)\s*\}\}/g;
/** Any `NAME=` in a run script: an assignment, or a line written to `$GITHUB_ENV` for later steps. */
const RUN_ASSIGNMENT = /(?<![\w.$-])(?<name>[A-Za-z_]\w*)=/g;
/** A Dockerfile instruction that starts a stage, sets variables, or runs a shell. */
const DOCKER_INSTRUCTION = /^[ \t]*(?<op>FROM|ARG|ENV|RUN)[ \t]+(?<rest>.*)$/gim;
/** One `NAME=value` of an `ARG` or `ENV` line, the value bare or quoted. */
const DOCKER_PAIR = /(?<name>[A-Za-z_]\w*)(?:=(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>\S*)))?/g;

const RESOLVERS: Readonly<Record<string, Resolver>> = {
  makefile: (text) => makeSubstitutions(text),
  shell: (text) => shellSubstitutions(text),
  dockerfile: (text) => dockerSubstitutions(text),
  'github-workflow': (text, doc) => (doc ? ciSubstitutions(text, doc, GITHUB_WORKFLOW) : []),
  'gitlab-ci': (text, doc) => (doc ? ciSubstitutions(text, doc, GITLAB_CI) : []),
  circleci: (text, doc) => (doc ? ciSubstitutions(text, doc, CIRCLECI) : []),
};

/**
 * The storage references that appear once the file's own variables are resolved, and only those: a
 * reference found without resolving anything is already found from the text as written.
 */
export function resolvedRefs(
  file: SourceFile,
  doc: StructuredDoc | undefined,
  customDomains: readonly CustomDomain[],
): RawRef[] {
  const substitutions = RESOLVERS[file.fileType]?.(file.text, doc) ?? [];
  if (substitutions.length === 0) return [];
  const { text, original } = substitute(file.text, substitutions);
  return findUrlRefs(text, customDomains)
    .map((ref) => ({ ref, at: original(ref.start, ref.end) }))
    .filter(({ at }) => at.resolved)
    .map(({ ref, at }) => ({ ...ref, start: at.start, end: at.end }));
}

/** The text with the substitutions made, and where a span of it is written in the file. */
function substitute(
  text: string,
  substitutions: readonly Substitution[],
): {
  text: string;
  original(start: number, end: number): { start: number; end: number; resolved: boolean };
} {
  const parts: string[] = [];
  // Each substitution's place in the new text, with the file offsets it replaces.
  const placed: { from: number; to: number; sub: Substitution }[] = [];
  let last = 0;
  let length = 0;
  for (const sub of substitutions) {
    parts.push(text.slice(last, sub.start));
    length += sub.start - last;
    placed.push({ from: length, to: length + sub.value.length, sub });
    parts.push(sub.value);
    length += sub.value.length;
    last = sub.end;
  }
  parts.push(text.slice(last));
  // The last substitution placed before `offset` in the new text, by binary search.
  const before = (offset: number): number => {
    let lo = 0;
    let hi = placed.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (placed[mid]!.from < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };
  // A position inside a value maps to the placeholder's start (or, for an end, its end).
  const map = (offset: number, isEnd: boolean): number => {
    const p = placed[before(offset)];
    if (!p) return offset;
    if (offset < p.to) return isEnd ? p.sub.end : p.sub.start;
    return offset + p.sub.end - p.to;
  };
  return {
    text: parts.join(''),
    original: (start, end) => {
      const p = placed[before(end)];
      return {
        start: map(start, false),
        end: map(end, true),
        // Some value lies inside the span: the last one starting before its end, ending after its start.
        resolved: p !== undefined && p.to > start,
      };
    },
  };
}

/** Make reads every assignment before it runs a recipe, so the last one decides. */
function makeSubstitutions(text: string): Substitution[] {
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

/** A shell script runs top to bottom: a use sees the last assignment before it. */
function shellSubstitutions(text: string): Substitution[] {
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

/** Where a CI file keeps its variables and its scripts. */
interface CiVariables {
  /** The variable maps a value at `path` sees, innermost first. */
  scopes(path: Path | undefined): Path[];
  /** The shell scripts the file runs. */
  scripts(data: unknown): Path[];
  /** A placeholder that resolves anywhere in the file, not only in scripts. */
  readonly expression?: RegExp;
  /** Whether `$NAME` and `${NAME}` resolve outside scripts too (GitLab expands them in keywords). */
  readonly shellUsesEverywhere?: boolean;
}

/** A workflow's `env:` at the workflow, job and step level; `${{ env.NAME }}` resolves anywhere. */
const GITHUB_WORKFLOW: CiVariables = {
  scopes: (path) => {
    const job = path?.[0] === 'jobs' && path.length >= 2 ? path.slice(0, 2) : undefined;
    const step =
      job && path?.[2] === 'steps' && typeof path[3] === 'number' ? path.slice(0, 4) : undefined;
    return [...(step ? [step] : []), ...(job ? [job] : []), []].map((scope) => [...scope, 'env']);
  },
  scripts: (data) =>
    entriesAt(data, ['jobs'])
      .flatMap(([job]) => entriesAt(data, [...job, 'steps']))
      .map(([step]) => [...step, 'run']),
  expression: ENV_EXPRESSION,
};

/** GitLab CI `variables:` of the job, then global; GitLab expands them in keywords as well. */
const GITLAB_CI: CiVariables = {
  scopes: (path) => [
    ...(typeof path?.[0] === 'string' && path[0] !== 'variables' ? [[path[0], 'variables']] : []),
    ['variables'],
  ],
  scripts: (data) =>
    [[] as Path, ...entriesAt(data, []).map(([key]) => key), ['default']].flatMap((scope) =>
      ['before_script', 'script', 'after_script'].flatMap((key) => {
        const value = valueAt(data, [...scope, key]);
        return Array.isArray(value) ? value.map((_, i) => [...scope, key, i]) : [[...scope, key]];
      }),
    ),
  shellUsesEverywhere: true,
};

/** CircleCI `environment:` of the run step, then of the job. */
const CIRCLECI: CiVariables = {
  scopes: (path) => {
    const job = path?.[0] === 'jobs' && path.length >= 2 ? path.slice(0, 2) : undefined;
    const step =
      job && path?.[2] === 'steps' && typeof path[3] === 'number'
        ? [...path.slice(0, 4), 'run']
        : undefined;
    return [...(step ? [step] : []), ...(job ? [job] : [])].map((scope) => [
      ...scope,
      'environment',
    ]);
  },
  scripts: (data) =>
    entriesAt(data, ['jobs'])
      .flatMap(([job]) => entriesAt(data, [...job, 'steps']))
      .flatMap(([step, value]) =>
        isRecord(value) && isRecord(value.run) ? [[...step, 'run', 'command']] : [[...step, 'run']],
      ),
};

/**
 * Variables of a CI file, the innermost scope deciding. `$NAME` and `${NAME}` resolve in scripts
 * (everywhere, where the CI expands them itself); a variable any script assigns (or writes to
 * `$GITHUB_ENV`, `$BASH_ENV`) changes at run time, so it never resolves.
 */
function ciSubstitutions(text: string, doc: StructuredDoc, ci: CiVariables): Substitution[] {
  const data = doc.data;
  const runs = ci
    .scripts(data)
    .map((path) => doc.valueSpan(path))
    .filter((span) => span !== undefined);
  const assigned = new Set(
    runs.flatMap((span) =>
      [...text.slice(span.start, span.end).matchAll(RUN_ASSIGNMENT)].map((m) => m.groups?.name),
    ),
  );
  const valueOf = (u: Use): string | undefined => {
    if (assigned.has(u.name)) return undefined;
    const scope = ci
      .scopes(doc.pathAt(u.start))
      .map((path) => valueAt(data, path))
      .find((variables) => isRecord(variables) && Object.hasOwn(variables, u.name));
    const entry = isRecord(scope) ? scope[u.name] : undefined;
    // GitLab also writes `NAME: { value: …, description: … }`.
    const value = isRecord(entry) ? entry.value : entry;
    return typeof value === 'string' || typeof value === 'number'
      ? known(u.name, String(value))
      : undefined;
  };
  const expressions = ci.expression
    ? [...text.matchAll(ci.expression)].map((m) => use(m, m.groups?.name))
    : [];
  const shellIn = (span: Span) =>
    [...text.slice(span.start, span.end).matchAll(SHELL_USE)].map((m) => {
      const u = use(m, m.groups?.brace ?? m.groups?.bare);
      return { ...u, start: u.start + span.start, end: u.end + span.start };
    });
  const shellUses = ci.shellUsesEverywhere
    ? shellIn({ start: 0, end: text.length })
    : runs.flatMap(shellIn);
  return substitutions(
    [...expressions, ...shellUses].sort((a, b) => a.start - b.start),
    valueOf,
  );
}

/**
 * A Dockerfile's `ARG NAME=default` and `ENV NAME=value` hold from their line to the end of the
 * stage; each `FROM` starts afresh. An `ARG` default is what the file ships with, even though a
 * build may pass another. A variable a `RUN` assigns is the shell's, so it never resolves.
 */
function dockerSubstitutions(text: string): Substitution[] {
  const assignments: Assignment[] = [];
  const assigned = new Set<string>();
  for (const m of text.matchAll(DOCKER_INSTRUCTION)) {
    const { op = '', rest = '' } = m.groups ?? {};
    const offset = m.index + m[0].length;
    const instruction = op.toUpperCase();
    if (instruction === 'FROM') assignments.push({ offset, name: '', value: undefined });
    if (instruction === 'RUN') {
      for (const a of rest.matchAll(RUN_ASSIGNMENT)) assigned.add(a.groups?.name ?? '');
    }
    if (instruction === 'ARG' || instruction === 'ENV') {
      for (const { name, value } of dockerPairs(instruction, rest)) {
        assignments.push({ offset, name, value: known(name, value) });
      }
    }
  }
  const uses = [...text.matchAll(SHELL_USE)].map((m) => use(m, m.groups?.brace ?? m.groups?.bare));
  let values = new Map<string, string | undefined>();
  let next = 0;
  return substitutions(uses, (u) => {
    for (; next < assignments.length && assignments[next]!.offset <= u.start; next++) {
      const { name, value } = assignments[next]!;
      if (name === '') values = new Map();
      else values.set(name, value);
    }
    return assigned.has(u.name) ? undefined : values.get(u.name);
  });
}

/** `NAME=value …`, or the older `ENV NAME value`; `ARG NAME` alone has no value. */
function dockerPairs(instruction: string, rest: string): { name: string; value?: string }[] {
  const legacy = /^(?<name>[A-Za-z_]\w*)[ \t]+(?<value>[^=\s]\S*)[ \t]*$/.exec(rest.trim());
  if (instruction === 'ENV' && legacy?.groups) {
    return [{ name: legacy.groups.name ?? '', value: legacy.groups.value }];
  }
  return [...rest.matchAll(DOCKER_PAIR)].map((m) => ({
    name: m.groups?.name ?? '',
    value: m.groups?.dq ?? m.groups?.sq ?? m.groups?.bare,
  }));
}

function use(m: RegExpMatchArray, name: string | undefined): Use {
  const start = m.index ?? 0;
  return { start, end: start + m[0].length, name: name ?? '' };
}

/** The value, when it is a literal and the variable is not a credential. */
function known(name: string, value: string | undefined): string | undefined {
  return value !== undefined && LITERAL.test(value) && !looksSecret(name) ? value : undefined;
}

function substitutions(
  uses: readonly Use[],
  valueOf: (use: Use) => string | undefined,
): Substitution[] {
  return uses.flatMap((u) => {
    const value = valueOf(u);
    return value === undefined ? [] : [{ start: u.start, end: u.end, value }];
  });
}
