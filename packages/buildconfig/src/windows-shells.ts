/**
 * Where a build file's commands are read by PowerShell or cmd, which take a backslash in a path for
 * a separator (`.\scripts\push.ps1`), where sh and bash take it for an escape (`scriptspush.ps1`):
 * a PowerShell script, a batch file, a Jenkinsfile's `bat`, `powershell` and `pwsh` steps, and a CI
 * step whose shell is one of them, as the step says or as its runner's default on Windows (a GitLab
 * job's too, as its runner's tags or its Windows image tell). A workflow job whose runs differ
 * (`runs-on: ${{ matrix.os }}` over Linux and Windows), or an Azure job whose legs do (`vmImage:
 * $(imageName)`), has its steps read both ways.
 */
import {
  entriesAt,
  isRecord,
  recordsIn,
  valueAt,
  type Path,
  type StructuredDoc,
} from './structured/doc.js';
import { spanHolding } from './files/analysis.js';
import { configurationAt } from './files/appveyor-for.js';
import { mergedJob } from './files/gitlab-jobs.js';
import { matrixVariables } from './files/github-matrix.js';
import { windowsScriptsOf } from './files/jenkinsfile.js';
import { ancestors, workflowRunSetting } from './variables/ci.js';

/** Whether the command at an offset of a file is read by PowerShell or cmd. */
export type WindowsAt = (offset: number) => boolean;

/** Whether PowerShell or cmd reads a command; `'either'` where that depends on the run. */
type Reads = boolean | 'either';

/** How a CI file type says whether PowerShell or cmd reads its commands. */
interface CiShells {
  /** For the value at a path of the file's `data`. */
  reads(path: Path, data: unknown): Reads;
  /** Whether some value may be read by `'either'`: the file is then read both ways. */
  readonly varies?: (data: unknown) => boolean;
}

/** A shell a step names that reads backslashes as separators (a workflow's `pwsh {0}` too). */
const WINDOWS_SHELL = /^(?:pwsh|powershell|cmd)\b/i;
/** A Windows runner or image, as a workflow's `runs-on` or Azure's `pool` names it. */
const WINDOWS_RUNNER = /windows|\bwin\d|\bvs20\d\d/i;
/** A runner's tag that names its shell, PowerShell (GitLab's Windows runners run theirs). */
const POWERSHELL_TAG = /^(?:pwsh|powershell)$/i;
/** A Windows container image: only a Windows runner runs one, in its PowerShell. */
const WINDOWS_IMAGE = /windows|servercore|nanoserver/i;

/** How each CI file type says, for the value at a path, whether PowerShell or cmd reads it. */
const CI_WINDOWS: Readonly<Record<string, CiShells>> = {
  'github-workflow': { reads: workflowStep, varies: workflowVaries },
  'github-action': {
    reads: (path, data) =>
      path[0] === 'runs' && path[1] === 'steps' && typeof path[2] === 'number'
        ? windowsShell(valueAt(data, [...path.slice(0, 3), 'shell']))
        : false,
  },
  'gitlab-ci': { reads: gitlabJob },
  'azure-pipelines': { reads: azureStep, varies: azureVaries },
  appveyor: { reads: appveyorScript },
};

/**
 * The ways a file of `type`, holding `text` and parsed as `doc`, is read: where PowerShell or cmd
 * reads its commands. One way, or two where that depends on the run (a leg of a matrix): a command
 * that either may read is read as PowerShell's in the first, as sh's in the second.
 */
