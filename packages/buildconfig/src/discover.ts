/**
 * Finds the build configurations under a root: every file the file-type table knows and the files
 * `include` adds (`listBuildFiles`), and tells which scripts a build file runs (`scriptRunsIn`),
 * which extracting follows. Never descends into the `SKIPPED_DIRECTORIES` (dependencies, VCS data,
 * Python environments, tool caches), never enters a symlinked directory, never returns a path
 * outside the root; a build file that is a symlink is returned, and reading it (`readBuildFile`)
 * says where it leads.
 */
import { lstatSync } from 'node:fs';
import { join, posix } from 'node:path';
import {
  decodeText,
  globTest,
  LineIndex,
  readDirectory,
  readRegularFile,
  SKIPPED_DIRECTORIES,
  type ListDirectory,
} from '@posture/model';
import { configPaths, type ToolConfig } from './config-refs.js';
import { fileTypeOf, isDiscoveredBuildFile } from './file-types.js';
import { isRunnerValue, NODE_SOURCE_PATH, runsAsNamed, type VariableRuns } from './node-scripts.js';
import { isInsideRoot, resolvesInsideRoot } from './paths.js';
import { DEFAULT_MAX_FILE_BYTES } from './read-file.js';
import {
  directoryAfter,
  fromCheckout,
  outOfCheckout,
  scriptRuns,
  separated,
  shellScriptRuns,
  type RunPlaces,
  type ScriptRun,
} from './script-refs.js';
import { spanHolding } from './files/analysis.js';
import { prerequisiteRuns } from './files/makefile.js';
import { taskRuns, type TaskRun } from './task-runs.js';
import { CI_VARIABLES, fileSubstitutions, scriptShells } from './variables/index.js';
import { circleJobPlaces } from './variables/ci.js';
import { directoryVariables } from './directory-variables.js';
import type { Substitution } from './variables/common.js';
import type { ShellScripts, WrittenScripts } from './variables/ci-reader.js';
import type { Span, StructuredDoc } from './structured/doc.js';
import { windowsShellsOf, type WindowsAt } from './windows-shells.js';

export interface DiscoverOptions {
  /** More globs (relative to the root) to scan; files of no known type are read as text. */
  readonly include?: readonly string[];
  /**
   * Paths (relative to the root) to leave out: an excluded directory is not entered. A test rather
   * than globs, since a scan's globs are relative to the directory they are written in.
   */
  readonly excluded?: (path: string) => boolean;
  /** Lists directories; default `readdir`. A scan passes one that lists each directory once. */
  readonly listDirectory?: ListDirectory;
  /**
   * Told of each directory (relative to the root) the walk could not list, with why: the build
   * files in it were not found. See `unlistedDirectory`.
   */
  readonly onUnlisted?: (dir: string, reason: string) => void;
  /**
   * The directories (relative to the root) to walk; default the whole root. A scan of one
   * directory of a repository walks that directory only.
   */
  readonly under?: readonly string[];
}

/**
 * Build files that can run shell scripts, scripts included (`deploy.sh` running
 * `sh infrastructure/s3_bucket.sh`); only the scripts they run are scanned, not every `*.sh`.
 */
const SCRIPT_RUNNERS = new Set([
  'package.json',
  'github-workflow',
  'github-action',
  'gitlab-ci',
  'circleci',
  'jenkinsfile',
  'makefile',
  'justfile',
  'dockerfile',
  'earthfile',
  'cloudbuild',
  'buildspec',
  'bitbucket-pipelines',
  'azure-pipelines',
  'travis',
  'appveyor',
  'drone',
  'drone-starlark',
  'woodpecker',
  'buildkite',
  'taskfile',
  'shell',
  'powershell',
  'batch',
  'install-script',
]);

/**
 * How many levels of scripts run by scripts, and of CI files included by included files, are
 * followed. GitLab nests includes up to 150 deep; a real build's are a few levels.
 */
