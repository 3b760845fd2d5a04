/**
 * The `-var` and `-var-file` options a Terraform run is given, on its command line or in its
 * environment's `TF_CLI_ARGS` and `TF_CLI_ARGS_<command>`, which Terraform reads after every
 * `.tfvars` file and `TF_VAR_`, later winning; and those whose variables are not read.
 */
import { variableAssignment, variableOptionWords, type Range } from '@posture/model';
import { tokenize, type Token } from './command-words.js';
import { fileUnreadUnderRoot } from './paths.js';
import type { TerraformRun } from './terraform-runs/index.js';
import { environmentValue, type EnvironmentValue } from './tf-var-values.js';

/** Why what is given where was not read. */
export interface Unread {
  readonly why: string;
  readonly range: Range;
}

/** A `-var name=value` (its value as written), or a `-var-file` inside the root. */
export type CommandLineVariable =
  | { readonly name: string; readonly value: EnvironmentValue }
  | { readonly file: string; readonly range: Range };

/**
 * A run whose `-var-file`s are files in the repository: one that is not (a step may write it), or
 * that cannot be read, is not read, and is one of its `unread`, as what it gives Terraform is not
 * known.
 */
export function withVarFilesFound(root: string, run: TerraformRun): TerraformRun {
  const unread: Unread[] = [];
  const found = run.commandLine.filter((item) => {
    if (!('file' in item)) return true;
    const why = fileUnreadUnderRoot(root, item.file);
    if (why !== undefined) unread.push({ why: `-var-file ${item.file} ${why}`, range: item.range });
    return why === undefined;
  });
  if (unread.length === 0) return run;
  return { ...run, commandLine: found, unread: [...run.unread, ...unread] };
}

/** A `-var` or `-var-file` option, its value as written, and where (in its command) it is. */
export interface VariableOption {
  readonly option: 'var' | 'var-file';
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The `-var` and `-var-file` options of an environment's `TF_CLI_ARGS`, then of its
 * `TF_CLI_ARGS_<command>`, each where that is set. One not written literally is not read: which
 * variables it sets is not known.
 */
export function cliArgsOptions(
  environment: ReadonlyMap<string, EnvironmentValue>,
  command: string,
): Given[] {
  return ['TF_CLI_ARGS', `TF_CLI_ARGS_${command}`].flatMap((key): Given[] => {
    const value = environment.get(key);
    if (value === undefined) return [];
    const { text, why = `${key} is not known`, range } = value;
    if (text === undefined) return [{ why, range }];
    const written = tokenize(text, 0, text.length);
    return variableOptions(written).map((o) => ({ ...o, range }));
  });
}

/** An option given where it is, or one whose variables are not read. */
type Given = (VariableOption & { range: Range }) | Unread;

/** The `-var` and `-var-file` options among `tokens` (`-var x=1`, `--var-file=prod.tfvars`). */
export function variableOptions(tokens: readonly Token[]): VariableOption[] {
  const words = tokens.map(({ text }) => ({ text, whole: true }));
  return variableOptionWords(words).map(({ option, at, value, skip }) => ({
    option,
    value: tokens[value]!.text.slice(skip),
    start: tokens[at]!.start,
    end: tokens[value]!.end,
  }));
}

/**
 * A `-var name=value`, read as `TF_VAR_name` is; a `-var-file`, from the directory Terraform runs
 * in (`dir`), when that and the file's path are known: a var file Terragrunt passes is read from
 * its copy of the module, which is not.
 */
export function commandLineVariable(
  { option, value, range }: Exclude<Given, Unread>,
  fileAt: (written: string) => string | undefined,
  terragrunt: boolean,
): (CommandLineVariable | Unread)[] {
  if (option === 'var-file') {
    const file = terragrunt ? undefined : fileAt(value);
    if (file !== undefined) return [{ file, range }];
    const where = terragrunt
      ? 'is read from the copy of the module Terragrunt makes'
      : 'has a path not known before the CI runs';
    return [{ why: `-var-file ${value} ${where}`, range }];
  }
  const assigned = variableAssignment(value);
  if (!assigned) return [];
  const { name } = assigned;
  return [{ name, value: environmentValue(`-var ${name}`, assigned.value, range) }];
}
