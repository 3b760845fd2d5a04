/**
 * The links of an analyzed file: its references, as written and as each reading resolves them,
 * each with the facts of where it is written, classified; one for each thing done at a place.
 */
import {
  pushAll,
  redactUrl,
  type Diagnostic,
  type LinkUsage,
  type Range,
  type StorageLink,
} from '@posture/model';
import { classify } from '../classify.js';
import { commandAround } from '../command-words.js';
import { commandFacts, type CommandFacts } from '../commands.js';
import type { RefContext, SourceFile, SourceMapKind } from '../files/analysis.js';
import { findUrlRefs, MAX_REFS_PER_FILE, type CustomDomain, type RawRef } from '../find-refs.js';
import { isSourceMapField, namesSourceMapUrl, releaseStepOf } from '../names.js';
import { bucketOpening, type ReadInside } from '../opening.js';
import { NODE_SCRIPT } from '../node-scripts.js';
import { findPlaceholderRefs } from '../placeholder-refs.js';
import { findRcloneRefs } from '../rclone.js';
import { formatPath, isWithin, type Path, type Span, type ValueSpan } from '../structured/doc.js';
import { MAX_RESOLVED_GROWTH, type Substitution } from '../variables/common.js';
import { isJsConfig, resolvedFieldRef, resolvedRefs } from '../variables/index.js';
import { commandSpan, contextAt, type AnalyzedFile, type DocumentPart } from './analyze.js';
import { assembledRefs } from './assembled-refs.js';
import { runStep, type RunBy } from './release-scripts.js';

/**
 * The values other places run (GitLab templates and matrix instances, a composite action for each
 * step that uses it) are read again up to this many characters of a file in all: a few hundred
 * readings of a large job at most.
 */
const MAX_TEXT_READ_AGAIN = 8 * 1024 * 1024;

/** The links of a file; `runBy` what release and deploy steps run of it (see `releaseScriptsIn`). */
export function linksOf(
  analyzed: AnalyzedFile,
  runBy: RunBy,
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
  let grew = false;
  const outgrown = () => void (grew = true);
  const substitutions = parts.flatMap((part) => part.substitutions);
  const live = (ref: RawRef) => !inComment(ref.start);
  // A field of a step whose local action is read is what the action does with it, read there.
  const guessed = (ref: RawRef) => analyzed.callsRead.some((step) => isWithin(ref, step));
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
    const resolved = [
      ...resolvedRefs(file, own, findUrls, span, outgrown),
      ...(own.length === 0
        ? []
        : findRcloneRefs(file.text, spanAt, cut, { span, substitutions: own })),
    ].filter(live);
    const unnamed = resolvedRefs(file, own, findPlaceholders, span, outgrown).filter(live);
    return [
      ...outermost(
        [
          ...asResolved(asWritten.filter(within), resolved),
          ...fields,
          // Last, so that a field's reference wins over one found only once variables are resolved.
          ...resolved,
        ],
        file.text,
      ),
      ...outermost([...asResolved(placeholders.filter(within), unnamed), ...unnamed], file.text),
    ];
  };
  const refs = readingRefs(
    substitutions,
    whole,
    parts
      .flatMap(({ analysis, substitutions: own }) =>
        (analysis.refs ?? [])
          .filter((ref) => ref.at === undefined && !guessed(ref))
          .flatMap((ref) => resolvedFieldRef(ref, file.text, own) ?? []),
      )
      .filter(live),
  );
  // The JavaScript files whose strings joined with names make links (see assembled-refs.ts): the
  // scripts Node runs, and the configurations written in JavaScript.
  if (file.fileType === NODE_SCRIPT || isJsConfig(file))
    pushAll(refs, assembledRefs(file, customDomains, refs, diagnostics).filter(live));
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
      releaseStep: releaseStepOf(analyzed.releaseName, runBy.file, runStep(context, runBy)),
      ...(opening && { opening }),
      ...(part.calledFrom && { calledFrom: part.calledFrom }),
      ...(analyzed.runBy && { runBy: analyzed.runBy }),
    });
  };
  // A value another place runs is read again as written there, each time with its variables;
  // read again, the file yields no more references than it may hold, from a bounded text.
  const inherited: StorageLink[] = [];
  // The places whose readings stand for them, as they never run as written (a GitHub matrix job):
  // a link a reading gives there replaces the one written.
  const readInstead = new Set<number>();
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
      .filter((ref) => isWithin(ref, span) && readsField(inheritor, ref) && !guessed(ref))
      .flatMap((ref) => resolvedFieldRef(ref, file.text, own) ?? [])
      .filter(live);
    // A placeholder this reading names a bucket for is dropped now, not to count towards the cap.
    const links = readingRefs(own, span, fields).map((ref) => linkOf(ref, inheritor));
    if (inheritor.replacesWritten)
      for (const link of links) readInstead.add(link.range.start.offset);
    pushAll(inherited, unnamedWhereNoneNamed(links));
  }
  for (const { analysis } of parts) {
    if (analysis.notReadAgain === undefined) continue;
    const message = `${file.path} ${analysis.notReadAgain}; the others were not read, and the links they give were not checked`;
    diagnostics.push(linksCut(file, message));
  }
  if (grew) {
    const megabytes = MAX_RESOLVED_GROWTH / 1024 / 1024;
    const message = `${file.path} was read with its variables resolved until their values added ${megabytes} MB of text, and as written past that; the links their values give there were not checked`;
    diagnostics.push(linksCut(file, message));
  }
  if (truncated) {
    const message = `${file.path} holds more than ${MAX_REFS_PER_FILE} storage references, and only the first ${MAX_REFS_PER_FILE} found were read; the links among the others were not checked`;
    diagnostics.push(linksCut(file, message));
  }
  const written = refs
    .filter((ref) => !readInstead.has(ref.start))
    .map((ref) => linkOf(ref, partAt(ref.start)));
  return onePerPlace(unnamedWhereNoneNamed([...written, ...inherited]));
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
/** The usages of an upload, which clients may download from too (`StorageLink.downloaded`). */
const UPLOADS: ReadonlySet<LinkUsage> = new Set(['upload', 'public-upload']);

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
 * One link for each thing done at a place: where several places run one value (the jobs that
 * extend a GitLab template, the steps that use a composite action) and do the same, it is as much
 * a release step as the most of them is (a release step, then a deploy step), named after the
 * first that is, and called from where each of them calls it.
 */
