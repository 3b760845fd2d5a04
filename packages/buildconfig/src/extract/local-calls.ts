/**
 * Local composite actions and reusable workflows, read again as each step or job that uses one
 * runs it.
 */
import type { Diagnostic, Range, ReleaseStep } from '@posture/model';
import { isDefined, type Analysis, type SourceFile } from '../files/analysis.js';
import { localCalls } from '../files/github-actions.js';
import { releaseStepOf } from '../names.js';
import { entriesAt, type Path, type Span } from '../structured/doc.js';
import { callInputs } from '../variables/ci.js';
import { oneWord, substituted } from '../variables/common.js';
import { contextAt, readingOf, type AnalyzedFile, type DocumentPart } from './analyze.js';

/** The files whose steps can use a local action, and whose jobs can call a local workflow. */
const CALLERS = new Set(['github-workflow', 'github-action']);

/**
 * GitHub runs reusable workflows nested ten levels deep at most, and composite actions as deep:
 * what a call deeper than that names never runs, and is not read.
 */
const MAX_CALL_DEPTH = 10;
/**
 * At most this many readings of local actions and workflows are made in a scan: ten steps that each
 * call an action with inputs of their own, whose steps each do so again, ten levels deep, would be
 * ten billion.
 */
export const MAX_CALL_READINGS = 1_000;

/** A reading of a local action or workflow, with the places that call it, as they are found. */
interface Call {
  readonly reading: DocumentPart;
  readonly calledFrom: Range[];
}

/**
 * Local composite actions (`uses: ./.github/actions/x` in a step) and reusable workflows (`uses:
 * ./.github/workflows/x.yml` in a job) as the steps and jobs that use them run them: each is read
 * again for each such step or job, with the inputs its `with:` gives over the inputs' defaults, and
 * in that step or job's release context; a step's or job's input values resolve through its own
 * file's variables, or the reading it is part of, as one called by another gives them. Each reading
 * keeps where it is called from; a step whose action is read is no longer guessed at by the names
 * of its inputs (`callsRead`).
 */
export function withLocalCalls(
  files: readonly AnalyzedFile[],
  diagnostics: Diagnostic[],
): AnalyzedFile[] {
  const callees = new Map(
    files.filter((f) => CALLERS.has(f.file.fileType)).map((f) => [f.file.path, f]),
  );
  // For each file called, its readings by the inputs and context they run with: many calls are alike.
  const readings = new Map<string, Map<string, Call>>();
  const callsRead = new Map<string, Map<number, Span>>();
  let made = 0;
  const cut = new Set<string>();
  let frontier = [...callees.values()].flatMap((caller) =>
    caller.parts.map((part) => ({ caller, part })),
  );
  for (let depth = 0; depth < MAX_CALL_DEPTH && frontier.length > 0; depth++) {
    const next: typeof frontier = [];
    for (const { caller, part } of frontier) {
      for (const { at, files: candidates, type } of localCalls(part.doc?.data)) {
        const callee = candidates.map((path) => callees.get(path)).find(isDefined);
        const called = callee?.parts[0];
        const uses = part.doc?.valueSpan([...at, 'uses']);
        if (callee?.file.fileType !== type || !called?.doc || !uses) continue;
        const step = type === 'github-action' && part.doc?.valueSpan(at);
        if (step) mapOf(callsRead, caller.file.path).set(step.start, step);
        const given = callInputs(type, called.doc.data, callInputsGiven(caller.file, part, at));
        const releaseStep = releaseStepOf(
          caller.releaseName,
          contextAt(part, uses.start).releaseStep,
        );
        const byInputs = mapOf(readings, callee.file.path);
        const key = JSON.stringify([[...given], releaseStep]);
        const site = caller.file.lines.range(caller.file.path, uses.start, uses.end);
        const seen = byInputs.get(key);
        if (seen) {
          if (!seen.calledFrom.some((range) => sameRange(range, site))) seen.calledFrom.push(site);
          continue;
        }
        if (made === MAX_CALL_READINGS) {
          if (!cut.has(callee.file.path)) diagnostics.push(callsCut(callee.file));
          cut.add(callee.file.path);
          continue;
        }
        made++;
        const analysis = releaseStep ? inRelease(called.analysis, releaseStep) : called.analysis;
        const calledFrom = [site];
        const reading = readingOf(
          callee.file,
          { ...called, analysis, calledFrom },
          given,
          callee.sourcings,
        );
        byInputs.set(key, { reading, calledFrom });
        next.push({ caller: callee, part: reading });
      }
    }
    frontier = next;
  }
  return files.map((f) => {
    const called = [...(readings.get(f.file.path)?.values() ?? [])].map((c) => c.reading);
    const read = [...(callsRead.get(f.file.path)?.values() ?? [])];
    return called.length + read.length === 0
      ? f
      : { ...f, inherited: [...f.inherited, ...called], callsRead: read };
  });
}

function mapOf<K, V>(maps: Map<string, Map<K, V>>, path: string): Map<K, V> {
  let found = maps.get(path);
  if (!found) maps.set(path, (found = new Map()));
  return found;
}

function sameRange(a: Range, b: Range): boolean {
  return a.file === b.file && a.start.offset === b.start.offset;
}

/**
 * The inputs a step's or job's `with:` gives, each resolved through the variables of the part it is
 * read in: its file's, or those a reading of it is given.
 */
function callInputsGiven(file: SourceFile, part: DocumentPart, at: Path): Map<string, string> {
  const inputs = new Map<string, string>();
  const doc = part.doc;
  for (const [path, value] of entriesAt(doc?.data, [...at, 'with'])) {
    const span = doc?.scalarSpan(path);
    const written =
      typeof value === 'string' && span && span.end - span.start === value.length
        ? substituted(file.text, oneWord(part.substitutions), span.start, span.end)
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

/** A file called by more steps and jobs than are read: an error, as their links were not checked. */
function callsCut(file: SourceFile): Diagnostic {
  return {
    severity: 'error',
    code: 'build-links-truncated',
    message: `${file.path} is run by more steps and jobs, with inputs or release contexts of their own, than the ${MAX_CALL_READINGS} readings of the repository's actions and reusable workflows made in a scan; the links it gives the others were not checked`,
    range: file.lines.range(file.path, 0, 0),
  };
}
