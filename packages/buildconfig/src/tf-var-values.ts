/**
 * The values of the `TF_VAR_` variables a CI gives Terraform, as written: literally, or through
 * the inputs a step or job that uses a local composite action or reusable workflow gives it
 * (`${{ inputs.public }}`). Nothing is run: a value not written literally is not known, and one
 * whose name or value looks like a credential is never read.
 */
import { looksSecret, redactText, type Range } from '@posture/model';
import type { SourceFile } from './files/analysis.js';
import { isRecord, valueAt, type Path, type StructuredDoc } from './structured/doc.js';
import { CALL_INPUTS } from './variables/ci.js';

export interface EnvironmentValue {
  /** The value as written; undefined when it is not known before the CI runs, for `why`. */
  readonly text: string | undefined;
  readonly why?: string;
  /** Where it is written. */
  readonly range: Range;
}

/** The inputs a called file runs with, by name: each where the call, or its default, gives it. */
export type Inputs = ReadonlyMap<string, EnvironmentValue>;

/** `${{ inputs.name }}`, whatever spaces it holds. */
const INPUT = /\$\{\{\s*inputs\.([A-Za-z_][\w-]*)\s*\}\}/g;

/** A file with its document, as a call names its place in it. */
export interface Written {
  readonly file: SourceFile;
  readonly doc: StructuredDoc;
}

/**
 * The value of a variable `key` written as `value` at `range`: with the inputs of a called file
 * (`inputs`; undefined where the file is read alone, as nothing says what they are) put in. A value
 * that is one input is where that input is given.
 */
export function environmentValue(
  key: string,
  value: unknown,
  range: Range,
  inputs?: Inputs,
): EnvironmentValue {
  if (typeof value !== 'string' || inputs === undefined) return { ...literal(key, value), range };
  const used = [...value.matchAll(INPUT)].map((m) => ({ m, input: inputs.get(m[1]!) }));
  const missing = used.find(({ input }) => input?.text === undefined);
  if (missing) {
    const name = `inputs.${missing.m[1]!}`;
    const why = missing.input?.why ?? `${key} is set from ${name}, which is not declared`;
    return { text: undefined, why, range: missing.input?.range ?? range };
  }
  const text = withInputs(value, inputs)!;
  const [whole] = used.length === 1 && used[0]!.m[0] === value ? used : [];
  return { ...literal(key, text), range: whole?.input?.range ?? range };
}

/** `written` with the inputs it uses put in; undefined when one of them is not known. */
export function withInputs(written: string, inputs: Inputs): string | undefined {
  let known = true;
  const text = written.replace(INPUT, (_, name: string) => {
    const value = inputs.get(name)?.text;
    known &&= value !== undefined;
    return value ?? '';
  });
  return known ? text : undefined;
}

/** A value as written, when it is known: a string, number or boolean with no CI expression. */
function literal(key: string, value: unknown): Omit<EnvironmentValue, 'range'> {
  const text =
    typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  if (text === undefined) return { text, why: `${key} is not written as a value` };
  if (looksSecret(key) || redactText(text) !== text)
    return { text: undefined, why: `${key} may hold a credential, which is not read` };
  if (/\$|\{\{/.test(text))
    return { text: undefined, why: `${key} is set from what the CI gives it when it runs` };
  return { text };
}

/**
 * The inputs the step or job at `at` of `caller` (itself read with `callerInputs`) gives the
 * composite action or reusable workflow `callee` (a file of `type`): each input it declares, as the
 * call's `with:` gives it, else as its `default`, else not known (GitHub gives it empty).
 */
export function callInputValues(
  caller: Written,
  at: Path,
  callerInputs: Inputs | undefined,
  callee: Written,
  type: string,
): Inputs {
  const declaredAt = CALL_INPUTS[type] ?? [];
  const declared = valueAt(callee.doc.data, declaredAt);
  const inputs = new Map<string, EnvironmentValue>();
  for (const name of isRecord(declared) ? Object.keys(declared) : []) {
    const key = `inputs.${name}`;
    const given = [...at, 'with', name];
    const defaultAt = [...declaredAt, name, 'default'];
    const value = valueAt(caller.doc.data, given);
    if (value !== undefined)
      inputs.set(name, environmentValue(key, value, rangeOf(caller, given), callerInputs));
    else if (valueAt(callee.doc.data, defaultAt) !== undefined)
      inputs.set(
        name,
        environmentValue(key, valueAt(callee.doc.data, defaultAt), rangeOf(callee, defaultAt)),
      );
    else
      inputs.set(name, {
        text: undefined,
        why: `${key} is neither given nor has a default`,
        range: rangeOf(caller, at),
      });
  }
  return inputs;
}

/** Where `path` is written in a file (its start when the document places it nowhere). */
function rangeOf({ file, doc }: Written, path: Path): Range {
  const span = doc.valueSpan(path);
  return file.lines.range(file.path, span?.start ?? 0, span?.end ?? 0);
}
