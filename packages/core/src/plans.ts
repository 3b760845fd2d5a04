/**
 * Plan and state files in a scan: each is mapped to the root module it was made from, so that its
 * findings land on that root's `.tf` lines, and its entries join only each other; the
 * configuration of that root is evaluated again with the variables the plan was made with.
 */
import { realpathSync } from 'node:fs';
import { posix, relative, resolve, sep } from 'node:path';
import {
  addTo,
  emptyInventory,
  type Diagnostic,
  type Inventory,
  type Value,
  type ValueObject,
} from '@posture/model';
import type { RecordedInstances } from '@posture/hcl';
import {
  loadPlan,
  mapToConfiguration,
  planRoots,
  recordedInstances,
  type LoadedPlan,
  type PlanRoot,
  type PlanText,
} from '@posture/plan';
import { ADAPTED } from './adapters/index.js';
import { enclosure } from './enclosure.js';

export interface PlanContext {
  /** Absolute scan root. */
  readonly root: string;
  /** The command line gives variables: they are what the user asked for, not the plans'. */
  readonly commandLineVariables: boolean;
  /**
   * Loads the root modules at `paths` again, each with its own variables, and those a state is for
   * with the instances it recorded.
   */
  readonly reload: (
    paths: readonly string[],
    rootVars: ReadonlyMap<string, Readonly<Record<string, Value>>>,
    rootInstances: ReadonlyMap<string, RecordedInstances>,
  ) => Inventory;
}

/**
 * The scan's inventory from its plans, with the configuration's ranges and annotations, and from
 * the configuration of every root module no plan read is for (all of them when no plan could be
 * read: the plan's diagnostic fails the gate), with a note naming those roots. Each plan is its
 * own world: its entries join only each other, so that the plans of one root (one per
 * environment, with the same addresses) never lend each other a setting.
 */
export function withPlans(
  config: Inventory,
  files: readonly (string | PlanText)[],
  context: PlanContext,
): Inventory {
  const inputs = distinct(files);
  const plans = inputs.map((file) => loadPlan(file, { root: context.root, focus: ADAPTED }));
  const paths = inputs.map((file) => planPath(file, context));
  const rootOf = planRoots(config);
  const matched = plans.map((plan, i) => matchRoot(rootOf(plan), paths[i]!));
  const configurations = evaluated(
    config,
    plans.map((plan, i) => ({ ...matched[i]!, plan })),
    context,
  );
  const mapped = plans.map((plan, i) => {
    const { root: rootModule, diagnostics } = matched[i]!;
    const { twins, withPlanVariables } = configurations[i]!;
    const mappedPlan = mapToConfiguration(plan, twins, {
      withPlanVariables,
      rootModule,
      joinScope: paths[i],
    });
    return { ...mappedPlan, diagnostics: [...mappedPlan.diagnostics, ...diagnostics] };
  });
  const read = mapped.map((p) => p.resources.length > 0 || !hasErrors(p.diagnostics));
  const planned = new Set(matched.flatMap((m, i) => (m.fits && read[i] ? [m.root] : [])));
  const unplanned = outside(config, planned);
  const resourcesFrom = [...mapped.filter((_, i) => read[i]), unplanned.inventory];
  const byPath = new Map(
    [...config.files, ...mapped.flatMap((p) => p.files)].map((f) => [f.path, f]),
  );
  return {
    root: config.root,
    files: [...byPath.values()],
    resources: resourcesFrom.flatMap((p) => p.resources),
    providers: resourcesFrom.flatMap((p) => p.providers),
    moduleCalls: resourcesFrom.flatMap((p) => p.moduleCalls),
    commands: resourcesFrom.flatMap((p) => p.commands),
    diagnostics: [
      ...unsettled(config.diagnostics, mapped),
      ...mapped.flatMap((p) => p.diagnostics),
      ...fromConfiguration(unplanned.roots, paths, matched),
    ],
  };
}

/**
 * The configuration's entries of the root modules no plan read is for, with those roots: a plan
 * stands for its own root's configuration only, and the others are judged as without `--plan`.
 */
