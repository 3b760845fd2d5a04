/**
 * `loadTerraform`: every Terraform module under a scan root, evaluated into one inventory. Root
 * modules are the directories no other module calls; called ones are evaluated through their calls.
 */
import path from 'node:path';
import {
  compareRanges,
  fileRange,
  pushAll,
  relativeInside,
  type Inventory,
  type ListDirectory,
  type ModuleCall,
  type ProviderConfig,
  type ResourceInstance,
  type OnComments,
  type TerraformCommand,
  type Value,
} from '@posture/model';
import type { Label } from './ast.js';
import { spanRange, withinLimits } from './diagnostics.js';
import { compareStrings } from './eval/values.js';
import { provisionerCommands } from './inventory/commands.js';
import { moduleCalls, type InputsWanted } from './inventory/module-calls.js';
import { providerConfigs } from './inventory/providers.js';
import { resourceInstances } from './inventory/instances.js';
import { isModuleFile, walkTerraformDirs } from './loader/files.js';
import { ModuleInstance } from './loader/instance.js';
import type { ParsedModule } from './loader/module.js';
import type { LoadCache } from './loader/load-cache.js';
import { withGenerated } from './loader/generate.js';
import { isLocalSource } from './loader/module-sources.js';
import { LoadSession, type ReadFile } from './loader/session.js';
import { readStacks } from './loader/stacks.js';
import { deployment, type Deployment } from './loader/terragrunt/deployment.js';
import { passedVariables, unitInputs } from './loader/terragrunt/module-variables.js';
import { readUnit, type TerragruntUnit } from './loader/terragrunt/unit.js';
import {
  fileInputs,
  overEnvironment,
  rootInputs,
  type CommandLineInput,
  type EnvironmentVariable,
  type RootInputs,
} from './loader/tfvars.js';
import { findAttribute, literalText } from './syntax.js';

export interface LoadTerraformOptions {
  /** Absolute path of the scan root; every range is relative to it. */
  readonly root: string;
  /**
   * Files or directories to scan, relative to the root or absolute inside it; default: the root. A
   * Terraform or Terragrunt file stands for its directory, which is read whole. One outside the
   * root is not read: a `path-outside-root` error.
   */
  readonly paths?: readonly string[];
  /** Variable values for root modules, overriding every file (like `-var`). */
  readonly vars?: Readonly<Record<string, Value>>;
  /**
   * Variable files, relative to the root or absolute, applied to root modules in order (like
   * `-var-file`). Read wherever they are: the caller names them, as it names the root.
   */
  readonly varFiles?: readonly string[];
  /**
   * The workspace Terraform runs in (`terraform workspace select`, `TF_WORKSPACE`): the value of
   * `terraform.workspace`. Default: not known, as the configuration never chooses it.
   */
  readonly workspace?: string;
  /**
   * The `TF_VAR_` variables of the environment Terraform runs each root module in (by its
   * directory), under every file and `vars`: a CI step's `env:`. Default: none.
   */
  readonly environment?: (rootDir: string) => Readonly<Record<string, EnvironmentVariable>>;
  /**
   * The `-var` and `-var-file` options Terraform is run with in each root module (by its
   * directory), over every `.tfvars` file and under `varFiles` and `vars`: a CI step's command and
   * its `TF_CLI_ARGS`. Default: none.
   */
  readonly commandLine?: (rootDir: string) => readonly CommandLineInput[];
  /**
   * Variable values for single root modules, by directory, over `vars` and every file: the
   * variables a plan was made with (see `InstanceInit.planned`).
   */
  readonly rootVars?: ReadonlyMap<string, Readonly<Record<string, Value>>>;
  /**
   * The instances a state recorded, for single root modules by directory: a block it names makes
   * those instances, whatever its `count` or `for_each` evaluates to.
   */
  readonly rootInstances?: ReadonlyMap<string, RecordedInstances>;
  /** Reads a file's bytes; default `readRegularFile` (a regular file, up to `MAX_INPUT_BYTES`). */
  readonly readFile?: ReadFile;
  /**
   * Told of each HCL file (Terraform, `.tfvars`, Terragrunt) once, with its text and its comments
   * as the parser found them, once it is parsed: a caller can read the comments without reading
   * the file again. JSON files have no comments, and are not told of.
   */
  readonly onComments?: OnComments;
  /**
   * Evaluate only what reading `focus` needs (default: everything). Resources of other types are
   * left out of the inventory; locals, unlisted resources and the inputs of calls whose module is
   * read are evaluated only where something needed refers to them (such a call's `values` are
   * empty), so errors in the rest go unreported.
   */
  readonly focus?: LoadFocus;
  /** Called as the load advances, after each directory parsed and each module instance evaluated. */
  readonly onProgress?: (progress: LoadProgress) => void;
  /**
   * Paths (relative, POSIX) not searched for root modules and Terragrunt units: directories, not
   * below them either, and files, a directory all of whose Terraform files are skipped being
   * skipped (see `walkTerraformDirs`); a module that a scanned root calls from there is still read.
   */
  readonly skip?: (path: string) => boolean;
  /**
   * Files another load of the same root and focus read and parsed, reused instead of read again,
   * and this load's added: loading root modules again with other variables costs evaluation only.
   */
  readonly cache?: LoadCache;
  /** Lists directories; default `readdir`. A scan passes one that lists each directory once. */
  readonly listDirectory?: ListDirectory;
}

