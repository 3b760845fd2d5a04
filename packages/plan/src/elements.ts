import { isObject, isUnknown, type Value } from '@posture/model';

/**
 * Which configuration element each element of a plan's list stands for (undefined: none known).
 * Terraform lists the elements of a set (an S3 ACL's `grant` blocks, `cors_rule`, a GCS binding's
 * `members`) in its own order, not the order they are written in, and a plan does not say which
 * lists are sets. So elements pair by index when each agrees with the one at its index (every list,
 * and a set that happens to be in written order); otherwise each pairs with the one configuration
 * element it agrees with, and with none when several or none do.
 */
export function pairElements(
  plan: readonly Value[],
  config: readonly Value[],
): (number | undefined)[] {
  if (plan.length === config.length && plan.every((item, i) => agree(item, config[i]))) {
    return plan.map((_, i) => i);
  }
  const pairs = plan.map((item) => {
    let agreeing: number | undefined;
    for (const j of candidates(item, config)) {
      if (!agree(item, config[j])) continue;
      if (agreeing !== undefined) return undefined;
      agreeing = j;
    }
    return agreeing;
  });
  // Two plan elements that can only be one configuration element: which one it is is not known.
  const claims = new Map<number, number>();
  for (const j of pairs) if (j !== undefined) claims.set(j, (claims.get(j) ?? 0) + 1);
  return pairs.map((j) => (j !== undefined && claims.get(j) === 1 ? j : undefined));
}

/**
 * Where a configuration element writes a scalar: object keys, 0 into a one-element list, and last
 * `ITEMS`, the scalars of a list of another length.
 */
type Path = readonly (string | 0 | typeof ITEMS)[];

const ITEMS = -1;

/** Configuration elements that write scalars at the same paths, by the scalars they write. */
interface Group {
  readonly paths: readonly Path[];
  readonly byKey: Map<string, number[]>;
  readonly all: number[];
}

type Index = (plan: Value) => readonly number[];

/** Each long configuration list's index, built once however often its elements are compared. */
const indexes = new WeakMap<readonly Value[], Index>();

/** Lists this short are compared element by element: an index would cost more than it saves. */
const SHORT = 8;

/**
 * The configuration elements a plan element may agree with, a superset of those it does: a set of
 * thousands (a `dynamic` block) would otherwise compare each element with every other. Elements are
 * grouped by the paths of the scalars they write, and within a group looked up by those scalars;
 * a plan element whose value at one of a group's paths is not a scalar (unknown, absent, of
 * another kind) may agree with any element of that group. The caller still checks each with
 * `agree`, whose rules this follows: a one-element list agrees only with a one-element list whose
 * element agrees, and scalars agree only as equal strings.
 */
function candidates(plan: Value, config: readonly Value[]): Iterable<number> {
  if (config.length <= SHORT) return config.keys();
  let index = indexes.get(config);
  if (!index) indexes.set(config, (index = indexElements(config)));
  return index(plan);
}

function indexElements(config: readonly Value[]): Index {
  const groups = new Map<string, Group>();
  config.forEach((element, j) => {
    const leaves: [Path, string][] = [];
    collectScalars(element, [], leaves);
    const paths = leaves.map(([path]) => path);
    const shape = JSON.stringify(paths);
    let group = groups.get(shape);
    if (!group) groups.set(shape, (group = { paths, byKey: new Map(), all: [] }));
    const key = JSON.stringify(leaves.map(([, scalar]) => scalar));
    const keyed = group.byKey.get(key);
    if (keyed) keyed.push(j);
    else group.byKey.set(key, [j]);
    group.all.push(j);
  });
  const lookUp = (plan: Value, { paths, byKey, all }: Group) => {
    const scalars = paths.map((path) => scalarAt(plan, path));
    if (scalars.includes(undefined)) return all;
    return byKey.get(JSON.stringify(scalars)) ?? [];
  };
  const shapes = [...groups.values()];
  // A dynamic block's elements are all of one shape.
  if (shapes.length === 1) return (plan) => lookUp(plan, shapes[0]!);
  return (plan) => shapes.flatMap((group) => lookUp(plan, group));
}

/**
 * The scalars a configuration element writes where `agree` compares them one to one: through
 * objects and one-element lists. The elements of a longer list agree in any order: a list of
 * scalars is one leaf, the set of its scalars (see `itemsAt`). Unknown and null values agree with
 * anything, so none of them narrows the candidates.
 */
