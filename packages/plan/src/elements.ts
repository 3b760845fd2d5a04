import { isObject, isUnknown, type Range, type RangeMap, type Value } from '@posture/model';

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
    const agreeing = config.flatMap((other, j) => (agree(item, other) ? [j] : []));
    return agreeing.length === 1 ? agreeing[0] : undefined;
  });
  // Two plan elements that can only be one configuration element: which one it is is not known.
  return pairs.map((j) => (pairs.indexOf(j) === pairs.lastIndexOf(j) ? j : undefined));
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
    return (
      plan.length === config.length && plan.every((item) => config.some((c) => agree(item, c)))
    );
  }
  if (isObject(plan) && isObject(config)) {
    return Object.entries(config).every(([key, value]) => agree(plan[key], value));
  }
  if (isScalar(plan) && isScalar(config)) return String(plan) === String(config);
  // The configuration writes a value the plan has none of: not this element. Values of other
  // kinds (a `.tf.json` block written as an object, not a list) cannot be compared.
  return plan !== null;
}

function isScalar(value: Value): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * The configuration's ranges keyed by the plan's paths: an element's ranges move to the index of
 * the plan element it stands for (see `pairElements`), and those of an element no plan element
 * stands for are dropped, so a finding on such a plan element falls back to the enclosing block.
 */
export function alignRanges(plan: Value, config: Value, ranges: RangeMap): RangeMap {
  const paired = new Map<readonly Value[], (number | undefined)[]>();
  const pairsOf = (planList: readonly Value[], configList: readonly Value[]) => {
    let pairs = paired.get(configList);
    if (!pairs) paired.set(configList, (pairs = pairElements(planList, configList)));
    return pairs;
  };
  const aligned: Record<string, Range> = {};
  for (const [path, range] of Object.entries(ranges)) {
    const planPath = alignPath(path, plan, config, pairsOf);
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
  pairsOf: (plan: readonly Value[], config: readonly Value[]) => (number | undefined)[],
): string | undefined {
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (Array.isArray(plan) && Array.isArray(config) && /^\d+$/.test(segment)) {
      const index = pairsOf(plan, config).indexOf(Number(segment));
      if (index < 0) return undefined;
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