function outside(
  config: Inventory,
  planned: ReadonlySet<string>,
): { inventory: Inventory; roots: string[] } {
  const roots = new Set<string>();
  const keep = <T extends { readonly rootModule?: string }>(list: readonly T[]) =>
    list.filter((entry) => {
      const root = entry.rootModule ?? '.';
      if (planned.has(root)) return false;
      roots.add(root);
      return true;
    });
  const inventory = {
    ...emptyInventory(config.root),
    resources: keep(config.resources),
    providers: keep(config.providers),
    moduleCalls: keep(config.moduleCalls),
    commands: keep(config.commands),
  };
  return { inventory, roots: [...roots].sort() };
}

/**
 * A note, on the first plan file, naming the roots judged from their configuration in a plan
 * scan, and the root each plan stands for: a reader of the report sees which findings are the
 * plans' and which the `.tf` files' alone.
 */
function fromConfiguration(
  roots: readonly string[],
  paths: readonly string[],
  matched: readonly { root: string; fits: boolean }[],
): Diagnostic[] {
  if (roots.length === 0) return [];
  const [is, its, them] = roots.length === 1 ? ['is', 'its', 'it'] : ['are', 'their', 'them'];
  const planFor = paths
    .map((path, i) => `${path} is for ${matched[i]!.fits ? named([matched[i]!.root]) : 'no root'}`)
    .join('; ');
  return note(
    paths[0]!,
    'plan-roots-from-configuration',
    `${named(roots)} ${is} judged from ${its} configuration, as no plan given is for ${them} (${planFor})`,
  );
}

/**
 * The entries of each root module of an inventory, so that each plan is mapped onto its root's
 * alone, not after a pass over every root's; the files and diagnostics are the scan's once, not
 * once per plan.
 */
function byRootModule(inventory: Inventory): (root: string) => Inventory {
  const byRoot = <T extends { readonly rootModule?: string }>(list: readonly T[]) => {
    const lists = new Map<string | undefined, T[]>();
    for (const entry of list) addTo(lists, entry.rootModule, entry);
    return (root: string) => lists.get(root) ?? [];
  };
  const resources = byRoot(inventory.resources);
  const providers = byRoot(inventory.providers);
  const moduleCalls = byRoot(inventory.moduleCalls);
  const commands = byRoot(inventory.commands);
  return (root) => ({
    ...emptyInventory(inventory.root),
    resources: resources(root),
    providers: providers(root),
    moduleCalls: moduleCalls(root),
    commands: commands(root),
  });
}

/**
 * The configuration's diagnostics, but for those a plan settles where its entries were mapped to
 * the block: that a block's `count` or `for_each` is not known (read from a data source, say), as
 * the plan lists its instances; that an attribute could not be evaluated, as the plan holds
 * Terraform's own values for it. A block no plan maps to (in a root no plan is for) keeps them.
 */
function unsettled(diagnostics: readonly Diagnostic[], plans: readonly Inventory[]): Diagnostic[] {
  const enclosed = enclosure(
    plans
      .flatMap((plan) => [...plan.resources, ...plan.moduleCalls])
      .flatMap((entry) => entry.ranges[''] ?? []),
  );
  return diagnostics.filter((d) => !SETTLED_BY_PLANS.has(d.code) || !enclosed(d.range));
}

const SETTLED_BY_PLANS: ReadonlySet<string> = new Set(['eval-unknown-for-each', 'eval-invalid']);

/** The plan file's path from the scan root, as its ranges name it. */
function planPath(file: string | PlanText, { root }: PlanContext): string {
  if (typeof file !== 'string') return file.name;
  return posix.normalize(relative(root, resolve(file)).split(sep).join('/'));
}

const START = { line: 1, column: 1, offset: 0 };

/** Root modules as a note names them. */
function named(roots: readonly string[]): string {
  return roots.map((r) => (r === '.' ? 'the scan root' : r)).join(', ');
}

/** An info note on the start of a plan file. */
function note(path: string, code: string, message: string): Diagnostic[] {
  return [{ severity: 'info', code, message, range: { file: path, start: START, end: START } }];
}

/**
 * The root module a plan is mapped to (see `planRoots`). A plan that fits no root, or several
 * equally, is mapped to its own path, which no root has: its findings keep the plan file's lines
 * and its entries join only each other; for several, a note says why. A root chosen over others
 * that hold more of the plan's addresses is said too, with them, as counting would have chosen
 * otherwise.
 */