export function windowsShellsOf(
  type: string,
  text: string,
  doc: StructuredDoc | undefined,
): WindowsAt[] {
  if (type === 'powershell' || type === 'batch') return [() => true];
  if (type === 'jenkinsfile') {
    const scripts = windowsScriptsOf(text);
    return [(offset) => spanHolding(scripts, offset) !== undefined];
  }
  const shells = CI_WINDOWS[type];
  if (!shells || !doc) return [() => false];
  const reading =
    (either: boolean): WindowsAt =>
    (offset) => {
      const path = doc.pathAt(offset);
      const reads = path && shells.reads(path, doc.data);
      return reads === true || (either && reads === 'either');
    };
  // Only a path with a backslash is read differently: a file without one is read once.
  const twice = text.includes('\\') && shells.varies?.(doc.data);
  return twice ? [reading(true), reading(false)] : [reading(false)];
}

function windowsShell(shell: unknown): boolean {
  return typeof shell === 'string' && WINDOWS_SHELL.test(shell);
}

/**
 * A workflow step's `shell`, else its job's or the workflow's `defaults.run.shell`; else the
 * runner's default, PowerShell on Windows: in each run of the job's matrix.
 */
function workflowStep(path: Path, data: unknown): Reads {
  if (path[0] !== 'jobs' || path.length < 2) return false;
  const job = path.slice(0, 2);
  const shell = workflowRunSetting(path, data, 'shell');
  if (shell !== undefined) return inEveryRun(data, job, String(shell), windowsShell);
  const runsOn = JSON.stringify(valueAt(data, [...job, 'runs-on']) ?? '');
  return inEveryRun(data, job, runsOn, (runner) => WINDOWS_RUNNER.test(runner));
}

/** `${{ matrix.name }}`, as a run of its job's matrix has it. */
const MATRIX_USE = /\$\{\{\s*(matrix\.[\w-]+)\s*\}\}/g;
/** What each job's settings say in every run, by the workflow's data, found once per setting. */
const runsSay = new WeakMap<object, Map<string, Reads>>();

/**
 * Whether a job's setting `written` (its `runs-on`, a step's `shell`) `says` PowerShell or cmd in
 * every run of the job's matrix, with `${{ matrix.name }}` as each run has it: `'either'` where
 * some runs do and others not, or where an expression left unknown may (`${{ inputs.os }}`).
 */
function inEveryRun(
  data: unknown,
  job: Path,
  written: string,
  says: (setting: string) => boolean,
): Reads {
  if (!written.includes('${{') || !isRecord(data)) return says(written);
  let said = runsSay.get(data);
  if (!said) runsSay.set(data, (said = new Map()));
  const key = `${String(job[1])}\n${written}`;
  let reads = said.get(key);
  if (reads === undefined) {
    const runs = matrixVariables(data, job);
    const each = (runs.length > 0 ? runs : [new Map<string, string>()]).map((given): Reads => {
      const setting = written.replace(MATRIX_USE, (use, name: string) => given.get(name) ?? use);
      return says(setting) || (setting.includes('${{') ? 'either' : false);
    });
    reads = each.every((one) => one === each[0]) ? each[0]! : 'either';
    said.set(key, reads);
  }
  return reads;
}

/** Whether some job's `runs-on` or some `shell` is an expression, which runs may compute apart. */
function workflowVaries(data: unknown): boolean {
  const jobs = entriesAt(data, ['jobs']).map(([job]) => job);
  const settings = [
    valueAt(data, ['defaults', 'run', 'shell']),
    ...jobs.flatMap((job) => [
      valueAt(data, [...job, 'runs-on']),
      valueAt(data, [...job, 'defaults', 'run', 'shell']),
      ...entriesAt(data, [...job, 'steps']).map(([step]) => valueAt(data, [...step, 'shell'])),
    ]),
  ];
  return settings.some((setting) => JSON.stringify(setting ?? '').includes('${{'));
}

/**
 * A GitLab job's scripts (and the global ones, `default:`'s), on a runner whose `tags` (the job's,
 * those it extends, else `default:`'s) say it runs Windows or PowerShell, or in a Windows `image`:
 * a Windows runner runs scripts in PowerShell. A Linux runner's shell is sh or bash.
 */
