import {
  isObject,
  isUnknown,
  unknown,
  variableAssignment,
  variableOptionWords,
  type Range,
  type Unknown,
  type Value,
} from '@posture/model';
import type { Attribute } from '../../ast.js';
import { spanRange } from '../../diagnostics.js';
import { findAttribute, findBlocks, literalText } from '../../syntax.js';
import { readTextVariable, type EnvironmentVariable, type GivenVariable } from '../tfvars.js';
import type { UnitConfig } from './config.js';

/** A variable file an `extra_arguments` block passes, or a `-var` value, as written. */
export type PassedArgument = VarFileArgument | GivenVariable;

export interface VarFileArgument {
  /** Its path; not known before apply, files that may set any variable (said, not read). */
  readonly target: string | Unknown;
  /** Terragrunt skips an `optional_var_files` entry that does not exist. */
  readonly required: boolean;
  /** The attribute that names it. */
  readonly at: Range;
}

/** What one `extra_arguments` block gives Terraform for `plan` and `apply`. */
export interface ExtraArguments {
  readonly passed: readonly PassedArgument[];
  readonly environment: readonly [string, EnvironmentVariable][];
}

/**
 * What a file's `extra_arguments` blocks give Terraform, by name, for those that run with `plan` or
 * `apply` (or whose `commands` are not known): the `-var-file` and `-var` flags of `arguments`,
 * then `required_var_files`, then the `optional_var_files`, as Terragrunt passes them; and the
 * `TF_VAR_` variables of `env_vars`.
 */
export function extraArgumentsOf(config: UnitConfig): [string, ExtraArguments][] {
  const blocks = config.blocks('terraform').flatMap((b) => findBlocks(b.body, 'extra_arguments'));
  return blocks.map((block) => {
    const name = block.labels[0]?.value ?? '';
    const attr = (attribute: string) => findAttribute(block.body, attribute);
    // A block for other commands still replaces an included one of its name.
    const commands = config.evaluateAttr(attr('commands'));
    if (Array.isArray(commands) && !commands.some((c) => c === 'plan' || c === 'apply'))
      return [name, { passed: [], environment: [] }];
    const named = (attribute: string, required: boolean, targets: (string | Unknown)[]) =>
      targets.map((target) => {
        const at = spanRange(config.file, attr(attribute) ?? block);
        return { target, required, at };
      });
    // An environment not known may set any `TF_VAR_`: said as a file not known is.
    const environment = config.evaluateAttr(attr('env_vars'));
    const passed = [
      ...commandLine(config, attr('arguments'), spanRange(config.file, attr('arguments') ?? block)),
      ...named('required_var_files', true, paths(config, attr('required_var_files'))),
      ...named('optional_var_files', false, paths(config, attr('optional_var_files'))),
      ...named('env_vars', true, isUnknown(environment) ? [environment] : []),
    ];
    return [name, { passed, environment: envVars(config, attr('env_vars')) }];
  });
}

/**
 * `-var-file=prod.tfvars` or `-var-file prod.tfvars`, `-var=name=value` or `-var name=value`,
 * among a block's `arguments`, in order, as a CI's command line is read (`variableOptionWords`).
 * A value not known (`-var=bucket=${local.name}` with the local not known) is a variable not
 * known, not one left out; a file, a word or arguments not known may set any (see
 * `passedVariables`).
 */
function commandLine(
  config: UnitConfig,
  at: Attribute | undefined,
  range: Range,
): PassedArgument[] {
  const value = config.evaluateAttr(at);
  if (isUnknown(value)) return [{ target: value, required: true, at: range }];
  if (!at || !Array.isArray(value)) return [];
  const words = value.map((word) => ({
    text: leadingText(word),
    whole: typeof word === 'string',
  }));
  const options = new Map(variableOptionWords(words).map((option) => [option.value, option]));
  return value.flatMap((word, i): PassedArgument[] => {
    const option = options.get(i);
    if (option?.option === 'var-file' && typeof word === 'string') {
      return [{ target: word.slice(option.skip), required: true, at: range }];
    }
    const variable = option?.option === 'var' ? commandLineVariable(word, option.skip) : undefined;
    if (variable === undefined) {
      // A file, a `-var` or a word not known may set any variable.
      const unread = isUnknown(word) && (option !== undefined || leadingText(word) === undefined);
      return unread ? [{ target: word, required: true, at: range }] : [];
    }
    // Where it is written: its word, when the list is written out.
    const item = at.expr.type === 'tuple' ? at.expr.items[i] : undefined;
    return [
      { ...variable, written: { span: item ?? at, expr: item ?? at.expr, file: config.file } },
    ];
  });
}

/** The `TF_VAR_` variables of an `env_vars` map, each where it is written. */
function envVars(config: UnitConfig, at: Attribute | undefined): [string, EnvironmentVariable][] {
  const value = config.evaluateAttr(at);
  if (!at || !isObject(value)) return [];
  const items = at.expr.type === 'object' ? at.expr.items : [];
  return Object.entries(value).flatMap(([key, text]): [string, EnvironmentVariable][] => {
    const name = /^TF_VAR_(.+)$/.exec(key)?.[1];
    if (name === undefined) return [];
    const item = items.find((i) => literalText(i.key) === key);
    const range = spanRange(config.file, item ?? at);
    return [
      [name, { value: typeof text === 'string' ? readTextVariable(text, key) : text, range }],
    ];
  });
}

/** The paths of a list attribute: each known one, and each not known, or the list if it is not. */
function paths(config: UnitConfig, at: Attribute | undefined): (string | Unknown)[] {
  const value = config.evaluateAttr(at);
  if (isUnknown(value)) return [value];
  return Array.isArray(value)
    ? value.filter((v): v is string | Unknown => typeof v === 'string' || isUnknown(v))
    : [];
}

/** The text a word starts with: all of a string, the known start of one not known. */
function leadingText(word: Value | undefined): string | undefined {
  if (typeof word === 'string') return word;
  const first = isUnknown(word) ? word.pieces?.[0] : undefined;
  return typeof first === 'string' ? first : undefined;
}

/**
 * The `name=value` a `-var` flag gives (`skip`: the flag's length, when written in the same word),
 * the value read as Terraform reads its text; one not known, when the word is not.
 */
function commandLineVariable(
  word: Value,
  skip: number,
): Omit<GivenVariable, 'written'> | undefined {
  const assigned = variableAssignment(leadingText(word)?.slice(skip) ?? '');
  if (!assigned) return undefined;
  const { name } = assigned;
  const value =
    typeof word === 'string'
      ? readTextVariable(assigned.value, `-var ${name}`)
      : unknown(isUnknown(word) ? word.refs : [], isUnknown(word) ? word.reason : undefined);
  return { name, value };
}