function collectScalars(value: Value | undefined, path: Path, leaves: [Path, string][]): void {
  if (value === undefined) return;
  if (isScalar(value)) {
    leaves.push([path, String(value)]);
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) collectScalars(item, [...path, key], leaves);
  } else if (Array.isArray(value) && value.length === 1) {
    collectScalars(value[0], [...path, 0], leaves);
  } else if (Array.isArray(value) && value.every(isScalar)) {
    leaves.push([[...path, ITEMS], itemsKey(value)]);
  }
}

/** The plan's scalar at a path; none when it holds something else there, which may agree. */
function scalarAt(value: Value | undefined, path: Path): string | undefined {
  for (const step of path) {
    if (step === ITEMS) return itemsAt(value);
    if (step === 0) value = Array.isArray(value) && value.length === 1 ? value[0] : undefined;
    else value = isObject(value) ? value[step] : undefined;
  }
  return value !== undefined && isScalar(value) ? String(value) : undefined;
}

/**
 * The set of a plan list's scalars, which is the configuration list's set when the two agree: as
 * many elements, each equal to one of the configuration's. None when the list holds anything else,
 * or two equal scalars (it may then agree with a list holding more than it does).
 */
function itemsAt(value: Value | undefined): string | undefined {
  if (!Array.isArray(value) || !value.every(isScalar)) return undefined;
  return new Set(value.map(String)).size === value.length ? itemsKey(value) : undefined;
}

function itemsKey(list: readonly (string | number | boolean)[]): string {
  return JSON.stringify([...new Set(list.map(String))].sort());
}

/**
 * Whether a plan value may be the configuration's: what both know is equal. The configuration
 * writes only some attributes (the plan has every one), a number may be written as a string, and
 * what either does not know (or holds as another kind of value) agrees with anything.
 */
function agree(plan: Value | undefined, config: Value | undefined): boolean {
  if (plan === undefined || config === undefined || config === null) return true;
  if (isUnknown(plan) || isUnknown(config)) return true;
  if (Array.isArray(plan) && Array.isArray(config)) {
    return plan.length === config.length && plan.every((item) => agreesWithOne(item, config));
  }
  if (isObject(plan) && isObject(config)) {
    return Object.entries(config).every(([key, value]) => agree(plan[key], value));
  }
  if (isScalar(plan) && isScalar(config)) return String(plan) === String(config);
  // The configuration writes a value the plan has none of: not this element. Values of other
  // kinds (a `.tf.json` block written as an object, not a list) cannot be compared.
  return plan !== null;
}

function agreesWithOne(plan: Value, config: readonly Value[]): boolean {
  for (const j of candidates(plan, config)) if (agree(plan, config[j])) return true;
  return false;
}

function isScalar(value: Value): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The configuration's ranges (or origins, anything keyed by path) keyed by the plan's paths: an
 * element's ranges move to the index of the plan element it stands for (see `pairElements`), and
 * those of an element no plan element stands for are dropped, so a finding on such a plan element
 * falls back to the enclosing block.
 */
export function alignRanges<T>(
  plan: Value,
  config: Value,
  ranges: Readonly<Record<string, T>>,
): Record<string, T> {
  const paired = new Map<readonly Value[], Map<number, number>>();
  const standsFor = (planList: readonly Value[], configList: readonly Value[]) => {
    let plans = paired.get(configList);
    if (!plans) {
      plans = new Map();
      for (const [i, j] of pairElements(planList, configList).entries()) {
        if (j !== undefined) plans.set(j, i);
      }
      paired.set(configList, plans);
    }
    return plans;
  };
  const aligned: Record<string, T> = {};
  for (const [path, range] of Object.entries(ranges)) {
    const planPath = alignPath(path, plan, config, standsFor);
    if (planPath !== undefined) aligned[planPath] = range;
  }
  return aligned;
}

/**
 * A configuration path (`grant.1.permission`) as the plan's (`grant.0.permission`); the rest of a
 * path stays as it is from where the two values stop being lists or objects both.
 */
function alignPath(
  path: string,
  plan: Value | undefined,
  config: Value | undefined,
  standsFor: (plan: readonly Value[], config: readonly Value[]) => ReadonlyMap<number, number>,
): string | undefined {
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (Array.isArray(plan) && Array.isArray(config) && /^\d+$/.test(segment)) {
      const index = standsFor(plan, config).get(Number(segment));
      if (index === undefined) return undefined;
      segments[i] = String(index);
      plan = plan[index];
      config = config[Number(segment)];
    } else if (isObject(plan) && isObject(config)) {
      plan = plan[segment];
      config = config[segment];
    } else break;
  }
  return segments.join('.');
}
