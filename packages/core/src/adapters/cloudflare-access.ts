/**
 * Cloudflare Access self-hosted applications in front of R2 custom domains, with the policies that
 * decide whom Access lets through: the provider's v5 resources and their v4 names, and v4's
 * policies that name their application (`application_id`) as v5's reusable policies the
 * application lists (`policies`), or writes there itself.
 */
import {
  asArray,
  asString,
  isObject,
  isUnknown,
  type AccessApp,
  type AccessPolicy,
  type ResourceInstance,
  type Value,
} from '@posture/model';
import { source, sourceAt, stringAttr, valueAt } from './attrs.js';
import { bucketKey, type AdapterContext } from './context.js';
import { groupByBucket } from './group.js';

const APP_TYPES = ['cloudflare_zero_trust_access_application', 'cloudflare_access_application'];
const POLICY_TYPES = ['cloudflare_zero_trust_access_policy', 'cloudflare_access_policy'];

export const ACCESS_READS: readonly string[] = [...APP_TYPES, ...POLICY_TYPES];

/** The `ip` selectors that match every address. */
const EVERY_ADDRESS = new Set(['0.0.0.0/0', '::/0']);

/**
 * The Access applications of the scan, read once, by the custom domain (`downloads.acme.dev`)
 * whose whole they cover.
 */
export function accessAppsCovering(ctx: AdapterContext): (host: string) => AccessApp[] {
  const apps = APP_TYPES.flatMap((t) => ctx.managed(t));
  const keys = apps.map((app) => bucketKey(app, 'id'));
  const naming = groupByBucket(ctx, POLICY_TYPES, 'application_id', keys, {
    wanted: (policy) => valueAt(policy.values, 'application_id') != null,
  });
  const policiesById = new Map(
    POLICY_TYPES.flatMap((t) => ctx.managed(t)).flatMap((p) => {
      const id = asString(p.values.id);
      return id === undefined ? [] : [[id, p] as const];
    }),
  );
  const listed = (app: ResourceInstance, item: Value, i: number): AccessPolicy | undefined => {
    // v5 writes a policy of the application's own in its list, with a decision.
    if (isObject(item) && item.decision !== undefined) return policyOf(app, `policies.${i}.`);
    const id = isObject(item) ? item.id : item;
    if (typeof id === 'string') return policyOrNone(policiesById.get(id));
    if (!isUnknown(id)) return undefined;
    const [policy, ...others] = id.resources
      .map((address) => ctx.resource(address, app))
      .filter((r) => r !== undefined && POLICY_TYPES.includes(r.type));
    return others.length === 0 ? policyOrNone(policy) : undefined;
  };
  const appOf = (app: ResourceInstance): AccessApp => {
    const list = app.values.policies;
    const own = isUnknown(list)
      ? [undefined]
      : asArray(list).map((item, i) => listed(app, item, i));
    const unsure = naming.orphansIn(app, app.module).length > 0;
    const policies = [...own, ...naming.of(app).map((p) => policyOf(p, ''))];
    const known = policies.every((p) => p !== undefined);
    const type = app.values.type;
    return {
      ...source(app),
      policies: known && !unsure ? policies : undefined,
      ...(isUnknown(type) && { typeUnknown: type }),
    };
  };
  const read = apps.map((app) => ({ app: appOf(app), hosts: wholeHosts(app) }));
  return (host) => {
    const name = host.toLowerCase();
    return read.filter(({ hosts }) => hosts.some((h) => covers(h, name))).map(({ app }) => app);
  };
}

function policyOrNone(policy: ResourceInstance | undefined): AccessPolicy | undefined {
  return policy && policyOf(policy, '');
}

/** The policy at `prefix` of a resource: a policy resource (`''`), or one an application writes. */
function policyOf(resource: ResourceInstance, prefix: string): AccessPolicy {
  return {
    ...sourceAt(resource, prefix.slice(0, -1)),
    decision: stringAttr(resource, `${prefix}decision`),
    includesEveryone: someEveryone(valueAt(resource.values, `${prefix}include`)),
    requiresMore: narrows(valueAt(resource.values, `${prefix}require`)),
  };
}

