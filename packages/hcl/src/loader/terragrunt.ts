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
import path from 'node:path';
import {
  type DiagnosticSeverity,
  fileRange,
  isEntry,
  isObject,
  type ModuleSourceKind,
  unknown,
  isUnknown,
  type Range,
  type TerraformCommand,
  type Unknown,
  type Value,
  type ValueObject,
  variableAssignment,
  variableOptionWords,
} from '@posture/model';
import type { Attribute, Block, Body, Expression } from '../ast.js';
import { spanRange, withinLimits } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { Memo } from '../eval/memo.js';
import type { Env, FileAccess, Scope } from '../eval/scope.js';
import type { Written } from '../eval/origins.js';
import { invalid, partlyKnownText, settle } from '../eval/unknowns.js';
import { getKey, objectOf } from '../eval/values.js';
import { FileUnread, fn, type FunctionTable } from '../functions/function.js';
import { textStart } from '../inventory/commands.js';
import { findAttribute, findBlocks, literalText } from '../syntax.js';
import { TERRAGRUNT_FILE, VALUES_FILE } from './files.js';
import {
  generatedFile,
  withGenerated,
  type GenerateBlock,
  type GeneratedFile,
} from './generate.js';
import type { ParsedModule } from './module.js';
import { isLocalSource, sourceKind } from './module-sources.js';
import { Namespace } from './objects.js';
import type { LoadSession } from './session.js';
import type { StackUnit } from './stacks.js';
import {
  fileInputs,
  readTextVariable,
  type EnvironmentVariable,
  type GivenVariable,
  type Passed,
} from './tfvars.js';
import { relativeToUnit } from './unit-paths.js';

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
interface ExtraArguments {
  readonly passed: readonly PassedArgument[];
  readonly environment: readonly [string, EnvironmentVariable][];
}

const HOOKS = ['before_hook', 'after_hook', 'error_hook'];

/** What `get_terraform_commands_that_need_vars()` returns: the commands that take `-var-file`. */
const COMMANDS_THAT_NEED_VARS = [
  'apply',
  'console',
  'destroy',
  'import',
  'plan',
  'push',
  'refresh',
];

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
    for (const [name, block] of config.generates()) generates.set(name, block);
    for (const hook of config.hooks()) hooks.set(hook.runner, hook);
    for (const [name, extra] of config.extraArguments()) extraArguments.set(name, extra);
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

/**
 * The variable files a unit passes that can be read, relative to the scan root, and its `-var`
 * values, in order. A relative path is taken from the unit, where Terragrunt runs Terraform. One
 * outside the root is not read, and a required one not in the checkout (which the build may make
 * first; else Terragrunt stops) is a warning: what it sets is not read, and the module is judged
 * on the rest.
 */
export function passedVariables(session: LoadSession, unit: TerragruntUnit): Passed[] {
  return unit.varFiles.flatMap((argument): Passed[] => {
    if (!('target' in argument)) return [argument];
    const { target, required, at } = argument;
    if (isUnknown(target)) {
      const why = target.reason === undefined ? '' : ` (${target.reason})`;
      const message = `${at.file} passes variable files or values to Terraform that are not known before apply${why}; the variables they set are not read`;
      session.diagnostics.report('warning', 'terragrunt-var-file-unread', message, at);
      return [];
    }
    const rel = session.resolve(unit.dir, target);
    if (rel === undefined) session.reportNotInside(unit.dir, target, 'file', at);
    else if (session.isFileInside(rel)) return [rel];
    else if (required) {
      const message = `${at.file} passes ${session.shownPath(target)} to Terraform, which is not in the checkout; the variables it sets are not read`;
      session.diagnostics.report('warning', 'terragrunt-var-file-unread', message, at);
    }
    return [];
  });
}

/**
 * The values a unit gives the variables of the module it deploys. Inputs not known before apply
 * make every variable they may set not known, never its default: dropped, they left a module whose
 * defaults are private (`public = false`) judged private, and its bucket not release-use, while
 * the unit's `merge(yamldecode(sops_decrypt_file(…)), { name = "acme-releases", public = true })`
 * made it public. Said once, at the inputs.
 */
