/**
 * Cloud Armor security policies as a backend bucket's `edge_security_policy` names them, with the
 * rules that decide which requests the load balancer serves: those written in the policy and those
 * of `google_compute_security_policy_rule` resources beside it.
 */
import {
  asArray,
  isObject,
  isUnknown,
  type ArmorPolicy,
  type ArmorRule,
  type ResourceInstance,
} from '@posture/model';
import {
  boolAttr,
  isOneReference,
  numberAttr,
  source,
  sourceAt,
  stringAttr,
  valueAt,
} from './attrs.js';
import { bucketKey, type AdapterContext, type BucketKey } from './context.js';
import { groupByBucket } from './group.js';

const SECURITY_POLICY = 'google_compute_security_policy';
const SECURITY_POLICY_RULE = 'google_compute_security_policy_rule';

export const EDGE_POLICY_READS: readonly string[] = [SECURITY_POLICY, SECURITY_POLICY_RULE];

/** `projects/acme/global/securityPolicies/edge`, a self link or a name: the policy's name. */
const policyName = (value: string) => value.slice(value.lastIndexOf('/') + 1);

/**
 * The policy each backend bucket's `edge_security_policy` is, read once per scan: by a reference to
 * a policy and nothing else (not `var.on ? google_compute_security_policy.edge.id : null`, which may
 * be none), or by the name it ends with.
 */
export function edgePolicies(
  ctx: AdapterContext,
): (backend: ResourceInstance) => ArmorPolicy | undefined {
  const policies = ctx.managed(SECURITY_POLICY);
  const keys: BucketKey[] = policies.map((p) => bucketKey(p, 'name'));
  const rules = groupByBucket(ctx, [SECURITY_POLICY_RULE], 'security_policy', keys, {
    nameOf: policyName,
  });
  const byAddress = new Map(keys.map((key, i) => [key, policies[i] as ResourceInstance]));
  return (backend) => {
    const value = valueAt(backend.values, 'edge_security_policy');
    if (isUnknown(value) && !isOneReference(value, backend)) return undefined;
    const options = { alone: false, nameOf: policyName };
    const [key, ...others] = ctx.targets(backend, 'edge_security_policy', keys, options);
    const policy = key && others.length === 0 ? byAddress.get(key) : undefined;
    if (!policy) return undefined;
    // A rule resource whose policy is not known may be one of this policy's.
    const unsure = rules.orphansIn(policy, policy.module).length > 0;
    const inline = inlineRules(policy);
    const separate = rules.of(policy).map((r) => ruleOf(r, ''));
    return {
      ...source(policy),
      type: stringAttr(policy, 'type'),
      rules: unsure || !inline ? undefined : [...inline, ...separate],
    };
  };
}

/** The `rule` blocks of a policy; undefined when they are not known before apply. */
function inlineRules(policy: ResourceInstance): ArmorRule[] | undefined {
  const blocks = policy.values.rule;
  if (isUnknown(blocks)) return undefined;
  const written = asArray(blocks);
  if (!written.every(isObject)) return undefined;
  return written.map((_, i) => ruleOf(policy, Array.isArray(blocks) ? `rule.${i}.` : 'rule.'));
}

/** The rule at `prefix` of a resource: a `rule` block of a policy, or a rule resource (`''`). */
function ruleOf(resource: ResourceInstance, prefix: string): ArmorRule {
  return {
    ...sourceAt(resource, prefix.slice(0, -1)),
    action: stringAttr(resource, `${prefix}action`),
    priority: numberAttr(resource, `${prefix}priority`),
    preview: boolAttr(resource, `${prefix}preview`),
  };
}