/**
 * The instance keys recorded for a block, by its address in its module instance
 * (`module.a["x"].aws_s3_bucket.b`, `module.a`): `count.index`es, `each.key`s, or undefined for a
 * block without either. Undefined for a block nothing recorded.
 */
export type RecordedInstances = (
  block: string,
) => readonly (string | number | undefined)[] | undefined;

export interface LoadFocus {
  /** Resource and data source types to evaluate. */
  readonly resourceTypes: ReadonlySet<string>;
  /**
   * Of calls whose module is not read (registry, git, missing), those whose inputs are wanted, by
   * source; the others' `values` are empty. Default: every such call's.
   */
  readonly moduleSources?: (source: string) => boolean;
  /**
   * Registry and git modules whose absence hides nothing the focus needs (known to create none of
   * its resources, or read by their inputs): a call to one that is not installed is no
   * `module-unresolved` problem. Default: none.
   */
  readonly unneededSources?: (source: string) => boolean;
  /**
   * Attributes of a type that nothing reads, left unevaluated (a reference to one is not known): a
   * Worker's code, which the build may make after the scan (`content = file("dist/worker.js")`),
   * warned of by every scan that evaluated it. Default: none.
   */
  readonly unreadAttributes?: (type: string) => ReadonlySet<string> | undefined;
}

export interface LoadProgress {
  /** Files read so far. */
  readonly files: number;
  /** Module instances evaluated so far. */
  readonly modules: number;
}

export function loadTerraform(options: LoadTerraformOptions): Inventory {
  const { focus, cache } = options;
  const root = path.resolve(options.root);
  if (cache && (cache.root !== root || cache.focus !== focus))
    throw new Error('a LoadCache serves loads of the root and focus it was made for');
  const keepBody = focus && bodiesRead(focus);
  const session = new LoadSession(root, {
    readFile: options.readFile,
    keepBody,
    onComments: options.onComments,
    unneededSource: focus?.unneededSources,
    unreadAttributes: focus?.unreadAttributes,
    cache,
    listDirectory: options.listDirectory,
  });
  const builder = new InventoryBuilder(session, options);
  const found = discover(session, options.paths ?? ['.'], options.skip);
  const { links } = found;
  const stacks = readStacks(session, found.stackDirs);
  // A unit directory a stack names is deployed only as the stack generates it, where it is read.
  const unitDirs = found.unitDirs.filter((dir) => !stacks.skips(dir));
  const dirs = found.dirs.filter((dir) => !stacks.skips(dir));
  const modules = dirs.flatMap((dir) => {
    const module = session.module(dir);
    builder.progress();
    return module ?? [];
  });
  const units = [
    ...unitDirs.map((dir) => readUnit(session, dir)),
    ...stacks.units.map((unit) => readUnit(session, unit.dir, unit)),
  ];
  builder.addCommands(units.flatMap((unit) => unit.hooks));
  const deployed = units.map((unit) => deployment(session, unit));
  const called = calledDirs(session, modules);
  reportLinksOut(session, links, modules);
  for (const { unit, module } of deployed)
    if (module && module.dir !== unit.dir) called.add(module.dir);
  // A unit whose own `.tf` files are its module sets that root module's variables.
  const ownUnit = new Map(deployed.filter((d) => d.own).map((d) => [d.unit.dir, d.unit]));
  const roots = modules.filter((module) => !called.has(module.dir));
  // A unit a stack generates with its own `.tf` files is a root where it is generated.
  const generatedRoots = deployed.flatMap((d) => (d.own && d.module ? [d] : []));
  builder.scopeVarFiles([
    ...roots.map((module) => module.dir),
    ...deployed.filter((d) => !d.own || d.module).map((d) => d.unit.dir),
  ]);
  // A module called by a source computed from variables and locals (Terraform 1.15, OpenTofu 1.8)
  // is known to be called only once its caller is evaluated: roots that compute a source go first,
  // and a root one of them reached is not evaluated again on its own.
  const computing = roots.filter(computesSource);
  for (const module of [...computing, ...roots.filter((m) => !computing.includes(m))]) {
    if (!builder.reached.has(module.dir)) builder.addRoot(module, ownUnit.get(module.dir));
  }
  for (const d of deployed) if (!d.own) builder.addUnit(d);
  for (const { module, unit } of generatedRoots) if (module) builder.addRoot(module, unit);
  // Modules only reachable through a cycle, or through calls never evaluated, are evaluated alone.
  for (const module of modules) if (!builder.reached.has(module.dir)) builder.addRoot(module);
  return builder.inventory();
}

