/**
 * Local composite actions and reusable workflows, read again as each step or job that uses one
 * runs it.
 */
import { countBefore, type Diagnostic, type Range, type ReleaseStep } from '@posture/model';
import { isDefined, type Analysis, type SourceFile } from '../files/analysis.js';
import { localCalls } from '../files/github-actions.js';
import { releaseStepOf } from '../names.js';
import { entriesAt, isWithin, valueAt, type Path, type Span } from '../structured/doc.js';
import { callInputs } from '../variables/ci.js';
import { oneWord, substituted, type Given, type Substitution } from '../variables/common.js';
import { contextAt, readingOf, type AnalyzedFile, type DocumentPart } from './analyze.js';

/** The files whose steps can use a local action, and whose jobs can call a local workflow. */
const CALLERS = new Set(['github-workflow', 'github-action']);

/**
 * GitHub connects ten levels of workflows at most (the caller, and nine it calls in turn), and nests
 * composite actions ten deep: what a call deeper than that names never runs, and is not read.
 */
const MAX_CALL_DEPTH = 10;
/**
 * At most this many readings of local actions and workflows are made in a scan, and the calls of
 * at most this much of their text are read: ten steps that each call an action with inputs of their
 * own, whose steps each do so again, ten levels deep, would be ten billion.
 */
export const MAX_CALL_READINGS = 1_000;
export const MAX_CALLING_TEXT = 8 * 1024 * 1024;
/** A reading lists at most this many of the places that call it, the first found. */
const MAX_CALLED_FROM = 100;

/**
 * Local composite actions (`uses: ./.github/actions/x` in a step) and reusable workflows (`uses:
 * ./.github/workflows/x.yml` in a job) as the steps and jobs that use them run them: each is read
 * again for each such step or job, with the inputs its `with:` gives over the inputs' defaults, and
 * in that step or job's release context; a step's or job's input values resolve through its own
 * file's variables, or the reading it is part of, as one called by another gives them (or a run
 * of a matrix job, its combination). Each reading
 * keeps where it is called from; a step whose composite action is read is no longer guessed at by
 * the names of its inputs (`callsRead`).
 */
export function withLocalCalls(
  files: readonly AnalyzedFile[],
  diagnostics: Diagnostic[],
): AnalyzedFile[] {
  const callees = new Map(
    files.filter((f) => CALLERS.has(f.file.fileType)).map((f) => [f.file.path, f]),
  );
  const readings = new CallReadings(diagnostics);
  const unread = new UnreadCalls(diagnostics);
  const callsRead = new Map<string, Map<number, Span>>();
  // A file's calls are read in its documents, and again in each reading given variables of its own:
  // each run of a matrix job, with the values of its combination.
  let frontier = [...callees.values()].flatMap((caller) =>
    [...caller.parts, ...caller.inherited.filter(({ given }) => given)].map((part) => ({
      caller,
      part,
    })),
  );
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { caller, part } of frontier) {
      const calls = localCalls(part.doc?.data);
      // A file's own calls are read once; those of its readings, up to a bound on their text.
      if (depth > 0 && calls.length > 0 && !readings.readsCallsOf(caller.file, part)) continue;
      // What the part resolves, found once for all its calls (a reading's, read again for its links).
      let resolved: Substitution[] | undefined;
      for (const { at, files: candidates, type, outside } of calls) {
        const callee = candidates.map((path) => callees.get(path)).find(isDefined);
        const called = callee?.parts[0];
        const uses = part.doc?.valueSpan([...at, 'uses']);
        if (!callee && uses && depth === 0) unread.add(caller.file, uses, outside);
        if (callee?.file.fileType !== type || !called?.doc || !uses) continue;
        if (!isWithin(uses, part.span)) continue;
        // What a composite action does is read in it; a JavaScript or Docker action's is not.
        const composite = valueAt(called.doc.data, ['runs', 'using']) === 'composite';
        const step = composite && part.doc?.valueSpan(at);
        if (step) mapOf(callsRead, caller.file.path).set(step.start, step);
        resolved ??= oneWord(part.substitutions);
        const inputs = callInputsGiven(caller.file.text, part, resolved, at);
        const given = callInputs(type, called.doc.data, inputs);
        const releaseStep = releaseStepOf(
          caller.releaseName,
          contextAt(part, uses.start).releaseStep,
        );
        const reading = readings.add(callee, given, releaseStep, caller.file, uses);
        if (reading) next.push({ caller: callee, part: reading });
      }
    }
    frontier = next;
  }
  return files.map((f) => {
    const called = readings.of(f.file.path);
    const read = [...(callsRead.get(f.file.path)?.values() ?? [])];
    return called.length + read.length === 0
      ? f
      : { ...f, inherited: [...f.inherited, ...called], callsRead: read };
  });
}

/**
 * A call of a local action or workflow the scan did not read (missing, or outside what was
 * scanned) leaves what it runs unchecked: a warning where it is called, once however many
 * readings of the caller (a matrix job's runs) make the call; a `path-outside-root` one when its
 * path leads out of the repository (`./../x`), where the scan reads nothing.
 */
