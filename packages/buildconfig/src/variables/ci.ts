import {
  entriesAt,
  isRecord,
  valueAt,
  type Path,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import {
  known,
  RUN_ASSIGNMENT,
  SHELL_USE,
  substitutions,
  use,
  type Substitution,
  type Use,
} from './common.js';

/** `${{ env.NAME }}` in a workflow. */
const ENV_EXPRESSION = /\$\{\{\s*env\.(?<name>[A-Za-z_][\w-]*)\s*\}\}/g;

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
export const GITHUB_WORKFLOW: CiVariables = {
  scopes: (path) => {
    const { job, step } = jobAndStep(path);
    return [...(step ? [step] : []), ...(job ? [job] : []), []].map((scope) => [...scope, 'env']);
  },
  scripts: (data) =>
    entriesAt(data, ['jobs'])
      .flatMap(([job]) => entriesAt(data, [...job, 'steps']))
      .map(([step]) => [...step, 'run']),
  expression: ENV_EXPRESSION,
};

/** GitLab CI `variables:` of the job, then global; GitLab expands them in keywords as well. */
export const GITLAB_CI: CiVariables = {
  scopes: (path) => [
    ...(typeof path?.[0] === 'string' && path[0] !== 'variables' ? [[path[0], 'variables']] : []),
    ['variables'],
  ],
  // Jobs, `default:` and the top level itself hold scripts.
  scripts: (data) =>
    [[] as Path, ...entriesAt(data, []).map(([key]) => key)].flatMap((scope) =>
      ['before_script', 'script', 'after_script'].flatMap((key) =>
        scriptLines(data, [...scope, key]),
      ),
    ),
  shellUsesEverywhere: true,
};

/** CircleCI `environment:` of the run step, then of the job. */
export const CIRCLECI: CiVariables = {
  scopes: (path) => {
    const { job, step } = jobAndStep(path);
    return [...(step ? [[...step, 'run']] : []), ...(job ? [job] : [])].map((scope) => [
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

/** Drone `environment:` of the step, then of the pipeline; scripts are the steps' `commands`. */
export const DRONE: CiVariables = {
  scopes: (path) => [...stepsScope(path), []].map((scope) => [...scope, 'environment']),
  scripts: (data) => stepScripts(data, ['commands']),
};

/** Buildkite `env:` of the step, then of the pipeline; scripts are `command` and `commands`. */
export const BUILDKITE: CiVariables = {
  scopes: (path) => [...stepsScope(path), []].map((scope) => [...scope, 'env']),
  scripts: (data) => stepScripts(data, ['command', 'commands']),
};

/** `steps[i]` around a value in a pipeline whose top level lists its steps. */
function stepsScope(path: Path | undefined): Path[] {
  return path?.[0] === 'steps' && typeof path[1] === 'number' ? [path.slice(0, 2)] : [];
}

/** Each step's script fields. */
function stepScripts(data: unknown, keys: readonly string[]): Path[] {
  return entriesAt(data, ['steps']).flatMap(([step]) =>
    keys.flatMap((key) => scriptLines(data, [...step, key])),
  );
}

/** A script field's paths: one per line of a list, or the field itself; none when it is absent. */
function scriptLines(data: unknown, path: Path): Path[] {
  const value = valueAt(data, path);
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map((_, i) => [...path, i]) : [path];
}

/** The `jobs.<name>` and `jobs.<name>.steps[i]` paths around a value, where it has them. */
function jobAndStep(path: Path | undefined): { job?: Path; step?: Path } {
  const job = path?.[0] === 'jobs' && path.length >= 2 ? path.slice(0, 2) : undefined;
  const step =
    job && path?.[2] === 'steps' && typeof path[3] === 'number' ? path.slice(0, 4) : undefined;
  return { job, step };
}

/**
 * Variables of a CI file, the innermost scope deciding. `$NAME` and `${NAME}` resolve in scripts
 * (everywhere, where the CI expands them itself); a variable any script assigns (or writes to
 * `$GITHUB_ENV`, `$BASH_ENV`) changes at run time, so it never resolves.
 */
export function ciSubstitutions(text: string, doc: StructuredDoc, ci: CiVariables): Substitution[] {
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