/** Blocks a load reads whole: module calls, locals (indexed by name) and provider settings. */
const ALWAYS_READ = new Set(['module', 'locals', 'provider']);

/**
 * The top-level bodies a focused load keeps once parsed. The rest (variables, outputs, other
 * resources) are parsed again if read: in the corpus they hold 64% of the block text, of which a
 * scan reads 3%. A resource with a provisioner is kept too, as its commands are read.
 */
function bodiesRead(
  focus: LoadFocus,
): (type: string, labels: readonly Label[], body: string) => boolean {
  return (type, labels, body) =>
    ALWAYS_READ.has(type) ||
    ((type === 'resource' || type === 'data') && focus.resourceTypes.has(labels[0]?.value ?? '')) ||
    (type === 'resource' && body.includes('provisioner'));
}

function discover(
  session: LoadSession,
  paths: readonly string[],
  skip: LoadTerraformOptions['skip'],
): { dirs: string[]; unitDirs: string[]; stackDirs: string[]; links: string[] } {
  const dirs = new Set<string>();
  const unitDirs = new Set<string>();
  const stackDirs = new Set<string>();
  const links = new Set<string>();
  for (const given of paths) {
    const rel = relativeInside(session.root, path.resolve(session.root, given));
    if (rel === undefined) {
      // All that was asked for is not read: an error, as `scan()` says it, so that a caller's gate
      // fails closed rather than pass a load of nothing.
      const message = `${given} is outside the scan root, which is all a load reads, though the load was asked to read it`;
      session.diagnostics.report('error', 'path-outside-root', message, fileRange(given));
      continue;
    }
    const start = isModuleFile(rel) ? path.posix.dirname(rel) : rel;
    const walk = walkTerraformDirs(session, start, skip);
    for (const link of walk.outside) links.add(link);
    session.addWalk(walk);
    for (const dir of walk.terraformDirs.keys()) dirs.add(dir);
    for (const dir of walk.terragruntDirs) unitDirs.add(dir);
    for (const dir of walk.stackDirs) stackDirs.add(dir);
  }
  return {
    dirs: [...dirs].sort(compareStrings),
    unitDirs: [...unitDirs].sort(compareStrings),
    stackDirs: [...stackDirs].sort(compareStrings),
    links: [...links].sort(compareStrings),
  };
}

/** Directories that some other module calls with a local source. */
function calledDirs(session: LoadSession, modules: readonly ParsedModule[]): Set<string> {
  return localSources(modules, (base, source) => session.resolve(base, source));
}

/**
 * The symlinked directories the walks found leading out of the root, which they do not enter. One
 * a module call names is reported at the call (module-unresolved), and is a warning here; any
 * other may hold configuration, a public release bucket maybe, that was not read: an error, which
 * fails the gate closed, as a symlinked `.tf` file out of the root is.
 */
function reportLinksOut(
  session: LoadSession,
  links: readonly string[],
  modules: readonly ParsedModule[],
): void {
  const named = localSources(modules, (base, source) =>
    relativeInside(session.root, path.resolve(session.root, base, source)),
  );
  for (const link of links) {
    if (named.has(link)) session.reportOutside(link, fileRange(link));
    else session.reportLinkOut('directory', fileRange(link));
  }
}

