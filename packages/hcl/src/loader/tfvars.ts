/** Variable values for root modules, with Terraform's precedence: later sources win. */
import {
  fileRange,
  isObject,
  jsonTooDeepAt,
  LineIndex,
  type Range,
  unknown,
  type Value,
} from '@posture/model';
import type { Expression } from '../ast.js';
import { DiagnosticLog, spanRange, withinLimits } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { constantEnv } from '../eval/scope.js';
import { Inexact, unknownsIn } from '../eval/unknowns.js';
import { compareStrings, objectOf } from '../eval/values.js';
import { Parser } from '../parser/bodies.js';
import { MAX_DEPTH } from '../parser/limits.js';
import { withInexactUnknown, writtenNumbers } from '../functions/json-numbers.js';
import { parseTfJson } from '../parser/tfjson.js';
import { literalText } from '../syntax.js';
import type { Written } from '../eval/origins.js';
import type { LoadSession } from './session.js';

export interface VariableInputs {
  /**
   * Explicit variable files, relative to the scan root or absolute, in order (`-var-file`); read
   * even outside the root, as the caller named them.
   */
  readonly varFiles?: readonly string[];
  /** Values given through the API (`-var`), over every file. */
  readonly vars?: Readonly<Record<string, Value>>;
}

/** A variable's value in the environment Terraform runs in (`TF_VAR_name`), and where it is set. */
export interface EnvironmentVariable {
  readonly value: Value;
  readonly range: Range;
}

/**
 * A `-var name=value` or `-var-file` (relative to the scan root) Terraform is run with, where it is
 * given (a CI step's command, its `TF_CLI_ARGS`): over every `.tfvars` file. A var file whose
 * values are not known (`notKnown`, why) gives each variable it sets as not known.
 */
export type CommandLineInput =
  | { readonly name: string; readonly value: Value; readonly range: Range }
  | { readonly file: string; readonly range: Range; readonly notKnown?: string };

/** A root module's variable values, and where the files set them. */
export interface RootInputs {
  readonly values: Record<string, Value>;
  /** The item of the file that sets each, unless a later source without one (`vars`) wins. */
  readonly written: ReadonlyMap<string, Written>;
}

/**
 * `terraform.tfvars`, `terraform.tfvars.json`, `*.auto.tfvars(.json)` in lexical order, then the
 * files and `-var` values a Terragrunt unit passes (`passed`: files inside the root, relative to
 * it), then the `-var` and `-var-file` options the root is deployed with (`commandLine`), then the
 * explicit files, then `vars`.
 */
export function rootInputs(
  session: LoadSession,
  dir: string,
  inputs: VariableInputs,
  passed: readonly Passed[] = [],
  commandLine: readonly CommandLineInput[] = [],
): RootInputs {
  const explicit = (inputs.varFiles ?? []).map((file) => session.named(file));
  const files = [...automaticFiles(session, dir), ...passed];
  return collected([
    ...files.flatMap((file) => givenBy(session, file)),
    ...commandLine.flatMap((given) => commandLineVariables(session, given)),
    ...explicit.flatMap((rel) => variableFile(session, rel)),
    ...unplaced(inputs.vars),
  ]);
}

/**
 * The inputs over the variables of the environment Terraform runs in (`TF_VAR_name`), which
 * Terraform reads under every file and `-var`: they override only a variable's default. Where the
 * environment is set is where such a value is written.
 */
export function overEnvironment(
  inputs: RootInputs,
  environment: Readonly<Record<string, EnvironmentVariable>>,
): RootInputs {
  const unset = Object.entries(environment).filter(([name]) => !Object.hasOwn(inputs.values, name));
  if (unset.length === 0) return inputs;
  const written = new Map(inputs.written);
  for (const [name, { range }] of unset) written.set(name, placedAt(range));
  const given = unset.map(([name, variable]) => [name, variable.value] as const);
  return { values: objectOf([...given, ...Object.entries(inputs.values)]), written };
}

/**
 * What variable files inside the root and `-var` values give, later ones winning: those a
 * Terragrunt unit passes to a module it fetches, which is read by its inputs.
 */
export function fileInputs(session: LoadSession, passed: readonly Passed[]): RootInputs {
  return collected(passed.flatMap((file) => givenBy(session, file)));
}

function givenBy(session: LoadSession, passed: Passed): GivenVariable[] {
  return typeof passed === 'string' ? variableFile(session, passed) : [passed];
}

/** The values in order, later ones winning, and where the last of each is written. */
function collected(all: readonly GivenVariable[]): RootInputs {
  const written = new Map<string, Written>();
  for (const { name, written: at } of all) {
    if (at) written.set(name, at);
    else written.delete(name);
  }
  return { values: objectOf(all.map(({ name, value }) => [name, value])), written };
}

/** Where a value given outside a variable file is set, as the place it is written. */
function placedAt(range: Range): Written {
  const expr = { type: 'literal', value: null, start: range.start, end: range.end } as const;
  return { span: range, expr, file: range.file };
}

/** What a `-var` or `-var-file` option gives, where it is written. */
function commandLineVariables(session: LoadSession, given: CommandLineInput): GivenVariable[] {
  if ('name' in given)
    return [{ name: given.name, value: given.value, written: placedAt(given.range) }];
  const { notKnown } = given;
  const values = variableFile(session, given.file);
  return notKnown === undefined
    ? values
    : values.map((v) => ({ ...v, value: unknown([], notKnown) }));
}