export function unitInputs(
  session: LoadSession,
  unit: TerragruntUnit,
  variables: Iterable<string>,
): ValueObject {
  const unknownInputs = unit.unknownInputs;
  if (!unknownInputs) return unit.inputs;
  const { value, range } = unknownInputs;
  const why = value.reason === undefined ? '' : ` (${value.reason})`;
  const message = `${unit.file}: the inputs are not known before apply${why}; every variable of the module it deploys that they may set is read as not known, not as its default`;
  session.diagnostics.report('warning', 'terragrunt-inputs-unknown', message, range);
  return objectOf([
    ...[...variables].map((name): [string, Value] => [name, value]),
    ...Object.entries(unit.inputs),
  ]);
}

/** What a Terragrunt unit deploys: a module read from the scan root, or one it fetches. */
export interface Deployment {
  readonly unit: TerragruntUnit;
  /** The unit's own `.tf` files are its module (it has no `terraform { source }`). */
  readonly own?: boolean;
  readonly source: string;
  readonly kind: ModuleSourceKind;
  readonly version?: string;
  /**
   * The module, when it is read from the scan root; for an `own` one, only when a stack generates
   * the unit (else the unit's directory is a root module found as any other).
   */
  readonly module?: ParsedModule;
  /** A local source outside the scan root (reported when found). */
  readonly outside?: boolean;
}

export function deployment(session: LoadSession, unit: TerragruntUnit): Deployment {
  if (!unit.source)
    return { unit, own: true, source: '.', kind: 'local', ...copiedModule(session, unit) };
  const { value, range } = unit.source;
  if (typeof value !== 'string') {
    return { unit, source: '(not known before apply)', kind: 'other' };
  }
  const registry = /^tfr:\/\/\/?([^?]*)(?:\?(?:.*&)?version=([^&]+))?/.exec(value);
  if (registry) {
    return { unit, source: registry[1] ?? '', kind: 'registry', version: registry[2] };
  }
  if (!isLocalSource(value) && !path.isAbsolute(value)) {
    return { unit, source: value, kind: sourceKind(value) };
  }
  // `../modules//s3`: Terragrunt copies `../modules` and runs in its `s3`.
  const local = value.replace(/\/\/+/g, '/');
  const dir = session.resolve(unit.dir, local);
  if (dir === undefined) {
    // A symlink out of the root is an error at the link, as the walk that finds it says (once),
    // not a warning here besides: what the module it leads to declares was not read.
    session.reportNotInside(unit.dir, local, 'directory', range, value);
    return { unit, source: session.shownPath(value), kind: 'local', outside: true };
  }
  const read = session.module(dir);
  const module = read && withGenerated(session, read, unit.generated);
  return { unit, source: dir, kind: 'local', ...(module && { module }) };
}

/**
 * The module of a unit whose own `.tf` files are its module, when a stack generates it: the files
 * copied with it, read where they are written (the unit's directory is a root of its own).
 */
function copiedModule(session: LoadSession, unit: TerragruntUnit): { module?: ParsedModule } {
  const dir = session.resolve(unit.dir, '.');
  const read = dir !== undefined && dir !== unit.dir ? session.module(dir) : undefined;
  return read ? { module: read } : {};
}

/**
 * Where a stack sets the value that `expr` passes on as it is (`name = values.name`, in a unit's
 * inputs or a nested stack's values): the stack's line, not the unit's, says which of the units
 * generated from one source sets it.
 */