export const MAX_FOLLOW_DEPTH = 16;

/**
 * The build files under `root` by name, and those `include` adds, sorted; not the scripts they run,
 * which only reading them tells (`scriptRunsIn`). A plain directory walk that enters no symlink:
 * fast-glob's walk of every file took twice as long on a 20,000-file repository. A symlink or a
 * named pipe with a build file's name is listed as a file is, and reading it says what it is (a
 * link out of the root, to nothing, or in a loop): a file the repository says is part of its build
 * never vanishes without a word.
 */
export function listBuildFiles(root: string, options: DiscoverOptions = {}): string[] {
  const excluded = options.excluded ?? (() => false);
  const list = options.listDirectory ?? readDirectory;
  const found = new Set<string>();
  const walk = (dir: string): void => {
    const listing = list(join(root, dir));
    if (listing.unreadable !== undefined) options.onUnlisted?.(dir || '.', listing.unreadable);
    for (const entry of listing) {
      const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !excluded(path)) walk(path);
      } else if (!excluded(path) && isBuildFile(root, path)) found.add(path);
    }
  };
  for (const dir of options.under ?? ['']) walk(dir === '.' ? '' : dir);
  for (const path of glob(root, options.include ?? [], options)) {
    if (isInsideRoot(root, path)) found.add(path);
  }
  return [...found].sort();
}

/** Whether a scan of `root` reads the file at `path` (relative to it) as a build configuration. */
export function isBuildFile(root: string, path: string): boolean {
  return isDiscoveredBuildFile(path, () => readSmall(root, path));
}

/**
 * The scripts a build file runs, each where the file names it (a path may be named several times):
 * those of its scripts that run in one shell along it (a `cd` on an earlier line holding), from
 * the directory the file has the shell start in (a workflow step's `working-directory`), which its
 * parsed `doc` tells, when written as a path inside the root; the others from each line. Where
 * PowerShell or cmd runs a command, as `doc` tells, a backslash in a path (and in the directory
 * its shell starts in) separates directories; where either may, as the run says, the file is read
 * both ways.
 */
export function scriptRunsIn(
  path: string,
  text: string,
  type = fileTypeOf(path, text)?.type,
  doc?: StructuredDoc,
): ScriptRun[] {
  if (type === undefined || !SCRIPT_RUNNERS.has(type)) return [];
  const readings = windowsShellsOf(type, text, doc);
  const shells = scriptShells(text, type, doc);
  // Of package.json's scripts, only those that run as it installs or publishes, or that a build
  // step runs by name, run their source files (`node x.js`): which, all build files tell
  // (`calledScriptRuns`).
  const valueAt = valuesOf(path, text, type, doc);
  const variableRuns = variablesRunning(valueAt);
  // Where its commands run: as its CI tells, and in the directories its own variables name.
  const places = { ...runPlaces(path, type, doc), valueAt, directoryOf: directoryVariables(text) };
  const directoryAt = commandDirectory(type, doc);
  const runs = readings
    .flatMap((windows) =>
      runsRead(path, type, text, shells, windows, variableRuns, { ...places, directoryAt }),
    )
    .filter((run) => type !== 'package.json' || !NODE_SOURCE_PATH.test(run.path));
  if (readings.length === 1) return runs;
  return [...new Map(runs.map((run) => [`${run.at} ${run.path}`, run])).values()];
}

