import {
  AFTER_APPLY,
  Unknown,
  type ResourceInstance,
  type Value,
  type ValueObject,
} from '@posture/model';
import { applyMask, collectStrings, hideCopies, type ValuePath } from './masks.js';
import type {
  ConfigResource,
  Configuration,
  PlanDocument,
  ResourceChange,
  ValuesModule,
  ValuesResource,
  ValuesSection,
} from './plan-json.js';
import type { ModuleTree } from './module-tree.js';
import { providerRef } from './providers.js';
import { valueRanges, type PlanSource } from './ranges.js';
import {
  configResourceOf,
  AfterApply,
  DYNAMIC_AFTER_APPLY,
  expressionAt,
  writesBlock,
  indexConfigResources,
  referencedResources,
  resolveReferences,
  type ReferenceContext,
  whatItReads,
} from './references.js';

/** A resource object of the document, with its module instance and JSON path. */
export interface Entry {
  readonly resource: ValuesResource;
  readonly module: string;
  readonly path: readonly (string | number)[];
}

/**
 * The resource objects and module instances of one `*.root_module` tree, in document order. A
 * deposed object (`deposed_key`: the old half of a create-before-destroy replacement) is left
 * out: it is being destroyed, and it shares its address with the current object, so keeping it
 * would join the current object's policy and settings to it.
 */
export function collectEntries(
  section: ValuesSection | undefined,
  path: readonly (string | number)[],
): { resources: Entry[]; modules: string[] } {
  const resources: Entry[] = [];
  const modules: string[] = [];
  const walk = (module: ValuesModule, at: readonly (string | number)[]) => {
    if (module.address !== undefined) modules.push(module.address);
    module.resources?.forEach((resource, i) => {
      if (resource.deposed_key !== undefined) return;
      resources.push({ resource, module: module.address ?? '', path: [...at, 'resources', i] });
    });
    module.child_modules?.forEach((child, i) => walk(child, [...at, 'child_modules', i]));
  };
  if (section?.root_module) walk(section.root_module, [...path, 'root_module']);
  return { resources, modules };
}

/**
 * What a plan says will exist after apply: the planned values, less anything only being deleted
 * (no live exposure; a replacement's new object stays), plus what the plan leaves as it is, which
 * only the prior state holds: the data sources Terraform read while planning, the resources a
 * `-target` plan leaves out, and those a `removed` block forgets (`destroy = false`), which stay
 * in the account unmanaged and which the planned values list with no values.
 */
export function liveEntries(plan: PlanDocument, changes: ReadonlyMap<string, ResourceChange>) {
  const planned = collectEntries(plan.planned_values, ['planned_values']);
  const kept = planned.resources.filter(({ resource }) => {
    const change = changes.get(resource.address);
    return !isDeletion(change) && !isForgotten(change);
  });
  const seen = new Set(kept.map(({ resource }) => resource.address));
  const prior = collectEntries(plan.prior_state?.values, ['prior_state', 'values']);
  const left = prior.resources.filter(
    ({ resource }) => !seen.has(resource.address) && !isDeletion(changes.get(resource.address)),
  );
  return {
    resources: [...kept, ...left],
    modules: liveModules(planned.modules, prior.modules, left),
  };
}

/** The planned module instances, and those of the prior state that hold an object left as it is. */
function liveModules(
  planned: readonly string[],
  prior: readonly string[],
  left: readonly Entry[],
): string[] {
  const holding = (module: string) =>
    left.some((entry) => entry.module === module || entry.module.startsWith(`${module}.`));
  return [...new Set([...planned, ...prior.filter(holding)])];
}

/** Changes by address; changes to deposed objects are deletions of old objects, not resources. */
export function changesByAddress(plan: PlanDocument): Map<string, ResourceChange> {
  return new Map(
    (plan.resource_changes ?? [])
      .filter((change) => change.deposed === undefined)
      .map((change) => [change.address, change]),
  );
}

function isDeletion(change: ResourceChange | undefined): boolean {
  return change?.change.actions.every((action) => action === 'delete') ?? false;
}

/** Dropped from the state and left in the account: its planned values hold nothing. */
function isForgotten(change: ResourceChange | undefined): boolean {
  return change?.change.actions.every((action) => action === 'forget') ?? false;
}

// Unknowns are immutable: the many without references share one instance (a large plan has
// dozens per resource), which spares the garbage collector a large share of its work.
const NOT_YET = new Unknown([], AFTER_APPLY);
const SENSITIVE = new Unknown([], 'sensitive');

export interface BuildContext {
  readonly source: PlanSource;
  readonly origin: 'plan' | 'state';
  readonly configuration: Configuration | undefined;
  readonly changes: ReadonlyMap<string, ResourceChange>;
  readonly tree: ModuleTree;
}

/** Builds one ResourceInstance per entry; config resources are indexed once for all of them. */
export function resourceInstances(
  list: readonly Entry[],
  context: BuildContext,
): ResourceInstance[] {
  const index = indexConfigResources(context.tree.root);
  return list.map((entry) =>
    resourceInstance(entry, configResourceOf(index, entry.resource.address), context),
  );
}

function resourceInstance(
  { resource, module, path }: Entry,
  config: ConfigResource | undefined,
  context: BuildContext,
): ResourceInstance {
  const key = resource.index;
  const forEach = config?.for_each_expression?.references;
  const refs: ReferenceContext = { module, key, forEach, tree: context.tree };
  return {
    address: resource.address,
    mode: resource.mode,
    type: resource.type,
    name: resource.name,
    module,
    ...(key === undefined ? {} : { key }),
    provider: providerRef(
      config?.provider_config_key,
      context.configuration?.provider_config,
      resource.provider_name,
    ),
    values: resourceValues(resource, context.changes.get(resource.address), config, refs),
    ranges: valueRanges(context.source, path),
    references: config
      ? referencedResources(config, refs)
      : // A state records what each resource was created after, not its expressions: the nearest.
        [...(resource.depends_on ?? [])],
    annotations: [],
    origin: context.origin,
  };
}

/**
 * The planned values with every attribute unknown until apply made an `Unknown` that keeps the
 * references of the expression behind it, and every sensitive value replaced (never copied),
 * wherever it appears.
 */
function resourceValues(
  resource: ValuesResource,
  change: ResourceChange | undefined,
  config: ConfigResource | undefined,
  refs: ReferenceContext,
): ValueObject {
  const values: ValueObject = resource.values ?? {};
  const unknownAt = (path: ValuePath) => {
    const expression = expressionAt(config?.expressions, path);
    // An argument the configuration never wrote, computed by the provider (`acl`, `policy` of an
    // aws_s3_bucket, `trusted_key_groups` in a distribution's cache behaviour), is absent, as in
    // the HCL reader: it is not an unknown setting.
    if (config && !expression && writesBlock(config.expressions ?? {}, path.slice(0, -1))) {
      return undefined;
    }
    if (config && !expression) return DYNAMIC_AFTER_APPLY;
    const references = expression?.references ?? [];
    return references.length === 0
      ? NOT_YET
      : new AfterApply(resolveReferences(references, refs), whatItReads(references));
  };
  const secrets = new Set<string>();
  const sensitive = (_path: ValuePath, current: Value | undefined) => {
    collectStrings(current, secrets);
    return SENSITIVE;
  };
  applyMask(values, change?.change.after_unknown, unknownAt);
  applyMask(values, resource.sensitive_values, sensitive);
  applyMask(values, change?.change.after_sensitive, sensitive);
  if (secrets.size > 0) hideCopies(values, secrets, SENSITIVE);
  return values;
}
