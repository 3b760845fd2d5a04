import type { Inventory, ModuleCall, ResourceInstance, Value, ValueObject } from '@posture/model';
import { twins } from './addresses.js';

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
 * usually what tells environments apart). Two roots still equal are ambiguous.
 */
export function planRoot(plan: Inventory, config: Inventory): PlanRoot {
  const byRoot = new Map<string, Entries>();
  const entriesOf = (root = '.') => {
    let entries = byRoot.get(root);
    if (!entries) byRoot.set(root, (entries = { resources: [], calls: [] }));
    return entries;
  };
  for (const resource of config.resources) entriesOf(resource.rootModule).resources.push(resource);
  for (const call of config.moduleCalls) entriesOf(call.rootModule).calls.push(call);
  const scored = [...byRoot].map(([root, entries]) => {
    const twinOf = twins(entries.resources);
    const callOf = twins(entries.calls);
    let matched = plan.moduleCalls.filter((call) => callOf(call.address)).length;
    let agreeing = 0;
    for (const resource of plan.resources) {
      const twin = twinOf(resource.address);
      if (!twin) continue;
      matched++;
      agreeing += agreeingSettings(resource.values, twin.values);
    }
    return { root, matched, agreeing };
  });
  scored.sort((a, b) => b.matched - a.matched || b.agreeing - a.agreeing);
  const [best, next] = scored;
  if (!best || best.matched === 0) return { none: true };
  if (next && next.matched === best.matched && next.agreeing === best.agreeing) {
    const tied = scored.filter((s) => s.matched === best.matched && s.agreeing === best.agreeing);
    return { ambiguous: tied.map((s) => s.root) };
  }
  return { root: best.root };
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