/** The scripts a build file runs (see `scriptRunsIn`), in the shells `windows` tells. */
function runsRead(
  path: string,
  type: string,
  text: string,
  shells: readonly ShellScripts[],
  windows: WindowsAt,
  variableRuns: VariableRuns,
  { directoryAt, ...places }: RunPlaces & { directoryAt?: (at: number) => unknown },
): ScriptRun[] {
  const dirs = runDirectories(path, type);
  const spans = shells.flatMap((shell) => shell.spans).sort((a, b) => a.start - b.start);
  const whole = spans.length === 1 && spans[0]!.end - spans[0]!.start === text.length;
  // Where a prelude leaves a shell, found once however many shells run it.
  const entered = new Map<string, string>();
  const after = ({ text: written, spans }: WrittenScripts, dir: string) => {
    const id = `${spans[0]?.start} ${dir}`;
    let found = entered.get(id);
    if (found === undefined)
      entered.set(id, (found = directoryAfter(written, spans, dir, windows, places)));
    return found;
  };
  // Outside its shells, a command runs from where the file has it run (`commandDirectory`).
  const lineDirectories = (at: number) => {
    const written = directoryAt?.(at);
    const dir = writtenDirectory(
      typeof written === 'string' ? separated(written, windows, at) : written,
      places,
      at,
    );
    return dir ? [dir] : dirs;
  };
  const lineRuns = (dir: string) =>
    scriptRuns(text, dir, windows, variableRuns, places).filter(
      ({ at }) => !spanHolding(spans, at) && lineDirectories(at).includes(dir),
    );
  // The directories its commands run in, told by where the file names scripts.
  const named = whole || !directoryAt ? [] : scriptRuns(text, '.', windows, variableRuns, places);
  const lineDirs = new Set([...dirs, ...named.flatMap(({ at }) => lineDirectories(at))]);
  return [
    ...(whole ? [] : [...lineDirs].flatMap(lineRuns)),
    ...shells.flatMap(({ spans, prelude, directory }) => {
      const written = writtenDirectory(
        typeof directory === 'string' ? separated(directory, windows, spans[0]!.start) : directory,
        places,
        spans[0]!.start,
      );
      return (written ? [written] : dirs).flatMap((dir) =>
        shellScriptRuns(
          text,
          spans,
          dir,
          prelude ? after(prelude, dir) : dir,
          windows,
          variableRuns,
          places,
        ),
      );
    }),
  ];
}

/**
 * Whether a variable a build file runs as a command (`$(NODE) x.js`) runs a runner: by the value
 * its own variables give it there (`NODE ?= node`, `NODE=/usr/bin/node`), read only when a file
 * runs one; one they give none (`NODE := $(shell which node)`, the environment's) when named for
 * Node (see `runsAsNamed`).
 */
function variablesRunning(valueAt: (at: number) => Substitution | undefined): VariableRuns {
  return (name, at) => {
    const value = valueAt(at);
    return value ? isRunnerValue(value.value) : runsAsNamed(name, at);
  };
}

/**
 * The value a build file's own variables give the variable written at an offset, where they tell
 * it; read only when a file asks.
 */
function valuesOf(
  path: string,
  text: string,
  fileType: string,
  doc: StructuredDoc | undefined,
): (at: number) => Substitution | undefined {
  let values: readonly Substitution[] | undefined;
  return (at) => {
    values ??= fileSubstitutions({ path, text, lines: new LineIndex(text), fileType }, doc);
    return spanHolding(values, at);
  };
}

/**
 * The make targets and package.json scripts a build file's commands run by name (`TaskRun`): from
 * the directory each of its shells starts in when written (a workflow step's `working-directory`),
 * else from the file's own directories; and a Makefile's rules' prerequisites.
 */
export function taskRunsIn(
  path: string,
  text: string,
  type = fileTypeOf(path, text)?.type,
  doc?: StructuredDoc,
): TaskRun[] {
  if (type === undefined || !SCRIPT_RUNNERS.has(type)) return [];
  const dirs = runDirectories(path, type);
  const shells = scriptShells(text, type, doc);
  const spans = shells.flatMap((shell) => shell.spans).sort((a, b) => a.start - b.start);
  const runs = (places: readonly Span[], from: readonly string[]) =>
    from.flatMap((dir) => places.flatMap((span) => taskRuns(text, span, dir)));
  return [
    ...runs(between(spans, text.length), dirs),
    ...shells.flatMap(({ spans, directory }) => {
      const written = writtenDirectory(directory);
      return runs(spans, written ? [written] : dirs);
    }),
    ...(type === 'makefile' ? prerequisiteRuns(path, text) : []),
  ];
}