function matchRoot(
  found: PlanRoot,
  path: string,
): { root: string; fits: boolean; diagnostics: Diagnostic[] } {
  if ('root' in found) {
    const { root, over } = found;
    const holds = over?.length === 1 ? 'holds' : 'hold';
    const diagnostics = over
      ? note(
          path,
          'plan-root-chosen',
          `${path} is mapped to the root module ${named([root])}, not to ${named(over)}, which ${holds} more of its addresses but also blocks it does not have`,
        )
      : [];
    return { root, fits: true, diagnostics };
  }
  if ('none' in found) return { root: path, fits: false, diagnostics: [] };
  return {
    root: path,
    fits: false,
    diagnostics: note(
      path,
      'plan-root-ambiguous',
      `${path} fits the root modules ${named(found.ambiguous)} equally well; its findings point at the plan file, not at .tf lines`,
    ),
  };
}

/**
 * The configuration each plan is mapped onto: its root's entries, evaluated again with the
 * variables the plan was made with unless the command line gives variables. A state records no
 * variables, but its instances: its root is evaluated again with its defaults making those
 * instances (`count = length(var.channels)`, `for_each = var.products`), which the defaults alone
 * may not make at all. The plans of one root made with different variables (one per environment)
 * each have their own evaluation: the roots are evaluated again in rounds, each round a single
 * load that evaluates every root at most once, with the variables of its next plan; plans made
 * with the same variables share one evaluation, states none.
 */
function evaluated(
  config: Inventory,
  plans: readonly { root: string; fits: boolean; plan: LoadedPlan }[],
  { commandLineVariables, reload }: PlanContext,
): { twins: Inventory; withPlanVariables: boolean }[] {
  const rounds: Map<string, Evaluation>[] = [];
  const roundOf = plans.map(({ root, fits, plan }, i) =>
    fits && !commandLineVariables ? roundFor(rounds, root, evaluation(plan, i)) : undefined,
  );
  const reloaded = rounds.map((round) => {
    const rootVars = new Map([...round].map(([root, e]) => [root, e.variables]));
    const rootInstances = new Map(
      [...round].flatMap(([root, e]) => (e.instances ? [[root, e.instances] as const] : [])),
    );
    return byRootModule(reload([...round.keys()], rootVars, rootInstances));
  });
  const rootsOf = byRootModule(config);
  return plans.map(({ root, plan }, i) => {
    const round = roundOf[i];
    return round === undefined
      ? { twins: rootsOf(root), withPlanVariables: false }
      : { twins: reloaded[round]!(root), withPlanVariables: plan.variables !== undefined };
  });
}

/** How a root is evaluated again for one plan; `key` is equal for evaluations that are equal. */
interface Evaluation {
  readonly key: string;
  readonly variables: ValueObject;
  readonly instances?: RecordedInstances;
}

/** A plan's variables; a state's (the `i`th file) instances, which no other file shares. */
function evaluation(plan: LoadedPlan, i: number): Evaluation {
  if (plan.variables) return { key: JSON.stringify(plan.variables), variables: plan.variables };
  return { key: `state ${i}`, variables: {}, instances: recordedInstances(plan.resources) };
}

/**
 * The round that evaluates `root` as `evaluation` says: the first that already does or that does
 * not evaluate `root` yet, else a new one.
 */
function roundFor(rounds: Map<string, Evaluation>[], root: string, evaluation: Evaluation): number {
  let round = rounds.findIndex((round) => {
    const other = round.get(root);
    return other === undefined || other.key === evaluation.key;
  });
  if (round < 0) round = rounds.push(new Map()) - 1;
  rounds[round]!.set(root, evaluation);
  return round;
}

/**
 * Each plan once, however its path is written (`plan.json`, `./plan.json`, a link to it): read
 * twice, each of its resources would be judged twice. A text is known by its name (`-`).
 */
function distinct(files: readonly (string | PlanText)[]): (string | PlanText)[] {
  const seen = new Set<string>();
  return files.filter((file) => {
    const key = typeof file === 'string' ? realPath(file) : file.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The path with every link resolved; as given when it cannot be (its read will say why). */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return resolve(file);
  }
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}
