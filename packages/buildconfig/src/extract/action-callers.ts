/** Local composite actions, read again as each step that uses one runs it. */
import type { ReleaseStep } from '@posture/model';
import { isDefined, type Analysis } from '../files/analysis.js';
import { localActionCalls } from '../files/github-actions.js';
import { releaseStepOf } from '../names.js';
import { entriesAt, type Path } from '../structured/doc.js';
import { actionInputs } from '../variables/ci.js';
import { oneWord, substituted } from '../variables/common.js';
import { contextAt, readingOf, type AnalyzedFile, type DocumentPart } from './analyze.js';

/** The files whose steps can use a local action. */
const ACTION_CALLERS = new Set(['github-workflow', 'github-action']);

/**
 * Local composite actions as the steps that use them run them (`uses: ./.github/actions/x`): each
 * action is read again for each such step, with the inputs its `with:` gives over the inputs'
 * defaults, and in that step's release context. A step's input values resolve through its own
 * file's variables.
 */
export function withActionCallers(files: readonly AnalyzedFile[]): AnalyzedFile[] {
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