/** The text between spans (in order, apart) of a text of `length` characters. */
function between(spans: readonly Span[], length: number): Span[] {
  const gaps: Span[] = [];
  let start = 0;
  for (const span of spans) {
    if (span.start > start) gaps.push({ start, end: span.start });
    start = Math.max(start, span.end);
  }
  if (start < length) gaps.push({ start, end: length });
  return gaps;
}

/**
 * What a file tells of where its commands run (see `RunPlaces`): a script's own directory is the
 * one it is in; a composite action's files are where GitHub puts it, `${{ github.action_path }}`;
 * Cloud Build checks the repository out to `/workspace`, CircleCI to the job's working_directory
 * (`~/project` unless the job says otherwise) or its checkout's `path` from there
 * (`circleJobPlaces`), Bitbucket Pipelines to `/opt/atlassian/pipelines/agent/build`, Drone to its
 * workspace, `/drone/src` unless the pipeline says otherwise.
 */
function runPlaces(path: string, type: string, doc: StructuredDoc | undefined): RunPlaces {
  if (SCRIPTS.has(type)) return { own: posix.dirname(path) };
  if (type === 'github-action') return { action: posix.dirname(path) };
  // A reusable command's steps run in the job that calls it: CircleCI's default is taken for it.
  if (type === 'circleci' && doc)
    return { workspace: (at) => circleJobPlaces(doc.pathAt(at), doc.data) ?? CIRCLE_DEFAULT };
  const checkout = CHECKOUTS.get(type);
  return checkout === undefined ? {} : { workspace: () => ({ checkout }) };
}

/**
 * The directory a command at an offset of a file runs in, outside its shells, as the file writes
 * it: a Cloud Build step's `dir:` (see `CiVariables.directory`), whose args are no shell script.
 */
function commandDirectory(
  type: string,
  doc: StructuredDoc | undefined,
): ((at: number) => unknown) | undefined {
  const directory = type === 'cloudbuild' ? CI_VARIABLES[type]?.directory : undefined;
  if (directory === undefined || doc === undefined) return undefined;
  return (at) => {
    const path = doc.pathAt(at);
    return path && directory(path, doc.data);
  };
}

/** Where CircleCI checks the repository out unless the job says otherwise (see `Workspace`). */
const CIRCLE_DEFAULT = { checkout: '/~/project' };

/** The files that are scripts, run by their path. */
const SCRIPTS: ReadonlySet<string> = new Set(['shell', 'install-script', 'powershell', 'batch']);

/** Where a CI checks the repository out, by its file type, where no other CI's is. */
const CHECKOUTS: ReadonlyMap<string, string> = new Map([
  ['cloudbuild', '/workspace'],
  ['bitbucket-pipelines', '/opt/atlassian/pipelines/agent/build'],
  ['drone', '/drone/src'],
  ['drone-starlark', '/drone/src'],
]);

/**
 * A directory a file has its scripts start in, when written as a path, or from the CI's checkout
 * (`${{ github.workspace }}/..`) or the composite action's directory (see `fromCheckout`); one
 * out of the root (`working-directory: ../..`) or where the CI keeps temporary files
 * (`${{ runner.temp }}`, see `outOfCheckout`) runs none of its scripts, whose paths then leave it
 * too. `at` is where the file writes the command.
 */
function writtenDirectory(written: unknown, places: RunPlaces = {}, at = 0): string | undefined {
  const temp = typeof written === 'string' ? outOfCheckout(written) : undefined;
  if (temp !== undefined) return temp;
  const path =
    typeof written === 'string' ? (fromCheckout(written, places, at) ?? written) : undefined;
  if (path === undefined || !/^(?!-)[\w./-]+$/.test(path)) return undefined;
  const dir = posix.normalize(path).replace(/(?<=.)\/$/, '');
  return dir === '.' ? undefined : dir;
}