function gitlabJob(path: Path, data: unknown): boolean {
  const job = typeof path[0] === 'string' ? mergedJob(data, path[0]) : undefined;
  const tags = job?.tags ?? valueAt(data, ['default', 'tags']);
  const image = job?.image ?? valueAt(data, ['default', 'image']) ?? valueAt(data, ['image']);
  const tagged = Array.isArray(tags) ? tags.filter((tag) => typeof tag === 'string') : [];
  return (
    tagged.some((tag) => WINDOWS_RUNNER.test(tag) || POWERSHELL_TAG.test(tag)) ||
    WINDOWS_IMAGE.test(JSON.stringify(image ?? ''))
  );
}

/** The keys that make an Azure mapping a step. */
const AZURE_STEP = ['task', 'script', 'bash', 'pwsh', 'powershell'];

/**
 * An Azure step's: `pwsh`, `powershell` and the PowerShell tasks' inputs (`filePath`, `script`)
 * are PowerShell's; `script` and the command-line task run cmd on a Windows pool, bash elsewhere:
 * in each leg of the `strategy.matrix` of the job (or pipeline) around it, with `$(name)` in the
 * pool as the leg has it (`vmImage: $(imageName)`).
 */
function azureStep(path: Path, data: unknown): Reads {
  const holding = ancestors(path).flatMap((at) => {
    const value = valueAt(data, at);
    return isRecord(value) ? [value] : [];
  });
  const step = holding.find((value) => AZURE_STEP.some((key) => key in value));
  if (!step) return false;
  if ('pwsh' in step || 'powershell' in step) return true;
  const task = typeof step.task === 'string' ? step.task : '';
  if (/^(?:Azure)?PowerShell@/i.test(task)) return true;
  if (!('script' in step) && !/^CmdLine@/i.test(task)) return false;
  const pool = JSON.stringify(holding.find((value) => 'pool' in value)?.pool ?? '');
  if (!AZURE_MACRO.test(pool)) return WINDOWS_RUNNER.test(pool);
  const strategy = holding.find((value) => isRecord(value.strategy))?.strategy;
  const matrix = isRecord(strategy) && isRecord(strategy.matrix) ? strategy.matrix : {};
  const legs = Object.values(matrix).filter(isRecord);
  const each = (legs.length > 0 ? legs : [{}]).map((leg): Reads => {
    // Azure's variable names are not case-sensitive.
    const variables = new Map(Object.entries(leg).map(([name, v]) => [name.toLowerCase(), v]));
    const setting = pool.replace(new RegExp(AZURE_MACRO.source, 'g'), (use, name: string) => {
      const value = variables.get(name.toLowerCase());
      return typeof value === 'string' ? value : use;
    });
    return WINDOWS_RUNNER.test(setting) || (AZURE_MACRO.test(setting) ? 'either' : false);
  });
  return each.every((one) => one === each[0]) ? each[0]! : 'either';
}

/** `$(name)`, an Azure macro: a variable, as a leg of a matrix may set it. */
const AZURE_MACRO = /\$\((\w[\w.]*)\)/;

/** Whether some pool is written with a variable, which legs of a matrix may set apart. */
function azureVaries(data: unknown): boolean {
  return recordsIn(data).some(([, value]) => AZURE_MACRO.test(JSON.stringify(value.pool ?? '')));
}

/**
 * An AppVeyor script's: `ps:`, `pwsh:` and `cmd:` name theirs; a plain one runs in cmd, unless
 * its `image` is Linux or macOS.
 */
function appveyorScript(path: Path, data: unknown): boolean {
  const last = path[path.length - 1];
  if (typeof last === 'string' && ['ps', 'pwsh', 'cmd', 'sh'].includes(last)) return last !== 'sh';
  const image =
    valueAt(data, [...(configurationAt(path) ?? []), 'image']) ?? valueAt(data, ['image']);
  return !/ubuntu|linux|macos/i.test(JSON.stringify(image ?? ''));
}
