import {
  isObject,
  isUnknown,
  setOwn,
  type Inventory,
  type ModuleCall,
  type ModuleStatus,
  type OriginMap,
  type ProviderConfig,
  type Range,
  type RangeMap,
  type ResourceInstance,
  type Unknown,
  type Value,
  type ValueObject,
} from '@posture/model';
import { isInstance, parseModuleInstance, twins } from './addresses.js';
import { alignRanges, pairElements } from './elements.js';
import type { Inputs } from './inputs.js';
import type { LoadedPlan } from './load-plan.js';
import { AfterApply, DYNAMIC_AFTER_APPLY, UNRECORDED, type Reads } from './references.js';

/**
 * Points a plan inventory at the configuration it was planned from, so findings on plan resources
 * show `.tf` lines: each resource, module call and provider takes the block and attribute ranges
 * (and the `# posture:` annotations) of its configuration twin, found by exact address first, then
 * by configuration address (every instance key dropped, module ones too). A resource or call
 * inside a module the configuration calls but does not hold (a registry module not installed in
 * the scan) takes the ranges of that module call, as the HCL scan places what it reads of such a
 * module: see `atModuleCall`. An entry of the twin's own address also takes where the twin's values
 * are set outside its block ("value set here") when the configuration was evaluated with the
 * plan's variables. Other entries without a twin keep their plan-file ranges. Resources
 * keep their plan values (the plan knows tfvars and computed values); provider and module-call arguments the plan recorded only as references take the
 * configuration's evaluated value. Both inventories must share one scan root.
 */
export interface MapOptions {
  /**
   * The configuration was evaluated with the plan's root variables (`LoadedPlan.variables`), so
   * what it knows of values built from variables, locals and module outputs is what the plan
   * would: values known after apply may take their known parts.
   */
  readonly withPlanVariables?: boolean;
  /**
   * The root module the plan was made from (see `planRoots`): only the configuration's entries of
   * that root are twins. A name no configuration root has (the plan file's path, when no root
   * matched) leaves every entry its plan-file ranges. Default: every root's entries, the first
   * with an address winning.
   */
  readonly rootModule?: string;
  /**
   * What the plan's entries, and the configuration's commands it takes, have as their
   * `rootModule`: a name of this plan alone (its file's path), so that the entries of several
   * plans join only within their own plan, those of two plans of one root module (one per
   * environment, with the same addresses) too. Default: none.
   */
  readonly joinScope?: string;
}

export function mapToConfiguration(
  plan: LoadedPlan,
  config: Inventory,
  options: MapOptions = {},
): Inventory {
  const withPlanVariables = options.withPlanVariables === true;
  const knownParts = knownPartsOf(withPlanVariables ? ['resources', 'variables'] : ['resources']);
  const { rootModule, joinScope } = options;
  const ofRoot = <T extends { readonly rootModule?: string }>(list: readonly T[]) =>
    rootModule === undefined ? list : list.filter((item) => item.rootModule === rootModule);
  const rooted = <T extends object>(item: T): T =>
    joinScope === undefined ? item : { ...item, rootModule: joinScope };
  const resources = twins(ofRoot(config.resources));
  const calls = twins(ofRoot(config.moduleCalls));
  const providers = new Map(
    ofRoot(config.providers).map((provider) => [providerId(provider), provider]),
  );
  return {
    root: plan.root,
    files: [
      ...plan.files,
      ...config.files.filter((file) => !plan.files.some((p) => p.path === file.path)),
    ],
    resources: plan.resources.map((resource) => {
      const twin = resources(resource.address);
      return rooted(
        twin
          ? withResourceTwin(resource, twin, knownParts, withPlanVariables)
          : atModuleCall(resource, calls, plan.inputs?.get(resource.address)),
      );
    }),
    moduleCalls: plan.moduleCalls.map((call) => {
      const twin = calls(call.address);
      return rooted(
        twin
          ? withCallTwin(call, twin, withPlanVariables)
          : atModuleCall(call, calls, plan.inputs?.get(call.address)),
      );
    }),
    // A state records no provider configuration: the configuration's are the ones its resources
    // use (an AWS provider pointed at R2, its default tags).
    providers: recordsConfiguration(plan)
      ? plan.providers.map((provider) =>
          rooted(
            withProviderTwin(provider, providers.get(providerId(provider)), withPlanVariables),
          ),
        )
      : ofRoot(config.providers).map(rooted),
    // A plan carries no provisioner commands; the configuration it was made from does.
    commands: ofRoot(config.commands).map(rooted),
    diagnostics: [...plan.diagnostics, ...config.diagnostics],
  };
}

