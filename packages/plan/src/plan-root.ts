import type { Inventory, ModuleCall, ResourceInstance, Value, ValueObject } from '@posture/model';
import { configAddress, twinAddresses, twins } from './addresses.js';

/**
 * Which root module of the configuration a plan was made from, as far as its resources and module
 * calls tell.
 */
export type PlanRoot =
  { readonly root: string } | { readonly ambiguous: readonly string[] } | { readonly none: true };

/**
 * A plan does not record the directory it was made in, and a repository often holds several roots
 * with the same addresses (`envs/prod`, `envs/staging`). The plan's root is the one holding the most
 * of its resources and module calls at their configuration address (a root that only calls a
 * registry module not installed in the scan holds no resource of it); between roots holding as
 * many, the one whose evaluated values agree with the plan's on more settings (a bucket's name is
 * usually what tells environments apart). Two roots still equal are ambiguous. The configuration
 * is indexed once for every plan of a scan, and a plan is compared only with the roots holding one
 * of its addresses: a repository of a thousand roots may be scanned with a plan for each.
 */
export function planRoots(config: Inventory): (plan: Inventory) => PlanRoot {
  const byRoot = new Map<string, Entries>();
  const entriesOf = (root = '.') => {
    let entries = byRoot.get(root);
    if (!entries) byRoot.set(root, (entries = { resources: [], calls: [] }));
    return entries;
  };
  for (const resource of config.resources) entriesOf(resource.rootModule).resources.push(resource);
  for (const call of config.moduleCalls) entriesOf(call.rootModule).calls.push(call);
  const roots: Root[] = [...byRoot].map(([root, entries]) => ({
    root,
    twinOf: twins(entries.resources),
    callOf: twins(entries.calls),
  }));
  // By the configuration address a plan entry has, the roots (their indexes) with a twin for it.
  const holding = new Map<string, Set<number>>();
  [...byRoot.values()].forEach(({ resources, calls }, i) => {
    for (const { address } of [...resources, ...calls]) {
      for (const key of twinAddresses(address)) {
        const held = holding.get(key);
        if (held) held.add(i);
        else holding.set(key, new Set([i]));
      }
    }
  });
  return (plan) => {
    const candidates = new Set<number>();
    for (const { address } of [...plan.resources, ...plan.moduleCalls]) {
      for (const i of holding.get(configAddress(address)) ?? []) candidates.add(i);
    }
    const scored = [...candidates].sort((a, b) => a - b).map((i) => score(plan, roots[i]!));
    scored.sort((a, b) => b.matched - a.matched || b.agreeing - a.agreeing);
    const [best, next] = scored;
    if (!best || best.matched === 0) return { none: true };
    if (next && next.matched === best.matched && next.agreeing === best.agreeing) {
      const tied = scored.filter((s) => s.matched === best.matched && s.agreeing === best.agreeing);
      return { ambiguous: tied.map((s) => s.root) };
    }
    return { root: best.root };
  };
}

interface Root {
  readonly root: string;
  readonly twinOf: (address: string) => ResourceInstance | undefined;
  readonly callOf: (address: string) => ModuleCall | undefined;
}

/** How many of the plan's entries the root holds, and on how many settings their values agree. */
function score(plan: Inventory, { root, twinOf, callOf }: Root) {
  let matched = plan.moduleCalls.filter((call) => callOf(call.address)).length;
  let agreeing = 0;
  for (const resource of plan.resources) {
    const twin = twinOf(resource.address);
    if (!twin) continue;
    matched++;
    agreeing += agreeingSettings(resource.values, twin.values);
  }
  return { root, matched, agreeing };
}

interface Entries {
  readonly resources: ResourceInstance[];
  readonly calls: ModuleCall[];
}

/** Top-level settings both know as the same string, number or boolean. */
function agreeingSettings(plan: ValueObject, config: ValueObject): number {
  let count = 0;
  for (const [key, value] of Object.entries(plan)) {
    const other = config[key];
    if (isScalar(value) && value === other) count++;
  }
  return count;
}

function isScalar(value: Value | undefined): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
