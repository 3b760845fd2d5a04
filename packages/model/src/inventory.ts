import type { Position, Range } from './source.js';
import type { Value, ValueObject } from './value.js';

/**
 * The inventory: every input format (HCL, .tf.json, plan JSON, state JSON) is loaded into this one
 * shape. Adapters read only this; a new input format never touches an adapter or a rule.
 */
export interface Inventory {
  /** Absolute path of the scan root; every `Range.file` is relative to it. */
  readonly root: string;
  readonly files: ScannedFile[];
  readonly resources: ResourceInstance[];
  readonly providers: ProviderConfig[];
  readonly moduleCalls: ModuleCall[];
  /** Commands run by provisioners (read from HCL; a plan does not carry them). */
  readonly commands: TerraformCommand[];
  readonly diagnostics: Diagnostic[];
}

/** An inventory of nothing: what a scan without Terraform, or an unreadable plan, holds. */
export function emptyInventory(root: string): Inventory {
  return {
    root,
    files: [],
    resources: [],
    providers: [],
    moduleCalls: [],
    commands: [],
    diagnostics: [],
  };
}

export type FileKind =
  | 'terraform'
  | 'terraform-json'
  | 'tfvars'
  | 'plan'
  | 'state'
  | 'build'
  | 'policy'
  /** A package about to ship (a tarball or zip), a file it ships, or an approved manifest. */
  | 'artifact';

export interface ScannedFile {
  /** Relative to the scan root, `/`-separated. */
  readonly path: string;
  readonly kind: FileKind;
  readonly bytes: number;
  /** Hex sha-256 of the file's bytes, for audit evidence. */
  readonly sha256: string;
}

/**
 * Where each evaluated attribute came from. Keys are paths: `''` is the whole block, `tags` an
 * attribute, `tags.release` a key of a map, `rule.0.object_ownership` an attribute of the first
 * nested `rule` block. A path that has no entry was not written in the source.
 */
export type RangeMap = Readonly<Record<string, Range>>;

/**
 * Where the values at paths of a block (keyed as `RangeMap`) are set outside the block, nearest
 * first: the module argument, the `.tfvars` item, the variable default, the local or the
 * `for_each` entry a value comes through. Under `''`, where the `count` or `for_each` that makes
 * the instance is decided. A path whose value is written in the block alone has no entry.
 */
export type OriginMap = Readonly<Record<string, readonly Range[]>>;

/** `# posture:<text>` comments attached to a block: on the lines just above it or on its first line. */
export interface Annotation {
  /** The text after `posture:`, trimmed, e.g. `release` or `ignore s3-website reason="docs site"`. */
  readonly text: string;
  readonly range: Range;
}

export interface ProviderRef {
  /** Local provider name, e.g. `aws`, `google`, `cloudflare`. */
  readonly name: string;
  readonly alias?: string;
  /** Address of the module whose provider block applies (after inheritance); `''` for root. */
  readonly module: string;
}

export interface ResourceInstance {
  /** Full instance address, e.g. `module.a.aws_s3_bucket.b["k"]` or `data.aws_iam_policy_document.p`. */
  readonly address: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Address of the containing module instance: `''` for root, `module.a["x"].module.b` otherwise. */
  readonly module: string;
  /** `count.index` or `each.key` of this instance, when the block has `count` or `for_each`. */
  readonly key?: string | number;
  readonly provider: ProviderRef;
  /** Evaluated arguments; nested blocks appear as arrays of objects under the block type name. */
  readonly values: ValueObject;
  readonly ranges: RangeMap;
  /** An HCL scan's, and a plan's mapped onto one evaluated with its variables. */
  readonly origins?: OriginMap;
  /** Addresses of other resources this one's expressions refer to (without attribute paths). */
  readonly references: readonly string[];
  readonly annotations: readonly Annotation[];
  readonly origin: 'hcl' | 'plan' | 'state';
  /**
   * Directory of the root module whose evaluation produced this entry, relative to the scan root
   * (`.` for the root itself). One scan can hold several root modules (`envs/dev`, `envs/prod`,
   * `examples/*`) whose addresses are equal; join entries by address only within one root module.
   * A plan or state read alone leaves it absent; in a scan, its entries have the plan file's path
   * instead: each plan is an evaluation of its own, and the plans of one root (one per
   * environment) repeat its addresses.
   */
  readonly rootModule?: string;
  /**
   * Set on an entry that stands for instances not known (`[*]` in its address, or in its module's):
   * the `count` or `for_each` not known that makes it so. An HCL scan's only: a plan lists the
   * instances.
   */
  readonly unexpanded?: Unexpanded;
}

/** A `count` or `for_each` whose value is not known, so that its block stands for any instances. */
export interface Unexpanded {
  /** The meta-argument and its block, for messages: `the for_each of module.bucket`. */
  readonly what: string;
  /** Why its value is not known: `variable buckets has no value`. */
  readonly reason: string;
  /**
   * The variable with no value (no default, none given) that leaves it unknown, when that is why:
   * Terraform would refuse to plan the configuration ("No value for required variable").
   */
  readonly variable?: string;
  /** The meta-argument. */
  readonly range: Range;
  /**
   * The meta-argument as written, with the module instance it is read in
   * (`module.site.count = var.create ? 1 : 0`): blocks with the same are made together or not at
   * all, however many instances that is.
   */
  readonly written?: string;
}

