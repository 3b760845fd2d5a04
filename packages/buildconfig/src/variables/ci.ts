/**
 * Where each CI keeps its variables and its scripts (`CiVariables`), one description a CI; how a
 * CI file's variables are read by its description is in ci-reader.ts.
 */
import { posix } from 'node:path';
import {
  entriesAt,
  isRecord,
  recordsIn,
  valueAt,
  type Path,
  type StructuredDoc,
} from '../structured/doc.js';
import type { Given } from './common.js';
import { githubEnvWrites, type StepWrites } from './github-env.js';
import { APPVEYOR_PHASES, configurationAt } from '../files/appveyor-for.js';
import { isTemplate, jobChain, matrixPath } from '../files/gitlab-jobs.js';
import { callAt } from '../files/task-calls.js';

/**
 * `${{ env.NAME }}` in a workflow, `${{ matrix.name }}`, looked up as `matrix.name` (what the job's
 * run for a combination of its matrix is given), `${{ inputs.name }}`, as `inputs.name` (what a
 * job that calls the workflow gives it, or who runs it by hand, see `callInputs`),
 * `${{ github.event.inputs.name }}`, as written (what who runs it by hand gives it), and
 * `${{ steps.<id>.outputs.name }}` and `${{ needs.<job>.outputs.name }}`, as written (what an
 * earlier step or job wrote, see github-env.ts).
 */
const WORKFLOW_EXPRESSION =
  /\$\{\{\s*(?:env\.(?<name>[A-Za-z_][\w-]*)|(?<dotted>(?:matrix|inputs|github\.event\.inputs|(?:steps|needs)\.[A-Za-z_][\w-]*\.outputs)\.[A-Za-z_][\w-]*))\s*\}\}/g;
/**
 * Where Azure checks a pipeline's own repository out, as a path starts with it, before a separator
 * (`/`, or `\` on a Windows agent: read as one where cmd or PowerShell runs the step).
 */
const AZURE_CHECKOUT =
  /^\$\((?:System\.DefaultWorkingDirectory|Build\.SourcesDirectory)\)(?=[/\\]|$)/;
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
  /** What scripts write for the later steps of their job, read statically (`$GITHUB_ENV`). */
  readonly laterSteps?: (text: string, doc: StructuredDoc) => StepWrites;
}

/**
 * A workflow's `env:` at the workflow, job and step level; `${{ env.NAME }}` resolves anywhere, and
 * so do `${{ matrix.name }}` in a run of a matrix job and a reusable workflow's `${{ inputs.name }}`.
 * What a step writes to `$GITHUB_ENV` literally holds in the later steps of its job (github-env.ts).
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
  directory: (path, data) => workflowRunSetting(path, data, 'working-directory'),
  expression: WORKFLOW_EXPRESSION,
  laterSteps: githubEnvWrites,
};

/** `${{ env.NAME }}` and `${{ inputs.name }}` in an action; an input is looked up as `inputs.name`. */
const ACTION_EXPRESSION =
  /\$\{\{\s*(?:env\.(?<name>[A-Za-z_][\w-]*)|(?<dotted>inputs\.[A-Za-z_][\w-]*))\s*\}\}/g;

/**
 * A composite action (`action.yml`): a step's `env:`, and the inputs it is given (`callInputs`):
 * `${{ inputs.name }}` resolves anywhere, `${{ env.NAME }}` too, `$NAME` in a step's `run`.
 */
export const GITHUB_ACTION: CiVariables = {
  scopes: (path) =>
    path?.[0] === 'runs' && path[1] === 'steps' && typeof path[2] === 'number'
      ? [[...path.slice(0, 3), 'env']]
      : [],
  scripts: (data) => entriesAt(data, ['runs', 'steps']).map(([step]) => [...step, 'run']),
  // A step runs in the checkout, or in its own `working-directory`.
  directory: (path, data) =>
    path?.[0] === 'runs' && path[1] === 'steps' && typeof path[2] === 'number'
      ? valueAt(data, [...path.slice(0, 3), 'working-directory'])
      : undefined,
  expression: ACTION_EXPRESSION,
};

