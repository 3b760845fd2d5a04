/**
 * What a file-family extractor contributes: the facts of the place a reference is written (field,
 * release step, source-map setting, implied usage or service) and the buckets its fields name
 * without a URL. Finding URLs, reading commands and classifying is shared by all families.
 */
import { countBefore, hasPlaceholder } from '@posture/model';
import type { LineIndex, LinkForm, LinkUsage, ReleaseStep } from '@posture/model';
import type { FieldFacts } from '../classify.js';
import type { Environment } from '../commands.js';
import type { RawRef } from '../find-refs.js';
import {
  stringAt,
  writtenPath,
  type Path,
  type Span,
  type StructuredDoc,
} from '../structured/doc.js';
import { isBucketName, URI_FORM, type Service } from '../url-patterns.js';
import type { Given } from '../variables/common.js';

export interface SourceFile {
  /** Relative to the scan root, `/`-separated. */
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly fileType: string;
  /** What links found in the file say it is, when not `fileType` (see `FileType.label`). */
  readonly label?: string;
}

export interface RefContext extends FieldFacts {
  /** Where the reference is, when the path of a structured file does not say it (a Makefile target). */
  readonly field?: string;
  readonly releaseStep?: ReleaseStep;
  /** With an upload usage: clients download from the URL too (see `StorageLink`). */
  readonly downloaded?: true;
  /**
   * The names that commands run the place by (a Makefile rule's targets, a package.json script's
   * name: `TaskRun`), which make it a release step when a release step runs one of them.
   */
  readonly tasks?: readonly string[];
  readonly sourceMap?: SourceMapKind | false;
  /** With `sourceMap`: a setting chosen by the mode or the environment decides it (see `StorageLink`). */
  readonly sourceMapConditional?: true;
  /**
   * The command holding the reference, as a list of arguments (Cloud Build `args`), and the index
   * of the one holding it when the path says; otherwise the first argument holding its text.
   */
  readonly argv?: { readonly words: readonly string[]; readonly index?: number };
  /** The environment the commands there run in, which some tools read their settings from. */
  readonly environment?: Environment;
}

/**
 * How a link sets where source maps are fetched from: `linked`, a `sourceMappingURL` (or a field
 * that makes one) points there; `hidden`, the build writes its maps beside the bundles served
 * there, with no comment pointing at them.
 */
export type SourceMapKind = 'linked' | 'hidden';

/** The maps several settings write together: linked when any links them, else hidden when any writes some. */
export function strongestMaps(kinds: readonly (SourceMapKind | false)[]): SourceMapKind | false {
  return kinds.includes('linked') ? 'linked' : kinds.includes('hidden') && 'hidden';
}

export interface Analysis {
  context?(offset: number, path: Path | undefined): RefContext;
  /** Buckets named by fields rather than URLs. */
  readonly refs?: readonly RawRef[];
  /**
   * The text of the script holding `offset`, when the file writes scripts inside something else (a
   * Jenkinsfile's `sh '…'` string): commands are read within it. Otherwise they are read within the
   * structured value holding the offset, or the whole file.
   */
  scriptAt?(offset: number): Span | undefined;
  /**
   * Where the file writes comments, in order (the shell comments of the scripts it writes inside
   * other text, and of its string values, are found where commands are read).
   */
  readonly comments?: readonly Span[];
  /**
   * Values that another place of the file runs as its own (a GitLab job, the script of the job it
   * extends): each is read again as written there, with the variables and facts of that place.
   */
  readonly inherited?: readonly Inherited[];
  /**
   * What a bound on `inherited` left out of it, when one did, as the rest of a sentence about the
   * file: an error, as the links those values give were not checked.
   */
  readonly notReadAgain?: string;
}

/** Values read again as other places run them, and what a bound left out, when one did. */
export type Readings = Required<Pick<Analysis, 'inherited'>> & Pick<Analysis, 'notReadAgain'>;

/** The values each of several readers reads again, and what their bounds left out, in one. */
export function allReadings(...readings: readonly Readings[]): Readings {
  const notReadAgain = readings.map((r) => r.notReadAgain).filter(isDefined);
  return {
    inherited: readings.flatMap((r) => r.inherited),
    ...(notReadAgain.length > 0 && { notReadAgain: notReadAgain.join(', and ') }),
  };
}

