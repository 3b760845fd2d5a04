/**
 * Extracts storage links from build files: read each file safely, parse it when it is structured,
 * find references (URL patterns, custom domains, rclone destinations, bucket fields), then give each
 * the facts of where it is written and classify it. Synchronous: reads are small and many.
 */
import { posix } from 'node:path';
import {
  compareRanges,
  LineIndex,
  type Diagnostic,
  type LinkUsage,
  type Position,
  type Range,
  type ReleaseStep,
  type ScannedFile,
  type StorageLink,
} from '@posture/model';
import { classify } from './classify.js';
import { commandAround, commandFacts, type CommandFacts } from './commands.js';
import { shellComments } from './comments.js';
import { fileTypeAs, fileTypeOf, formatOf, type Format } from './file-types.js';
import { includedFiles, type Included } from './includes.js';
import { localActionCalls } from './files/github-actions.js';
import {
  isDefined,
  spanHolding,
  type Analysis,
  type Analyzer,
  type Inherited,
  type RefContext,
  type SourceFile,
  type SourceMapKind,
} from './files/analysis.js';
import { findUrlRefs, MAX_REFS_PER_FILE, type CustomDomain, type RawRef } from './find-refs.js';
import { isSourceMapField, namesSourceMapUrl, releaseName, releaseStepOf } from './names.js';
import { settingsConfigs, type ToolConfig } from './config-refs.js';
import {
  configsRunBy,
  existingScripts,
  globInside,
  MAX_FOLLOW_DEPTH,
  runDirectories,
  scriptRunsIn,
} from './discover.js';
import { relativeTo } from './paths.js';
import { bucketOpening, type ReadInside } from './opening.js';
import { findPlaceholderRefs } from './placeholder-refs.js';
import { findRcloneRefs } from './rclone.js';
import { DEFAULT_MAX_FILE_BYTES, readBuildFile } from './read-file.js';
import { redactUrl } from '@posture/model';
import { writtenAt, type ScriptRun } from './script-refs.js';
import { actionInputs } from './variables/ci.js';
import {
  oneWord,
  shellUses,
  substituted,
  type Given,
  type Substitution,
} from './variables/common.js';
import {
  environmentsAlong,
  fileSubstitutions,
  resolvedFieldRef,
  resolvedRefs,
  SHELL_TYPES,
} from './variables/index.js';
import {
  commandEnvironment,
  sourcingsReader,
  type SourcedScript,
  type Sourcing,
} from './variables/shell.js';
import {
  entriesAt,
  formatPath,
  isWithin,
  relocated,
  type Parsed,
  type Path,
  type Span,
  type StructuredDoc,
  type ValueSpan,
  valueAt,
  writtenValues,
} from './structured/doc.js';
import { parseJson } from './structured/json.js';
import { parseToml } from './structured/toml.js';
import { parseYaml, yamlLineBreaks } from './structured/yaml.js';

export interface ExtractOptions {
  /** Hosts that serve a bucket (custom domains from Terraform); any URL on them is a link. */
  readonly customDomains?: readonly CustomDomain[];
  /** Files larger than this are not read: a `build-file-too-large` error. Default 5 MiB. */
  readonly maxFileBytes?: number;
  /** Told of each file once, with its text, as it is read. */
  readonly onFileRead?: (file: ScannedFile, text: string) => void;
  /**
   * Also reads the shell scripts the files run (as `discoverBuildFiles` finds them), the CI files
   * they include (GitLab `include: local`, Azure `template:`, read as the including file's type)
   * and the tool configurations their commands name (`goreleaser --config x`, read as the tool's),
   * that exist inside the root and that this accepts: with files listed by name
   * (`listBuildFiles`), each file is then read once, where discovering the scripts first reads the
   * files that run them twice.
   */
  readonly followScripts?: (path: string) => boolean;
}

export interface ExtractResult {
  readonly links: StorageLink[];
  /** The files read, with their hashes (skipped files are in `diagnostics` instead). */
  readonly files: ScannedFile[];
  readonly diagnostics: Diagnostic[];
}

interface ParsedFile {
  readonly file: SourceFile;
  readonly doc?: StructuredDoc;
  /** The documents of a multi-document file, each read on its own (Drone's pipelines). */
  readonly documents?: Parsed['documents'];
  readonly analyze?: Analyzer;
  /**
   * The scripts the file runs, where it names each: read once, both to follow them and to tell
   * which of them a release step runs.
   */
  readonly scripts: readonly ScriptRun[];
}

/**
 * A file with its documents read, and the values that other places run as their own (a GitLab
 * template's script, read again as each job that extends it; a YAML anchor's value, as each place
 * that aliases it; a composite action, as each step that uses it).
 */
interface AnalyzedFile {
  readonly file: SourceFile;
  readonly scripts: readonly ScriptRun[];
  /** What the scripts the file sources assign, where it sources them. */
  readonly sourcings: readonly Sourcing[];
  readonly parts: readonly DocumentPart[];
  readonly inherited: readonly DocumentPart[];
  /**
   * What the file's name says (`release.sh`, `publish.yml`; `deploy.sh`): all of it is a release
   * step, or a deploy step.
   */
  readonly releaseName: ReleaseStep;
  partAt(offset: number): DocumentPart;
  inComment(offset: number): boolean;
}

