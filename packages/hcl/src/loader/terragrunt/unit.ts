/**
 * Terragrunt units. A directory with a `terragrunt.hcl` deploys a Terraform module (its `terraform
 * { source }`, or the unit's own `.tf` files) with `inputs` as the module's variables. Terraform
 * never sees the unit, so Posture reads it as Terragrunt runs it: the unit as a root that calls the
 * module with the inputs (see `loadTerraform`). Read: `locals`, `inputs`, `terraform { source }`,
 * `include` blocks (their inputs and source under the unit's own, as `merge_strategy` says;
 * `include.<name>.locals`),
 * `dependency` outputs (known only after the dependency's apply), `read_terragrunt_config`, the
 * path functions units are written with, and Terraform's file functions. Nothing is run: `run_cmd`,
 * `sops_decrypt_file`, `get_env` without a default and the account functions are unknown, and
 * inputs that read them leave the module's variables unknown (see `unitInputs`). `generate` blocks
 * add the files they write to the module (see `generate.ts`); the commands hooks `execute` are
 * read as provisioners' are. The variable files and values that `extra_arguments` pass to `plan`
 * and `apply` (`required_var_files`, `optional_var_files`, `-var-file` and `-var` in `arguments`)
 * give the module's variables over its inputs, as `-var-file` and `-var` do, and the `TF_VAR_`
 * variables of their `env_vars` are its environment, over the inputs. Not read: `remote_state`.
 * The units a `terragrunt.stack.hcl` generates are read here too, with their `values` and
 * `autoinclude`, from where they are generated (see `stacks.ts`); a unit no stack in the scan
 * generates, with the `terragrunt.values.hcl` beside it.
 */
