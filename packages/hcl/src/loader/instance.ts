/**
 * A module instance: one evaluation of a module's declarations, with its own variable values. It
 * is the scope its expressions are evaluated in, and evaluates everything lazily and once.
 */
import path from 'node:path';
import {
  addedReason,
  isUnknown,
  ownEntry,
  refResource,
  unknown,
  type Range,
  type Unexpanded,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { Attribute, Block, Span } from '../ast.js';
import { spanRange } from '../diagnostics.js';
import { evaluate } from '../eval/expressions.js';
import { MAX_MODULE_INSTANCES, RootBudget } from '../eval/budget.js';
import {
  SINGLE,
  expand,
  recordedExpansion,
  type Expansion,
  type InstanceKey,
} from '../eval/for-each.js';
import { ephemeral, Sensitive } from '../eval/marks.js';
import { Memo } from '../eval/memo.js';
import {
  OriginMemo,
  fromWritten,
  originsOf,
  writtenIn,
  type ValuePath,
  type Written,
} from '../eval/origins.js';
import { renderPolicyDocument } from '../eval/policy-document.js';
import {
  constantEnv,
  itemEnv,
  iterating,
  type Env,
  type FileAccess,
  type RefSink,
  type Scope,
} from '../eval/scope.js';
import { sizeOf } from '../eval/size.js';
import {
  Reference,
  Reported,
  asReported,
  invalid,
  isWhollyKnown,
  noValue,
  reasonAt,
  reportInvalid,
  reportTooLarge,
  unknownsIn,
  workspace,
} from '../eval/unknowns.js';
import { getKey, objectOf, valueEquals } from '../eval/values.js';
import { convertToType } from '../eval/variable-types.js';
import { evaluateBlock, type BlockValues } from '../inventory/blocks.js';
import { findAttribute } from '../syntax.js';
import type { RecordedInstances } from '../load-terraform.js';
import type { Declared, ParsedModule, ResourceDecl } from './module.js';
import { adoptions, namedByImport, type Adoption } from './imports.js';
import { resolveCall, type CallResolution, type Caller } from './modules.js';
import { asDeclared } from './tfvars.js';
import { AddressedObject, Namespace, collection } from './objects.js';
import type { LoadSession } from './session.js';
import { closer, expansionRange, scannedAs, unexpandedBy } from './unexpanded.js';

/** Meta-arguments and meta-blocks of a resource, which are not among its values. */
const RESOURCE_META = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);

/** Meta-arguments of a module call, which are not inputs. */
export const CALL_META = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
  'lifecycle',
]);

/** Attributes a data source computes from its own arguments, without asking any API. */
const COMPUTED: Readonly<Record<string, Readonly<Record<string, (values: ValueObject) => Value>>>> =
  {
    aws_iam_policy_document: { json: renderPolicyDocument },
    // A bucket looked up by name: its id and ARN are that name, known before apply.
    aws_s3_bucket: {
      id: (values) => values.bucket ?? unknown(),
      arn: (values) =>
        typeof values.bucket === 'string' ? `arn:aws:s3:::${values.bucket}` : unknown(),
    },
    google_storage_bucket: { id: (values) => values.name ?? unknown() },
  };

export interface CallSite {
  readonly caller: ModuleInstance;
  readonly decl: Declared<Block>;
  /** `count`/`each` of this call's instance, for evaluating its arguments. */
  readonly bindings: Readonly<Record<string, Value>>;
}

export interface ChildCalls {
  readonly resolution: CallResolution;
  readonly expansion: Expansion;
  /** One per instance of the expansion; undefined where the module is not resolved. */
  readonly children: readonly (ModuleInstance | undefined)[];
}

