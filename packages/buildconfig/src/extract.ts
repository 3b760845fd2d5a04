/**
 * Extracts storage links from build files: read each file safely, parse it when it is structured,
 * find references (URL patterns, custom domains, rclone destinations, bucket fields), then give each
 * the facts of where it is written and classify it. Synchronous: reads are small and many. Each
 * step is in a file of extract/, named for it.
 */
import { posix } from 'node:path';
import {
  pushAll,
  compareRanges,
  LineIndex,
  type Diagnostic,
  type Position,
  type Range,
  type OnComments,
  type ScannedFile,
  type StorageLink,
} from '@posture/model';
import { shellComments } from './comments.js';
import { existingScripts, MAX_FOLLOW_DEPTH, withPathsAsFound } from './discover.js';
import { withAppPackages } from './extract/app-package.js';
import { withBuiltWith } from './extract/built-with.js';
import { withLocalCalls } from './extract/local-calls.js';
import { analyzeFile, includeRuns, makefilesIn, scriptsIn } from './extract/analyze.js';
import { scriptEnvironments, withEnvironments } from './extract/environments.js';
import { withFunctionCalls } from './extract/function-calls.js';
import {
  includedBy,
  missingScripts,
  namedBy,
  withCalledScripts,
  runPlace,
  tooDeep,
  unreadIncludes,
  type Naming,
} from './extract/follow.js';
import { withGitlabConfigurations } from './extract/gitlab-configurations.js';
import { linksOf } from './extract/links.js';
import { parseFile, type Parse, type ParsedFile } from './extract/parse.js';
import { perFile } from './extract/per-file.js';
import { NOT_RUN, releaseScriptsIn } from './extract/release-scripts.js';
import { writtenComments } from './extract/written-comments.js';
import { formatOf } from './file-types.js';
import { NODE_SCRIPT } from './node-scripts.js';
import type { Analyzer, SourceFile } from './files/analysis.js';
import type { CustomDomain } from './find-refs.js';
import type { ReadInside } from './opening.js';
import { relativeTo } from './paths.js';
import type { ScriptRun } from './script-refs.js';
import { DEFAULT_MAX_FILE_BYTES, readBuildFile, type ReadResult } from './read-file.js';
import { hooksNotLearned, hooksRunIn, PNPM_SETTINGS, withHooks } from './script-hooks.js';
import { yamlLineBreaks } from './structured/yaml.js';
import { composeEnvFile, composeSourcings } from './variables/compose.js';
import { makeInclusions } from './variables/make.js';
import { MAX_SOURCED, sourcingsReader } from './variables/shell.js';

export interface ExtractOptions {
  /** Hosts that serve a bucket (custom domains from Terraform); any URL on them is a link. */
  readonly customDomains?: readonly CustomDomain[];
  /** Files larger than this are not read: a `build-file-too-large` error. Default 5 MiB. */
  readonly maxFileBytes?: number;
  /** Told of each file once, with its text and its comments (`writtenComments`), once it is read. */
  readonly onComments?: OnComments;
  /**
   * Also reads the shell scripts the files run (`scriptRunsIn`), the CI files they include (GitLab
   * `include: local`, Azure `template:`, read as the including file's type) and the tool
   * configurations their commands name (`goreleaser --config x`, read as the tool's), that exist
   * inside the root and that this accepts, up to `MAX_FOLLOW_DEPTH` levels down (past it, an error
   * where the file is named): with files listed by name (`listBuildFiles`), each file is read once.
   */
  readonly followScripts?: (path: string) => boolean;
  /**
   * Whether the policy excludes a path. The `.npmrc` that says whether pnpm runs scripts' hooks is
   * read for that even when excluded, as pnpm reads it whatever the policy says; one that cannot
   * be read is an error unless excluded, and the hooks are taken to run either way.
   */
  readonly excluded?: (path: string) => boolean;
  /**
   * Reads a build file (relative to the root); default `readBuildFile` with `maxFileBytes`. A scan
   * passes the files it read already (`ReadAhead`), which are not read again.
   */
  readonly read?: (path: string) => ReadResult;
  /**
   * Parses a build file read; default `parseFile`. A scan passes the files it parsed already
   * (`ParseAhead`), which are not parsed again.
   */
  readonly parse?: Parse;
}

