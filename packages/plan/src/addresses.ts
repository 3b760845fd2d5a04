import type { RecordedInstances } from '@posture/hcl';
import { splitAddress, type ResourceInstance } from '@posture/model';

/** The instance key of an address part: `b["k"]` → `k`, `b[0]` → 0; undefined without one. */
export function instanceKey(part: string): string | number | undefined {
  const open = part.indexOf('[');
  if (open < 0 || !part.endsWith(']')) return undefined;
  const inner = part.slice(open + 1, -1);
  if (/^\d+$/.test(inner)) return Number(inner);
  try {
    return String(JSON.parse(inner));
  } catch {
    return inner;
  }
}

/** `k` → `["k"]`, 0 → `[0]`: how Terraform writes an instance key in an address. */
export function formatKey(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

/**
 * The configuration address of an instance address: every instance key dropped, module ones
 * included, so `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`.
 */
export function configAddress(address: string): string {
  return splitAddress(address)
    .map((part) => part.replace(/\[.*\]$/, ''))
    .join('.');
}

/** `module.a["x"].module.b[0]` → its calling module `module.a["x"]`, call name `b` and key 0. */
export function parseModuleInstance(address: string): {
  parent: string;
  name: string;
  key?: string | number;
} {
  const parts = splitAddress(address);
  const last = parts.at(-1) ?? '';
  const key = instanceKey(last);
  return {
    parent: parts.slice(0, -2).join('.'),
    name: last.replace(/\[.*\]$/, ''),
    ...(key === undefined ? {} : { key }),
  };
}

/** Prefixes an address relative to a module with that module's instance address. */
export function qualify(module: string, address: string): string {
  return module === '' ? address : `${module}.${address}`;
}

/** The call through which Posture reads the module a Terragrunt unit deploys. */
const TERRAGRUNT_CALL = 'module.terragrunt.';

/** Whether a module call is that call, which a unit's plan does not have: it runs the module as its root. */
export function isTerragruntCall(address: string): boolean {
  return `${address}.` === TERRAGRUNT_CALL;
}

/**
 * The addresses a plan can give a configuration entry: its own and, for an entry of a Terragrunt
 * unit's module, the one without `module.terragrunt.`, as `terragrunt plan` runs the module at the
 * root.
 */
function planAddresses(address: string): string[] {
  return address.startsWith(TERRAGRUNT_CALL)
    ? [address, address.slice(TERRAGRUNT_CALL.length)]
    : [address];
}

/** Whether a plan's entry at `address` is the configuration's instance at `twin`, not another. */
export function isInstance(twin: string, address: string): boolean {
  return planAddresses(twin).includes(address);
}

/**
 * The configuration addresses `twins` finds an entry at `address` by: a plan's entry is its twin
 * only if the plan entry's configuration address is one of them.
 */
export function twinAddresses(address: string): string[] {
  return planAddresses(address).map(configAddress);
}

/**
 * Lookup by exact address, then by configuration address (a Terragrunt unit's entries also
 * without `module.terragrunt.`); the first configuration entry wins.
 */
export function twins<T extends { readonly address: string }>(list: readonly T[]) {
  const exact = new Map<string, T>();
  const byConfig = new Map<string, T>();
  for (const item of list) {
    for (const address of planAddresses(item.address)) {
      if (!exact.has(address)) exact.set(address, item);
      const key = configAddress(address);
      if (!byConfig.has(key)) byConfig.set(key, item);
    }
  }
  return (address: string): T | undefined =>
    exact.get(address) ?? byConfig.get(configAddress(address));
}

/**
 * The instance keys a state records, for the configuration's evaluation to make those instances:
 * each resource block's (`module.a["x"].aws_s3_bucket.b` → `[0, 1]`) and each module call's
 * (`module.a` → `["x"]`), found as `twins` finds an entry, a Terragrunt unit's under
 * `module.terragrunt.` too.
 */
export function recordedInstances(resources: readonly ResourceInstance[]): RecordedInstances {
  const keys = new Map<string, Set<string | number | undefined>>();
  const record = (block: string, key: string | number | undefined) => {
    const set = keys.get(block);
    if (set) set.add(key);
    else keys.set(block, new Set([key]));
  };
  for (const { mode, type, name, module, key } of resources) {
    record(qualify(module, `${mode === 'data' ? 'data.' : ''}${type}.${name}`), key);
    for (let at = module; at !== '';) {
      const call = parseModuleInstance(at);
      record(qualify(call.parent, `module.${call.name}`), call.key);
      at = call.parent;
    }
  }
  const lists = new Map([...keys].map(([block, set]) => [block, [...set]]));
  return (block) =>
    lists.get(block) ??
    (block.startsWith(TERRAGRUNT_CALL)
      ? lists.get(block.slice(TERRAGRUNT_CALL.length))
      : undefined);
}