/** A module call the configuration read the module of: its resources and calls are twins. */
const READ: ReadonlySet<ModuleStatus> = new Set(['loaded', 'installed']);

/**
 * An entry (resource or call) inside a module whose source the configuration does not hold, placed
 * on the innermost call of it the configuration has: a value its caller wrote as an argument of
 * that call (`inputs`) on that argument, everything else on the call block. It takes the call's
 * annotations, as the bucket the HCL scan reads from the call does. An entry whose innermost call
 * the configuration read, or that has none, keeps its plan-file ranges.
 */
function atModuleCall<T extends ResourceInstance | ModuleCall>(
  entry: T,
  callOf: (address: string) => ModuleCall | undefined,
  inputs: Inputs = {},
): T {
  let depth = 0;
  for (let module = entry.module; module !== ''; module = parseModuleInstance(module).parent) {
    const call = callOf(module);
    if (call) {
      if (READ.has(call.status)) return entry;
      return { ...entry, ranges: callRanges(call, inputs, depth), annotations: call.annotations };
    }
    depth++;
  }
  return entry;
}

/**
 * The call's block, and for each value written as one of its arguments (`inputs` read through
 * `depth` calls inwards) that argument's ranges, keys of a map argument included.
 */
function callRanges(call: ModuleCall, inputs: Inputs, depth: number): RangeMap {
  const block = call.ranges[''];
  const ranges: Record<string, Range> = block ? { '': block } : {};
  for (const [path, read] of Object.entries(inputs)) {
    const argument = read[depth];
    if (argument === undefined) continue;
    for (const [key, range] of Object.entries(call.ranges)) {
      if (key === argument || key.startsWith(`${argument}.`)) {
        ranges[path + key.slice(argument.length)] = range;
      }
    }
  }
  return ranges;
}

function withResourceTwin(
  resource: ResourceInstance,
  twin: ResourceInstance,
  knownParts: (plan: Unknown, config: Value) => boolean,
  withPlanVariables: boolean,
) {
  // Only the instance itself evaluates `each.key` and `count.index` as the plan did: only its
  // values may fill the plan's and tell which written block each element of a set is.
  // A state names a resource's provider but not which of its configurations (`aws.r2`): the
  // configuration's block says.
  const provider = resource.origin === 'state' ? twin.provider : resource.provider;
  if (!isInstance(twin.address, resource.address)) {
    return { ...resource, provider, ranges: twin.ranges, annotations: twin.annotations };
  }
  return {
    ...resource,
    provider,
    values: fill(resource.values, twin.values, knownParts) as ValueObject,
    ranges: alignRanges(resource.values, twin.values, twin.ranges),
    // Where its values are set (see `originsOf`), at the plan's paths.
    ...(withPlanVariables &&
      twin.origins && { origins: alignRanges(resource.values, twin.values, twin.origins) }),
    annotations: twin.annotations,
  };
}

function withCallTwin(call: ModuleCall, twin: ModuleCall, withPlanVariables: boolean): ModuleCall {
  const values = fill(call.values, twin.values, unrecorded) as ValueObject;
  return {
    ...call,
    values,
    ranges: twin.ranges,
    ...originsOf(twin, withPlanVariables && isInstance(twin.address, call.address)),
    annotations: twin.annotations,
  };
}

function withProviderTwin(
  provider: ProviderConfig,
  twin: ProviderConfig | undefined,
  withPlanVariables: boolean,
) {
  if (!twin) return provider;
  return {
    ...provider,
    values: fill(provider.values, twin.values, unrecorded) as ValueObject,
    ranges: twin.ranges,
    ...originsOf(twin, withPlanVariables),
  };
}

/**
 * Where the twin's values are set outside its block (the `.tfvars` item, the module argument, the
 * default: "value set here"), which a plan does not record, when the entry `takes` them: one of
 * the twin's own address (another instance's are set elsewhere) when the configuration was
 * evaluated with the plan's variables (others, from `--var-file`, set other values elsewhere).
 */
function originsOf(
  twin: { readonly origins?: OriginMap },
  takes: boolean,
): { origins?: OriginMap } {
  return takes && twin.origins ? { origins: twin.origins } : {};
}

/** A plan records its configuration; a state (`terraform show -json` of one) does not. */
function recordsConfiguration(plan: LoadedPlan): boolean {
  return plan.declared !== undefined;
}

