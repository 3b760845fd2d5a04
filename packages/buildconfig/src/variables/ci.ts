import { posix } from 'node:path';
import {
  entriesAt,
  isRecord,
  isWithin,
  recordsIn,
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
  MAX_PASSED,
  passedAlong,
  shellAssignments,
  type ShellAssignment,
  type Sourcing,
} from './shell.js';
import { APPVEYOR_PHASES, configurationAt } from '../files/appveyor-for.js';
import { isTemplate, jobChain, matrixPath } from '../files/gitlab-jobs.js';
import { callAt } from '../files/task-calls.js';

/**
 * `${{ env.NAME }}` in a workflow, and `${{ matrix.name }}`, looked up as `matrix.name` (what the
 * job's run for a combination of its matrix is given).
 */
const WORKFLOW_EXPRESSION =
  /\$\{\{\s*(?:env\.(?<name>[A-Za-z_][\w-]*)|(?<dotted>matrix\.[A-Za-z_][\w-]*))\s*\}\}/g;
/** Where Azure checks a pipeline's own repository out, as a path starts with it. */
const AZURE_CHECKOUT = /^\$\((?:System\.DefaultWorkingDirectory|Build\.SourcesDirectory)\)(?:\/|$)/;
/** Azure's `$(NAME)` macro and `${{ variables.NAME }}` / `${{ variables['NAME'] }}` template expression. */
const AZURE_EXPRESSION =
  /\$\((?<name>[A-Za-z_][\w.]*)\)|\$\{\{\s*variables(?:\.(?<dotted>[A-Za-z_][\w.]*)|\[\s*'(?<quoted>[^']+)'\s*\])\s*\}\}/g;
/** One `NAME=value` of a Travis `env` entry, the value bare or quoted. */
const TRAVIS_PAIR =
  /(?<![^\s])(?<name>[A-Za-z_]\w*)=(?:"(?<dq>[^"]*)"|'(?<sq>[^']*)'|(?<bare>\S*))/g;

/** Where a CI file keeps its variables and its scripts. */
export interface CiVariables {
  /** The variable lists a value at `path` of the file's `data` sees, innermost first. */
  scopes(path: Path | undefined, data: unknown): Path[];
  /** The shell scripts the file runs: one path per script, or per line of a script list. */
  scripts(data: unknown): Path[];
  /**
   * The shell a script at `path` runs in, as the path all of its scripts share; default: the list
   * holding it, whose lines run in one shell.
   */
  readonly shell?: (path: Path, data: unknown) => Path;
  /**
   * The script list that runs in the shell of the script at `path` (where the place read has it)
   * before it, written elsewhere: a GitLab job's `before_script`, before its `script`. What it
   * leaves the shell's variables is what the script starts with.
   */
  readonly prelude?: (path: Path, data: unknown) => Path | undefined;
  /**
   * The directory the script at `path` starts in, relative to the repository's top, as the file
   * writes it (a workflow step's `working-directory`); default the top.
   */
  readonly directory?: (path: Path, data: unknown) => unknown;
  /** The variables a scope lists, by name; default: a mapping of names to values. */
  readonly entries?: (scope: unknown) => ReadonlyMap<string, unknown>;
  /** The name a variable is looked up by, for a CI whose names are not case-sensitive. */
  readonly key?: (name: string) => string;
  /** A placeholder that resolves anywhere in the file, not only in scripts. */
  readonly expression?: RegExp;
  /**
   * The variable lists an `expression` at `path` sees, innermost first, when they are not the
   * shell's: a template the CI renders from variables its commands' shell neither sees nor
   * changes (go-task's `{{.NAME}}` from `vars:`). Default: `scopes`, which the shell may change.
   */
  readonly expressionScopes?: (path: Path | undefined, data: unknown) => Path[];
  /** Whether `$NAME` and `${NAME}` resolve outside scripts too (GitLab expands them in keywords). */
  readonly shellUsesEverywhere?: boolean;
  /**
   * Whether the variables are the environment of the processes the scripts start (a script they
   * run); default yes. Cloud Build's substitutions are replaced in the file, and set no variable.
   */
  readonly environment?: false;
}

/**
 * A workflow's `env:` at the workflow, job and step level; `${{ env.NAME }}` resolves anywhere, and
 * so does `${{ matrix.name }}` in a run of a matrix job.
 */
export const GITHUB_WORKFLOW: CiVariables = {
  scopes: (path) => {
    const { job, step } = jobAndStep(path);
    return [...(step ? [step] : []), ...(job ? [job] : []), []].map((scope) => [...scope, 'env']);
  },
  scripts: (data) =>
    entriesAt(data, ['jobs'])
      .flatMap(([job]) => entriesAt(data, [...job, 'steps']))
      .map(([step]) => [...step, 'run']),
  // The step's `working-directory`, else its job's or the workflow's `defaults.run`.
  directory: (path, data) => {
    const { job, step } = jobAndStep(path);
    return [
      ...(step ? [[...step, 'working-directory']] : []),
      ...(job ? [[...job, 'defaults', 'run', 'working-directory']] : []),
      ['defaults', 'run', 'working-directory'],
    ]
      .map((written) => valueAt(data, written))
      .find((value) => value !== undefined);
  },
  expression: WORKFLOW_EXPRESSION,
};

/** `${{ env.NAME }}` and `${{ inputs.name }}` in an action; an input is looked up as `inputs.name`. */
const ACTION_EXPRESSION =
  /\$\{\{\s*(?:env\.(?<name>[A-Za-z_][\w-]*)|(?<dotted>inputs\.[A-Za-z_][\w-]*))\s*\}\}/g;

/**
 * A composite action (`action.yml`): a step's `env:`, and the inputs it is given (`actionInputs`):
 * `${{ inputs.name }}` resolves anywhere, `${{ env.NAME }}` too, `$NAME` in a step's `run`.
 */
export const GITHUB_ACTION: CiVariables = {
  scopes: (path) =>
    path?.[0] === 'runs' && path[1] === 'steps' && typeof path[2] === 'number'
      ? [[...path.slice(0, 3), 'env']]
      : [],
  scripts: (data) => entriesAt(data, ['runs', 'steps']).map(([step]) => [...step, 'run']),
  expression: ACTION_EXPRESSION,
};

/**
 * The inputs a composite action runs with, as `${{ inputs.name }}` looks them up: those `given`
 * (the `with:` of the step that uses it), else each input's `default`.
 */
export function actionInputs(data: unknown, given: ReadonlyMap<string, string> = new Map()): Given {
  const inputs = new Map<string, string>();
  for (const [path, input] of entriesAt(data, ['inputs'])) {
    const name = String(path[1]);
    const value = given.get(name) ?? (isRecord(input) ? input.default : undefined);
    if (typeof value === 'string' || typeof value === 'number')
      inputs.set(`inputs.${name}`, String(value));
  }
  return inputs;
}

/**
 * GitLab CI `variables:` of the job, then of the jobs it extends (merged as GitLab merges them), then
 * global; GitLab expands them in keywords as well. A template (a hidden job that jobs extend) is
 * read as written: its values resolve where the jobs run them. So are the variables of a job's
 * `parallel: matrix`, which each instance is given (`matrixReadings`): read as the job alone, a
 * variable the matrix sets is unknown.
 */
export const GITLAB_CI: CiVariables = {
  scopes: (path, data) => {
    const job = path?.[0];
    if (typeof job !== 'string') return [['variables']];
    if (isTemplate(data, job)) return [];
    const matrix = matrixPath(data, job);
    return [
      ...(matrix ? [matrix] : []),
      ...jobChain(data, job).map((name) => [name, 'variables']),
      ['variables'],
    ];
  },
  // A matrix lists the names it sets, each unknown but in an instance.
  entries: (scope) =>
    Array.isArray(scope)
      ? new Map(scope.filter(isRecord).flatMap((entry) => Object.keys(entry).map((n) => [n, null])))
      : new Map(isRecord(scope) ? Object.entries(scope) : []),
  // Jobs, `default:` and the top level itself hold scripts.
  scripts: (data) =>
    [[] as Path, ...entriesAt(data, []).map(([key]) => key)].flatMap((scope) =>
      ['before_script', 'script', 'after_script'].flatMap((key) =>
        scriptLines(data, [...scope, key]),
      ),
    ),
  prelude: gitlabBeforeScript,
  shellUsesEverywhere: true,
};

/**
 * The `before_script` that a running job's `script` follows in its shell: the job's own or that of
 * the first job it extends that has one, else, unless the job's `inherit: default` leaves it out,
 * that of `default:`, else the top-level one (which GitLab reads as `default:`'s).
 */
function gitlabBeforeScript(path: Path, data: unknown): Path | undefined {
  const [job, key] = path;
  if (key !== 'script' || typeof job !== 'string' || isTemplate(data, job)) return undefined;
  const chain = jobChain(data, job);
  const owner = chain.find((name) => valueAt(data, [name, 'before_script']) !== undefined);
  if (owner !== undefined) return [owner, 'before_script'];
  const inherit = chain
    .map((name) => valueAt(data, [name, 'inherit', 'default']))
    .find((value) => value !== undefined);
  if (chain.length === 0 || inherit === false) return undefined;
  if (Array.isArray(inherit) && !inherit.includes('before_script')) return undefined;
  return [['default', 'before_script'], ['before_script']].find(
    (written) => valueAt(data, written) !== undefined,
  );
}

/**
 * CircleCI `environment:` of the run step, then of the job, then of the job's primary container
 * (its first `docker:` image), where the steps run.
 */
export const CIRCLECI: CiVariables = {
  scopes: (path) => {
    const { job, step } = jobAndStep(path);
    return [...(step ? [[...step, 'run']] : []), ...(job ? [job, [...job, 'docker', 0]] : [])].map(
      (scope) => [...scope, 'environment'],
    );
  },
  scripts: (data) =>
    entriesAt(data, ['jobs'])
      .flatMap(([job]) => entriesAt(data, [...job, 'steps']))
      .flatMap(([step, value]) =>
        isRecord(value) && isRecord(value.run) ? [[...step, 'run', 'command']] : [[...step, 'run']],
      ),
  directory: circleDirectory,
};

/** A directory CircleCI takes as written: a path, from `~` or not. */
const CIRCLE_PATH = /^[\w./~-]+$/;

/**
 * Where a CircleCI `run` step starts, from the repository's top. The job's `working_directory`
 * (`~/project` by default) is where its steps run, and its `checkout` step checks the repository
 * out there, or at its `path`, from there; a step's own `working_directory` is from there too.
 */
function circleDirectory(path: Path, data: unknown): string | undefined {
  const { job, step } = jobAndStep(path);
  if (!job || !step) return undefined;
  const checkout = entriesAt(data, [...job, 'steps'])
    .map(([, value]) => value)
    .find((value) => value === 'checkout' || (isRecord(value) && 'checkout' in value));
  const run = valueAt(data, [...step, 'run']);
  const written = [
    valueAt(data, [...job, 'working_directory']) ?? '~/project',
    (isRecord(checkout) && isRecord(checkout.checkout) && checkout.checkout.path) || '.',
    (isRecord(run) && run.working_directory) || '.',
  ];
  if (!written.every((dir) => typeof dir === 'string' && CIRCLE_PATH.test(dir))) return undefined;
  const [jobDir, repository, stepDir] = written as string[];
  const from = (dir: string, p: string) => posix.resolve(dir, p.replace(/^~(?=\/|$)/, '/~'));
  const steps = from('/', jobDir!);
  return posix.relative(from(steps, repository!), from(steps, stepDir!)) || '.';
}

/**
 * Drone and Woodpecker `environment:` of the step, then of the pipeline; scripts are the steps'
 * `commands`.
 */
export const DRONE: CiVariables = {
  scopes: (path) => [...stepsScope(path), []].map((scope) => [...scope, 'environment']),
  scripts: (data) => stepScripts(data, ['commands']),
};

/** Buildkite `env:` of the step, then of the pipeline; scripts are `command` and `commands`. */
export const BUILDKITE: CiVariables = {
  scopes: (path) => [...stepsScope(path), []].map((scope) => [...scope, 'env']),
  scripts: (data) => stepScripts(data, ['command', 'commands']),
};

/**
 * Azure Pipelines `variables:` of the job, stage and pipeline, as a mapping or a list of
 * `name`/`value` (a `group` or `template` entry is unknown). Names are not case-sensitive, and a
 * script sees `a.b` as `$A_B`. `$(NAME)` and `${{ variables.NAME }}` resolve anywhere.
 */
export const AZURE_PIPELINES: CiVariables = {
  scopes: (path) => ancestors(path).map((scope) => [...scope, 'variables']),
  scripts: (data) => scriptsIn(data, ['script', 'bash']),
  // The step's `workingDirectory`, from the repository's top, where the agent checks it out.
  directory: (path, data) => {
    const step = path.slice(0, typeof path[path.length - 1] === 'number' ? -2 : -1);
    const written = valueAt(data, [...step, 'workingDirectory']);
    return typeof written === 'string' ? written.replace(AZURE_CHECKOUT, '') || '.' : written;
  },
  entries: (scope) => {
    if (!Array.isArray(scope)) return isRecord(scope) ? new Map(Object.entries(scope)) : new Map();
    return new Map(
      scope.flatMap((entry) =>
        isRecord(entry) && typeof entry.name === 'string' ? [[entry.name, entry.value]] : [],
      ),
    );
  },
  key: (name) => name.toUpperCase().replace(/\./g, '_'),
  expression: AZURE_EXPRESSION,
};

/** Where Travis `env:` lists its variables, the first listing a name deciding. */
const TRAVIS_ENV: readonly Path[] = [
  ['env', 'global'],
  ['env', 'jobs'],
  ['env', 'matrix'],
  ['env'],
];

/**
 * Travis CI `env:` — `NAME=value` strings, alone, listed, or under `global` (a `secure` entry is
 * unknown). A matrix entry sets a value for one job only: a name set twice differently is unknown.
 */
export const TRAVIS: CiVariables = {
  scopes: () => [...TRAVIS_ENV],
  scripts: (data) =>
    scriptsIn(data, [
      'before_install',
      'install',
      'before_script',
      'script',
      'after_success',
      'after_failure',
      'after_script',
      'before_deploy',
      'after_deploy',
    ]),
  entries: travisEntries,
};

function travisEntries(scope: unknown): ReadonlyMap<string, unknown> {
  const lines = typeof scope === 'string' ? [scope] : Array.isArray(scope) ? scope : [];
  const values = new Map<string, unknown>();
  for (const line of lines.filter((l) => typeof l === 'string')) {
    for (const { name, value } of travisPairs(line)) {
      values.set(name, values.has(name) && values.get(name) !== value ? undefined : value);
    }
  }
  return values;
}

/** The value Travis `env:` gives a variable; `undefined` when it gives none, or none known. */
export function travisVariable(data: unknown, name: string): unknown {
  return TRAVIS_ENV.map((scope) => travisEntries(valueAt(data, scope)))
    .find((variables) => variables.has(name))
    ?.get(name);
}

/** The paths of the strings of `NAME=value` pairs that Travis `env:` lists. */
export function travisEnvEntries(data: unknown): Path[] {
  return TRAVIS_ENV.flatMap((scope) => {
    const value = valueAt(data, scope);
    if (typeof value === 'string') return [scope];
    if (!Array.isArray(value)) return [];
    return value.flatMap((entry, i) => (typeof entry === 'string' ? [[...scope, i]] : []));
  });
}

/** The `NAME=value` pairs of a Travis `env` entry, each with where its value starts in the entry. */
export function travisPairs(line: string): { name: string; value: string; at: number }[] {
  return [...line.matchAll(TRAVIS_PAIR)].map((m) => {
    const { name = '', dq, sq, bare = '' } = m.groups ?? {};
    const quoted = sq ?? dq;
    return {
      name,
      value: quoted ?? bare,
      at: m.index + name.length + (quoted === undefined ? 1 : 2),
    };
  });
}

/**
 * AppVeyor's variables: `$(NAME)` in settings, `$env:NAME` in PowerShell and `%NAME%` in cmd
 * scripts (and `$NAME` in a Linux image's sh scripts).
 */
const APPVEYOR_EXPRESSION =
  /\$\((?<name>[A-Za-z_]\w*)\)|\$env:(?<dotted>[A-Za-z_]\w*)|%(?<quoted>[A-Za-z_]\w*)%/gi;

/**
 * AppVeyor `environment:`, or its `global:` (a `secure:` value is unknown, and so is a variable a
 * `matrix:` entry sets), in scripts and settings alike; in a `for:` item, the item's over them.
 */
export const APPVEYOR: CiVariables = {
  scopes: (path) =>
    [configurationAt(path) ?? [], []].flatMap((at) => [
      [...at, 'environment', 'global'],
      [...at, 'environment'],
    ]),
  scripts: (data) =>
    [[], ...entriesAt(data, ['for']).map(([item]) => item)].flatMap((at) =>
      APPVEYOR_PHASES.flatMap((phase) =>
        typeof valueAt(data, [...at, phase]) === 'string'
          ? [[...at, phase]]
          : entriesAt(data, [...at, phase]).flatMap(([item, value]) =>
              isRecord(value) ? Object.keys(value).map((shell) => [...item, shell]) : [item],
            ),
      ),
    ),
  expression: APPVEYOR_EXPRESSION,
};

/** Bitbucket Pipelines keeps its variables in the repository's settings: only scripts assign. */
export const BITBUCKET: CiVariables = {
  scopes: () => [],
  scripts: (data) => scriptsIn(data, ['script', 'after-script']),
};

/** Google Cloud Build `substitutions:` (`_NAME`), which it replaces in every field of a step. */
export const CLOUDBUILD: CiVariables = {
  scopes: () => [['substitutions']],
  scripts: () => [],
  shellUsesEverywhere: true,
  environment: false,
};

/**
 * AWS CodeBuild `env.variables:`; scripts are each phase's `commands`. Version 0.2 runs the
 * commands of every phase in one shell, so what `pre_build` assigns holds in `build`; version 0.1
 * ran each command in a shell of its own.
 */
export const BUILDSPEC: CiVariables = {
  scopes: () => [['env', 'variables']],
  scripts: (data) =>
    entriesAt(data, ['phases']).flatMap(([phase]) => scriptLines(data, [...phase, 'commands'])),
  shell: (path, data) => (String(valueAt(data, ['version'])) === '0.1' ? path : ['phases']),
};

/** go-task's template of a variable: `{{.NAME}}`, `{{ .NAME }}`, `{{- .NAME -}}`. */
const TASK_TEMPLATE = /\{\{-?\s*\.(?<name>[A-Za-z_]\w*)\s*-?\}\}/g;

/**
 * Taskfile (go-task). A template `{{.NAME}}`, which Task renders before a command runs, sees the
 * task's `vars:`, then those the task that calls it passes (see `callAt`), then the Taskfile's
 * `vars:`, then its `env:`; a command's shell sees `$NAME` from the task's `env:`, then the
 * Taskfile's (`vars:` are not exported to it). Each command runs in a shell of its own. A variable
 * computed by `sh:` is unknown.
 */
export const TASKFILE: CiVariables = {
  scopes: (path, data) => [...taskScope(path, data, 'env'), ['env']],
  scripts: (data) =>
    entriesAt(data, ['tasks']).flatMap(([task, value]) => {
      if (typeof value === 'string') return [task];
      const cmds = Array.isArray(value) ? task : [...task, 'cmds'];
      const single = isRecord(value) && typeof value.cmd === 'string' ? [[...task, 'cmd']] : [];
      return [...single, ...entriesAt(data, cmds).map(([cmd, entry]) => commandPath(cmd, entry))];
    }),
  shell: (path) => path,
  expression: TASK_TEMPLATE,
  expressionScopes: (path, data) => {
    const call = callAt(path, data);
    return [
      ...taskScope(path, data, 'vars'),
      ...(call ? [[...call.call, 'vars']] : []),
      ['vars'],
      ['env'],
    ];
  },
};

/** A task's `vars:` or `env:` around a value, where it is in a task or a call's reading of one. */
function taskScope(path: Path | undefined, data: unknown, key: 'vars' | 'env'): Path[] {
  const call = callAt(path, data);
  if (call) return [['tasks', call.task, key]];
  return path?.[0] === 'tasks' && path.length >= 2 ? [[...path.slice(0, 2), key]] : [];
}

/** A `cmds:` entry's command: the entry itself, or its `cmd:` (`- cmd: …`, `- task: …` has none). */
function commandPath(path: Path, entry: unknown): Path {
  return isRecord(entry) ? [...path, 'cmd'] : path;
}

/** `steps[i]` (or Woodpecker's `steps.<name>`) around a value in a pipeline whose top level holds its steps. */
function stepsScope(path: Path | undefined): Path[] {
  return path?.[0] === 'steps' && path.length >= 2 ? [path.slice(0, 2)] : [];
}

/** Each step's script fields. */
function stepScripts(data: unknown, keys: readonly string[]): Path[] {
  return entriesAt(data, ['steps']).flatMap(([step]) =>
    keys.flatMap((key) => scriptLines(data, [...step, key])),
  );
}

/** The script fields `keys` of every mapping of the file. */
function scriptsIn(data: unknown, keys: readonly string[]): Path[] {
  return recordsIn(data).flatMap(([path, node]) =>
    keys.filter((key) => key in node).flatMap((key) => scriptLines(data, [...path, key])),
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

/** The paths holding `path`, innermost first, down to the root. */
function ancestors(path: Path | undefined): Path[] {
  return Array.from(
    { length: (path?.length ?? 0) + 1 },
    (_, i) => path?.slice(0, i) ?? [],
  ).reverse();
}

/**
 * Variables of a CI file, the innermost scope deciding. `$NAME` and `${NAME}` resolve in scripts
 * (everywhere, where the CI expands them itself). Inside a script, an assignment at its outermost
 * level (`BUCKET=acme-releases`, or one a script it sources makes) holds from there on, as in a
 * shell script, and the lines of a script list run in one shell, which starts with what the
 * scripts run before them there leave (a GitLab job's `before_script`); a variable a script assigns
 * otherwise changes at run time (a branch, or `$GITHUB_ENV`, `$BASH_ENV` for later steps), so
 * outside that script, and before the assignment, it never resolves. Only the uses within `span`
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
): (offset: number, all: boolean) => Given {
  if (ci.environment === false) return () => new Map();
  const { declared, shells, scopesAt, variablesAt } = ciReader(
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
      const all = [...given.keys(), ...scopes.flatMap((path) => [...variablesAt(path).keys()])];
      // A given input (`inputs.name`) is no variable of the environment.
      const variables = all.filter((name) => /^[A-Za-z_]\w*$/.test(name) && wanted(name));
      declaredNames.set(id, (found = [...new Set(variables)].slice(0, MAX_PASSED)));
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
      const passes = passedAlong(text, spans, assignments, [], around, wanted);
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
      passed = passedAlong(text, shell.spans, shell.assignments, inherited, outside, wanted);
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
  readonly prelude?: readonly Span[];
  readonly directory?: unknown;
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
  const { scripts, assigned } = scriptsOf(text, doc, ci);
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
  const declared = (name: string, at: number): string | undefined =>
    assigned.has(name) ? undefined : lookup(name, scopesAt(at));
  const scripted = (spans: readonly Span[]): Scripted => ({
    spans,
    assignments: spans.flatMap((span) => shellAssignments(text, span, sourcings)),
  });
  const preludes = new Map<readonly Span[], Prelude>();
  const preludeOf = (spans: readonly Span[]): Prelude => {
    let found = preludes.get(spans);
    if (!found) {
      const read = scripted(spans);
      const around = (name: string) => declared(name, spans[0]!.start);
      const left = inOrder(read.assignments, around);
      const leave = (name: string) => left({ start: Infinity, end: Infinity, name });
      const assigned = new Set(read.assignments.map((a) => a.name));
      preludes.set(spans, (found = { ...read, around, assigned, leave }));
    }
    return found;
  };
  const within = scripts.filter((script) => isWithin(script.span, span));
  const shells: Shell[] = shellsOf(doc, ci, within).map(({ spans, prelude }) => ({
    ...scripted(spans),
    ...(prelude && { prelude: preludeOf(prelude) }),
  }));
  return { lookup, shells, scopesAt, variablesAt, declared };
}

/**
 * The variables of a scope, by lookup key (the first entry of a name deciding); each scope read
 * once, as a file may use its variables many times.
 */
function scopeReader(
  doc: StructuredDoc,
  ci: CiVariables,
): (path: Path) => ReadonlyMap<string, unknown> {
  const key = ci.key ?? ((name: string) => name);
  const entries = ci.entries ?? ((scope) => new Map(isRecord(scope) ? Object.entries(scope) : []));
  const scopes = new Map<string, ReadonlyMap<string, unknown>>();
  return (path) => {
    const id = JSON.stringify(path);
    let variables = scopes.get(id);
    if (!variables) {
      const byKey = new Map<string, unknown>();
      for (const [name, entry] of entries(valueAt(doc.data, path))) {
        if (!byKey.has(key(name))) byKey.set(key(name), entry);
      }
      scopes.set(id, (variables = byKey));
    }
    return variables;
  };
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

interface Scripts {
  readonly scripts: readonly { path: Path; span: Span }[];
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
  if (key) scriptsRead.set(key, { scripts, assigned });
  return { scripts, assigned };
}

/** The shells that run a CI file's scripts. */
export function ciShells(text: string, doc: StructuredDoc, ci: CiVariables): ShellScripts[] {
  return shellsOf(doc, ci, scriptsOf(text, doc, ci).scripts).map((shell) => {
    const path = doc.pathAt(shell.spans[0]!.start);
    return { ...shell, directory: path && ci.directory?.(path, doc.data) };
  });
}

/**
 * Scripts grouped by the shell that runs them, in order, each shell with the scripts it runs before
 * them (its prelude) as the place read has it.
 */
function shellsOf(
  doc: StructuredDoc,
  ci: CiVariables,
  scripts: readonly { path: Path; span: Span }[],
): ShellScripts[] {
  const shells = new Map<string, Span[]>();
  for (const { path, span } of scripts) {
    const id = JSON.stringify(ci.shell?.(path, doc.data) ?? scriptList(path));
    const spans = shells.get(id);
    if (spans) spans.push(span);
    else shells.set(id, [span]);
  }
  // Each prelude is found once, however many shells run it (every job, `default:`'s).
  const preludes = new Map<string, Span[]>();
  const preludeOf = (list: Path): Span[] => {
    const id = JSON.stringify(list);
    let found = preludes.get(id);
    if (!found) {
      found = scriptLines(doc.data, list).flatMap((line) => doc.valueSpan(line) ?? []);
      preludes.set(id, found);
    }
    return found;
  };
  return [...shells.values()].map((spans) => {
    spans.sort((a, b) => a.start - b.start);
    const path = doc.pathAt(spans[0]!.start);
    const list = path && ci.prelude?.(path, doc.data);
    const prelude = list ? preludeOf(list) : [];
    return { spans, ...(prelude.length > 0 && { prelude }) };
  });
}

/** The script list holding a line, or the script itself. */
function scriptList(path: Path): Path {
  return typeof path[path.length - 1] === 'number' ? path.slice(0, -1) : path;
}

function shellUsesIn(text: string, span: Span): Use[] {
  return shellUses(text.slice(span.start, span.end)).map((u) => shifted(u, span.start));
}
