/**
 * The files that build files name, to read next when scripts are followed (see `followScripts`):
 * what they include, name as a tool's configuration and run; and the notes where one is not read.
 */
import type { Diagnostic, Range } from '@posture/model';
import { settingsConfigs, type ToolConfig } from '../config-refs.js';
import { configsRunBy, globInside, MAX_FOLLOW_DEPTH, runDirectories } from '../discover.js';
import type { SourceFile } from '../files/analysis.js';
import { includedFiles, type Included } from '../includes.js';
import { calledScriptRuns } from '../node-scripts.js';
import { runsByName, writtenAt } from '../script-refs.js';
import type { Span } from '../structured/doc.js';
import type { ParsedFile } from './parse.js';

interface Include extends Included {
  readonly from: SourceFile;
}

/** What a file includes; `read`, the paths of the files read, places a makefile's includes. */
export function includedBy({ file, doc }: ParsedFile, read?: ReadonlySet<string>): Include[] {
  return includedFiles(file.path, file.fileType, doc, file.text, read).map((included) => ({
    ...included,
    from: file,
  }));
}

/** The tool configurations a file's commands or settings name, each read as that tool's file. */
function configsOf({ file, doc }: ParsedFile): ToolConfig[] {
  return [
    ...configsRunBy(file.path, file.text, file.fileType),
    ...settingsConfigs(file.fileType, doc?.data, runDirectories(file.path, file.fileType)),
  ];
}

const GLOB = /[*?[{]/;

/** Where a followed file names another, and the type that one is read as when not its own. */
export interface Naming {
  readonly from: SourceFile;
  readonly how: 'includes' | 'names as a tool configuration' | 'runs';
  readonly at: Span;
  readonly type?: string;
  /** Of a tool's configuration: the directory the tool runs in (see `ToolConfig`). */
  readonly dir?: string;
}

/** A file's start: where it names a tool's configuration (its place is not kept). */
const START: Span = { start: 0, end: 0 };

/**
 * The files that `files` include (GitLab's globs expanded), name as a tool's configuration and
 * run, by path: each where it is first named, and read as the include or else the tool says.
 */
export function namedBy(
  root: string,
  files: readonly ParsedFile[],
  includes: readonly Include[],
): Map<string, Naming> {
  const named = new Map<string, Naming>();
  const add = (path: string, naming: Naming) => {
    if (!named.has(path)) named.set(path, naming);
  };
  for (const { path, type, from, at } of includes) {
    if (path === undefined) continue;
    const naming = { from, how: 'includes', at: at ?? START, type } as const;
    for (const found of GLOB.test(path) ? globInside(root, path) : [path]) add(found, naming);
  }
  for (const file of files) {
    for (const { path, type, dir } of configsOf(file))
      add(path, { from: file.file, how: 'names as a tool configuration', at: START, type, dir });
  }
  for (const { file, scripts } of files) {
    for (const { path, at } of scripts)
      add(path, { from: file, how: 'runs', at: { start: at, end: at } });
  }
  return named;
}

/**
 * Each package.json of `parsed` with the source files its scripts run that build steps call by name
 * (`calledScriptRuns`), which reading it alone could not tell: replaced in `parsed` with them, and
 * returned with the runs not known before only, to follow.
 */
export function withCalledScripts(
  parsed: ParsedFile[],
  hooksRun: (packageJson: string) => boolean,
): ParsedFile[] {
  const called = calledScriptRuns(parsed, hooksRun);
  const added: ParsedFile[] = [];
  parsed.forEach((file, i) => {
    const known = new Set(file.scripts.map(({ at, path }) => `${at} ${path}`));
    const fresh = (called.get(file.file.path) ?? []).filter(
      ({ at, path }) => !known.has(`${at} ${path}`),
    );
    if (fresh.length === 0) return;
    parsed[i] = { ...file, scripts: [...file.scripts, ...fresh] };
    added.push({ ...file, scripts: fresh });
  });
  return added;
}

/** Where a file that runs another names it, as it writes the name. */
export function runPlace({ from, at }: Naming): Range {
  return from.lines.range(from.path, at.start, at.start + writtenAt(from.text, at.start).length);
}

/**
 * A file named past the deepest level of scripts and included files followed: an error where it
 * is named, as what it holds was not checked.
 */
export function tooDeep(path: string, { from, how, at }: Naming): Diagnostic {
  return {
    severity: 'error',
    code: 'build-follow-too-deep',
    message: `${from.path} ${how} ${path}, ${MAX_FOLLOW_DEPTH + 1} levels of scripts and included files down from the build files, deeper than the ${MAX_FOLLOW_DEPTH} that are followed: it was not read, and the links in it and in what it runs were not checked`,
    range: from.lines.range(from.path, at.start, at.end),
  };
}

/**
 * An include that names no file inside the scan root (missing, or a path out of it) leaves part of
 * the pipeline unread: a warning where the including file names it. (One that is a symlink is read,
 * and reading it says where it leads.) A missing one make's `-include` names is none: it names a
 * file that may not be there, such as a developer's local settings.
 */
export function unreadIncludes(
  includes: readonly Include[],
  files: ReadonlySet<string>,
): Diagnostic[] {
  return includes
    .filter(
      ({ path, optional }) =>
        path === undefined || (!optional && !GLOB.test(path) && !files.has(path)),
    )
    .map(({ from, written, at }) => ({
      severity: 'warning',
      code: 'build-include-unread',
      message: `${from.path} includes ${written}, which is not a file inside the scan root; what it holds is not scanned`,
      range: from.lines.range(from.path, at?.start ?? 0, at?.end ?? 0),
    }));
}

/**
 * Scripts that files run and that are not in the repository, none of the paths a run may mean
 * (from the file's directory, from the root): a note where each is run. A build often makes the
 * script it runs (a generated `./configure.sh`, one unpacked from a download), so a missing one
 * fails no gate; but what it does is not scanned, and the note says so.
 */
export function missingScripts(
  files: readonly ParsedFile[],
  there: ReadonlySet<string>,
): Diagnostic[] {
  return files.flatMap(({ file, scripts }) => {
    return [...runsByName(scripts)]
      .filter(([, meant]) => !meant.some(({ path }) => there.has(path)))
      .map(([at]): Diagnostic => {
        const written = writtenAt(file.text, at);
        return {
          severity: 'info',
          code: 'build-script-missing',
          message: `${file.path} runs ${written}, which is not in the repository (it may be made during the build); what it does is not scanned`,
          range: file.lines.range(file.path, at, at + written.length),
        };
      });
  });
}
