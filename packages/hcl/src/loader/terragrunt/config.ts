import path from 'node:path';
import {
  type DiagnosticSeverity,
  isObject,
  unknown,
  isUnknown,
  type Range,
  type Value,
} from '@posture/model';
import type { Attribute, Block, Body, Expression } from '../../ast.js';
import { spanRange } from '../../diagnostics.js';
import { evaluate } from '../../eval/expressions.js';
import { Memo } from '../../eval/memo.js';
import type { Env, FileAccess, Scope } from '../../eval/scope.js';
import type { Written } from '../../eval/origins.js';
import { invalid } from '../../eval/unknowns.js';
import { objectOf } from '../../eval/values.js';
import { FileUnread, fn, type FunctionTable } from '../../functions/function.js';
import { findAttribute, literalText } from '../../syntax.js';
import { TERRAGRUNT_FILE } from '../files.js';
import { Namespace } from '../objects.js';
import type { LoadSession } from '../session.js';
import type { TerragruntUnit } from './unit.js';

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
export type MergeStrategy = (typeof MERGE_STRATEGIES)[number];

function isMergeStrategy(value: Value | undefined): value is MergeStrategy {
  return MERGE_STRATEGIES.some((strategy) => strategy === value);
}

/** Includes and `read_terragrunt_config` nest at most this deep (Terragrunt allows one level). */
const MAX_DEPTH = 4;

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
    readonly unitDir: string,
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