export interface InstanceInit {
  readonly session: LoadSession;
  readonly module: ParsedModule;
  readonly address: string;
  readonly rootDir: string;
  readonly callPath: readonly string[];
  readonly ancestorDirs: ReadonlySet<string>;
  /** A root module's variable values (tfvars, API); a child's come from its call site. */
  readonly inputs?: Readonly<Record<string, Value>>;
  /** Where the files set a root module's `inputs`, for `origins`. */
  readonly written?: ReadonlyMap<string, Written>;
  /**
   * The values a plan of a root module was made with, over its `inputs`. Which of them the plan was
   * given where (a `.tfvars` file, `-var`, `TF_VAR_`) it does not record: one that is what `inputs`
   * or the variable's default gives is set where they set it; another, nowhere the scan reads.
   */
  readonly planned?: Readonly<Record<string, Value>>;
  /** A root module's instances a state recorded; a child shares its root's. */
  readonly recorded?: RecordedInstances;
  /** A root module's workspace, if the caller names it (`LoadTerraformOptions.workspace`). */
  readonly workspace?: string;
  readonly callSite?: CallSite;
  /** What leaves this instance standing for instances not known (see `unexpandedIn`). */
  readonly unexpanded?: Unexpanded;
}

export class ModuleInstance implements Scope, Caller {
  readonly session: LoadSession;
  readonly module: ParsedModule;
  /** `''` for a root module, `module.a["k"].module.b` below it. */
  readonly address: string;
  readonly rootDir: string;
  readonly callPath: readonly string[];
  readonly ancestorDirs: ReadonlySet<string>;
  readonly callSite?: CallSite;
  readonly unexpanded?: Unexpanded;
  readonly files: FileAccess;
  /** What the root module above it may build in all; shared by every instance under that root. */
  readonly budget: RootBudget;
  readonly recorded?: RecordedInstances;
  /** `terraform.workspace`; a child shares its root's. */
  readonly workspace: Value;
  private readonly inputs: Readonly<Record<string, Value>>;
  private readonly written: ReadonlyMap<string, Written>;
  private readonly planned: Readonly<Record<string, Value>>;
  private readonly traced = new OriginMemo();
  private readonly variables = new Memo<Value>();
  private readonly locals = new Memo<Value>();
  private readonly outputs = new Memo<Value>();
  private readonly bodies = new Memo<BlockValues | undefined>();
  private readonly expansions = new Memo<Expansion>();
  private readonly childCalls = new Memo<ChildCalls>();
  private readonly adopted = new Memo<ReadonlyMap<string, Adoption>>();
  private readonly namespaces = new Map<string, Value>();

  constructor(init: InstanceInit) {
    this.session = init.session;
    this.module = init.module;
    this.address = init.address;
    this.rootDir = init.rootDir;
    this.callPath = init.callPath;
    this.ancestorDirs = init.ancestorDirs;
    this.callSite = init.callSite;
    if (init.unexpanded) this.unexpanded = init.unexpanded;
    this.budget = init.callSite?.caller.budget ?? new RootBudget();
    this.recorded = init.callSite?.caller.recorded ?? init.recorded;
    this.workspace = init.callSite?.caller.workspace ?? init.workspace ?? workspace();
    this.inputs = init.inputs ?? {};
    this.written = init.written ?? new Map();
    this.planned = init.planned ?? {};
    this.files = init.session.fileAccess(init.rootDir);
  }

  get diagnostics() {
    return this.session.diagnostics;
  }

  /** What addresses inside this module start with: `` or `module.a.`. */
  get prefix(): string {
    return this.address === '' ? '' : `${this.address}.`;
  }

  env(
    file: string,
    bindings: Readonly<Record<string, Value>> = {},
    sink: RefSink = new Set(),
  ): Env {
    return { scope: this, file, bindings: new Map(Object.entries(bindings)), sink };
  }

  lookup(name: string): Value {
    let found = this.namespaces.get(name);
    if (found === undefined) {
      found = this.namespace(name);
      this.namespaces.set(name, found);
    }
    return found;
  }

  private namespace(name: string): Value {
    switch (name) {
      case 'var':
        return new Namespace(name, (n, sink) => this.variable(n, sink));
      case 'local':
        return new Namespace(name, (n, sink) => this.local(n, sink));
      case 'module':
        return new Namespace(name, (n, sink) => this.moduleValue(n, sink));
      case 'data':
        return new Namespace(name, (type) => this.resourceType(`data.${type}`));
      case 'path':
        return objectOf([
          ['module', path.posix.relative(this.rootDir, this.module.dir) || '.'],
          ['root', '.'],
          ['cwd', '.'],
        ]);
      case 'terraform':
        return objectOf([['workspace', this.workspace]]);
      case 'ephemeral':
        return ephemeral('an ephemeral resource');
      case 'count':
      case 'each':
      case 'self':
        return invalid(`${name} is not available here`);
      default:
        return this.resourceType(name);
    }
  }