/** Where a composite action and a reusable workflow declare the inputs they are called with. */
export const CALL_INPUTS: Readonly<Record<string, Path>> = {
  'github-action': ['inputs'],
  'github-workflow': ['on', 'workflow_call', 'inputs'],
};

/** Where a workflow declares the inputs it is run by hand with. */
export const DISPATCH_INPUTS: Path = ['on', 'workflow_dispatch', 'inputs'];

/**
 * The inputs a composite action or a workflow (a file of `type`) runs with, as `${{ inputs.name }}`
 * looks them up: those `given` (the `with:` of the step or job that uses it), else each input's
 * `default`; a workflow run by hand (`workflow_dispatch`) has the `default` of each input it
 * declares for that too, also as `github.event.inputs.name`. A CircleCI configuration has the
 * `default` of each pipeline parameter it declares, as `pipeline.parameters.name`.
 */
export function callInputs(
  type: string,
  data: unknown,
  given: ReadonlyMap<string, string> = new Map(),
): Given {
  const inputs = new Map<string, string>();
  const set = (name: string, value: unknown) => {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
      inputs.set(name, String(value));
  };
  const declared = (path: Path) =>
    entriesAt(data, path).map(([at, input]) => [String(at[at.length - 1]), input] as const);
  if (type === 'circleci') {
    for (const [name, parameter] of declared(['parameters']))
      set(`pipeline.parameters.${name}`, isRecord(parameter) ? parameter.default : undefined);
  }
  if (type === 'github-workflow') {
    for (const [name, input] of declared(DISPATCH_INPUTS)) {
      const value = isRecord(input) ? input.default : undefined;
      set(`inputs.${name}`, value);
      set(`github.event.inputs.${name}`, value);
    }
  }
  const called = CALL_INPUTS[type];
  for (const [name, input] of called ? declared(called) : [])
    set(`inputs.${name}`, given.get(name) ?? (isRecord(input) ? input.default : undefined));
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
  return gitlabJobScript(data, job, 'before_script');
}

/**
 * Where the `before_script` or `after_script` a job runs is written: the job's own or that of the
 * first job it extends that has one, else, unless the job's `inherit: default` leaves it out, that
 * of `default:`, else the top-level one (which GitLab reads as `default:`'s).
 */
export function gitlabJobScript(
  data: unknown,
  job: string,
  key: 'before_script' | 'after_script',
): Path | undefined {
  const chain = jobChain(data, job);
  const owner = chain.find((name) => valueAt(data, [name, key]) !== undefined);
  if (owner !== undefined) return [owner, key];
  const inherit = chain
    .map((name) => valueAt(data, [name, 'inherit', 'default']))
    .find((value) => value !== undefined);
  if (chain.length === 0 || inherit === false) return undefined;
  if (Array.isArray(inherit) && !inherit.includes(key)) return undefined;
  return [['default', key], [key]].find((written) => valueAt(data, written) !== undefined);
}

/**
 * CircleCI's `<< pipeline.parameters.name >>`, which CircleCI replaces anywhere in the file before
 * it runs: the `default` of the parameter the top-level `parameters:` declares (`callInputs`),
 * unless the pipeline is triggered with another; and a job's or command's `<< parameters.name >>`,
 * which each run of it is given (see files/circleci-parameters.ts).
 */
const CIRCLECI_EXPRESSION = /<<\s*(?<dotted>(?:pipeline\.)?parameters\.[A-Za-z_][\w-]*)\s*>>/g;

/**
 * CircleCI `environment:` of the run step, then of the job, then of the job's primary container
 * (its first `docker:` image), where the steps run, then of the executor the job uses and its
 * primary container; and pipeline parameters. The `run` steps of reusable commands are scripts
 * too (the environment of the job that runs one is not read), and so are those of an inline orb's
 * jobs and commands (`orbs.<alias>:` a map), `<alias>/<job>` in a workflow.
 */