/** One document of a file, as its analyzer and its variables read it. */
interface DocumentPart {
  readonly span: Span;
  readonly doc?: StructuredDoc;
  readonly analysis: Analysis;
  readonly substitutions: readonly Substitution[];
  /** The comments the document and its analyzer find, in order. */
  readonly comments: readonly Span[];
  /** The variables the place is given besides the file's (see `Given`), when it is read again. */
  readonly given?: Given;
}

const PARSERS: Readonly<Record<Exclude<Format, 'text'>, (text: string) => Parsed>> = {
  yaml: parseYaml,
  json: parseJson,
  toml: parseToml,
};

export function extractLinks(
  root: string,
  files: readonly string[],
  options: ExtractOptions = {},
): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  const scanned: ScannedFile[] = [];
  const parsed: ParsedFile[] = [];
  const readAll = (paths: readonly string[], named?: ReadonlyMap<string, Naming>) => {
    for (const path of paths) {
      const read = readBuildFile(root, path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      if ('diagnostic' in read) {
        diagnostics.push(read.diagnostic);
        continue;
      }
      scanned.push(read.scanned);
      const text = formatOf(path) === 'yaml' ? yamlLineBreaks(read.text) : read.text;
      options.onFileRead?.(read.scanned, text);
      parsed.push(parseFile(path, text, diagnostics, named?.get(path)?.type));
    }
  };
  const listed = new Set(files.map((file) => relativeTo(root, file)));
  readAll([...listed]);
  if (options.followScripts) {
    const accept = options.followScripts;
    // Included CI files can run scripts and include more; each file is read once, and those
    // past the deepest level followed are errors where they are named.
    let frontier = parsed.slice();
    for (let depth = 0; frontier.length > 0; depth++) {
      const includes = frontier.flatMap(includedBy);
      const named = namedBy(root, frontier, includes);
      const found = existingScripts(root, [...named.keys()]);
      diagnostics.push(...unreadIncludes(includes, new Set([...found, ...listed])));
      diagnostics.push(...missingScripts(frontier, new Set(found)));
      const next = found.filter((path) => !listed.has(path) && accept(path)).sort();
      if (depth === MAX_FOLLOW_DEPTH) {
        diagnostics.push(...next.map((path) => tooDeep(path, named.get(path)!)));
        break;
      }
      for (const path of next) listed.add(path);
      const before = parsed.length;
      readAll(next, named);
      frontier = parsed.slice(before);
    }
  }
  const sourcingsOf = sourcingsReader(scriptsIn(parsed));
  const analyzed = withActionCallers(
    parsed.map((file) => analyzeFile(file, sourcingsOf(file.scripts))),
  );
  const releaseScripts = releaseScriptsIn(analyzed);
  const environments = scriptEnvironments(analyzed, diagnostics);
  const readDocument = documentReader(root, options, scanned);
  const links = analyzed
    .map((file) => withEnvironments(file, environments.get(file.file.path)))
    .flatMap((file) =>
      linksOf(
        file,
        releaseScripts.get(file.file.path) ?? false,
        options.customDomains ?? [],
        diagnostics,
        readDocument,
      ),
    );
  return {
    links: links.sort((a, b) => compareRanges(a.range, b.range)),
    files: scanned,
    diagnostics,
  };
}

/** A command written inside another file: the text a Terraform provisioner runs. */
export interface CommandText {
  /** The file it is written in, relative to the scan root. */
  readonly file: string;
  /** Where `text` starts in that file; its lines are counted, and its columns indented, from here. */
  readonly start: Position;
  /** The command as it runs (evaluated), each line where it is written. */
  readonly text: string;
  /** What runs it, as links name a field: `null_resource.publish provisioner "local-exec"`. */
  readonly field: string;
  readonly fileType: string;
}

/**
 * What commands written inside other files do to buckets: each text is read as a shell script,
 * and a link is kept where the command opens a bucket or uploads to it publicly. Their other links
 * (downloads, private uploads) ship with no build, so they are no build links.
 */
export function extractCommandLinks(
  root: string,
  commands: readonly CommandText[],
  options: Pick<ExtractOptions, 'customDomains' | 'maxFileBytes'> = {},
): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  const scanned: ScannedFile[] = [];
  const readDocument = documentReader(root, options, scanned);
  const links = commands.flatMap((command) => {
    const file = {
      path: command.file,
      text: command.text,
      lines: new LineIndex(command.text),
      fileType: command.fileType,
    };
    const analyze: Analyzer = () => ({
      context: () => ({ field: command.field }),
      comments: shellComments(command.text),
    });
    // The scripts a command names are not followed, as `followScripts` follows a build file's.
    const analyzed = analyzeFile({ file, analyze, scripts: [] }, []);
    const found: Diagnostic[] = [];
    const links = linksOf(analyzed, false, options.customDomains ?? [], found, readDocument);
    diagnostics.push(...found.map((d) => ({ ...d, range: placed(d.range, command.start) })));
    return links
      .filter((link) => link.usage === 'opens' || link.usage === 'public-upload')
      .map((link) => ({ ...link, range: placed(link.range, command.start) }));
  });
  return { links, files: scanned, diagnostics };
}

/**
 * A range in a text that starts at `start` of its file, as a range of the file. Every line of the
 * text is written from the start's column on: a heredoc's lines, of which `<<-` removes the common
 * indentation up to there.
 */
