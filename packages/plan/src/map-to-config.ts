import {
  isObject,
  isUnknown,
  type Inventory,
  type ModuleCall,
  type ProviderConfig,
  type ResourceInstance,
  type Value,
  type ValueObject,
} from '@posture/model';
import { configAddress } from './addresses.js';
import { UNRECORDED } from './references.js';

/**
 * Points a plan inventory at the configuration it was planned from, so findings on plan resources
 * show `.tf` lines: each resource, module call and provider takes the block and attribute ranges
 * (and the `# posture:` annotations) of its configuration twin, found by exact address first, then
 * by configuration address (every instance key dropped, module ones too). Entries without a twin
 * keep their plan-file ranges. Resources keep their plan values (the plan knows tfvars and computed
 * values); provider and module-call arguments the plan recorded only as references take the
 * configuration's evaluated value. Both inventories must share one scan root.
 */
export function mapToConfiguration(plan: Inventory, config: Inventory): Inventory {
  const resources = twins(config.resources);
  const calls = twins(config.moduleCalls);
  const providers = new Map(config.providers.map((provider) => [providerId(provider), provider]));
  return {
    root: plan.root,
    files: [
      ...plan.files,
      ...config.files.filter((file) => !plan.files.some((p) => p.path === file.path)),
    ],
    resources: plan.resources.map((resource) =>
      withResourceTwin(resource, resources(resource.address)),
    ),
    moduleCalls: plan.moduleCalls.map((call) => withCallTwin(call, calls(call.address))),
    providers: plan.providers.map((provider) =>
      withProviderTwin(provider, providers.get(providerId(provider))),
    ),
    diagnostics: [...plan.diagnostics, ...config.diagnostics],
  };
}

function withResourceTwin(resource: ResourceInstance, twin: ResourceInstance | undefined) {
  return twin ? { ...resource, ranges: twin.ranges, annotations: twin.annotations } : resource;
}

function withCallTwin(call: ModuleCall, twin: ModuleCall | undefined): ModuleCall {
  if (!twin) return call;
  const values = fillUnrecorded(call.values, twin.values) as ValueObject;
  return { ...call, values, ranges: twin.ranges, annotations: twin.annotations };
}

function withProviderTwin(provider: ProviderConfig, twin: ProviderConfig | undefined) {
  if (!twin) return provider;
  return {
    ...provider,
    values: fillUnrecorded(provider.values, twin.values) as ValueObject,
    ranges: twin.ranges,
  };
}

/** Lookup by exact address, then by configuration address; the first configuration entry wins. */
function twins<T extends { readonly address: string }>(list: readonly T[]) {
  const exact = new Map<string, T>();
  const byConfig = new Map<string, T>();
  for (const item of list) {
    if (!exact.has(item.address)) exact.set(item.address, item);
    const key = configAddress(item.address);
    if (!byConfig.has(key)) byConfig.set(key, item);
  }
  return (address: string): T | undefined =>
    exact.get(address) ?? byConfig.get(configAddress(address));
}

function providerId(provider: ProviderConfig): string {
  return `${provider.module}\n${provider.name}\n${provider.alias ?? ''}`;
}

/**
 * The plan's value, except where the plan recorded only an expression's references (its
 * configuration section evaluates nothing): there the configuration's value, e.g. `region =
 * var.region` or an R2 endpoint built from an account id variable. Sensitive values stay hidden.
 */
function fillUnrecorded(plan: Value, config: Value | undefined): Value {
  if (config === undefined) return plan;
  if (isUnknown(plan)) return plan.reason === UNRECORDED ? config : plan;
  if (Array.isArray(plan) && Array.isArray(config)) {
    return plan.map((item, i) => fillUnrecorded(item, config[i]));
  }
  if (isObject(plan) && isObject(config)) {
    return Object.fromEntries(
      Object.entries(plan).map(([key, value]) => [key, fillUnrecorded(value, config[key])]),
    );
  }
  return plan;
}