export const CIRCLECI: CiVariables = {
  expression: CIRCLECI_EXPRESSION,
  scopes: (path, data) => {
    const { job, step } = circleJobAndStep(path);
    const executor = job && circleExecutor(data, job, valueAt(data, [...job, 'executor']));
    return [
      ...(step ? [[...step, 'run']] : []),
      ...[job, executor].flatMap((place) => (place ? [place, [...place, 'docker', 0]] : [])),
    ].map((scope) => [...scope, 'environment']);
  },
  scripts: (data) =>
    [[], ...entriesAt(data, ['orbs']).map(([orb]) => orb)]
      .flatMap((owner) => ['jobs', 'commands'].flatMap((kind) => entriesAt(data, [...owner, kind])))
      .flatMap(([place]) => entriesAt(data, [...place, 'steps']))
      .flatMap(([step, value]) =>
        isRecord(value) && isRecord(value.run) ? [[...step, 'run', 'command']] : [[...step, 'run']],
      ),
  directory: circleDirectory,
};

/**
 * The executor a job's `executor:` names, by name alone or as `name:` with its parameters: one of
 * the configuration's, or `<alias>/<name>` of an inline orb's; inside an inline orb, its own by
 * name alone.
 */
function circleExecutor(data: unknown, job: Path, executor: unknown): Path | undefined {
  const name = isRecord(executor) ? executor.name : executor;
  if (typeof name !== 'string') return undefined;
  const slash = name.indexOf('/');
  if (slash >= 0) return ['orbs', name.slice(0, slash), 'executors', name.slice(slash + 1)];
  const orb = job[0] === 'orbs' ? job.slice(0, 2) : [];
  return [...orb, 'executors', name];
}

/**
 * The `jobs.<name>` (or an inline orb's `orbs.<alias>.jobs.<name>`) and its `steps[i]` paths
 * around a value, where it has them.
 */
function circleJobAndStep(path: Path | undefined): { job?: Path; step?: Path } {
  if (path?.[0] !== 'orbs') return jobAndStep(path);
  const { job, step } = jobAndStep(path.slice(2));
  const orb = path.slice(0, 2);
  return { ...(job && { job: [...orb, ...job] }), ...(step && { step: [...orb, ...step] }) };
}

/** A directory CircleCI takes as written: a path, from `~` or not. */
const CIRCLE_PATH = /^[\w./~-]+$/;

/** Where a CircleCI job runs: its steps' directory and the checkout's, absolute (`~/` as `/~/`). */
export interface CircleJobPlaces {
  readonly steps: string;
  readonly checkout: string;
}

/** A CircleCI directory written from `dir`, absolute, `~/` read as the directory `/~/`. */
const circleResolve = (dir: string, path: string) =>
  posix.resolve(dir, path.replace(/^~(?=\/|$)/, '/~'));

/**
 * Where the CircleCI job around a path runs (`CircleJobPlaces`): its `working_directory`
 * (`~/project` by default) is where its steps run, and its `checkout` step checks the repository
 * out there, or at its `path`, from there. Undefined where either is not written as a path.
 */
export function circleJobPlaces(
  path: Path | undefined,
  data: unknown,
): CircleJobPlaces | undefined {
  const { job } = circleJobAndStep(path);
  if (!job) return undefined;
  const checkout = entriesAt(data, [...job, 'steps'])
    .map(([, value]) => value)
    .find((value) => value === 'checkout' || (isRecord(value) && 'checkout' in value));
  const written = [
    valueAt(data, [...job, 'working_directory']) ?? '~/project',
    (isRecord(checkout) && isRecord(checkout.checkout) && checkout.checkout.path) || '.',
  ];
  if (!written.every((dir) => typeof dir === 'string' && CIRCLE_PATH.test(dir))) return undefined;
  const steps = circleResolve('/', written[0] as string);
  return { steps, checkout: circleResolve(steps, written[1] as string) };
}

/**
 * Where a CircleCI `run` step starts, from the repository's top: where its job's steps run (see
 * `circleJobPlaces`), and the step's own `working_directory` from there.
 */