  private resourceType(type: string): Namespace {
    return new Namespace(type, (name, sink) => this.resourceValue(`${type}.${name}`, sink));
  }

  variable(name: string, sink: RefSink): Value {
    const decl = this.module.variables.get(name);
    if (!decl) return invalid(`variable ${name} is not declared`);
    return this.variables.get(
      name,
      sink,
      (s) => this.variableValue(name, decl, s),
      () => this.cycle(`variable ${name}`, decl),
    );
  }

  private variableValue(name: string, decl: Declared<Block>, sink: RefSink): Value {
    const typed = this.declaredValue(decl, this.givenInput(name, sink));
    if (this.isMarked(decl, 'ephemeral')) return ephemeral(`variable ${name}`);
    if (typed === undefined) return noValue(name);
    return this.isMarked(decl, 'sensitive') ? withheld(`variable ${name}`, typed) : typed;
  }

  /** The value `input` (undefined: none) gives variable `decl`, of its type; undefined for none. */
  private declaredValue(decl: Declared<Block>, input: Value | undefined): Value | undefined {
    const body = decl.node.body;
    const constant = constantEnv(this.diagnostics, decl.file.path);
    const type = findAttribute(body, 'type');
    // What the root is given as text is read by the variable's type; an argument is a value.
    const given = this.callSite ? input : asDeclared(input, type?.expr);
    const nullable = findAttribute(body, 'nullable');
    const nonNullable =
      nullable !== undefined && evaluate(nullable.expr, itemEnv(constant, nullable)) === false;
    const fallback = findAttribute(body, 'default');
    const value =
      given === undefined || (given === null && nonNullable)
        ? fallback && evaluate(fallback.expr, itemEnv(constant, fallback))
        : given;
    if (value === undefined) return undefined;
    return type ? convertToType(value, type.expr, itemEnv(constant, type)) : value;
  }

  /**
   * The value the caller passes, or the root's (the plan's, else the inputs'); undefined when not
   * given. An error in the argument is warned about where it is written, as the call's inputs
   * are, and reaches the module reported: what reads the variable there is not warned again.
   */
  private givenInput(name: string, sink: RefSink): Value | undefined {
    if (!this.callSite) {
      const planned = getKey(this.planned, name);
      return planned === undefined ? getKey(this.inputs, name) : planned;
    }
    const argument = this.callArgument(name, sink);
    if (!argument) return undefined;
    const value = evaluate(argument.expr, argument.env);
    const call = `module.${this.callSite.decl.node.labels[0]?.value ?? ''}`;
    const range = spanRange(argument.file, argument.span);
    reportInvalid(value, `${call}: ${name}`, this.diagnostics, range);
    return asReported(value);
  }

  /**
   * The argument of this instance's call that sets variable `name`, with the caller's environment
   * it is read in: what the variable holds is its value there, and where it is set is its line.
   */
  private callArgument(name: string, sink?: RefSink): (Written & { env: Env }) | undefined {
    if (!this.callSite || CALL_META.has(name)) return undefined;
    const { caller, decl, bindings } = this.callSite;
    const argument = findAttribute(decl.node.body, name);
    return argument && writtenIn(caller.tracing(decl, bindings, sink), argument);
  }

  origins(root: 'var' | 'local', name: string, path: ValuePath, depth: number): readonly Range[] {
    return this.traced.get(`${root}.${name}\0${path.join('\0')}`, () => {
      const written = root === 'var' ? this.variableWritten(name) : this.localWritten(name);
      return written ? fromWritten(written, path, depth) : [];
    });
  }

  /**
   * Where a variable's value is written: the argument of the call, the file that gives the root
   * its value (none for one given through the API, or by a plan otherwise), else the variable's
   * default.
   */
  private variableWritten(name: string): Written | undefined {
    const decl = this.module.variables.get(name);
    if (!decl) return undefined;
    if (this.callSite) {
      const argument = this.callArgument(name);
      if (argument) return argument;
    } else {
      if (!this.plannedAsConfigured(name, decl)) return undefined;
      if (getKey(this.inputs, name) !== undefined) return this.written.get(name);
    }
    const fallback = findAttribute(decl.node.body, 'default');
    const file = fallback?.mergedFrom ?? decl.file.path;
    return fallback && { span: fallback, expr: fallback.expr, file };
  }

