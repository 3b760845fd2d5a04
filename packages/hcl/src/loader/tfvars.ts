/** Variable values for root modules, with Terraform's precedence: later sources win. */
import { fileRange, isObject, LineIndex, type Value } from '@posture/model';
import { DiagnosticLog, spanRange, withinLimits } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { constantEnv } from '../eval/scope.js';
import { isWhollyKnown } from '../eval/unknowns.js';
import { compareStrings, objectOf } from '../eval/values.js';
import { Parser } from '../parser/parser.js';
import type { LoadSession } from './session.js';

export interface VariableInputs {
  /**
   * Explicit variable files, relative to the scan root or absolute, in order (`-var-file`); read
   * even outside the root, as the caller named them.
   */
  readonly varFiles?: readonly string[];
  /** Values given through the API (`-var`), over every file. */
  readonly vars?: Readonly<Record<string, Value>>;
  /**
   * Values for one root module each, by directory, over everything else: the variables a plan was
   * made with, for the root it was made from.
   */
  readonly rootVars?: ReadonlyMap<string, Readonly<Record<string, Value>>>;
}

/**
 * `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then the
 * explicit files, then `vars`, then the root's own `rootVars`.
 */
export function rootInputs(
  session: LoadSession,
  dir: string,
  inputs: VariableInputs,
): Record<string, Value> {
  const explicit = (inputs.varFiles ?? []).map((file) => session.named(file));
  const files = [...automaticFiles(session, dir), ...explicit];
  return objectOf([
    ...files.flatMap((rel) => variableFile(session, rel)),
    ...Object.entries(inputs.vars ?? {}),
    ...Object.entries(inputs.rootVars?.get(dir) ?? {}),
  ]);
}

function automaticFiles(session: LoadSession, dir: string): string[] {
  const names = session.list(session.absolute(dir)).map((entry) => entry.name);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort(compareStrings);
  const standard = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  return [...standard, ...auto].map((name) => (dir === '.' ? name : `${dir}/${name}`));
}

function variableFile(session: LoadSession, rel: string): [string, Value][] {
  if (!rel.endsWith('.json')) {
    const env = constantEnv(session.diagnostics, rel);
    const items = session.parse(rel)?.body.items ?? [];
    return items.flatMap((item): [string, Value][] => {
      if (item.kind !== 'attribute') return [];
      const range = spanRange(rel, item);
      const value = withinLimits(session.diagnostics, range, () => evaluate(item.expr, env), null);
      return [[item.name, value]];
    });
  }
  const text = session.readText(rel, 'tfvars');
  return text === undefined ? [] : jsonVariables(session, rel, text);
}

function jsonVariables(session: LoadSession, rel: string, text: string): [string, Value][] {
  try {
    const parsed = JSON.parse(text) as Value;
    if (isObject(parsed)) return Object.entries(parsed);
  } catch {
    // Reported below, like a file that is not an object.
  }
  session.diagnostics.report(
    'error',
    'hcl-syntax',
    'a .tfvars.json file must hold one JSON object',
    fileRange(rel),
  );
  return [];
}

/**
 * A `-var` value written as an expression (`["a", "b"]`, `{ env = "prod" }`, or JSON), read as
 * Terraform reads one for a variable of a collection type: a constant, with no references.
 * Throws with the reason when the text is not one.
 */
export function variableValue(text: string): Value {
  const parser = new Parser(text, new LineIndex(text));
  const expr = parser.parseExpressionText();
  const syntaxError = parser.diagnostics[0];
  if (syntaxError) throw new Error(syntaxError.message);
  const diagnostics = new DiagnosticLog();
  const value = evaluate(expr, constantEnv(diagnostics, '-var'));
  if (!isWhollyKnown(value)) throw new Error('it must be a constant, without references');
  return value;
}