export interface ExtractResult {
  readonly links: StorageLink[];
  /** The files read, with their hashes (skipped files are in `diagnostics` instead). */
  readonly files: ScannedFile[];
  readonly diagnostics: Diagnostic[];
}

export function extractLinks(
  root: string,
  files: readonly string[],
  options: ExtractOptions = {},
): ExtractResult {
  const diagnostics: Diagnostic[] = [];
  const scanned: ScannedFile[] = [];
  const parsed: ParsedFile[] = [];
  const asFound = withPathsAsFound(root);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const parse = options.parse ?? parseFile;
  const readOnce = readingOnce(options.read ?? ((path) => readBuildFile(root, path, maxBytes)));
  // A `.npmrc` that says whether pnpm runs hooks and could not be read says why once, with what
  // that left unlearned: where the scan reads it as a build file, with the same read (`readOnce`),
  // or here when it is read for its hooks setting alone.
  const unreadSettings = new Map<string, Diagnostic>();
  const hooksRun = hooksRunIn(root, readOnce, (d) => unreadSettings.set(d.range.file, d));
  const readAll = (paths: readonly string[], named?: ReadonlyMap<string, Naming>) => {
    for (const path of paths) {
      const read = readOnce(path);
      if ('diagnostic' in read) {
        diagnostics.push(read.diagnostic);
        continue;
      }
      scanned.push(read.scanned);
      const text = formatOf(path) === 'yaml' ? yamlLineBreaks(read.text) : read.text;
      const naming = named?.get(path);
      const file = perFile(path, diagnostics, () => parse(path, text, diagnostics, naming?.type));
      if (!file) continue;
      const found = {
        ...file,
        scripts: asFound(file.scripts),
        tasks: withHooks(file.tasks, hooksRun),
      };
      // A JavaScript file is read only because a build file runs it: its links say where.
      const runsIt = naming?.how === 'runs' && file.file.fileType === NODE_SCRIPT;
      parsed.push(runsIt ? { ...found, runBy: runPlace(naming) } : found);
    }
  };
  const listed = new Set(files.map((file) => relativeTo(root, file)));
  // The directory each tool configuration a build names is built in (`vite build -c x/vite.ts`).
  const builtIn = new Map<string, string>();
  readAll([...listed]);
  if (options.followScripts) {
    const accept = options.followScripts;
    // Included CI files can run scripts and include more; each file is read once, and those
    // past the deepest level followed are errors where they are named.
    let frontier = parsed.slice();
    for (let depth = 0; frontier.length > 0; depth++) {
      // What the files read so far run by name may run more of a package.json's scripts.
      frontier = [...frontier, ...withCalledScripts(parsed, hooksRun)];
      const read = new Set(parsed.map(({ file }) => file.path));
      const includes = frontier.flatMap((file) => includedBy(file, read));
      const named = namedBy(root, frontier, includes);
      for (const [path, { dir }] of named) if (dir && !builtIn.has(path)) builtIn.set(path, dir);
      const found = existingScripts(root, [...named.keys()]);
      pushAll(diagnostics, unreadIncludes(includes, new Set([...found, ...listed])));
      pushAll(diagnostics, missingScripts(frontier, new Set(found)));
      const next = found.filter((path) => !listed.has(path) && accept(path)).sort();
      if (depth === MAX_FOLLOW_DEPTH) {
        pushAll(
          diagnostics,
          next.map((path) => tooDeep(path, named.get(path)!)),
        );
        break;
      }
      for (const path of next) listed.add(path);
      const before = parsed.length;
      readAll(next, named);
      frontier = parsed.slice(before);
    }
  }
  for (const [path, diagnostic] of unreadSettings) {
    const said = diagnostics.indexOf(diagnostic);
    if (said >= 0) diagnostics[said] = hooksNotLearned(diagnostic);
    else if (!options.excluded?.(path)) diagnostics.push(hooksNotLearned(diagnostic));
  }
  const sourcingsOf = sourcingsReader(scriptsIn(parsed));
  const inclusionsOf = sourcingsReader(makefilesIn(parsed), makeInclusions);
  const read = new Set(parsed.map(({ file }) => file.path));
  const texts = new Map(parsed.map(({ file }) => [file.path, file.text]));
  // What a file runs in its own context: the scripts it sources, the makefiles a Makefile includes,
  // the `.env` a compose file is filled from.
  const sourced = (file: ParsedFile) => {
    const { fileType, path } = file.file;
    if (fileType === 'makefile') return inclusionsOf(includeRuns(file, read));
    if (fileType === 'docker-compose') return composeSourcings(texts.get(composeEnvFile(path)));
    let said = false;
    return sourcingsOf(file.scripts, (run) => {
      if (!said) diagnostics.push(sourcedCut(file.file, run));
      said = true;
    });
  };
  const analyzed = withLocalCalls(
    withGitlabConfigurations(
      root,
      withAppPackages(withBuiltWith(parsed, builtIn)),
      diagnostics,
    ).flatMap(
      (file) => perFile(file.file.path, diagnostics, () => analyzeFile(file, sourced(file))) ?? [],
    ),
    diagnostics,
  );
  for (const file of analyzed)
    options.onComments?.(file.file.path, file.file.text, () => writtenComments(file));
  const releaseScripts = releaseScriptsIn(analyzed);
  const environments = scriptEnvironments(analyzed, diagnostics);
  const readDocument = documentReader(root, options, scanned);
  const links = withFunctionCalls(
    analyzed.map((file) => withEnvironments(file, environments.get(file.file.path))),
    diagnostics,
  ).flatMap(
    (file) =>
      perFile(file.file.path, diagnostics, () =>
        linksOf(
          file,
          releaseScripts.get(file.file.path) ?? NOT_RUN,
          options.customDomains ?? [],
          diagnostics,
          readDocument,
        ),
      ) ?? [],
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
    const analyzed = analyzeFile({ file, analyze, scripts: [], tasks: [] }, []);
    const found: Diagnostic[] = [];
    const links = linksOf(analyzed, NOT_RUN, options.customDomains ?? [], found, readDocument);
    pushAll(
      diagnostics,
      found.map((d) => ({ ...d, range: placed(d.range, command.start) })),
    );
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

/**
 * Reads build files: a `.npmrc`, which tells whether pnpm runs scripts' hooks, is read for that and
 * as a build file, once, what it gives kept for the other reading.
 */
function readingOnce(readFile: (path: string) => ReadResult): (path: string) => ReadResult {
  const settings = new Map<string, ReadResult>();
  return (path) => {
    const kept = settings.get(path);
    if (kept) return kept;
    const read = readFile(path);
    if (posix.basename(path) === PNPM_SETTINGS) settings.set(path, read);
    return read;
  };
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

/**
 * A script sourced past the `MAX_SOURCED` assignments read from what a file sources: an error
 * where it is sourced, as what it assigns there was not read.
 */
function sourcedCut(file: SourceFile, run: ScriptRun): Diagnostic {
  return {
    severity: 'error',
    code: 'build-links-truncated',
    message: `${file.path} sources ${run.path} past the ${MAX_SOURCED} assignments read from the scripts it sources, through all levels: what it assigns there was not read, and the links its values name were not checked`,
    range: file.lines.range(file.path, run.at, run.at),
  };
}
