/**
 * The local composite actions and reusable workflows CI files call (`uses: ./.github/actions/tf`,
 * `uses: ./.github/workflows/deploy.yml`), read as each call runs them, and the bound on those
 * readings.
 */
import type { Diagnostic } from '@posture/model';
import { MAX_CALL_READINGS, MAX_CALLING_TEXT } from './extract/local-calls.js';
import type { ParsedFile } from './extract/parse.js';
import type { SourceFile } from './files/analysis.js';
import { localCalls, type LocalCall } from './files/github-actions.js';
import { isRecord, valueAt } from './structured/doc.js';
import type { FileReader, TerraformRun } from './terraform-runs/index.js';
import type { EnvironmentValue } from './tf-var-values.js';

/**
 * The local composite actions, and the reusable workflows that nothing but a call runs
 * (`on: workflow_call`), that a file of `ci` calls: each is read as each call runs it, not alone.
 */
export function runOnlyByCalls(ci: readonly ParsedFile[], reader: FileReader): Set<string> {
  const called = new Set<string>();
  for (const { doc } of ci) {
    for (const call of localCalls(doc?.data)) {
      const callee = calleeOf(call, reader);
      if (callee) called.add(callee.file.path);
    }
  }
  return called;
}

/** The file a step or job calls, when it runs only so: a composite action, a called workflow. */
export function calleeOf(call: LocalCall, reader: FileReader): ParsedFile | undefined {
  const callee = call.files.map((path) => reader(path)).find((f) => f?.file.fileType === call.type);
  return callee && runsOnlyWhenCalled(callee) ? callee : undefined;
}

/** Whether a file runs only as a step or job calls it: a composite action, a called workflow. */
export function runsOnlyWhenCalled({ file, doc }: ParsedFile): boolean {
  const data = doc?.data;
  if (file.fileType === 'github-action') return valueAt(data, ['runs', 'using']) === 'composite';
  return file.fileType === 'github-workflow' && onlyWorkflowCall(valueAt(data, ['on']));
}

/** Whether a workflow's `on:` runs it only when another calls it. */
function onlyWorkflowCall(on: unknown): boolean {
  const events =
    typeof on === 'string' ? [on] : Array.isArray(on) ? on : isRecord(on) ? Object.keys(on) : [];
  return events.length === 1 && events[0] === 'workflow_call';
}

/** A reading of a called file: its runs, and what it writes to `$GITHUB_ENV` for the job. */
export interface CallResult {
  readonly runs: readonly TerraformRun[];
  readonly writes: ReadonlyMap<string, EnvironmentValue>;
}

/**
 * The readings of local actions and workflows made in a scan, each made once for the inputs and
 * environment it is called with (many calls are alike), bounded as the link read bounds them
 * (`MAX_CALL_READINGS`, `MAX_CALLING_TEXT`): past a bound, an error on the file not read, whose
 * runs are not known.
 */
export class CallReadings {
  private readonly made = new Map<string, CallResult>();
  private text = 0;
  private cut = false;
  constructor(private readonly diagnostics: Diagnostic[]) {}

  /** The reading `key` of `callee`: made by `read`, unless it was already or a bound is past. */
  of(callee: SourceFile, key: string, read: () => CallResult): CallResult | undefined {
    const seen = this.made.get(key);
    if (seen) return seen;
    this.text += callee.text.length;
    if (this.made.size < MAX_CALL_READINGS && this.text <= MAX_CALLING_TEXT) {
      const result = read();
      this.made.set(key, result);
      return result;
    }
    if (!this.cut)
      this.diagnostics.push({
        severity: 'error',
        code: 'build-links-truncated',
        message: `${callee.path} is run by more steps and jobs, with inputs or environments of their own, than the ${MAX_CALL_READINGS} readings (of ${MAX_CALLING_TEXT / 1024 / 1024} MB at most) of the repository's actions and reusable workflows made in a scan; the TF_VAR_ variables and options it and those past it give Terraform were not read`,
        range: callee.lines.range(callee.path, 0, 0),
      });
    this.cut = true;
    return undefined;
  }
}

/** GitHub runs ten levels of workflows and nests composite actions ten deep, at most. */
export const MAX_CALL_DEPTH = 10;