function placed(range: Range, start: Position): Range {
  const at = (p: Position): Position => ({
    line: start.line + p.line - 1,
    column: start.column + p.column - 1,
    offset: start.offset + p.offset,
  });
  return { file: range.file, start: at(range.start), end: at(range.end) };
}

/** Reads the policy documents that commands write (`--policy file://…`), each once. */
function documentReader(
  root: string,
  options: Pick<ExtractOptions, 'maxFileBytes'>,
  scanned: ScannedFile[],
): ReadInside {
  const documents = new Map<string, string | undefined>();
  return (path) => {
    if (!documents.has(path)) {
      const read = readBuildFile(root, path, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
      if ('text' in read) scanned.push(read.scanned);
      documents.set(path, 'text' in read ? read.text : undefined);
    }
    return documents.get(path);
  };
}

function parseFile(path: string, text: string, diagnostics: Diagnostic[], as?: string): ParsedFile {
  const type = (as === undefined ? undefined : fileTypeAs(as, path)) ?? fileTypeOf(path, text);
  const file = { path, text, lines: new LineIndex(text), fileType: type?.type ?? 'text' };
  const format = type?.format ?? 'text';
  const result = format === 'text' ? undefined : PARSERS[format](text);
  if (result?.error) {
    const at = result.error.offset;
    diagnostics.push({
      severity: 'error',
      code: 'build-parse-error',
      message: `${format.toUpperCase()} parse error: ${result.error.message}. The file was scanned as text.`,
      range: file.lines.range(path, at, at),
    });
  }
  for (const { offset, message } of result?.warnings ?? []) {
    diagnostics.push({
      severity: 'warning',
      code: 'build-alias-unread',
      message: `${message}.`,
      range: file.lines.range(path, offset, offset),
    });
  }
  return {
    file,
    ...(result && { doc: result.doc }),
    ...(result?.documents && { documents: result.documents }),
    ...(type?.analyze && { analyze: type.analyze }),
    scripts: scriptRunsIn(path, text, file.fileType, result?.doc),
  };
}

/**
 * The values other places run (GitLab templates and matrix instances, a composite action for each
 * step that uses it) are read again up to this many characters of a file in all: a few hundred
 * readings of a large job at most.
 */
const MAX_TEXT_READ_AGAIN = 8 * 1024 * 1024;

interface Include extends Included {
  readonly from: SourceFile;
}

function includedBy({ file, doc }: ParsedFile): Include[] {
  return includedFiles(file.path, file.fileType, doc).map((included) => ({
    ...included,
    from: file,
  }));
}

/** The tool configurations a file's commands or settings name, each read as that tool's file. */
function configsOf({ file, doc }: ParsedFile): ToolConfig[] {
  return [
    ...configsRunBy(file.path, file.text, file.fileType),
    ...settingsConfigs(file.fileType, doc?.data, runDirectories(file.path)),
  ];
}

const GLOB = /[*?[{]/;

/** Where a followed file names another, and the type that one is read as when not its own. */
interface Naming {
  readonly from: SourceFile;
  readonly how: 'includes' | 'names as a tool configuration' | 'runs';
  readonly at: Span;
  readonly type?: string;
}

/** A file's start: where it names a tool's configuration (its place is not kept). */
const START: Span = { start: 0, end: 0 };

/**
 * The files that `files` include (GitLab's globs expanded), name as a tool's configuration and
 * run, by path: each where it is first named, and read as the include or else the tool says.
 */
function namedBy(
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
    for (const { path, type } of configsOf(file))
      add(path, { from: file.file, how: 'names as a tool configuration', at: START, type });
  }
  for (const { file, scripts } of files) {
    for (const { path, at } of scripts)
      add(path, { from: file, how: 'runs', at: { start: at, end: at } });
  }
  return named;
}

/**
 * A file named past the deepest level of scripts and included files followed: an error where it
 * is named, as what it holds was not checked.
 */
function tooDeep(path: string, { from, how, at }: Naming): Diagnostic {
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
 * and reading it says where it leads.)
 */
function unreadIncludes(includes: readonly Include[], files: ReadonlySet<string>): Diagnostic[] {
  return includes
    .filter(({ path }) => path === undefined || (!GLOB.test(path) && !files.has(path)))
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
function missingScripts(files: readonly ParsedFile[], there: ReadonlySet<string>): Diagnostic[] {
  return files.flatMap(({ file, scripts }) => {
    const runs = new Map<number, ScriptRun[]>();
    for (const run of scripts) runs.set(run.at, [...(runs.get(run.at) ?? []), run]);
    return [...runs]
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

/** The shell scripts read, by path, as sourcing reads them. */
function scriptsIn(parsed: readonly ParsedFile[]): (path: string) => SourcedScript | undefined {
  const scripts = new Map(
    parsed
      .filter(({ file }) => SHELL_TYPES.has(file.fileType))
      .map(({ file, scripts: runs }) => [file.path, { text: file.text, runs }]),
  );
  return (path) => scripts.get(path);
}

function analyzeFile(parsed: ParsedFile, sourcings: readonly Sourcing[]): AnalyzedFile {
  const { file } = parsed;
  const whole = { start: 0, end: file.text.length };
  const parts = (parsed.documents ?? [{ span: whole, doc: parsed.doc }]).map(
    ({ span, doc }): DocumentPart => {
      const analysis = parsed.analyze?.({ file, ...(doc && { doc }) }) ?? {};
      return {
        span,
        ...(doc && { doc }),
        analysis,
        substitutions: fileSubstitutions(file, doc, span, undefined, sourcings),
        comments: [...(doc?.comments ?? []), ...(analysis.comments ?? [])].sort(
          (a, b) => a.start - b.start,
        ),
      };
    },
  );
  const partAt = (offset: number): DocumentPart => documentAt(parts, offset);
  return {
    file,
    scripts: parsed.scripts,
    sourcings,
    parts,
    inherited: parts.flatMap((part) => inheritedParts(file, part, sourcings)),
    releaseName: releaseName(posix.basename(file.path).replace(/\.[^.]*$/, '')),
    partAt,
    inComment: commentFinder(file.text, partAt),
  };
}

/**
 * A script is read again for at most this many environments that the places running it give; the
 * first place that gives it one more is an error, as the links that one names were not checked.
 */
const MAX_ENVIRONMENTS = 1024;

/**
 * The environments that scripts are run with: for each script, the variables each place that runs
 * it passes (a CI job's `env:`, `variables:`, `environment:`, a Jenkinsfile's `environment {}`, a
 * Dockerfile's `ARG` and `ENV`, what make exports, what a script exports, what the command sets
 * for itself, `BUCKET=x ./upload.sh`), as each reading of the place sees them; those
 * that give no variable left out. A script run with an environment passes it on, with what it
 * exports, to the scripts it runs in turn. Each script is read for a bounded number of
 * environments, each of the variables the scripts read use.
 */
function scriptEnvironments(
  analyzed: readonly AnalyzedFile[],
  diagnostics: Diagnostic[],
): Map<string, Given[]> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const used = new Set(
    analyzed
      .filter(({ file }) => SHELL_TYPES.has(file.fileType))
      .flatMap(({ file }) => shellUses(file.text).map((u) => u.name)),
  );
  const wanted = (name: string) => used.has(name);
  const found = new Map<string, Map<string, Given>>();
  const full = new Set<string>();
  // A script that was not read, or was given more environments than it is read for, takes no more.
  const takes = (path: string) => byPath.has(path) && !full.has(path);
  const queue: [AnalyzedFile, Given | undefined][] = analyzed.map((file) => [file, undefined]);
  for (let next = 0; next < queue.length; next++) {
    const [file, environment] = queue[next]!;
    for (const { run, passed } of passedByRuns(file, environment, wanted, takes)) {
      const byValues = found.get(run.path) ?? new Map<string, Given>();
      found.set(run.path, byValues);
      const key = JSON.stringify([...passed]);
      if (passed.size === 0 || byValues.has(key)) continue;
      if (byValues.size === MAX_ENVIRONMENTS) {
        full.add(run.path);
        diagnostics.push(environmentsCut(file.file, run));
        continue;
      }
      byValues.set(key, passed);
      queue.push([byPath.get(run.path)!, passed]);
    }
  }
  return new Map([...found].map(([path, byValues]) => [path, [...byValues.values()]]));
}

/** A script given one more environment than it is read for: an error where that run is. */
function environmentsCut(file: SourceFile, run: ScriptRun): Diagnostic {
  return {
    severity: 'error',
    code: 'build-environments-truncated',
    message: `${file.path} runs ${run.path} with one more set of values of the variables it uses than the ${MAX_ENVIRONMENTS} it is read with: it was not read with this one, and the links those values name in it were not checked`,
    range: file.lines.range(file.path, run.at, run.at),
  };
}

/**
 * What each reading of a file passes to each script it runs (not in a comment), in order, to the
 * scripts that take an environment (`takes` when it is asked for); a script read with an
 * `environment` is read once, with it.
 */
function* passedByRuns(
  analyzed: AnalyzedFile,
  environment: Given | undefined,
  wanted: (name: string) => boolean,
  takes: (path: string) => boolean,
): Generator<{ run: ScriptRun; passed: Given }> {
  const { file, scripts, inComment, sourcings } = analyzed;
  const runs = scripts
    .filter(({ path, at }) => takes(path) && !inComment(at))
    .sort((a, b) => a.at - b.at);
  const readings = environment
    ? analyzed.parts.map((part) => readingOf(file, part, environment, sourcings))
    : [...analyzed.parts, ...analyzed.inherited];
  const whole = { start: 0, end: file.text.length };
  for (const part of readings) {
    const { doc, span, given } = part;
    const within = runs.filter(({ at }) => isWithin({ start: at, end: at }, span));
    if (within.length === 0) continue;
    const passes = environmentsAlong({ file, doc, span, given, sourcings }, wanted);
    for (const run of within) {
      if (!takes(run.path)) continue;
      const at = { start: run.at, end: run.at + 1 };
      const command = commandAround(
        file.text,
        commandSpan(part, run.at, whole),
        at,
        part.substitutions,
      );
      const passed = passes(run.at, run.sourced ?? false);
      const words = command?.tokens.map((token) => token.text) ?? [];
      const own = [...commandEnvironment(words, command?.index ?? 0)].filter(([name]) =>
        wanted(name),
      );
      if (own.length === 0) {
        yield { run, passed };
        continue;
      }
      const set = new Map(passed);
      for (const [name, value] of own) {
        if (value === undefined) set.delete(name);
        else set.set(name, value);
      }
      yield { run, passed: set };
    }
  }
}

/**
 * A script read again with each environment it is run with, as a place that runs it as its own:
 * only where the variables change what the script's placeholders resolve to, its own assignments
 * deciding from where they are made.
 */
function withEnvironments(
  analyzed: AnalyzedFile,
  environments: readonly Given[] = [],
): AnalyzedFile {
  const [part] = analyzed.parts;
  if (!part || analyzed.parts.length > 1) return analyzed;
  const seen = new Set([JSON.stringify(part.substitutions)]);
  const runs = environments.flatMap((environment) => {
    const reading = readingOf(analyzed.file, part, environment, analyzed.sourcings);
    const key = JSON.stringify(reading.substitutions);
    if (seen.has(key)) return [];
    seen.add(key);
    return [reading];
  });
  return runs.length === 0
    ? analyzed
    : { ...analyzed, inherited: [...analyzed.inherited, ...runs] };
}

/**
 * The scripts release steps run (`releaseScriptsOf`), and those that these run in turn, each as the
 * most of the steps that run it: a release step, or a deploy step.
 */
function releaseScriptsIn(analyzed: readonly AnalyzedFile[]): Map<string, ReleaseStep> {
  const byPath = new Map(analyzed.map((file) => [file.file.path, file]));
  const release = new Map<string, ReleaseStep>();
  const queue: string[] = [];
  const reached = (runs: readonly (readonly [string, ReleaseStep])[]) => {
    for (const [path, step] of runs) {
      const was = release.get(path) ?? false;
      const now = releaseStepOf(was, step);
      if (now === was) continue;
      release.set(path, now);
      queue.push(path);
    }
  };
  for (const file of analyzed) reached(releaseScriptsOf(file, false));
  for (let path = queue.pop(); path !== undefined; path = queue.pop()) {
    const file = byPath.get(path);
    if (file) reached(releaseScriptsOf(file, release.get(path) ?? false));
  }
  return release;
}

/**
 * The scripts that a release step runs, which are release steps too, each with what runs it: named
 * in a release context of a file that runs scripts (a package.json `release` script, a GitLab job
 * run for tags, a workflow run for releases, a Makefile's `release` target), as written or in a job
 * that runs a template's script as its own, or anywhere in a file whose name says it releases or
 * that a release step runs (`runBy`).
 */
function releaseScriptsOf(
  analyzed: AnalyzedFile,
  runBy: ReleaseStep,
): (readonly [string, ReleaseStep])[] {
  const { scripts, inComment } = analyzed;
  const whole = releaseStepOf(analyzed.releaseName, runBy);
  const stepAt = (at: number) =>
    whole === true
      ? whole
      : releaseStepOf(
          whole,
          ...readingsAt(analyzed, at).map((part) => contextAt(part, at).releaseStep),
        );
  return scripts.flatMap(({ path, at }) => {
    const step = inComment(at) ? false : stepAt(at);
    return step === false ? [] : [[path, step] as const];
  });
}

/** The readings of the place at `offset`: its document's, and those of the places that run it. */
function readingsAt({ partAt, inherited }: AnalyzedFile, offset: number): DocumentPart[] {
  return [
    partAt(offset),
    ...inherited.filter(({ span }) => isWithin({ start: offset, end: offset }, span)),
  ];
}

/** The facts of the place at `offset` in a part, as its analyzer reads it. */
function contextAt({ doc, analysis }: DocumentPart, offset: number): RefContext {
  return analysis.context?.(offset, doc?.pathAt(offset)) ?? {};
}

/** The links of a file; `runBy` what runs it, when a release or deploy step does (see `releaseScriptsOf`). */
function linksOf(
  analyzed: AnalyzedFile,
  runBy: ReleaseStep,
  customDomains: readonly CustomDomain[],
  diagnostics: Diagnostic[],
  readDocument: ReadInside,
): StorageLink[] {
  const { file, parts, partAt, inComment } = analyzed;
  const whole = { start: 0, end: file.text.length };
  const spanAt = (offset: number): ValueSpan => commandSpan(partAt(offset), offset, whole);
  // Each finder reads a text, as written or as a reading resolves it, up to MAX_REFS_PER_FILE.
  let truncated = false;
  const cut = () => void (truncated = true);
  const findUrls = (text: string) => findUrlRefs(text, customDomains, cut);
  const findPlaceholders = (text: string) => findPlaceholderRefs(text, cut);
  const substitutions = parts.flatMap((part) => part.substitutions);
  const live = (ref: RawRef) => !inComment(ref.start);
  const asWritten = [...findUrls(file.text), ...findRcloneRefs(file.text, spanAt, cut)].filter(
    live,
  );
  const placeholders = findPlaceholders(file.text).filter(live);
  /**
   * The references of one reading of `span` with these variables: as written or as they resolve
   * them, `fields` among them; and apart, those whose bucket stays a placeholder.
   */
  const readingRefs = (own: readonly Substitution[], span: Span, fields: RawRef[] = []) => {
    const within = (ref: RawRef) => isWithin(ref, span);
    const resolved = resolvedRefs(file, own, findUrls, span).filter(live);
    const unnamed = resolvedRefs(file, own, findPlaceholders, span).filter(live);
    return [
      ...outermost([
        ...asResolved(asWritten.filter(within), resolved),
        ...fields,
        // Last, so that a field's reference wins over one found only once variables are resolved.
        ...resolved,
      ]),
      ...outermost([...asResolved(placeholders.filter(within), unnamed), ...unnamed]),
    ];
  };
  const refs = readingRefs(
    substitutions,
    whole,
    parts
      .flatMap(({ analysis, substitutions: own }) =>
        (analysis.refs ?? [])
          .filter((ref) => ref.at === undefined)
          .flatMap((ref) => resolvedFieldRef(ref, file.text, own) ?? []),
      )
      .filter(live),
  );
  const fileRelease = releaseStepOf(analyzed.releaseName, runBy);
  const linkOf = (ref: RawRef, part: DocumentPart): StorageLink => {
    const { doc, substitutions: own } = part;
    const path = doc?.pathAt(ref.start);
    const context = contextAt(part, ref.start);
    const span = commandSpan(part, ref.start, whole);
    const command = commandOf(file.text, span, ref, context, own);
    const classified = classify(ref, context, command);
    const range = file.lines.range(file.path, ref.start, ref.end);
    const written = ref.opening ?? command?.opening;
    const opening =
      classified.usage === 'opens' && written
        ? bucketOpening(written, range, readDocument)
        : undefined;
    return toLink(file, ref, range, path, context, {
      ...classified,
      releaseStep: releaseStepOf(fileRelease, context.releaseStep),
      ...(opening && { opening }),
    });
  };
  // A value another place runs is read again as written there, each time with its variables;
  // read again, the file yields no more references than it may hold, from a bounded text.
  const inherited: StorageLink[] = [];
  let readAgain = 0;
  for (const inheritor of analyzed.inherited) {
    const { substitutions: own, span, analysis } = inheritor;
    if (inherited.length >= MAX_REFS_PER_FILE || readAgain > MAX_TEXT_READ_AGAIN) {
      const megabytes = MAX_TEXT_READ_AGAIN / 1024 / 1024;
      const message = `${file.path} was read again for the jobs and steps that run its values until that gave ${MAX_REFS_PER_FILE} storage references or ${megabytes} MB of text, and not for the others; the links its values give those were not checked`;
      diagnostics.push(linksCut(file, message));
      break;
    }
    readAgain += span.end - span.start;
    const fields = (analysis.refs ?? [])
      .filter((ref) => isWithin(ref, span) && readsField(inheritor, ref))
      .flatMap((ref) => resolvedFieldRef(ref, file.text, own) ?? [])
      .filter(live);
    // A placeholder this reading names a bucket for is dropped now, not to count towards the cap.
    const links = readingRefs(own, span, fields).map((ref) => linkOf(ref, inheritor));
    inherited.push(...unnamedWhereNoneNamed(links));
  }
  for (const { analysis } of parts) {
    if (analysis.notReadAgain === undefined) continue;
    const message = `${file.path} ${analysis.notReadAgain}; the others were not read, and the links they give were not checked`;
    diagnostics.push(linksCut(file, message));
  }
  if (truncated) {
    const message = `${file.path} holds more than ${MAX_REFS_PER_FILE} storage references, and only the first ${MAX_REFS_PER_FILE} found were read; the links among the others were not checked`;
    diagnostics.push(linksCut(file, message));
  }
  return onePerPlace(
    unnamedWhereNoneNamed([...refs.map((ref) => linkOf(ref, partAt(ref.start))), ...inherited]),
  );
}

/**
 * Whether a reading of a part reads a field's reference: one that an alias gives is read only by
 * the reading of the place that has it, not where it is written nor by the other places aliasing it.
 */
function readsField(reading: DocumentPart, ref: RawRef): boolean {
  if (ref.at === undefined) return true;
  return JSON.stringify(reading.doc?.pathAt(ref.start)) === JSON.stringify(ref.at);
}

/** A file read up to a bound on reading it: an error, as the links past it were not checked. */
function linksCut(file: SourceFile, message: string): Diagnostic {
  return {
    severity: 'error',
    code: 'build-links-truncated',
    message,
    range: file.lines.range(file.path, 0, 0),
  };
}

/** What a command does to its bucket whatever the bucket is. */
const WHATEVER_THE_BUCKET: ReadonlySet<LinkUsage> = new Set(['opens', 'public-upload']);

/**
 * The links without those whose bucket stays a placeholder, but for an opening or a public upload
 * where no reading of the place names a bucket (a GitLab template whose jobs each set it).
 */
function unnamedWhereNoneNamed(links: readonly StorageLink[]): StorageLink[] {
  const named = links.filter((link) => !link.bucketUnresolved).map((link) => link.range);
  const overlapsNamed = ({ start, end }: Range) =>
    named.some((other) => other.start.offset < end.offset && start.offset < other.end.offset);
  return links.filter(
    (link) =>
      !link.bucketUnresolved || (WHATEVER_THE_BUCKET.has(link.usage) && !overlapsNamed(link.range)),
  );
}

/**
 * The references found as written, each as the file's variables resolve it where they do: a URL
 * that a variable's value holds, `…/cli/${V}/cli` after `V=1.2.3`, is the link where the value is
 * assigned and again where the variable is used, with one URL, so the two are one finding.
 */
function asResolved(asWritten: readonly RawRef[], resolved: readonly RawRef[]): RawRef[] {
  const at = new Map(resolved.map((ref) => [`${ref.start}:${ref.end}`, ref]));
  return asWritten.map((ref) => at.get(`${ref.start}:${ref.end}`) ?? ref);
}

/**
 * The text a command may span: the script the file writes there, the structured value holding
 * the offset, or the whole file.
 */
function commandSpan({ doc, analysis }: DocumentPart, offset: number, whole: Span): ValueSpan {
  const script = analysis.scriptAt?.(offset);
  if (script) return script;
  const path = doc?.pathAt(offset);
  return (path && doc?.valueSpan(path)) ?? whole;
}

/**
 * Each value of the part that another place has as its own, read as that place's: what a YAML
 * alias names, and what the analyzer finds (a GitLab template's script), with what each alias
 * inside it names.
 */
function inheritedParts(
  file: SourceFile,
  part: DocumentPart,
  sourcings: readonly Sourcing[],
): DocumentPart[] {
  const { doc, analysis, comments } = part;
  if (!doc) return [];
  const aliases = doc.aliases ?? [];
  const inherited: Inherited[] = [
    ...aliases,
    ...(analysis.inherited ?? []).flatMap(({ from, to, variables }) =>
      writtenValues(aliases, from, to).map((value) => ({ ...value, variables })),
    ),
  ];
  return inherited.flatMap(({ from, to, variables }) => {
    const span = doc.valueSpan(from);
    if (!span) return [];
    return [
      readingOf(
        file,
        { span, doc: relocated(doc, from, to), analysis, comments },
        variables,
        sourcings,
      ),
    ];
  });
}

/**
 * A part of a file read again as another place runs it, with the variables that place is given.
 * They are resolved when its links are asked for, which stops at a bound (see `linksOf`).
 */
function readingOf(
  file: SourceFile,
  part: Omit<DocumentPart, 'substitutions' | 'given'>,
  given: Given | undefined,
  sourcings: readonly Sourcing[],
): DocumentPart {
  let substitutions: readonly Substitution[] | undefined;
  return {
    ...part,
    ...(given && { given }),
    get substitutions() {
      return (substitutions ??= fileSubstitutions(file, part.doc, part.span, given, sourcings));
    },
  };
}

/** The files whose steps can use a local action. */
const ACTION_CALLERS = new Set(['github-workflow', 'github-action']);

/**
 * Local composite actions as the steps that use them run them (`uses: ./.github/actions/x`): each
 * action is read again for each such step, with the inputs its `with:` gives over the inputs'
 * defaults, and in that step's release context. A step's input values resolve through its own
 * file's variables.
 */
function withActionCallers(files: readonly AnalyzedFile[]): AnalyzedFile[] {
  const actions = new Map(
    files.filter((f) => f.file.fileType === 'github-action').map((f) => [f.file.path, f]),
  );
  // For each action, its readings by the inputs and context they run with: many steps use one alike.
  const readings = new Map<string, Map<string, DocumentPart>>();
  for (const caller of files.filter((f) => ACTION_CALLERS.has(f.file.fileType))) {
    for (const part of caller.parts) {
      for (const { step, files: candidates } of localActionCalls(part.doc?.data)) {
        const action = candidates.map((path) => actions.get(path)).find(isDefined);
        const called = action?.parts[0];
        if (!action || !called?.doc) continue;
        const given = actionInputs(called.doc.data, stepInputs(caller.file.text, part, step));
        const uses = part.doc?.valueSpan([...step, 'uses']);
        const releaseStep = releaseStepOf(
          caller.releaseName,
          uses && contextAt(part, uses.start).releaseStep,
        );
        const byInputs = readings.get(action.file.path) ?? new Map<string, DocumentPart>();
        readings.set(action.file.path, byInputs);
        const key = JSON.stringify([[...given], releaseStep]);
        if (byInputs.has(key)) continue;
        const analysis = releaseStep ? inRelease(called.analysis, releaseStep) : called.analysis;
        byInputs.set(key, readingOf(action.file, { ...called, analysis }, given, action.sourcings));
      }
    }
  }
  return files.map((f) => {
    const called = readings.get(f.file.path);
    return called ? { ...f, inherited: [...f.inherited, ...called.values()] } : f;
  });
}

/** The inputs a step's `with:` gives, each resolved through the step's file's variables. */
function stepInputs(text: string, part: DocumentPart, step: Path): Map<string, string> {
  const inputs = new Map<string, string>();
  const doc = part.doc;
  for (const [path, value] of entriesAt(doc?.data, [...step, 'with'])) {
    const span = doc?.scalarSpan(path);
    const written =
      typeof value === 'string' && span && span.end - span.start === value.length
        ? substituted(text, oneWord(part.substitutions), span.start, span.end)
        : value;
    if (typeof written === 'string' || typeof written === 'number' || typeof written === 'boolean')
      inputs.set(String(path[path.length - 1]), String(written));
  }
  return inputs;
}

/** An analysis whose every place is in a release or deploy step (`step`), at the least. */
function inRelease(analysis: Analysis, step: ReleaseStep): Analysis {
  return {
    ...analysis,
    context: (offset, path) => {
      const context = analysis.context?.(offset, path);
      return { ...context, releaseStep: releaseStepOf(context?.releaseStep, step) };
    },
  };
}

/**
 * One link for each thing done at a place: where several places run one value (the jobs that
 * extend a GitLab template) and do the same, it is as much a release step as the most of them is
 * (a release step, then a deploy step), and named after the first that is.
 */
function onePerPlace(links: readonly StorageLink[]): StorageLink[] {
  const kept = new Map<string, StorageLink>();
  for (const link of links) {
    const { field: _field, releaseStep: _releaseStep, ...facts } = link;
    const key = JSON.stringify(facts);
    const seen = kept.get(key);
    if (!seen || releaseStepOf(seen.releaseStep, link.releaseStep) !== seen.releaseStep)
      kept.set(key, link);
  }
  return [...kept.values()];
}

/**
 * Whether a comment holds an offset: one the file writes (YAML's, a shell script's, a Makefile's…),
 * or one of the script there — a Makefile recipe, a Jenkinsfile's `sh` string, or a string value
 * such as a `run: |` block, where commands are read as the shell reads them. What a comment holds
 * neither runs nor is read by the build (see comments.ts).
 */
function commentFinder(
  text: string,
  partAt: (offset: number) => DocumentPart,
): (offset: number) => boolean {
  // Each script's comments, found once: a script holds many references.
  const scripts = new Map<string, readonly Span[]>();
  return (offset) => {
    const { doc, analysis, comments } = partAt(offset);
    if (spanHolding(comments, offset)) return true;
    const path = doc?.pathAt(offset);
    const value = path && typeof valueAt(doc?.data, path) === 'string' ? path : undefined;
    const script: ValueSpan | undefined =
      analysis.scriptAt?.(offset) ?? (value && doc?.valueSpan(value));
    if (!script) return false;
    const key = `${script.start}:${script.end}`;
    let found = scripts.get(key);
    if (!found) scripts.set(key, (found = shellComments(text, script, script.folded)));
    return spanHolding(found, offset) !== undefined;
  };
}

/** The document holding `offset`, by binary search: parts are in order and cover the file. */
function documentAt(parts: readonly DocumentPart[], offset: number): DocumentPart {
  let lo = 0;
  let hi = parts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (parts[mid]!.span.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return parts[lo]!;
}

/**
 * What the command holding the reference does with it: from the context's argument list, or the
 * text with the file's variables substituted.
 */
function commandOf(
  text: string,
  span: ValueSpan,
  ref: RawRef,
  context: RefContext,
  substitutions: readonly Substitution[],
): CommandFacts | undefined {
  if (context.argv) {
    const { words } = context.argv;
    const index = context.argv.index ?? words.findIndex((arg) => arg.includes(ref.text));
    return index < 0 ? undefined : commandFacts(words, index, context.environment);
  }
  const command = commandAround(text, span, ref, substitutions);
  return (
    command &&
    commandFacts(
      command.tokens.map((token) => token.text),
      command.index,
      context.environment,
    )
  );
}

function toLink(
  file: SourceFile,
  ref: RawRef,
  range: Range,
  path: Path | undefined,
  context: RefContext,
  facts: Pick<StorageLink, 'usage' | 'service' | 'releaseStep' | 'opening'>,
): StorageLink {
  const field = context.field ?? (path && path.length > 0 ? formatPath(path) : undefined);
  const lastKey = path?.[path.length - 1];
  return {
    range,
    url: redactUrl(ref.text),
    service: facts.service,
    form: ref.form,
    ...(ref.bucket !== undefined && { bucket: ref.bucket }),
    ...(ref.placeholder && { bucketUnresolved: true }),
    ...(ref.r2DevId !== undefined && { r2DevId: ref.r2DevId }),
    ...(ref.host !== undefined && { host: ref.host }),
    usage: facts.usage,
    fileType: file.fileType,
    ...(field !== undefined && { field }),
    ...sourceMapFacts(
      context.sourceMap ||
        ((isSourceMapField(lastKey) ||
          (facts.usage === 'download' && namesSourceMapUrl(lastKey)) ||
          followsSourceMappingUrl(file.text, ref.start)) &&
          'linked'),
    ),
    releaseStep: facts.releaseStep,
    ...(facts.opening && { opening: facts.opening }),
    ...(ref.account !== undefined && { account: ref.account }),
  };
}

function sourceMapFacts(
  kind: SourceMapKind | false,
): Pick<StorageLink, 'sourceMap' | 'sourceMapHidden'> {
  return { sourceMap: kind !== false, ...(kind === 'hidden' && { sourceMapHidden: true }) };
}

/** `//# sourceMappingURL=https://…`, as webpack's `append` writes it. */
function followsSourceMappingUrl(text: string, start: number): boolean {
  return text.slice(Math.max(0, start - 17), start) === 'sourceMappingURL=';
}

/** Sorted references without those nested in an earlier one (a field also matched as a URL). */
export function outermost(refs: RawRef[]): RawRef[] {
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawRef[] = [];
  for (const ref of refs) {
    const last = kept[kept.length - 1];
    if (!last || ref.start >= last.end) kept.push(ref);
  }
  return kept;
}
