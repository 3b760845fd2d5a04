/**
 * A parsed file read by its analyzer and its variables, document by document, with the places
 * that run its values as their own read again; and the facts of a place in it.
 */
import { posix } from 'node:path';
import type { Range } from '@posture/model';
import { shellComments } from '../comments.js';
import {
  spanHolding,
  type Analysis,
  type Inherited,
  type RefContext,
  type SourceFile,
} from '../files/analysis.js';
import { releaseName, type StepFact } from '../names.js';
import type { ScriptRun } from '../script-refs.js';
import type { TaskRun } from '../task-runs.js';
import type { Given, Substitution } from '../variables/common.js';
import { fileSubstitutions, SHELL_TYPES } from '../variables/index.js';
import type { SourcedScript, Sourcing } from '../variables/shell.js';
import {
  isWithin,
  relocated,
  type Span,
  type StructuredDoc,
  type ValueSpan,
  valueAt,
  writtenValues,
} from '../structured/doc.js';
import { includedBy } from './follow.js';
import type { ParsedFile } from './parse.js';

/**
 * A file with its documents read, and the values that other places run as their own (a GitLab
 * template's script, read again as each job that extends it; a YAML anchor's value, as each place
 * that aliases it; a composite action, as each step that uses it).
 */
export interface AnalyzedFile {
  readonly file: SourceFile;
  readonly scripts: readonly ScriptRun[];
  readonly tasks: readonly TaskRun[];
  /** What the scripts the file sources assign, where it sources them. */
  readonly sourcings: readonly Sourcing[];
  readonly parts: readonly DocumentPart[];
  readonly inherited: readonly DocumentPart[];
  /**
   * What the file's name says (`release.sh`, `publish.yml`; `deploy.sh`; `deploy-docs.sh`): all
   * of it is a release step, a deploy step, or a site's, which no deploy makes a deploy step.
   */
  readonly releaseName: StepFact;
  /**
   * The steps that use a local composite action read here (see `withLocalCalls`): what they do is
   * read in the action, not guessed from the names of their inputs (see `uploadActionRefs`).
   */
  readonly callsRead: readonly Span[];
  /** Where a build file names it, when it is read only because that runs it (see `StorageLink`). */
  readonly runBy?: Range;
  partAt(offset: number): DocumentPart;
  inComment(offset: number): boolean;
}

/** One document of a file, as its analyzer and its variables read it. */
export interface DocumentPart {
  readonly span: Span;
  readonly doc?: StructuredDoc;
  readonly analysis: Analysis;
  readonly substitutions: readonly Substitution[];
  /** The comments the document and its analyzer find, in order. */
  readonly comments: readonly Span[];
  /** The variables the place is given besides the file's (see `Given`), when it is read again. */
  readonly given?: Given;
  /** Where the steps and jobs that run it name it, when it is a local action or workflow's reading. */
  readonly calledFrom?: readonly Range[];
  /** A reading of a place that never runs as written (see `Inherited.replacesWritten`). */
  readonly replacesWritten?: true;
}

/** The shell scripts read, by path, as sourcing reads them. */
export function scriptsIn(
  parsed: readonly ParsedFile[],
): (path: string) => SourcedScript | undefined {
  const scripts = new Map(
    parsed
      .filter(({ file }) => SHELL_TYPES.has(file.fileType))
      .map(({ file, scripts: runs }) => [file.path, { text: file.text, runs }]),
  );
  return (path) => scripts.get(path);
}

/**
 * The files read, by path, as a Makefile that includes one reads it: as make's syntax whatever its
 * name or type (`include .env`), where make reads it, the `include`, as a shell runs a sourced
 * script; with the makefiles a makefile includes in turn.
 */
export function makefilesIn(
  parsed: readonly ParsedFile[],
): (path: string) => SourcedScript | undefined {
  const files = new Map(parsed.map((file) => [file.file.path, file]));
  const read = new Set(files.keys());
  return (path) => {
    const file = files.get(path);
    return file && { text: file.file.text, runs: includeRuns(file, read) };
  };
}

/**
 * Where a makefile includes others, as sourcing reads them; none for a file of another type.
 * `read`, the paths of the files read, places them (see `includedFiles`).
 */
export function includeRuns(makefile: ParsedFile, read: ReadonlySet<string>): ScriptRun[] {
  if (makefile.file.fileType !== 'makefile') return [];
  return includedBy(makefile, read).flatMap(({ path, at }) =>
    path === undefined || at === undefined ? [] : [{ path, at: at.start, sourced: true }],
  );
}

export function analyzeFile(parsed: ParsedFile, sourcings: readonly Sourcing[]): AnalyzedFile {
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
    tasks: parsed.tasks,
    sourcings,
    parts,
    inherited: parts.flatMap((part) => inheritedParts(file, part, sourcings)),
    releaseName: releaseName(posix.basename(file.path).replace(/\.[^.]*$/, '')),
    callsRead: [],
    ...(parsed.runBy && { runBy: parsed.runBy }),
    partAt,
    inComment: commentFinder(file.text, partAt),
  };
}

/** The readings of the place at `offset`: its document's, and those of the places that run it. */
export function readingsAt({ partAt, inherited }: AnalyzedFile, offset: number): DocumentPart[] {
  return [
    partAt(offset),
    ...inherited.filter(({ span }) => isWithin({ start: offset, end: offset }, span)),
  ];
}

/** The facts of the place at `offset` in a part, as its analyzer reads it. */
export function contextAt({ doc, analysis }: DocumentPart, offset: number): RefContext {
  return analysis.context?.(offset, doc?.pathAt(offset)) ?? {};
}

/**
 * The text a command may span: the script the file writes there, the structured value holding
 * the offset, or the whole file.
 */
export function commandSpan(
  { doc, analysis }: DocumentPart,
  offset: number,
  whole: Span,
): ValueSpan {
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
    ...(analysis.inherited ?? []).flatMap(({ from, to, variables, replacesWritten }) =>
      writtenValues(aliases, from, to).map((value) => ({ ...value, variables, replacesWritten })),
    ),
  ];
  return inherited.flatMap(({ from, to, variables, replacesWritten }) => {
    const span = doc.valueSpan(from);
    if (!span) return [];
    return [
      readingOf(
        file,
        {
          span,
          doc: relocated(doc, from, to),
          analysis,
          comments,
          ...(replacesWritten && { replacesWritten }),
        },
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
export function readingOf(
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