/** The directories the modules' calls name as local sources, each as `resolve` places it. */
function localSources(
  modules: readonly ParsedModule[],
  resolve: (base: string, source: string) => string | undefined,
): Set<string> {
  const dirs = new Set<string>();
  for (const module of modules) {
    for (const decl of module.calls.values()) {
      const source = findAttribute(decl.node.body, 'source');
      const text = source && literalText(source.expr);
      const dir = text !== undefined && isLocalSource(text) ? resolve(module.dir, text) : undefined;
      if (dir !== undefined && dir !== module.dir) dirs.add(dir);
    }
  }
  return dirs;
}

function computesSource(module: ParsedModule): boolean {
  return [...module.calls.values()].some((decl) => {
    const source = findAttribute(decl.node.body, 'source');
    return source !== undefined && literalText(source.expr) === undefined;
  });
}

class InventoryBuilder {
  /** Directories evaluated, or reached by an evaluated module call. */
  readonly reached = new Set<string>();
  private readonly resources: ResourceInstance[] = [];
  private readonly providers: ProviderConfig[] = [];
  private readonly calls: ModuleCall[] = [];
  private readonly commands: TerraformCommand[] = [];
  /** The root each var file inside a root's directory is for (`scopeVarFiles`). */
  private readonly varFileRoot = new Map<string, string>();
  private evaluated = 0;
  private readonly inputsWanted: InputsWanted;

  constructor(
    private readonly session: LoadSession,
    private readonly options: LoadTerraformOptions,
  ) {
    const { focus } = options;
    this.inputsWanted = focus
      ? ({ source, read }) => !read && (focus.moduleSources?.(source) ?? true)
      : () => true;
  }

  /**
   * Evaluates a root module; one that is a Terragrunt unit's own gets the unit's inputs under its
   * `.tfvars` (Terragrunt passes them as `TF_VAR_` variables).
   */
  addRoot(module: ParsedModule, unit?: TerragruntUnit): void {
    const inputs = this.rootInputs(module.dir, unit?.dir ?? module.dir, unit);
    const instance = new ModuleInstance({
      session: this.session,
      module: unit ? withGenerated(this.session, module, unit.generated) : module,
      address: '',
      rootDir: unit?.dir ?? module.dir,
      callPath: [],
      ancestorDirs: new Set([module.dir]),
      inputs: {
        ...(unit && unitInputs(this.session, unit, module.variables.keys())),
        ...inputs.values,
      },
      written: new Map([...(unit?.written ?? []), ...inputs.written]),
      planned: this.options.rootVars?.get(unit?.dir ?? module.dir),
      recorded: this.options.rootInstances?.get(unit?.dir ?? module.dir),
      workspace: this.options.workspace,
    });
    this.walk(instance);
  }

  /**
   * Scopes the `varFiles` to the roots they are for: Terraform applies a var file to the root it
   * plans. One inside a root's directory (the deepest such root) is that root's; one outside
   * every root, every root's.
   */
  scopeVarFiles(rootDirs: readonly string[]): void {
    for (const file of this.options.varFiles ?? []) {
      const rel = relativeInside(this.session.root, path.resolve(this.session.root, file));
      const owners = rootDirs.filter(
        (dir) => rel !== undefined && (dir === '.' || rel.startsWith(`${dir}/`)),
      );
      const owner = owners.sort((a, b) => b.length - a.length)[0];
      if (owner !== undefined) this.varFileRoot.set(file, owner);
    }
  }

  /**
   * A root's variable values: its environment's (with the `TF_VAR_`s its Terragrunt unit sets over
   * those of CI), then its module's `.tfvars`, the var files and `-var`s its Terragrunt unit
   * passes, the `-var` and `-var-file` options CI runs it with, the var files for it, `vars`.
   */
  private rootInputs(moduleDir: string, rootDir: string, unit?: TerragruntUnit): RootInputs {
    const passed = unit && passedVariables(this.session, unit);
    const varFiles = (this.options.varFiles ?? []).filter((file) => {
      const owner = this.varFileRoot.get(file);
      return owner === undefined || owner === rootDir;
    });
    const commandLine = this.options.commandLine?.(rootDir);
    const options = { ...this.options, varFiles };
    const inputs = rootInputs(this.session, moduleDir, options, passed, commandLine);
    const environment = { ...this.options.environment?.(rootDir), ...unit?.environment };
    return overEnvironment(inputs, environment);
  }