function circleDirectory(path: Path, data: unknown): string | undefined {
  const { step } = circleJobAndStep(path);
  const job = circleJobPlaces(path, data);
  if (!job || !step) return undefined;
  const run = valueAt(data, [...step, 'run']);
  const stepDir = (isRecord(run) && run.working_directory) || '.';
  if (typeof stepDir !== 'string' || !CIRCLE_PATH.test(stepDir)) return undefined;
  return posix.relative(job.checkout, circleResolve(job.steps, stepDir)) || '.';
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
 * script sees `a.b` as `$A_B`. `$(NAME)` and `${{ variables.NAME }}` resolve anywhere. Scripts are
 * the `script`, `bash`, `pwsh` and `powershell` steps' (and tasks' `script` inputs).
 */
export const AZURE_PIPELINES: CiVariables = {
  scopes: (path) => ancestors(path).map((scope) => [...scope, 'variables']),
  scripts: (data) => scriptsIn(data, ['script', 'bash', 'pwsh', 'powershell']),
  // The step's `workingDirectory`, from the repository's top, where the agent checks it out.
  directory: (path, data) => {
    const step = path.slice(0, typeof path[path.length - 1] === 'number' ? -2 : -1);
    const written = valueAt(data, [...step, 'workingDirectory']);
    return typeof written === 'string' ? written.replace(AZURE_CHECKOUT, '.') : written;
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
  // A step runs its args and its script in its `dir:`, from /workspace, where the repository is.
  directory: (path, data) =>
    path[0] === 'steps' && typeof path[1] === 'number'
      ? valueAt(data, ['steps', path[1], 'dir'])
      : undefined,
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

/**
 * GoReleaser's template of an environment variable: `{{ .Env.NAME }}`, `{{- .Env.NAME -}}`, and Go
 * templates' map lookup `{{ index .Env "NAME" }}` (a quoted or raw string).
 */
const GORELEASER_TEMPLATE =
  /\{\{-?\s*(?:\.Env\.(?<name>[A-Za-z_]\w*)|index\s+\.Env\s+(?<q>["`])(?<quoted>[A-Za-z_]\w*)\k<q>)\s*-?\}\}/g;

/**
 * GoReleaser: its top-level `env:`, a list of `NAME=value` strings, which its templates read
 * anywhere in the file (`url_template: https://{{ .Env.BUCKET }}.s3.amazonaws.com/…`), the last
 * entry of a name deciding, over the environment GoReleaser runs in.
 */
export const GORELEASER: CiVariables = {
  scopes: () => [['env']],
  scripts: () => [],
  entries: (scope) =>
    new Map(
      (Array.isArray(scope) ? scope : []).flatMap((entry) => {
        const pair = typeof entry === 'string' ? /^([A-Za-z_]\w*)=(.*)$/s.exec(entry) : null;
        return pair ? [[pair[1]!, pair[2]!] as const] : [];
      }),
    ),
  expression: GORELEASER_TEMPLATE,
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
export function scriptLines(data: unknown, path: Path): Path[] {
  const value = valueAt(data, path);
  if (value === undefined) return [];
  return Array.isArray(value) ? value.map((_, i) => [...path, i]) : [path];
}

/**
 * A workflow step's `run` setting (`shell`, `working-directory`) for the value at `path`: the step's
 * own, else its job's or the workflow's `defaults.run`.
 */
export function workflowRunSetting(path: Path | undefined, data: unknown, key: string): unknown {
  const { job, step } = jobAndStep(path);
  return [
    ...(step ? [[...step, key]] : []),
    ...(job ? [[...job, 'defaults', 'run', key]] : []),
    ['defaults', 'run', key],
  ]
    .map((written) => valueAt(data, written))
    .find((value) => value !== undefined);
}

/** The `jobs.<name>` and `jobs.<name>.steps[i]` paths around a value, where it has them. */
function jobAndStep(path: Path | undefined): { job?: Path; step?: Path } {
  const job = path?.[0] === 'jobs' && path.length >= 2 ? path.slice(0, 2) : undefined;
  const step =
    job && path?.[2] === 'steps' && typeof path[3] === 'number' ? path.slice(0, 4) : undefined;
  return { job, step };
}

/** The paths holding `path`, innermost first, down to the root. */
export function ancestors(path: Path | undefined): Path[] {
  return Array.from(
    { length: (path?.length ?? 0) + 1 },
    (_, i) => path?.slice(0, i) ?? [],
  ).reverse();
}
