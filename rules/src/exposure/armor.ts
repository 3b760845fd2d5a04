import { isUnknown, type ArmorPolicy, type ArmorRule } from '@posture/model';

/** The priority of a policy's default rule, which matches every request and is evaluated last. */
export const DEFAULT_PRIORITY = 2147483647;

/** The one type of Cloud Armor policy that filters the requests to a backend bucket. */
export const EDGE_POLICY_TYPE = 'CLOUD_ARMOR_EDGE';

/**
 * Whether a policy is an edge policy, the only kind Cloud Armor applies to a backend bucket: its
 * `type` is `CLOUD_ARMOR_EDGE`. One written without a type is a backend policy (`CLOUD_ARMOR`).
 * Undefined when the type is not known before apply.
 */
export function isEdgePolicy(policy: ArmorPolicy): boolean | undefined {
  const { value } = policy.type;
  if (isUnknown(value)) return undefined;
  return value?.trim().toUpperCase() === EDGE_POLICY_TYPE;
}

/**
 * Whom a Cloud Armor policy serves, when its rules say so whatever a request is: `none` when every
 * rule it enforces denies (`deny(403)`, `deny(404)`, `deny(502)`) and so does its default rule,
 * `everyone` when every rule it enforces allows. Cloud Armor applies the first enforced rule that
 * matches, by priority; a rule with `preview = true` is not enforced, and a policy with no enforced
 * default rule is taken to have the one Cloud Armor adds to a policy created without rules, which
 * allows. Undefined when the match conditions decide (an `allow` for some addresses before a
 * default `deny`), when an action limits rather than decides (`throttle`, `rate_based_ban`,
 * `redirect`), or when a rule is not known before apply.
 */
export function armorServes(policy: ArmorPolicy): 'none' | 'everyone' | undefined {
  const { rules } = policy;
  if (rules === undefined || !rules.every(isKnown)) return undefined;
  const enforced = rules.filter((rule) => rule.preview.value !== true);
  const actions = enforced.map((rule) => (rule.action.value as string).trim().toLowerCase());
  const defaults = enforced.some((rule) => rule.priority.value === DEFAULT_PRIORITY);
  if (actions.every((action) => action === 'allow')) return 'everyone';
  if (defaults && actions.every((action) => /^deny\(\d+\)$/.test(action))) return 'none';
  return undefined;
}

/** Whether what decides a rule is known: its action and priority, and whether it is enforced. */
function isKnown(rule: ArmorRule): boolean {
  return (
    typeof rule.action.value === 'string' &&
    typeof rule.priority.value === 'number' &&
    (rule.preview.value === undefined || typeof rule.preview.value === 'boolean')
  );
}