/** Whether any of include rules lets in everyone; undefined when one may. */
function someEveryone(rules: Value | undefined): boolean | undefined {
  if (isUnknown(rules)) return undefined;
  return anyTrue(asArray(rules).map(letsInEveryone));
}

/** Whether require rules narrow whom a policy lets in: one that is not everyone does. */
function narrows(rules: Value | undefined): boolean | undefined {
  if (isUnknown(rules)) return undefined;
  return anyTrue(asArray(rules).map((rule) => not(letsInEveryone(rule))));
}

/** Whether one is true; undefined when none is but one is not known (Kleene's "or"). */
function anyTrue(each: readonly (boolean | undefined)[]): boolean | undefined {
  return each.includes(true) ? true : each.includes(undefined) ? undefined : false;
}

function not(known: boolean | undefined): boolean | undefined {
  return known === undefined ? undefined : !known;
}

/**
 * Whether one rule (`{ everyone = {} }` in v5, `include { everyone = true }` in v4) matches every
 * visitor: its `everyone`, or an `ip` of every address. A group's members are not read.
 */
function letsInEveryone(rule: Value): boolean | undefined {
  if (isUnknown(rule)) return undefined;
  if (!isObject(rule)) return false;
  const each = Object.entries(rule).map(([selector, value]) => {
    if (value === null || value === undefined) return false;
    if (selector === 'group') return undefined;
    if (selector === 'everyone') return isUnknown(value) ? undefined : value !== false;
    if (selector !== 'ip') return false;
    // v4 lists addresses, v5 writes `{ ip = "…" }`.
    const ips = isObject(value) ? [value.ip] : isUnknown(value) ? [value] : asArray(value);
    if (ips.some((ip) => typeof ip === 'string' && EVERY_ADDRESS.has(ip.trim()))) return true;
    return ips.some(isUnknown) ? undefined : false;
  });
  return anyTrue(each);
}

/**
 * The hostnames an application covers whole: a self-hosted one's `domain`, `self_hosted_domains`
 * and public `destinations`, those with a path (`downloads.acme.dev/private`) left out; those of
 * one whose type is not known before apply, which may be self-hosted, too.
 */
function wholeHosts(app: ResourceInstance): string[] {
  const type = app.values.type;
  const typed = type !== undefined && type !== null && !isUnknown(type);
  if (typed && asString(type)?.toLowerCase() !== 'self_hosted') return [];
  const destinations = asArray(app.values.destinations).filter(
    (d) => isObject(d) && (d.type === undefined || d.type === null || d.type === 'public'),
  );
  const written = [
    app.values.domain,
    ...asArray(app.values.self_hosted_domains),
    ...destinations.map((d) => (isObject(d) ? d.uri : undefined)),
  ];
  return written.flatMap((value) => {
    const text = asString(value)?.trim().toLowerCase();
    if (text === undefined) return [];
    const slash = text.indexOf('/');
    const path = slash < 0 ? '' : text.slice(slash);
    return ['', '/', '/*'].includes(path) ? [slash < 0 ? text : text.slice(0, slash)] : [];
  });
}

/**
 * Whether an application's hostname covers `host`, as Access matches it: a wildcard stands for part
 * of one label, never a dot, so `*.acme.dev` covers `downloads.acme.dev` but neither `acme.dev` nor
 * `dl.eu.acme.dev` (Cloudflare's application paths: a wildcard subdomain covers its one level).
 */
function covers(pattern: string, host: string): boolean {
  const labels = pattern.split('.');
  const hostLabels = host.split('.');
  if (labels.length !== hostLabels.length) return false;
  return labels.every((label, i) => labelPattern(label).test(hostLabels[i]!));
}

function labelPattern(label: string): RegExp {
  const parts = label.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^.]+')}$`);
}