/**
 * Tool configurations that a build file's or a script's commands name (`goreleaser --config x`),
 * with the type each is read as, relative as `scriptRunsIn`'s scripts.
 */
export function configsRunBy(
  path: string,
  text: string,
  type = fileTypeOf(path, text)?.type,
): ToolConfig[] {
  if (!SCRIPT_RUNNERS.has(type ?? '')) return [];
  return runDirectories(path, type).flatMap((dir) => configPaths(text, dir));
}

/**
 * CI files whose steps start in the checkout, never where the file is: GitHub's workflows and
 * actions (`$GITHUB_WORKSPACE`), CircleCI's configurations (the job's `working_directory`, where
 * `checkout` puts the repository), Buildkite's pipelines (`$BUILDKITE_BUILD_CHECKOUT_PATH`, wherever
 * `pipeline upload` read them from), Azure Pipelines' files and the templates they include
 * (`$(Build.SourcesDirectory)`), GitLab's and the files it includes (`$CI_PROJECT_DIR`), and the
 * workflows of `.woodpecker/` (its workspace, where the repository is cloned). A `cd ..`
 * there leaves the repository, not `.github/workflows`, and `./publish.sh` is the root's.
 */
const RUN_FROM_CHECKOUT: ReadonlySet<string> = new Set([
  'github-workflow',
  'github-action',
  'circleci',
  'buildkite',
  'azure-pipelines',
  'gitlab-ci',
  'woodpecker',
]);

/**
 * Where a build file's commands may run: its directory, and the root that CI files run from; the
 * root alone for those of `RUN_FROM_CHECKOUT`.
 */
export function runDirectories(path: string, type?: string): string[] {
  const dir = posix.dirname(path);
  return dir === '.' || RUN_FROM_CHECKOUT.has(type ?? '') ? ['.'] : [dir, '.'];
}

/**
 * Of the scripts named, those that are there, in no directory a scan skips (what is excluded, the
 * caller leaves out): as the walk lists build files, one that is a symlink or a named pipe is kept
 * too, and reading it says what it is.
 */
export function existingScripts(root: string, scripts: readonly string[]): string[] {
  return [...new Set(scripts)].filter(
    (script) =>
      !script.split('/').some((part) => SKIPPED_DIRECTORIES.has(part)) &&
      isNoDirectory(join(root, script)),
  );
}

/**
 * The scripts runs name, each named where its file system ignores case (`ScriptRun.caseless`) and
 * not there as written by the path of the file that is there in another case: the entry of each
 * directory along it of that name, else one whose name differs only in case (the first in order
 * where several do). Each directory is listed, and each path looked up, once in a scan.
 */
export function withPathsAsFound(root: string): (runs: readonly ScriptRun[]) => ScriptRun[] {
  const listings = new Map<string, { names: Set<string>; byCase: Map<string, string> }>();
  const entriesOf = (dir: string) => {
    let found = listings.get(dir);
    if (!found) {
      const names = readDirectory(join(root, dir)).map((entry) => entry.name);
      const byCase = new Map<string, string>();
      for (const name of names.sort()) {
        if (!byCase.has(name.toLowerCase())) byCase.set(name.toLowerCase(), name);
      }
      listings.set(dir, (found = { names: new Set(names), byCase }));
    }
    return found;
  };
  const asFound = (path: string): string | undefined => {
    let found = '';
    for (const segment of path.split('/')) {
      const { names, byCase } = entriesOf(found);
      const name = names.has(segment) ? segment : byCase.get(segment.toLowerCase());
      if (name === undefined) return undefined;
      found = found ? `${found}/${name}` : name;
    }
    return found;
  };
  // Each path once: a file may name one many times.
  const paths = new Map<string, string>();
  const pathOf = (written: string): string => {
    let found = paths.get(written);
    if (found === undefined) {
      found = isNoDirectory(join(root, written)) ? written : (asFound(written) ?? written);
      paths.set(written, found);
    }
    return found;
  };
  return (runs) =>
    runs.map((run) => {
      const path = run.caseless ? pathOf(run.path) : run.path;
      return path === run.path ? run : { ...run, path };
    });
}