/** Values given through the API, which no file of the scan writes. */
function unplaced(values: Readonly<Record<string, Value>> | undefined): GivenVariable[] {
  return Object.entries(values ?? {}).map(([name, value]) => ({ name, value }));
}

function automaticFiles(session: LoadSession, dir: string): string[] {
  const names = session.list(session.absolute(dir)).map((entry) => entry.name);
  const auto = names.filter((n) => /\.auto\.tfvars(\.json)?$/.test(n)).sort(compareStrings);
  const standard = ['terraform.tfvars', 'terraform.tfvars.json'].filter((n) => names.includes(n));
  return [...standard, ...auto].map((name) => (dir === '.' ? name : `${dir}/${name}`));
}

/** A variable's value, and where it is written: in a file, or in a `-var` a Terragrunt unit passes. */
export interface GivenVariable {
  readonly name: string;
  readonly value: Value;
  readonly written?: Written;
}

/** A variable file passed to Terraform (relative to the scan root), or one `-var` value. */
export type Passed = string | GivenVariable;

function variableFile(session: LoadSession, rel: string): GivenVariable[] {
  if (!rel.endsWith('.json')) {
    const env = constantEnv(session.diagnostics, rel);
    const items = session.parse(rel)?.body.items ?? [];
    return items.flatMap((item): GivenVariable[] => {
      if (item.kind !== 'attribute') return [];
      const range = spanRange(rel, item);
      const value = withinLimits(session.diagnostics, range, () => evaluate(item.expr, env), null);
      return [{ name: item.name, value, written: { span: item, expr: item.expr, file: rel } }];
    });
  }
  const text = session.readText(rel, 'tfvars');
  return text === undefined ? [] : jsonVariables(session, rel, text);
}

function jsonVariables(session: LoadSession, rel: string, text: string): GivenVariable[] {
  // As deep as a .tf.json file may be: deeper, its values would overflow the stack where they are
  // used, and be reported there as a chain of references too long to follow.
  const deep = jsonTooDeepAt(text, MAX_DEPTH);
  if (deep >= 0) {
    const at = new LineIndex(text).position(deep);
    const range = { file: rel, start: at, end: at };
    const message = `nesting is too deep (more than ${MAX_DEPTH} levels)`;
    session.diagnostics.report('error', 'hcl-syntax', message, range);
    return [];
  }
  try {
    // A number Terraform holds exactly and a double does not is unknown, not another number.
    const parsed = withInexactUnknown(
      text,
      JSON.parse(text) as Value,
      (written) =>
        `${writtenNumbers(written)} (written in ${rel}) has more digits than are held exactly`,
    );
    if (isObject(parsed)) return withJsonPlaces(rel, text, Object.entries(parsed));
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
 * The values JSON gives, each with its property as the place it is written: the file read again
 * as Terraform's JSON syntax, whose tree keeps every property's span.
 */
function withJsonPlaces(rel: string, text: string, entries: [string, Value][]): GivenVariable[] {
  const items = parseTfJson(text, rel).body.items;
  return entries.map(([name, value]) => {
    const item = items.findLast((i) => i.kind === 'attribute' && i.name === name);
    const written = item?.kind === 'attribute' && { span: item, expr: item.expr, file: rel };
    return { name, value, ...(written && { written }) };
  });
}

/** The text each list or map `textVariable` read was written as, for `asDeclared`. */
const writtenAs = new WeakMap<object, string>();

/**
 * A variable's value given as text, as Terraform reads `-var name=VALUE` and `TF_VAR_name=VALUE`:
 * a list or map when it opens with `[` or `{` (`variableValue`, which throws when it is none), else
 * the string. Which it is depends on the variable's declared type, known only where the value
 * meets its declaration: `asDeclared` gives the text back there.
 */
export function textVariable(text: string): Value {
  if (!/^[[{]/.test(text.trim())) return text;
  const value = variableValue(text);
  if (typeof value === 'object' && value !== null) writtenAs.set(value, text);
  return value;
}

/**
 * A variable's value given as text (`textVariable`), or, when it opens as a list or map Terraform
 * cannot read, a value not known that says why (`what`: `-var public`), which a variable of a
 * primitive type still reads as the text.
 */
export function readTextVariable(text: string, what: string): Value {
  try {
    return textVariable(text);
  } catch (error) {
    const value = unknown(
      [],
      `${what} is no list or map Terraform reads: ${(error as Error).message}`,
    );
    writtenAs.set(value, text);
    return value;
  }
}

/**
 * A root module's input as its variable declares it: Terraform reads the text of a `-var` or
 * `TF_VAR_` as an expression only for a variable of type `any` or a collection type, and as the
 * text itself for one of type `string`, `number` or `bool`, or of no type. `{"env": "prod"}` given
 * to a `string` variable stays that string, as a policy or a name written as JSON does.
 */
export function asDeclared(
  value: Value | undefined,
  type: Expression | undefined,
): Value | undefined {
  const text = typeof value === 'object' && value !== null ? writtenAs.get(value) : undefined;
  if (text === undefined) return value;
  const primitive =
    type === undefined || ['string', 'number', 'bool'].includes(literalText(type) ?? '');
  return primitive ? text : value;
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
  // A number with more digits than a double holds is unknown, as in a file.
  if (unknownsIn(value).some((unknown) => !(unknown instanceof Inexact)))
    throw new Error('it must be a constant, without references');
  return value;
}