function providerId(provider: ProviderConfig): string {
  return `${provider.module}\n${provider.name}\n${provider.alias ?? ''}`;
}

/**
 * The plan's value, except where `takes` says the configuration's value stands in for one the plan
 * does not know; a list's elements are filled from the configuration elements they stand for (see
 * `pairElements`). Sensitive values stay hidden: the plan's are never replaced.
 */
function fill(
  plan: Value,
  config: Value | undefined,
  takes: (plan: Unknown, config: Value) => boolean,
): Value {
  if (config === undefined) return plan;
  if (isUnknown(plan)) return takes(plan, config) ? config : plan;
  if (Array.isArray(plan) && Array.isArray(config)) {
    const pairs = pairElements(plan, config);
    return plan.map((item, i) => {
      const j = pairs[i];
      return fill(item, j === undefined ? undefined : config[j], takes);
    });
  }
  if (isObject(plan) && isObject(config)) {
    const filled: ValueObject = {};
    for (const [key, value] of Object.entries(plan)) {
      // An argument the configuration's `dynamic` block leaves out is null, as one it sets null.
      const written = config[key] ?? (value === DYNAMIC_AFTER_APPLY ? null : undefined);
      setOwn(filled, key, fill(value, written, takes));
    }
    // A plan records no expression of a `dynamic` block: blocks over a collection known only at
    // apply read as an argument never written, computed by the provider, which the loader leaves
    // out (see `resourceValues`). The configuration reads the block, and has them unknown.
    for (const [key, value] of Object.entries(config)) {
      if (!Object.hasOwn(plan, key) && isUnknown(value)) setOwn(filled, key, value);
    }
    return filled;
  }
  return plan;
}

/**
 * Arguments the plan recorded only as an expression's references (its configuration section
 * evaluates nothing): the configuration's value, e.g. `region = var.region` or an R2 endpoint built
 * from an account id variable.
 */
function unrecorded(plan: Unknown): boolean {
  return plan.reason === UNRECORDED;
}

/**
 * For a value known after apply whose expression reads only what the configuration knows as the
 * plan did (`reads`): the known parts the configuration keeps of it (a `jsonencode` policy whose
 * `Resource` is the bucket's ARN; a condition value that is `aws_vpc_endpoint.s3.id` and nothing
 * else, which the plan records as the same references as `"${aws_vpc_endpoint.s3.id}*"`), the
 * resources it reads that the plan does not name (`namesMore`), or the list or object it is with
 * unknowns inside: the AWS provider plans a list holding an element known only after apply
 * (`trusted_key_groups = [aws_cloudfront_key_group.signed.id]`) as not known at all, though
 * Terraform plans what the configuration writes. One that reads a variable stays the plan's
 * unknown unless the configuration was evaluated with the plan's variables: tfvars may give the
 * plan another value than the configuration's default.
 */
function knownPartsOf(reads: readonly Reads[]): (plan: Unknown, config: Value) => boolean {
  return (plan, config) =>
    plan instanceof AfterApply &&
    reads.includes(plan.reads) &&
    (isUnknown(config)
      ? hasKnownParts(config) || namesMore(config, plan)
      : holdsUnknown(config) || (config === null && plan === DYNAMIC_AFTER_APPLY));
}

function holdsUnknown(value: Value): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(holdsUnknown);
  return isObject(value) && Object.values(value).some(holdsUnknown);
}

function hasKnownParts(value: Unknown): boolean {
  return (
    value.encodes !== undefined ||
    value.pieces !== undefined ||
    value.entries !== undefined ||
    value.reference !== undefined
  );
}

/**
 * Whether the configuration's unknown reads a resource, or one instance of it, that the plan's
 * does not name. Terraform records an expression's references, not what they lead to: of
 * `policy = local.policies["cli"]` only `local.policies`, so the plan's unknown names no
 * `data.aws_iam_policy_document` the policy renders; of `bucket = each.value.id` under
 * `for_each = { for k, b in aws_s3_bucket.x : b.bucket => b if … }` only that the `for_each` reads
 * `aws_s3_bucket.x`, whose instances are keyed otherwise: every bucket, those the `for` leaves out
 * too. The configuration evaluated the local, and the `for` with this instance's key, and knows
 * which: `data.aws_iam_policy_document.cli`, `aws_s3_bucket.x["cli"]`.
 */
function namesMore(config: Unknown, plan: Unknown): boolean {
  const named = new Set(plan.resources);
  return config.resources.some((ref) => !named.has(ref));
}