function onePerPlace(links: readonly StorageLink[]): StorageLink[] {
  const kept = new Map<string, { link: StorageLink; calledFrom: Map<string, Range> }>();
  for (const link of links) {
    const { field: _field, releaseStep: _releaseStep, calledFrom: _calledFrom, ...facts } = link;
    const key = JSON.stringify(facts);
    const seen = kept.get(key);
    const first =
      !seen || releaseStepOf(seen.link.releaseStep, link.releaseStep) !== seen.link.releaseStep
        ? link
        : seen.link;
    // Each place once, kept by where it is: a library many scripts call is called from each.
    const calledFrom = seen?.calledFrom ?? new Map<string, Range>();
    for (const range of link.calledFrom ?? [])
      calledFrom.set(`${range.file}:${range.start.offset}:${range.end.offset}`, range);
    kept.set(key, { link: first, calledFrom });
  }
  return [...kept.values()].map(({ link, calledFrom }) => {
    const { calledFrom: _calledFrom, ...facts } = link;
    return calledFrom.size > 0 ? { ...facts, calledFrom: [...calledFrom.values()] } : facts;
  });
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
    // The words are as written: a reference a reading resolves is found by its written text.
    const written = text.slice(ref.start, ref.end);
    const index =
      context.argv.index ??
      words.findIndex((arg) => arg.includes(ref.text) || arg.includes(written));
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
  facts: Pick<
    StorageLink,
    'usage' | 'service' | 'releaseStep' | 'opening' | 'calledFrom' | 'runBy'
  >,
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
    ...(context.downloaded && UPLOADS.has(facts.usage) && { downloaded: true }),
    fileType: file.label ?? file.fileType,
    ...(field !== undefined && { field }),
    ...sourceMapFacts(
      context.sourceMap ||
        ((isSourceMapField(lastKey) ||
          (facts.usage === 'download' && namesSourceMapUrl(lastKey)) ||
          followsSourceMappingUrl(file.text, ref.start)) &&
          'linked'),
    ),
    ...(context.sourceMap && context.sourceMapConditional && { sourceMapConditional: true }),
    releaseStep: facts.releaseStep,
    ...(facts.opening && { opening: facts.opening }),
    ...(ref.account !== undefined && { account: ref.account }),
    ...(facts.calledFrom && { calledFrom: facts.calledFrom }),
    ...(facts.runBy && { runBy: facts.runBy }),
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

/**
 * Sorted references without those nested in an earlier one (a field also matched as a URL). Of a
 * file's `text`, one in a command substitution that a URL holds is a reference of its own, run
 * before that URL is made: `curl -LO "https://…/release/$(curl -s https://…/stable.txt)/cli"`.
 * One written where the outer one is that names another bucket is kept too: a field the code may
 * make either of two buckets (`bucket: isBeta ? 'acme-beta' : BUCKET`) names each.
 */
export function outermost(refs: RawRef[], text?: string): RawRef[] {
  refs.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: RawRef[] = [];
  let outer: RawRef | undefined;
  let inner: RawRef | undefined;
  let named = new Set<string>();
  for (const ref of refs) {
    if (!outer || ref.start >= outer.end) {
      kept.push((outer = ref));
      inner = undefined;
      named = new Set(ref.bucket === undefined ? [] : [ref.bucket]);
    } else if (
      ref.start === outer.start &&
      ref.end === outer.end &&
      ref.bucket !== undefined &&
      !named.has(ref.bucket)
    ) {
      kept.push(ref);
      named.add(ref.bucket);
    } else if (
      text !== undefined &&
      (!inner || ref.start >= inner.end) &&
      inSubstitution(text, outer.start, ref.start)
    ) {
      kept.push((inner = ref));
    }
  }
  return kept;
}

/** Whether `at` is inside a `$(…)` opened at or after `from`. */
function inSubstitution(text: string, from: number, at: number): boolean {
  const opened: boolean[] = [];
  for (let i = from; i < at; i++) {
    if (text[i] === '(') opened.push(text[i - 1] === '$');
    else if (text[i] === ')') opened.pop();
  }
  return opened.includes(true);
}