  /** Whether the plan gives root variable `name` nothing, or what the configuration gives it. */
  private plannedAsConfigured(name: string, decl: Declared<Block>): boolean {
    const planned = getKey(this.planned, name);
    if (planned === undefined) return true;
    const configured = this.declaredValue(decl, getKey(this.inputs, name));
    const value = this.declaredValue(decl, planned);
    return configured !== undefined && value !== undefined && valueEquals(value, configured);
  }

  private localWritten(name: string): Written | undefined {
    const decl = this.module.locals.get(name);
    return decl && writtenIn(this.env(decl.file.path), decl.node);
  }

  /**
   * The environment a block's arguments are read in, for `originsOf`: `each.value` leads to where
   * the block's `for_each` entry is set.
   */
  tracing(
    decl: Declared<Block>,
    bindings: Readonly<Record<string, Value>>,
    sink: RefSink = new Set(),
  ): Env {
    return iterating(this.env(decl.file.path, bindings, sink), 'each', (path, depth) =>
      this.forEachOrigins(decl, path, depth),
    );
  }

  private forEachOrigins(decl: Declared<Block>, path: ValuePath, depth: number): readonly Range[] {
    const forEach = findAttribute(decl.node.body, 'for_each');
    return forEach ? fromWritten(writtenIn(this.env(decl.file.path), forEach), path, depth) : [];
  }

  /** Where the `count` or `for_each` that makes one instance of a block is decided. */
  instanceOrigins(decl: Declared<Block>, instance: InstanceKey): readonly Range[] {
    const count = findAttribute(decl.node.body, 'count');
    const forEach = findAttribute(decl.node.body, 'for_each');
    const meta = count ?? forEach;
    if (!meta) return [];
    const path = meta === forEach && instance.key !== undefined ? [instance.key] : [];
    return originsOf(meta.expr, itemEnv(this.env(decl.file.path), meta), path);
  }

  local(name: string, sink: RefSink): Value {
    const decl = this.module.locals.get(name);
    if (!decl) return invalid(`local.${name} is not declared`);
    return this.locals.get(
      name,
      sink,
      (s) => evaluate(decl.node.expr, this.env(decl.file.path, {}, s)),
      () => this.cycle(`local.${name}`, decl),
    );
  }

  output(name: string, sink: RefSink): Value {
    const decl = this.module.outputs.get(name);
    const value = decl && findAttribute(decl.node.body, 'value');
    if (!decl || !value) return invalid(`output ${name} is not declared in ${this.module.dir}`);
    if (this.isMarked(decl, 'ephemeral')) return ephemeral(`output ${name}`);
    const result = this.outputs.get(
      name,
      sink,
      (s) => evaluate(value.expr, itemEnv(this.env(decl.file.path, {}, s), value)),
      () => this.cycle(`output ${name}`, decl),
    );
    return this.isMarked(decl, 'sensitive') ? withheld(`output ${name}`, result) : result;
  }

  /**
   * Whether a variable or output is declared `sensitive` or `ephemeral`. A secret must never reach
   * a report: the value of one marked sensitive is scanned as unknown, as if redacted, wherever it
   * comes from (a default, `.tfvars`, a literal), unless `nonsensitive()` unmarks it.
   */
  private isMarked(decl: Declared<Block>, mark: 'sensitive' | 'ephemeral'): boolean {
    const marked = findAttribute(decl.node.body, mark);
    const constant = constantEnv(this.diagnostics, decl.file.path);
    return marked !== undefined && evaluate(marked.expr, itemEnv(constant, marked)) === true;
  }

