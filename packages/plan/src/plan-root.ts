import type { Inventory, ModuleCall, ResourceInstance, Value, ValueObject } from '@posture/model';
import { configAddress, isTerragruntCall, twinAddresses, twins } from './addresses.js';
import type { LoadedPlan } from './load-plan.js';

/**
 * Which root module of the configuration a plan was made from, as far as its resources and module
 * calls tell. `over` names the roots that hold more of its addresses but were passed over, as they
 * also hold blocks the plan does not have.
 */
export type PlanRoot =
  | { readonly root: string; readonly over?: readonly string[] }
  | { readonly ambiguous: readonly string[] }
  | { readonly none: true };

/**
 * A plan does not record the directory it was made in, and a repository often holds several roots
 * with the same addresses (`envs/prod`, `envs/staging`). A root holding a block the plan does not
 * have (one its configuration does not declare; for a state, which records no configuration, one
 * it has no instance of) is not what it was made from, unless no root is free of such blocks. Of
 * the rest, the plan's root is the one holding the most of its resources and module calls at their
 * configuration address (a root that only calls a registry module not installed in the scan holds
 * no resource of it); between roots holding as many, the one whose evaluated values agree with the
 * plan's on more settings (a bucket's name is usually what tells environments apart). Two roots
 * still equal are ambiguous. Counting addresses alone would choose a root whose defaults make
 * instances of blocks that the plan's root makes only with the plan's variables.
 * The configuration is indexed once for every plan of a scan, and a plan is compared only with the
 * roots holding one of its addresses: a repository of a thousand roots may be scanned with a plan
 * for each.
 */
export function planRoots(config: Inventory): (plan: LoadedPlan) => PlanRoot {
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
    resourceBlocks: blocksOf(entries.resources),
    callBlocks: blocksOf(entries.calls.filter((call) => !isTerragruntCall(call.address))),
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
    const has = blocksOfPlan(plan);
    const scored = [...candidates].sort((a, b) => a - b).map((i) => score(plan, roots[i]!, has));
    scored.sort(
      (a, b) => +a.foreign - +b.foreign || b.matched - a.matched || b.agreeing - a.agreeing,
    );
    const [best, next] = scored;
    if (!best || best.matched === 0) return { none: true };
    const equal = (s: Score) =>
      s.foreign === best.foreign && s.matched === best.matched && s.agreeing === best.agreeing;
    if (next && equal(next)) return { ambiguous: scored.filter(equal).map((s) => s.root) };
    const over = scored.filter((s) => s.matched > best.matched).map((s) => s.root);
    return over.length > 0 ? { root: best.root, over } : { root: best.root };
  };
}

interface Root {
  readonly root: string;
  readonly twinOf: (address: string) => ResourceInstance | undefined;
  readonly callOf: (address: string) => ModuleCall | undefined;
  /** Each block the root's entries are of, by the configuration addresses a plan may give it. */
  readonly resourceBlocks: readonly (readonly string[])[];
  readonly callBlocks: readonly (readonly string[])[];
}

interface Score {
  readonly root: string;
  /** The root holds a block the plan does not have. */
  readonly foreign: boolean;
  readonly matched: number;
  readonly agreeing: number;
}

/**
 * How many of the plan's entries the root holds, on how many settings their values agree, and
 * whether the root holds a block the plan does not have (`has`).
 */
function score(plan: Inventory, root: Root, has: PlanBlocks): Score {
  const { twinOf, callOf } = root;
  let matched = plan.moduleCalls.filter((call) => callOf(call.address)).length;
  let agreeing = 0;
  for (const resource of plan.resources) {
    const twin = twinOf(resource.address);
    if (!twin) continue;
    matched++;
    agreeing += agreeingSettings(resource.values, twin.values);
  }
  const lacks = (block: readonly string[]) => !block.some((address) => has.blocks.has(address));
  const foreign = root.resourceBlocks.some(lacks) || (has.calls && root.callBlocks.some(lacks));
  return { root: root.root, foreign, matched, agreeing };
}

/**
 * The blocks a plan has: those its configuration declares, calls included. A state records no
 * configuration: the blocks it has instances of, and no module call, as it records only the
 * resources (those of the types read) in the modules.
 */
interface PlanBlocks {
  readonly blocks: ReadonlySet<string>;
  readonly calls: boolean;
}

function blocksOfPlan(plan: LoadedPlan): PlanBlocks {
  if (plan.declared) return { blocks: plan.declared, calls: true };
  return { blocks: new Set(plan.resources.map((r) => configAddress(r.address))), calls: false };
}

/** The distinct blocks of `entries`, each by the configuration addresses a plan may give it. */
function blocksOf(entries: readonly { readonly address: string }[]): string[][] {
  const blocks = new Map<string, string[]>();
  for (const { address } of entries) {
    const key = configAddress(address);
    if (!blocks.has(key)) blocks.set(key, twinAddresses(address));
  }
  return [...blocks.values()];
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