class UnreadCalls {
  private readonly seen = new Set<string>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  add(file: SourceFile, uses: Span, outside = false): void {
    const key = `${file.path}:${uses.start}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const written = file.text.slice(uses.start, uses.end);
    this.diagnostics.push({
      severity: 'warning',
      code: outside ? 'path-outside-root' : 'build-include-unread',
      message: outside
        ? `${file.path} uses ${written}, which leads out of the scan root: it is not read, and what it runs is not scanned`
        : `${file.path} uses ${written}, which is not an action or workflow file the scan read; what it runs is not scanned`,
      range: file.lines.range(file.path, uses.start, uses.end),
    });
  }
}

/** A reading of a local action or workflow, with the places that call it, as they are found. */
interface Call {
  readonly reading: DocumentPart;
  readonly calledFrom: Range[];
  readonly sites: Set<string>;
}

/**
 * The readings of the local actions and workflows called, each file's by the inputs and context
 * they run with (many calls are alike), up to the bounds on them: past one, an error on the file.
 */
class CallReadings {
  private readonly byFile = new Map<string, Map<string, Call>>();
  private made = 0;
  private calling = 0;
  private readonly cut = new Set<string>();

  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** Whether the calls a reading of `file` makes are read, within the bound on their text. */
  readsCallsOf(file: SourceFile, part: DocumentPart): boolean {
    this.calling += part.span.end - part.span.start;
    if (this.calling <= MAX_CALLING_TEXT) return true;
    this.cutAt(
      file,
      `calls the repository's actions and reusable workflows in more of the readings made of it, for the steps and jobs that call it, than the ${MAX_CALLING_TEXT / 1024 / 1024} MB of such text read in a scan; what those calls run was not read`,
    );
    return false;
  }

  /**
   * The reading of `callee` with these inputs, in this release context, called from `uses` of
   * `caller`: a new one (to read the calls it makes in turn), or none when one was made already or
   * none is.
   */
  add(
    callee: AnalyzedFile,
    given: Given,
    releaseStep: ReleaseStep,
    caller: SourceFile,
    uses: Span,
  ): DocumentPart | undefined {
    const byInputs = mapOf(this.byFile, callee.file.path);
    const key = JSON.stringify([[...given], releaseStep]);
    const id = `${caller.path}:${uses.start}`;
    const site = () => caller.lines.range(caller.path, uses.start, uses.end);
    const seen = byInputs.get(key);
    if (seen) {
      // Each place once, however many readings of its file call from it.
      if (seen.calledFrom.length < MAX_CALLED_FROM && !seen.sites.has(id)) {
        seen.sites.add(id);
        seen.calledFrom.push(site());
      }
      return undefined;
    }
    if (this.made === MAX_CALL_READINGS) {
      this.cutAt(
        callee.file,
        `is run by more steps and jobs, with inputs or release contexts of their own, than the ${MAX_CALL_READINGS} readings of the repository's actions and reusable workflows made in a scan; the links it gives the others were not checked`,
      );
      return undefined;
    }
    this.made++;
    const called = callee.parts[0]!;
    const analysis = releaseStep ? inRelease(called.analysis, releaseStep) : called.analysis;
    const calledFrom = [site()];
    const reading = readingOf(
      callee.file,
      { ...called, analysis, calledFrom },
      given,
      callee.sourcings,
    );
    byInputs.set(key, { reading, calledFrom, sites: new Set([id]) });
    return reading;
  }

  /** The readings made of a file. */
  of(path: string): DocumentPart[] {
    return [...(this.byFile.get(path)?.values() ?? [])].map((call) => call.reading);
  }

  private cutAt(file: SourceFile, message: string): void {
    if (!this.cut.has(file.path))
      this.diagnostics.push({
        severity: 'error',
        code: 'build-links-truncated',
        message: `${file.path} ${message}`,
        range: file.lines.range(file.path, 0, 0),
      });
    this.cut.add(file.path);
  }
}

function mapOf<K, V>(maps: Map<string, Map<K, V>>, path: string): Map<K, V> {
  let found = maps.get(path);
  if (!found) maps.set(path, (found = new Map()));
  return found;
}

/**
 * The inputs a step's or job's `with:` gives, each resolved through the variables of the part it is
 * read in (`resolved`, of one word, in order): its file's, or those a reading of it is given.
 */
function callInputsGiven(
  text: string,
  { doc }: DocumentPart,
  resolved: readonly Substitution[],
  at: Path,
): Map<string, string> {
  const inputs = new Map<string, string>();
  for (const [path, value] of entriesAt(doc?.data, [...at, 'with'])) {
    const span = doc?.scalarSpan(path);
    const written =
      typeof value === 'string' && span && span.end - span.start === value.length
        ? substituted(text, within(resolved, span), span.start, span.end)
        : value;
    if (typeof written === 'string' || typeof written === 'number' || typeof written === 'boolean')
      inputs.set(String(path[path.length - 1]), String(written));
  }
  return inputs;
}

/** The substitutions (in order) that start within a span, found by binary search. */
function within(resolved: readonly Substitution[], { start, end }: Span): readonly Substitution[] {
  const first = countBefore(resolved, (sub) => sub.start < start);
  return resolved.slice(
    first,
    countBefore(resolved, (sub) => sub.start < end),
  );
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