export function passedOn(
  expr: Expression,
  valuesWritten: ReadonlyMap<string, Written> | undefined,
): Written | undefined {
  if (expr.type !== 'getattr' || expr.object.type !== 'variable') return undefined;
  return expr.object.name === 'values' ? valuesWritten?.get(expr.name) : undefined;
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

interface Include {
  readonly name: string;
  readonly config: UnitConfig;
  /** `merge_strategy`: how the included file's settings merge into the unit's. */
  readonly merge: MergeStrategy;
}

/**
 * Terragrunt's include merge strategies. `shallow` (the default): the unit's top-level values
 * replace the included ones; `deep`: maps merge recursively and lists concatenate, the unit's
 * scalars winning; `deep_map_only`: maps merge recursively, anything else the unit's; `no_merge`:
 * nothing merges, the file is there for `include.<name>` only.
 */
const MERGE_STRATEGIES = ['shallow', 'deep', 'deep_map_only', 'no_merge'] as const;
type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

function isMergeStrategy(value: Value | undefined): value is MergeStrategy {
  return MERGE_STRATEGIES.some((strategy) => strategy === value);
}

/** Includes and `read_terragrunt_config` nest at most this deep (Terragrunt allows one level). */
const MAX_DEPTH = 4;

/**
 * What a unit a stack generates is read with: the stack's `values`, and where each is written (see
 * `stacks.ts`); `dir`, the directory it is generated in, which its relative paths start from. A
 * stack file is read with the values it is given, and `components`.
 */
export interface StackBinding {
  readonly values: Value;
  readonly valuesWritten: ReadonlyMap<string, Written>;
  readonly dir?: string;
  /** For a stack file: `unit.<name>` and `stack.<name>`, what each of its blocks generates. */
  readonly components?: (kind: 'unit' | 'stack', name: string) => Value;
}

/**
 * The `autoinclude` block of a stack file's `unit` block: Terragrunt writes it beside the unit it
 * generates and merges it into the unit's configuration, over it, its references to the stack
 * (`local`, `values`, `unit.<name>.path`) resolved as it generates it.
 */
export interface AutoInclude {
  /** The stack file it is written in. */
  readonly file: string;
  readonly body: Body;
  /** The stack file, whose scope it is read in. */
  readonly stack: UnitConfig;
}

/**
 * One Terragrunt file evaluated for a unit: the unit's own, or one it includes or reads; or a stack
 * file (see `stacks.ts`), which has locals and the same functions.
 */
export class UnitConfig implements Scope {
  readonly diagnostics;
  readonly functions: FunctionTable;
  /**
   * For `file`, `templatefile` and their kin, which Terragrunt evaluates from the directory of the
   * file they are written in, inside the scan root. Without them `yamldecode(file("env.yaml"))`,
   * the usual way to share settings between units, was an error: the unit's bucket lost the name
   * that made it release-use, and the module its settings.
   */
  readonly files: FileAccess;
  private readonly body: Body | undefined;
  private readonly locals = new Memo<Value>();
  private localsByName?: Map<string, Attribute>;
  private included?: Include[];

  /** The directory its relative paths start from: its own, or where a stack generates it. */
  private readonly dir: string;

  constructor(
    private readonly session: LoadSession,
    /** This file, relative to the scan root. */
    readonly file: string,
    /**
     * The unit being read: what `get_terragrunt_dir()` names, in its files and those they include.
     * A file read with `read_terragrunt_config` is its own (Terragrunt reads it as a config of
     * its own path), and only `get_original_terragrunt_dir()` still names the unit.
     */
    private readonly unitDir: string,
    /** The files that led here, for cycles and depth. */
    private readonly chain: readonly string[],
    /** Set when a stack generates the unit: `values` is known only there. */
    private readonly stack?: StackBinding,
    /** Set when this is an `autoinclude` block rather than a file: read in its stack's scope. */
    private readonly autoinclude?: AutoInclude,
    /** The unit whose reading led here, when a file read with `read_terragrunt_config` is. */
    private readonly originalDir = unitDir,
  ) {
    this.diagnostics = session.diagnostics;
    this.dir = stack?.dir ?? path.posix.dirname(file);
    this.files = session.fileAccess(this.dir);
    const unread = chain.includes(file) || chain.length > MAX_DEPTH;
    this.body = autoinclude?.body ?? (unread ? undefined : session.parse(file)?.body);
    this.functions = this.terragruntFunctions();
  }

  lookup(name: string): Value {
    switch (name) {
      case 'local':
        return new Namespace(name, (n, sink) =>
          this.locals.get(
            n,
            sink,
            () => this.evaluateAttr(this.local(n)) ?? invalid(`local.${n} is not declared`),
            () => invalid(`local.${n} refers to itself`),
          ),
        );
      case 'include':
        return objectOf(this.includes().map(({ name, config }) => [name, config.exposed()]));
      case 'dependency':
        return new Namespace(name, (n) =>
          objectOf([
            ['outputs', unknown([], `the outputs of dependency ${n} are known after its apply`)],
          ]),
        );
      case 'unit':
      case 'stack':
        return this.componentPaths(name);
      case 'values':
        return (
          this.stack?.values ??
          invalid(`values is set only by a terragrunt.stack.hcl unit or a terragrunt.values.hcl`)
        );
      default:
        return invalid(`${name} is not available in a Terragrunt file`);
    }
  }

  /** `unit.<name>` and `stack.<name>`, in a stack file only (see `stacks.ts`). */
  private componentPaths(kind: 'unit' | 'stack'): Value {
    const components = this.stack?.components;
    if (!components) return invalid(`${kind} is available only in a terragrunt.stack.hcl`);
    return new Namespace(kind, (name) => components(kind, name));
  }

  /** What an including file sees of this one: `include.<name>.locals` and its inputs. */
  exposed(): Value {
    return objectOf([
      ['locals', this.lookup('local')],
      [
        'inputs',
        this.unknownInputs()?.value ??
          objectOf(this.inputs().map(([name, value]) => [name, value])),
      ],
    ]);
  }

  includes(): Include[] {
    if (this.included) return this.included;
    // An include's path that reads `include` itself sees none, rather than recursing.
    this.included = [];
    this.included = this.blocks('include').flatMap((block) => {
      const at = findAttribute(block.body, 'path');
      const target = at && this.evaluateAttr(at);
      // A path outside the root is reported as such by `inside`: an error by its name too, as
      // through a link. Terragrunt reads it; without what it sets (inputs over the module's
      // defaults, a source, tags) the unit would be judged on the module's defaults.
      const range = at && spanRange(this.file, at);
      const rel = typeof target === 'string' ? this.inside(target, range, 'error') : undefined;
      if (rel === undefined || !this.session.isFileInside(rel)) {
        if (typeof target !== 'string' || rel !== undefined) this.reportUnread(block, target);
        return [];
      }
      const name = block.labels[0]?.value ?? '';
      const strategy = this.evaluateAttr(findAttribute(block.body, 'merge_strategy'));
      const merge = isMergeStrategy(strategy) ? strategy : 'shallow';
      return [
        {
          name,
          config: this.nested(rel),
          merge,
        },
      ];
    });
    return this.included;
  }

  /**
   * Terragrunt stops on an include it cannot read; Posture reads the unit without it, and says so:
   * what the included file sets (inputs, a source, tags) is not judged.
   */
  private reportUnread(block: Block, target: Value | undefined): void {
    const written =
      typeof target === 'string'
        ? `${this.session.shownPath(target)}, which is not a file inside the scan root`
        : `a path that is not known (${isUnknown(target) ? (target.reason ?? 'unknown') : 'no path'})`;
    this.session.diagnostics.report(
      'warning',
      'terragrunt-include-unread',
      `${this.file} includes ${written}; what it sets is not read`,
      spanRange(this.file, block),
    );
  }

  source(): TerragruntUnit['source'] {
    const at = this.blocks('terraform')
      .map((b) => findAttribute(b.body, 'source'))
      .find(Boolean);
    return at && { value: this.evaluateAttr(at) ?? null, range: spanRange(this.file, at) };
  }

  /**
   * The `inputs`, each with where it is written: its item in an object, else the attribute. Of
   * inputs not known before apply, those known all the same (`merge(local.secrets, { name = … })`
   * sets `name` whatever the secrets hold).
   */
  inputs(): [string, Value, Written][] {
    const at = this.inputsAttribute();
    const evaluated = at && this.evaluateAttr(at);
    const value = isUnknown(evaluated) ? evaluated.entries : evaluated;
    if (!at || !isObject(value)) return [];
    const items = at.expr.type === 'object' ? at.expr.items : [];
    return Object.entries(value).map(([name, item]) => {
      const written = items.find((i) => literalText(i.key) === name);
      const own = { span: written ?? at, expr: written?.value ?? at.expr, file: this.file };
      const passed = written && passedOn(written.value, this.stack?.valuesWritten);
      return [name, item, passed ?? own];
    });
  }

  /** The `inputs` when they are not known before apply, and where they are written. */
  unknownInputs(): TerragruntUnit['unknownInputs'] {
    const at = this.inputsAttribute();
    const value = at && this.evaluateAttr(at);
    return at && isUnknown(value) ? { value, range: spanRange(this.file, at) } : undefined;
  }

  private inputsAttribute(): Attribute | undefined {
    return this.attributes().find((a) => a.name === 'inputs');
  }

  /**
   * The commands the hooks of its `terraform` blocks `execute`, the arguments as one command line;
   * each named by its hook (`after_hook "publish"`), the name an including unit's hook overrides.
   */
  hooks(): TerraformCommand[] {
    const hooks = this.blocks('terraform').flatMap((terraform) =>
      HOOKS.flatMap((type) => findBlocks(terraform.body, type)),
    );
    return hooks.flatMap((hook) => {
      const at = findAttribute(hook.body, 'execute');
      const argv = this.evaluateAttr(at);
      if (!at || !Array.isArray(argv)) return [];
      const words = argv.flatMap((word, i) => (i === 0 ? [word] : [' ', word]));
      const command = partlyKnownText(words.map((w) => (isUnknown(w) ? w : String(w))));
      return [
        {
          runner: `${hook.type} "${hook.labels[0]?.value ?? ''}"`,
          from: 'terragrunt-hook' as const,
          command: settle(command),
          range: spanRange(this.file, at),
          textStart: textStart(at.expr),
          rootModule: this.unitDir,
        },
      ];
    });
  }

  /**
   * What its `extra_arguments` blocks give Terraform, by name, for those that run with `plan` or
   * `apply` (or whose `commands` are not known): the `-var-file` and `-var` flags of `arguments`,
   * then `required_var_files`, then the `optional_var_files`, as Terragrunt passes them; and the
   * `TF_VAR_` variables of `env_vars`.
   */
  extraArguments(): [string, ExtraArguments][] {
    const blocks = this.blocks('terraform').flatMap((b) => findBlocks(b.body, 'extra_arguments'));
    return blocks.map((block) => {
      const name = block.labels[0]?.value ?? '';
      const attr = (attribute: string) => findAttribute(block.body, attribute);
      // A block for other commands still replaces an included one of its name.
      const commands = this.evaluateAttr(attr('commands'));
      if (Array.isArray(commands) && !commands.some((c) => c === 'plan' || c === 'apply'))
        return [name, { passed: [], environment: [] }];
      const named = (attribute: string, required: boolean, targets: (string | Unknown)[]) =>
        targets.map((target) => {
          const at = spanRange(this.file, attr(attribute) ?? block);
          return { target, required, at };
        });
      // An environment not known may set any `TF_VAR_`: said as a file not known is.
      const environment = this.evaluateAttr(attr('env_vars'));
      const passed = [
        ...this.commandLine(attr('arguments'), spanRange(this.file, attr('arguments') ?? block)),
        ...named('required_var_files', true, this.paths(attr('required_var_files'))),
        ...named('optional_var_files', false, this.paths(attr('optional_var_files'))),
        ...named('env_vars', true, isUnknown(environment) ? [environment] : []),
      ];
      return [name, { passed, environment: this.environment(attr('env_vars')) }];
    });
  }

  /**
   * `-var-file=prod.tfvars` or `-var-file prod.tfvars`, `-var=name=value` or `-var name=value`,
   * among a block's `arguments`, in order, as a CI's command line is read (`variableOptionWords`).
   * A value not known (`-var=bucket=${local.name}` with the local not known) is a variable not
   * known, not one left out; a file, a word or arguments not known may set any (see
   * `passedVariables`).
   */
  private commandLine(at: Attribute | undefined, range: Range): PassedArgument[] {
    const value = this.evaluateAttr(at);
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
      const variable =
        option?.option === 'var' ? commandLineVariable(word, option.skip) : undefined;
      if (variable === undefined) {
        // A file, a `-var` or a word not known may set any variable.
        const unread = isUnknown(word) && (option !== undefined || leadingText(word) === undefined);
        return unread ? [{ target: word, required: true, at: range }] : [];
      }
      // Where it is written: its word, when the list is written out.
      const item = at.expr.type === 'tuple' ? at.expr.items[i] : undefined;
      return [
        { ...variable, written: { span: item ?? at, expr: item ?? at.expr, file: this.file } },
      ];
    });
  }

  /** The `TF_VAR_` variables of an `env_vars` map, each where it is written. */
  private environment(at: Attribute | undefined): [string, EnvironmentVariable][] {
    const value = this.evaluateAttr(at);
    if (!at || !isObject(value)) return [];
    const items = at.expr.type === 'object' ? at.expr.items : [];
    return Object.entries(value).flatMap(([key, text]): [string, EnvironmentVariable][] => {
      const name = /^TF_VAR_(.+)$/.exec(key)?.[1];
      if (name === undefined) return [];
      const item = items.find((i) => literalText(i.key) === key);
      const range = spanRange(this.file, item ?? at);
      return [
        [name, { value: typeof text === 'string' ? readTextVariable(text, key) : text, range }],
      ];
    });
  }

  /** The paths of a list attribute: each known one, and each not known, or the list if it is not. */
  private paths(at: Attribute | undefined): (string | Unknown)[] {
    const value = this.evaluateAttr(at);
    if (isUnknown(value)) return [value];
    return Array.isArray(value)
      ? value.filter((v): v is string | Unknown => typeof v === 'string' || isUnknown(v))
      : [];
  }

  /**
   * The `generate` blocks by name; a disabled one as undefined, which turns off an included block
   * of its name.
   */
  generates(): [string, GenerateBlock | undefined][] {
    return this.blocks('generate').map((block) => {
      const name = block.labels[0]?.value ?? '';
      const attr = (attribute: string) => this.evaluateAttr(findAttribute(block.body, attribute));
      const contentsAt = findAttribute(block.body, 'contents');
      if (!contentsAt || attr('disable') === true) return [name, undefined];
      const generate = {
        file: this.file,
        path: attr('path'),
        ifExists: attr('if_exists'),
        contents: this.evaluateAttr(contentsAt),
        contentsAt,
      };
      return [name, generate];
    });
  }

  private local(name: string): Attribute | undefined {
    // Indexed once: a lookup per reference through every locals block was quadratic in them.
    this.localsByName ??= new Map(
      this.blocks('locals')
        .flatMap((b) => b.body.items)
        .filter((item): item is Attribute => item.kind === 'attribute')
        .reverse()
        .map((item) => [item.name, item]),
    );
    return this.localsByName.get(name);
  }

  blocks(type: string): Block[] {
    return (this.body?.items ?? []).filter(
      (item): item is Block => item.kind === 'block' && item.type === type,
    );
  }

  private attributes(): Attribute[] {
    return (this.body?.items ?? []).filter((item): item is Attribute => item.kind === 'attribute');
  }

  /** An attribute of this file, or (`file`) of a file merged into it, read in its scope. */
  evaluateAttr(attr: Attribute | undefined, file = this.file): Value | undefined {
    return attr && evaluate(attr.expr, this.env(file));
  }

  private env(file = this.file): Env {
    const scope = this.autoinclude?.stack ?? this;
    return { scope, file, bindings: new Map(), sink: new Set() };
  }

  /**
   * A file a function or `include` names, relative to the scan root; reported when outside it (at
   * the link that leads out, or at `at` with `byName`).
   */
  private inside(
    target: string,
    at: Range | undefined,
    byName: DiagnosticSeverity = 'warning',
  ): string | undefined {
    const rel = this.session.resolve(this.dir, target);
    if (rel === undefined)
      this.session.reportNotInside(this.dir, target, 'file', at, target, byName);
    return rel;
  }

  private absolute(rel: string): string {
    return path.join(this.session.root, rel);
  }

  private terragruntFunctions(): FunctionTable {
    const dir = this.dir;
    const includeDir = () => {
      const first = this.includes()[0];
      return first ? path.posix.dirname(first.config.file) : dir;
    };
    const notRun = (name: string) => fn(() => unknown([], `${name}() is not run by Posture`));
    return {
      get_terragrunt_dir: fn(() => this.absolute(this.unitDir)),
      get_parent_terragrunt_dir: fn(() => this.absolute(includeDir())),
      get_original_terragrunt_dir: fn(() => this.absolute(this.originalDir)),
      get_repo_root: fn(() => this.session.root),
      get_path_to_repo_root: fn(() => path.posix.relative(this.unitDir, '.') || '.'),
      get_path_from_repo_root: fn(() => this.unitDir),
      path_relative_to_include: fn(() => path.posix.relative(includeDir(), this.unitDir) || '.'),
      path_relative_from_include: fn(() => path.posix.relative(this.unitDir, includeDir()) || '.'),
      find_in_parent_folders: fn(([name, fallback]) => this.findUp(name, fallback)),
      read_terragrunt_config: fn(([target, fallback], { at }) => this.read(target, fallback, at)),
      // The environment of the machine that scans is not the one that deploys: only defaults.
      get_env: fn(([name, fallback]) =>
        fallback !== undefined ? fallback : unknown([], `environment variable ${String(name)}`),
      ),
      get_terraform_command: notRun('get_terraform_command'),
      get_terraform_commands_that_need_vars: fn(() => [...COMMANDS_THAT_NEED_VARS]),
      get_aws_account_id: notRun('get_aws_account_id'),
      get_aws_account_alias: notRun('get_aws_account_alias'),
      get_aws_caller_identity_arn: notRun('get_aws_caller_identity_arn'),
      get_aws_caller_identity_user_id: notRun('get_aws_caller_identity_user_id'),
      run_cmd: notRun('run_cmd'),
      sops_decrypt_file: notRun('sops_decrypt_file'),
      mark_as_read: fn(([value]) => value ?? null),
    };
  }

  /** `find_in_parent_folders`: the nearest such file above the unit, never above the scan root. */
  private findUp(name: Value | undefined, fallback: Value | undefined): Value {
    const wanted = typeof name === 'string' ? name : TERRAGRUNT_FILE;
    for (let dir = this.unitDir; dir !== '.';) {
      dir = path.posix.dirname(dir);
      // Above a generated unit, the generated stack's directory holds copies of its source's files.
      const rel = this.session.resolve(dir, wanted);
      if (rel !== undefined && this.session.isFileInside(rel)) return this.absolute(rel);
      // One there that leads out of the root is found too: what reads it refuses it, and says so.
      if (rel === undefined) return this.absolute(path.posix.join(dir, wanted));
    }
    return fallback ?? invalid(`no ${wanted} above ${this.unitDir} inside the scan root`);
  }

  /**
   * `read_terragrunt_config`: another file's `locals` and `inputs`; the fallback where there is no
   * such file, as Terragrunt's. One outside the root, said where it is named, is not known: it was
   * the fallback, or an error (Terragrunt would refuse it), with nothing said but that.
   */
  private read(target: Value | undefined, fallback: Value | undefined, at: Range): Value {
    const shown = typeof target === 'string' ? this.session.shownPath(target) : String(target);
    const rel = typeof target === 'string' ? this.inside(target, at) : undefined;
    if (rel === undefined) throw new FileUnread(`${shown} is outside the scan root`, true);
    if (!this.session.isFileInside(rel))
      return fallback ?? invalid(`read_terragrunt_config: ${shown} is not a file in the scan root`);
    return this.nested(rel, path.posix.dirname(rel)).exposed();
  }

  /**
   * A file this one includes, for the same unit, or reads, as a config of its own directory;
   * either sees the same `values`.
   */
  private nested(rel: string, unitDir = this.unitDir): UnitConfig {
    const stack = this.stack && {
      values: this.stack.values,
      valuesWritten: this.stack.valuesWritten,
    };
    const chain = [...this.chain, this.file];
    return new UnitConfig(this.session, rel, unitDir, chain, stack, undefined, this.originalDir);
  }
}