import {
  fileRange,
  isEntry,
  isObject,
  type Range,
  type TerraformCommand,
  type Unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import { spanRange, withinLimits } from '../../diagnostics.js';
import type { Written } from '../../eval/origins.js';
import { getKey, objectOf } from '../../eval/values.js';
import { TERRAGRUNT_FILE, VALUES_FILE } from '../files.js';
import { generatedFile, type GenerateBlock, type GeneratedFile } from '../generate.js';
import type { LoadSession } from '../session.js';
import type { StackUnit } from '../stacks.js';
import { fileInputs, type EnvironmentVariable } from '../tfvars.js';
import { relativeToUnit } from '../unit-paths.js';
import { UnitConfig, type AutoInclude, type MergeStrategy, type StackBinding } from './config.js';
import { extraArgumentsOf, type ExtraArguments, type PassedArgument } from './extra-arguments.js';
import { generateBlocksOf } from './generate-blocks.js';
import { hooksOf } from './hooks.js';

export interface TerragruntUnit {
  /** The unit's directory, relative to the scan root. */
  readonly dir: string;
  /** Its `terragrunt.hcl`. */
  readonly file: string;
  /**
   * `terraform { source }` as evaluated, and where it is written; none when the unit's own `.tf`
   * files are the module.
   */
  readonly source?: { readonly value: Value; readonly range: Range };
  /** The inputs, the unit's over those of what it includes. */
  readonly inputs: ValueObject;
  /**
   * Set when the `inputs` of the unit or of a file it includes are not known before apply (a
   * `sops_decrypt_file` or `run_cmd` merged in): which values they are, and where they are written.
   */
  readonly unknownInputs?: { readonly value: Unknown; readonly range: Range };
  /** Where each input is written, by name; `''` is the unit's file. */
  readonly ranges: Readonly<Record<string, Range>>;
  /**
   * Where each input's value is written, by name, for the findings it leads to ("value set here"):
   * its item in the unit's `inputs`, or the stack's `values` item it passes on as it is.
   */
  readonly written: ReadonlyMap<string, Written>;
  /** The files its `generate` blocks (its own over those it includes) write into the module. */
  readonly generated: readonly GeneratedFile[];
  /** The commands its hooks run (its own over those it includes, by name). */
  readonly hooks: readonly TerraformCommand[];
  /**
   * The variable files and `-var` values its `extra_arguments` pass to `plan` and `apply` (its own
   * blocks over those it includes, by name), in order: see `passedVariables`.
   */
  readonly varFiles: readonly PassedArgument[];
  /**
   * The variables its `extra_arguments` set in Terraform's environment (`env_vars`, `TF_VAR_name`),
   * by name: Terragrunt sets its inputs only where these are not set.
   */
  readonly environment: Readonly<Record<string, EnvironmentVariable>>;
}

/**
 * Reads the unit in `dir`. A file that cannot be parsed, or whose locals or inputs are nested too
 * deeply to evaluate (reported), gives a unit with nothing in it.
 */
export function readUnit(session: LoadSession, dir: string, stack?: StackUnit): TerragruntUnit {
  const values = stack ?? checkedInValues(session, dir);
  const unitDir = stack?.source ?? dir;
  const file = unitDir === '.' ? TERRAGRUNT_FILE : `${unitDir}/${TERRAGRUNT_FILE}`;
  const empty = {
    dir,
    file,
    inputs: {},
    ranges: { '': fileRange(file) },
    written: new Map(),
    generated: [],
    hooks: [],
    varFiles: [],
    environment: {},
  };
  return withinLimits(
    session.diagnostics,
    fileRange(file),
    () => readLayers(session, dir, file, values, stack?.autoincludes ?? []),
    empty,
  );
}

/**
 * The `terragrunt.values.hcl` beside a unit no stack in the scan generates: a stack generated it
 * there and its output is checked in, or the stack is elsewhere. Terragrunt reads it as the unit's
 * `values`; without it, `name = values.name` was not known, and the bucket not release-use. One
 * that is there is read as a `.tfvars` file is, so that a symlink out of the root or to nothing is
 * an error at it, not taken for no file.
 */
function checkedInValues(session: LoadSession, dir: string): StackBinding | undefined {
  const rel = dir === '.' ? VALUES_FILE : `${dir}/${VALUES_FILE}`;
  if (!isEntry(session.absolute(rel))) return undefined;
  const { values, written } = fileInputs(session, [rel]);
  return { values, valuesWritten: written };
}

function readLayers(
  session: LoadSession,
  dir: string,
  file: string,
  values: StackBinding | undefined,
  autoincludes: readonly AutoInclude[],
): TerragruntUnit {
  const unit = new UnitConfig(session, file, dir, [], values && { ...values, dir });
  const merged = unit.includes().filter((i) => i.merge !== 'no_merge');
  // What a stack's autoinclude sets wins over the unit's own, as Terragrunt merges it last.
  const automatic = autoincludes.map((autoinclude) => ({
    config: new UnitConfig(
      session,
      autoinclude.file,
      dir,
      [],
      values && { ...values, dir },
      autoinclude,
    ),
    merge: 'shallow' as const,
  }));
  const layers = [...merged, { config: unit, merge: 'shallow' as const }, ...automatic];
  const written = new Map<string, Written>();
  // Each input with the strategy of the include that set it, which says how the unit's merges in.
  const inputs = new Map<string, { value: Value; merge: MergeStrategy }>();
  const generates = new Map<string, GenerateBlock | undefined>();
  const hooks = new Map<string, TerraformCommand>();
  const extraArguments = new Map<string, ExtraArguments>();
  let source: TerragruntUnit['source'];
  let unknownInputs: TerragruntUnit['unknownInputs'];
  for (const { config, merge } of layers) {
    source = config.source() ?? source;
    const unknown = config.unknownInputs();
    // Inputs not known may set any variable: what the files before them set is not known either.
    if (unknown) {
      inputs.clear();
      written.clear();
    }
    unknownInputs ??= unknown;
    for (const [name, value, at] of config.inputs()) {
      const included = inputs.get(name);
      const mergedValue =
        config === unit && included ? mergeValue(included.value, value, included.merge) : value;
      inputs.set(name, { value: mergedValue, merge });
      written.set(name, at);
    }
    for (const [name, block] of generateBlocksOf(config)) generates.set(name, block);
    for (const hook of hooksOf(config)) hooks.set(hook.runner, hook);
    for (const [name, extra] of extraArgumentsOf(config)) extraArguments.set(name, extra);
  }
  // What Terraform is given holds no directory of the machine that scans.
  const passed = relativeToUnit(session.root, dir);
  const generated = [...generates.values()].flatMap((block) => {
    if (!block) return [];
    const contents = block.contents === undefined ? undefined : passed(block.contents);
    return generatedFile(session, { ...block, contents }) ?? [];
  });
  return {
    dir,
    file,
    ...(source && { source }),
    ...(unknownInputs && { unknownInputs }),
    inputs: objectOf([...inputs].map(([name, { value }]) => [name, passed(value)])),
    ranges: {
      '': fileRange(file),
      ...Object.fromEntries([...written].map(([name, at]) => [name, spanRange(at.file, at.span)])),
    },
    written,
    generated,
    hooks: [...hooks.values()],
    varFiles: [...extraArguments.values()].flatMap((extra) => extra.passed),
    environment: Object.fromEntries(
      [...extraArguments.values()].flatMap((extra) => extra.environment),
    ),
  };
}

/** The unit's value over an included one, as the include's merge strategy merges them. */
function mergeValue(included: Value, own: Value, merge: MergeStrategy): Value {
  if (merge !== 'deep' && merge !== 'deep_map_only') return own;
  if (isObject(included) && isObject(own)) {
    // Own keys: `key in own` is true of `constructor` in any object, which dropped the included one.
    const onlyIncluded = Object.entries(included).filter(([key]) => !Object.hasOwn(own, key));
    const ownMerged = Object.entries(own).map(([key, value]): [string, Value] => {
      const under = getKey(included, key);
      return [key, under === undefined ? value : mergeValue(under, value, merge)];
    });
    return objectOf([...onlyIncluded, ...ownMerged]);
  }
  if (merge === 'deep' && Array.isArray(included) && Array.isArray(own))
    return [...included, ...own];
  return own;
}