  /** The instances of a resource or module block, from its `count` or `for_each`. */
  expansion(decl: Declared<Block>, key: string, sink: RefSink): Expansion {
    return this.expansions.get(
      key,
      sink,
      (s) => {
        const expansion = expand(decl.node.body, this.env(decl.file.path, {}, s));
        const recorded = this.recorded?.(this.prefix + key);
        if (recorded) return recordedExpansion(expansion, recorded);
        if (expansion.unknown) {
          const { attribute, value, reason } = expansion.unknown;
          const what = `${this.prefix}${key}`;
          const range = expansionRange(decl, expansion.unknown);
          const [inside] = unknownsIn(value);
          const why = addedReason((inside && reasonAt(inside, range)) || reason);
          const known = why === undefined ? 'before apply' : `(${why})`;
          const message = `${what}: ${attribute.name} is not known ${known}; scanned as ${scannedAs(what, expansion)}`;
          this.diagnostics.report('info', 'eval-unknown-for-each', message, range);
          // An error in it is one as in any attribute the scan reads.
          reportInvalid(value, `${key}: ${attribute.name}`, this.diagnostics, range);
        }
        return expansion;
      },
      () => {
        this.cycle(`the instances of ${key}`, decl);
        return SINGLE;
      },
    );
  }

  /**
   * What leaves the instances of a block of this module not known, when they are not: its own
   * `count` or `for_each`, or that of a module call this instance is inside (see `closer`).
   */
  unexpandedIn(decl: Declared<Block>, key: string, expansion: Expansion): Unexpanded | undefined {
    const textOf = (file: string, span: Span) => this.session.textOf(file, span);
    const own = unexpandedBy(this.prefix + key, this.prefix, decl, expansion, textOf);
    return closer(own, this.unexpanded);
  }

  resourceValue(key: string, sink: RefSink): Value {
    const decl = this.module.resources.get(key);
    const address = this.prefix + key;
    if (!decl) return new Reference(address, `${address} is not declared`);
    return collection(this.expansion(decl, key, sink), address, (instance) => {
      const instanceAddress = address + instance.suffix;
      return new AddressedObject(instanceAddress, (name, s) =>
        this.resourceAttribute(decl, instance, instanceAddress, name, s),
      );
    });
  }

  /**
   * An attribute written with a known value in the resource's configuration is that value (so
   * adapters can join by name). So is one a managed resource writes with a value not known, as the
   * provider plans a written argument: `aws_s3_bucket_acl.a.bucket`, written `aws_s3_bucket.b.id`,
   * joins what reads it to that bucket. Anything else is known only after apply, and so is one
   * written null: the provider computes an optional attribute left unset
   * (`data.aws_region.r.region` is the provider's region when `region = var.region` is null).
   */
  private resourceAttribute(
    decl: ResourceDecl,
    instance: InstanceKey,
    address: string,
    name: string,
    sink: RefSink,
  ): Value {
    const body = this.body(decl, instance, new Set());
    const computed = decl.mode === 'data' ? ownEntry(COMPUTED, decl.type) : undefined;
    const compute = computed && ownEntry(computed, name);
    const value = body && (compute ? compute(body.values) : getKey(body.values, name));
    if (decl.mode === 'managed' && isUnknown(value)) {
      sink.add(address);
      return value.reference === undefined ? value : new Reference(value.reference, value.reason);
    }
    if (value === undefined || value === null || !isWhollyKnown(value))
      return new Reference(`${address}.${name}`);
    sink.add(address);
    return value;
  }

  /**
   * A resource instance's evaluated body; undefined while it is being evaluated: a cycle, which
   * Terraform rejects (`bucket = aws_s3_bucket.b.id` in `b`), reported like the others.
   */
  body(decl: ResourceDecl, instance: InstanceKey, sink: RefSink): BlockValues | undefined {
    const address = this.prefix + decl.key + instance.suffix;
    return this.bodies.get(
      address,
      sink,
      (s) => {
        const env = this.tracing(decl, { ...instance.bindings, self: new Reference(address) }, s);
        const dependsOn = findAttribute(decl.node.body, 'depends_on');
        const dependencies = dependsOn && evaluate(dependsOn.expr, itemEnv(env, dependsOn));
        for (const u of dependencies ? unknownsIn(dependencies) : []) {
          for (const ref of u.refs) s.add(refResource(ref));
        }
        const unread = this.session.unreadAttributes?.(decl.type);
        const skip = unread ? new Set([...RESOURCE_META, ...unread]) : RESOURCE_META;
        const body = namedByImport(decl.type, evaluateBlock(decl.node, env, skip), () =>
          this.adoption(address, s),
        );
        return this.withinBudget(decl, body);
      },
      () => {
        this.cycle(address, decl);
        return undefined;
      },
    );
  }