/** Whether there is an entry at `path` that is no directory. */
function isNoDirectory(path: string): boolean {
  try {
    return !lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The files a glob (relative to the root) matches inside the root. */
export function globInside(root: string, pattern: string): string[] {
  return glob(root, [pattern], {}).filter((path) => isInsideRoot(root, path));
}

/**
 * The files (no symlink, none in a skipped directory) that `patterns` match under `root`, each
 * pattern matched by `globTest`, in time linear in the path: picomatch, which fast-glob matched
 * with, compiles a glob to a RegExp that backtracks, and a GitLab `include:` glob is written by the
 * repository scanned (`ci/*a*a*a*a*a*a*b.yml` took 12 s on one 60-character name, each `*a` more
 * multiplying it). The walk enters only directories a pattern can match below, as fast-glob's did:
 * those its literal leading segments name, no deeper than its segments reach.
 */
function glob(root: string, patterns: readonly string[], options: DiscoverOptions): string[] {
  const list = options.listDirectory ?? readDirectory;
  const excluded = options.excluded ?? (() => false);
  const found = new Set<string>();
  // As fast-glob reads a negated pattern, one of these on its own matches nothing.
  for (const pattern of patterns.filter((p) => !p.startsWith('!'))) {
    const match = globTest([pattern]);
    const { prefix, depth } = reach(pattern);
    const walk = (dir: string, level: number): void => {
      for (const entry of list(join(root, dir))) {
        const path = dir === '' ? entry.name : `${dir}/${entry.name}`;
        if ((level < prefix.length && entry.name !== prefix[level]) || excluded(path)) continue;
        if (entry.isDirectory()) {
          if (level + 1 < depth && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path, level + 1);
        } else if (entry.isFile() && match(path)) found.add(path);
      }
    };
    walk('', 0);
  }
  return [...found];
}

/** Characters that make a glob's path segment more than its literal name. */
const GLOB_SEGMENT = /[*?[\]{}()!+@\\]/;

/**
 * The directories a pattern's literal leading segments name, and how many segments the paths it
 * matches have at most: unbounded with `**`, or a brace or group, which may hold a `/`.
 */
function reach(pattern: string): { prefix: readonly string[]; depth: number } {
  const segments = pattern.split('/');
  const firstGlob = segments.findIndex((segment) => GLOB_SEGMENT.test(segment));
  const prefix = segments.slice(0, firstGlob < 0 ? -1 : firstGlob);
  const open = pattern.includes('**') || /[{(]/.test(pattern);
  return { prefix, depth: open ? Infinity : segments.length };
}

/**
 * Whether a file or any directory above it is excluded. Paths are relative to the root, but an
 * absolute one must end too: `posix.dirname('/')` is `/`, where the loop never stopped.
 */
export function excludedWithin(file: string, excluded: (path: string) => boolean): boolean {
  for (let at = file; at !== '.' && at !== '' && at !== '/'; at = posix.dirname(at))
    if (excluded(at)) return true;
  return false;
}

/**
 * A file's text, to tell its type; empty when it cannot be read. A file a symlink leads out of the
 * root to is not read (undefined): what the machine that scans holds must not decide whether the
 * link is reported, which reading it as a build file does.
 */
function readSmall(root: string, path: string): string | undefined {
  try {
    if (!resolvesInsideRoot(root, path)) return undefined;
    return decodeText(readRegularFile(join(root, path), DEFAULT_MAX_FILE_BYTES));
  } catch {
    return '';
  }
}