export interface ProviderConfig {
  readonly name: string;
  readonly alias?: string;
  /** Module that declares the block, `''` for root. */
  readonly module: string;
  /** Evaluated arguments: `region`, `endpoints`, `default_tags` (block), `default_labels`, … */
  readonly values: ValueObject;
  readonly ranges: RangeMap;
  /** An HCL scan's, and a plan's mapped onto one evaluated with its variables. */
  readonly origins?: OriginMap;
  /**
   * Directory of the root module whose evaluation produced this configuration, relative to the scan root
   * (`.` for the root itself). One scan can hold several root modules (`envs/dev`, `envs/prod`,
   * `examples/*`) whose addresses are equal; join entries by address only within one root module.
   * A plan or state read alone leaves it absent; in a scan, its entries have the plan file's path
   * instead: each plan is an evaluation of its own, and the plans of one root (one per
   * environment) repeat its addresses.
   */
  readonly rootModule?: string;
}

export type ModuleSourceKind = 'local' | 'registry' | 'git' | 'other';

export type ModuleStatus =
  /** A local module read from the scan root. */
  | 'loaded'
  /** A registry or git module read from `.terraform/modules`. */
  | 'installed'
  /** Not installed and not fetched: its resources are not in the inventory. */
  | 'unresolved'
  /** The source points outside the scan root, which is never read. */
  | 'outside-root'
  /** The module calls itself, directly or through others. */
  | 'cycle'
  /** Nested deeper than the loader expands: its resources are not in the inventory. */
  | 'too-deep';

export interface ModuleCall {
  /** Instance address, e.g. `module.bucket` or `module.a.module.b["k"]`. */
  readonly address: string;
  readonly name: string;
  /** The calling module's address, `''` for root. */
  readonly module: string;
  readonly key?: string | number;
  readonly source: string;
  readonly version?: string;
  readonly sourceKind: ModuleSourceKind;
  readonly status: ModuleStatus;
  /** Evaluated input arguments (not meta-arguments). */
  readonly values: ValueObject;
  readonly ranges: RangeMap;
  /** An HCL scan's, and a plan's mapped onto one evaluated with its variables. */
  readonly origins?: OriginMap;
  readonly annotations: readonly Annotation[];
  /**
   * The caller's provider configurations that `providers = { aws = aws.replica }` passes, by the
   * name the module knows each by (`aws`, `aws.west`), resolved as a resource's `provider` is.
   * Absent when the call passes none: the module then inherits its caller's default ones.
   */
  readonly providers?: Readonly<Record<string, ProviderRef>>;
  /**
   * Directory of the root module whose evaluation produced this call, relative to the scan root
   * (`.` for the root itself). One scan can hold several root modules (`envs/dev`, `envs/prod`,
   * `examples/*`) whose addresses are equal; join entries by address only within one root module.
   * A plan or state read alone leaves it absent; in a scan, its entries have the plan file's path
   * instead: each plan is an evaluation of its own, and the plans of one root (one per
   * environment) repeat its addresses.
   */
  readonly rootModule?: string;
  /**
   * Set on an entry that stands for instances not known (`[*]` in its address, or in its module's):
   * the `count` or `for_each` not known that makes it so. An HCL scan's only: a plan lists the
   * instances.
   */
  readonly unexpanded?: Unexpanded;
}

/**
 * A command that runs while Terraform applies, out of sight of any plan: a provisioner's (a
 * `local-exec` `command` on the machine applying, a `remote-exec` `inline` list on the instance
 * created) or a Terragrunt hook's `execute`. What it does to a bucket is read as a build step's
 * script is.
 */
export interface TerraformCommand {
  /**
   * What runs it, as a finding names it: `null_resource.publish provisioner "local-exec"`,
   * `after_hook "publish"`.
   */
  readonly runner: string;
  readonly from: 'provisioner' | 'terragrunt-hook';
  /** The evaluated command (a string, or what is known of it), or a list of them run in turn. */
  readonly command: Value;
  /** The attribute that holds it. */
  readonly range: Range;
  /**
   * Where the command's text starts in the file: inside the quotes, on a heredoc's first line, or
   * at a list's first item. The evaluated text's lines are counted from here.
   */
  readonly textStart: Position;
  /**
   * Directory of the root module whose evaluation produced it (see `ResourceInstance`), or of the
   * Terragrunt unit whose hook it is.
   */
  readonly rootModule?: string;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/**
 * Something a loader could not read or resolve. Errors make the gate fail closed: the engine turns
 * each into a finding, so an unreadable file never passes as clean.
 */
export interface Diagnostic {
  readonly severity: DiagnosticSeverity;
  /** Stable code, e.g. `hcl-syntax`, `plan-invalid`, `module-unresolved`, `eval-cycle`. */
  readonly code: string;
  readonly message: string;
  /** Where, as precisely as known; a whole file when no line is known. */
  readonly range: Range;
}

/**
 * Whether a diagnostic says input was not read, or read only in part (what `input-unreadable`
 * reports): an error, but for an uninstalled module, which is an error of scope, not of input.
 */
export function isUnreadInput(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error' && diagnostic.code !== 'module-unresolved';
}

/**
 * Whether a diagnostic says a module call's module was not read (what `module-unresolved`
 * reports): not installed, a source fetched at deploy time, a directory missing or outside the
 * root. Whatever bucket it makes is not known. A well-known module read by its inputs, or known to
 * make no bucket, is never reported.
 */
export function isUnreadModule(diagnostic: Diagnostic): boolean {
  return diagnostic.code === 'module-unresolved' || diagnostic.code === 'module-outside-root';
}