/** At most this many values one reader (a matrix, choice inputs) reads again in one file. */
export const MAX_READINGS = 1_000;

/**
 * `readings` up to `max`, with `tooMany` as what the bound left out when there are more: taken
 * from a generator, what is past the bound is never made.
 */
export function boundedReadings(
  readings: Iterable<Inherited>,
  tooMany: string,
  max = MAX_READINGS,
): Readings {
  const inherited: Inherited[] = [];
  for (const reading of readings) {
    if (inherited.length >= max) return { inherited, notReadAgain: tooMany };
    inherited.push(reading);
  }
  return { inherited };
}

/**
 * The value written at `from`, which the place at `to` has as its own, with the variables that
 * place is given besides the file's (see `Given`).
 */
export interface Inherited {
  readonly from: Path;
  readonly to: Path;
  readonly variables?: Given;
  /**
   * The place never runs as written, only as its readings (a GitHub matrix job or a GitLab
   * `parallel: matrix` one runs once for each combination, never without its values; CircleCI
   * compiles parameters away): a link a reading gives stands for the one written.
   */
  readonly replacesWritten?: true;
}

export interface AnalyzerInput {
  readonly file: SourceFile;
  /** The parsed file, for YAML, JSON and TOML. Its `data` is undefined when parsing failed. */
  readonly doc?: StructuredDoc;
  /**
   * The configurations of the tool the file's framework builds with, read in the scan beside it
   * (the `vite.config.ts` beside a `svelte.config.js`): see `withBuiltWith`.
   */
  readonly builtWith?: readonly SourceFile[];
  /**
   * The app an electron-builder configuration (a package.json's `build` too) builds updates itself
   * with electron-updater, as the package.json files read in the scan say: see `withAppPackages`.
   */
  readonly appUpdates?: true;
}

export type Analyzer = (input: AnalyzerInput) => Analysis;

/**
 * The bucket a string field names (`bucket: releases`, `destination: releases/v1`): the value's
 * first `/`-segment, when it is a valid bucket name. A value holding a placeholder
 * (`${{ env.BUCKET }}`) is marked so, to be resolved through the file's variables or dropped.
 */
export function fieldRef(
  doc: StructuredDoc,
  path: Path,
  service: Service,
  usage: LinkUsage,
  form: LinkForm = URI_FORM[service],
): RawRef | undefined {
  const value = stringAt(doc.data, path);
  if (value === undefined) return undefined;
  const [ref] = refsWritten(doc, path, (written) => {
    const span = doc.scalarSpan(written);
    const found = span && valueRef(span, value, service, usage, form);
    return found ? [found] : [];
  });
  return ref;
}

/**
 * The references `find` reads in the field at `path` where its value is written: one an alias
 * gives (`bucket: *bucket`) is written at the anchor, which other places may alias as other fields,
 * so what is found there is read as this place's only (`RawRef.at`).
 */
export function refsWritten(
  doc: StructuredDoc,
  path: Path,
  find: (written: Path) => RawRef[],
): RawRef[] {
  const written = writtenPath(doc.aliases ?? [], path);
  const refs = find(written);
  return written === path ? refs : refs.map((ref) => ({ ...ref, at: path }));
}

/** The bucket a value written at `span` names, as `fieldRef` reads a field's. */
export function valueRef(
  span: Span,
  value: string,
  service: Service,
  usage: LinkUsage,
  form: LinkForm = URI_FORM[service],
): RawRef | undefined {
  const ref = { start: span.start, end: span.end, text: value, form, service, usage };
  if (hasPlaceholder(value)) return { ...ref, placeholder: true };
  const bucket = namedBucket(value, service);
  return bucket === undefined ? undefined : { ...ref, bucket };
}

/** The bucket of a field's value: its first `/`-segment, when that is a valid bucket name. */
export function namedBucket(value: string, service: Service): string | undefined {
  const bucket = value.split('/')[0] ?? '';
  return isBucketName(bucket, service) ? bucket : undefined;
}

export function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

/** The span holding `offset` among spans in order that do not overlap, by binary search. */
export function spanHolding<S extends Span>(spans: readonly S[], offset: number): S | undefined {
  const lo = countBefore(spans, (s) => s.end <= offset);
  const span = spans[lo];
  return span && span.start <= offset ? span : undefined;
}