  /**
   * A Terragrunt unit as a root of its own that calls one module, `module.terragrunt`, with the
   * unit's inputs: findings in the module point back at the unit that deploys it. A module read
   * from the scan root is evaluated with the inputs under its own `.tfvars` (Terragrunt passes them
   * as `TF_VAR_` variables); one fetched at deploy time (registry, git) is read by its inputs, like
   * an uninstalled module call.
   */
  addUnit({ unit, source, kind, version, module, outside }: Deployment): void {
    const range = unit.source?.range ?? fileRange(unit.file);
    const variables = unitInputs(this.session, unit, module?.variables.keys() ?? []);
    // A module fetched at deploy time is read by its inputs: the var files' values and the unit's
    // environment over the unit's.
    const passed = module
      ? undefined
      : fileInputs(this.session, passedVariables(this.session, unit));
    const given = passed && overEnvironment(passed, unit.environment);
    const givenRanges = [...(given?.written ?? [])].map(([name, at]) => [
      name,
      spanRange(at.file, at.span),
    ]);
    if (!module && !outside && (kind === 'local' || !this.session.unneededSource(source))) {
      const problem =
        kind === 'local'
          ? this.session.noModuleIn(source)
          : 'which is fetched at deploy time and not read';
      // A stack's unit runs where the stack generates it, which a path written for its source misses.
      const generated =
        path.posix.dirname(unit.file) === unit.dir
          ? ''
          : ` (${unit.file} is generated there by a stack, and its relative paths start there)`;
      const message = `Terragrunt unit ${unit.dir} deploys "${source}", ${problem}${generated}; its resources are not scanned`;
      this.session.diagnostics.report('warning', 'module-unresolved', message, range);
    }
    this.calls.push({
      address: 'module.terragrunt',
      name: 'terragrunt',
      module: '',
      source,
      ...(version === undefined ? {} : { version }),
      sourceKind: kind,
      status: module ? 'loaded' : outside ? 'outside-root' : 'unresolved',
      values: { ...unit.inputs, ...given?.values },
      ranges: { ...unit.ranges, ...Object.fromEntries(givenRanges), '': range },
      annotations: [],
      rootModule: unit.dir,
    });
    if (!module) return;
    const inputs = this.rootInputs(module.dir, unit.dir, unit);
    this.walk(
      new ModuleInstance({
        session: this.session,
        module,
        address: 'module.terragrunt',
        rootDir: unit.dir,
        callPath: ['terragrunt'],
        ancestorDirs: new Set([module.dir]),
        inputs: { ...variables, ...inputs.values },
        written: new Map([...unit.written, ...inputs.written]),
        planned: this.options.rootVars?.get(unit.dir),
        recorded: this.options.rootInstances?.get(unit.dir),
        workspace: this.options.workspace,
      }),
    );
  }

  addCommands(commands: readonly TerraformCommand[]): void {
    pushAll(this.commands, commands);
  }

  progress(): void {
    this.options.onProgress?.({ files: this.session.files.length, modules: this.evaluated });
  }

  private walk(instance: ModuleInstance): void {
    this.reached.add(instance.module.dir);
    const { focus } = this.options;
    if (!focus) this.evaluateLocals(instance);
    pushAll(this.providers, providerConfigs(instance));
    pushAll(this.resources, resourceInstances(instance, focus?.resourceTypes));
    pushAll(this.commands, provisionerCommands(instance));
    this.evaluated++;
    this.progress();
    for (const [name, decl] of instance.module.calls) {
      withinLimits(
        this.session.diagnostics,
        spanRange(decl.file.path, decl.node),
        () => {
          pushAll(this.calls, moduleCalls(instance, name, decl, this.inputsWanted));
          const { resolution, children } = instance.calls(name, new Set());
          if (resolution.module) this.reached.add(resolution.module.dir);
          for (const child of children) if (child) this.walk(child);
        },
        undefined,
      );
    }
  }

  /**
   * Evaluates every local, so that cycles among unused ones are reported too. The first that hits
   * a limit is reported, and the rest are left: they would hit it again, each as deep.
   */
  private evaluateLocals(instance: ModuleInstance): void {
    for (const [name, decl] of instance.module.locals) {
      const range = spanRange(decl.file.path, decl.node);
      const evaluated = withinLimits(
        this.session.diagnostics,
        range,
        () => {
          instance.local(name, new Set());
          return true;
        },
        false,
      );
      if (!evaluated) return;
    }
  }

  inventory(): Inventory {
    return {
      root: this.session.root,
      files: [...this.session.files].sort((a, b) => compareStrings(a.path, b.path)),
      resources: this.resources,
      providers: this.providers,
      moduleCalls: this.calls,
      commands: this.commands,
      diagnostics: [...this.session.diagnostics.all].sort((a, b) =>
        compareRanges(a.range, b.range),
      ),
    };
  }
}