  /** A resource's values, unless the root's resources hold too many in all: then each is unknown. */
  private withinBudget(decl: ResourceDecl, body: BlockValues): BlockValues {
    const spent = this.budget.holdValues(sizeOf(body.values).elements);
    if (!spent) return body;
    reportTooLarge(spent, this.diagnostics, spanRange(decl.file.path, decl.node));
    return { ...body, values: objectOf(Object.keys(body.values).map((key) => [key, spent])) };
  }

  /** How the root module's `import` blocks (allowed only there) adopt an instance, if they do. */
  adoption(address: string, sink: RefSink): Adoption | undefined {
    if (this.callSite) return this.callSite.caller.adoption(address, sink);
    const all = this.adopted.get(
      '',
      sink,
      (s) => adoptions(this.module.imports, (file, bindings) => this.env(file, bindings, s)),
      () => new Map(),
    );
    return all.get(address);
  }

  moduleValue(name: string, sink: RefSink): Value {
    const address = `${this.prefix}module.${name}`;
    if (!this.module.calls.has(name))
      return new Reference(address, `module ${name} is not declared`);
    const calls = this.calls(name, sink);
    if (!calls.resolution.module) {
      return new Reference(address, `module ${name} is ${calls.resolution.status}`);
    }
    return collection(calls.expansion, address, (_instance, i) => {
      const child = calls.children[i];
      return child
        ? new AddressedObject(child.address, (output, s) => child.output(output, s))
        : new Reference(address);
    });
  }

  /** A module call resolved and expanded into child instances, once. */
  calls(name: string, sink: RefSink): ChildCalls {
    const decl = this.module.calls.get(name);
    if (!decl) return { resolution: NOT_EXPANDED, expansion: SINGLE, children: [undefined] };
    return this.childCalls.get(
      name,
      sink,
      (s) => this.expandCall(name, decl, s),
      () => {
        this.cycle(`module ${name}`, decl);
        return { resolution: NOT_EXPANDED, expansion: SINGLE, children: [undefined] };
      },
    );
  }

  private expandCall(name: string, decl: Declared<Block>, sink: RefSink): ChildCalls {
    const resolution = resolveCall(this, decl);
    const { module } = resolution;
    if (module && !this.budget.expanding) return this.tooManyInstances(name, decl, resolution);
    const expansion = this.expansion(decl, `module.${name}`, sink);
    if (module && !this.budget.holdInstances(expansion.instances.length))
      return this.tooManyInstances(name, decl, resolution, expansion);
    const unexpanded = this.unexpandedIn(decl, `module.${name}`, expansion);
    const children = expansion.instances.map(
      (instance) =>
        module &&
        new ModuleInstance({
          session: this.session,
          module,
          address: `${this.prefix}module.${name}${instance.suffix}`,
          rootDir: this.rootDir,
          callPath: [...this.callPath, name],
          ancestorDirs: new Set([...this.ancestorDirs, module.dir]),
          callSite: { caller: this, decl, bindings: instance.bindings },
          ...(unexpanded && { unexpanded }),
        }),
    );
    return { resolution, expansion, children };
  }

  /** A call past the root's bound on module instances is not expanded: its module is unread. */
  private tooManyInstances(
    name: string,
    decl: Declared<Block>,
    resolution: CallResolution,
    expansion = SINGLE,
  ): ChildCalls {
    const message = `module "${name}" would make more than ${MAX_MODULE_INSTANCES} module instances under one root module, too many to evaluate; its resources were not checked`;
    this.diagnostics.report(
      'error',
      'eval-too-large',
      message,
      spanRange(decl.file.path, decl.node),
    );
    return { resolution, expansion, children: expansion.instances.map(() => undefined) };
  }

  private cycle(what: string, decl: Declared<Attribute | Block>) {
    const message = `${what} depends on itself`;
    this.diagnostics.report('warning', 'eval-cycle', message, spanRange(decl.file.path, decl.node));
    return new Reported([], message);
  }
}

function withheld(what: string, value: Value): Value {
  return new Sensitive(value, `${what} is sensitive, and a sensitive value is never read`);
}

const NOT_EXPANDED: CallResolution = { source: '', sourceKind: 'other', status: 'unresolved' };
