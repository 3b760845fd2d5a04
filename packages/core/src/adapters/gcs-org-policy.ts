/**
 * Organization policies on `constraints/storage.publicAccessPrevention`, which a bucket whose
 * `public_access_prevention` is "inherited" follows: the policy of its project, else of the folder
 * or organization the project is in, as far as the Terraform scanned shows that hierarchy.
 */
import {
  asArray,
  asString,
  isObject,
  type PreventionPolicy,
  type ResourceInstance,
  type Value,
} from '@posture/model';
import { knownParts, source, valueAt } from './attrs.js';
import type { AdapterContext } from './context.js';
import { addTo } from '../multimap.js';

const CONSTRAINT = 'storage.publicAccessPrevention';

/** The organization policy resources, v2 then v1, and the projects that show the hierarchy. */
const POLICY_V2 = 'google_org_policy_policy';
const POLICY_V1: Record<string, { readonly path: string; readonly kind: string }> = {
  google_project_organization_policy: { path: 'project', kind: 'projects' },
  google_folder_organization_policy: { path: 'folder', kind: 'folders' },
  google_organization_policy: { path: 'org_id', kind: 'organizations' },
};
const PROJECT = 'google_project';

export const ORG_POLICY_READS: readonly string[] = [POLICY_V2, ...Object.keys(POLICY_V1), PROJECT];

/**
 * What a policy makes of the constraint where it is set: enforces it; lifts it (not enforced,
 * reset to the default, which is not enforced, enforced only under a condition, or not known
 * before apply); or sets no live rule, so that the parent's policy applies (a dry-run spec alone).
 */
type Decision = 'enforced' | 'lifted' | 'inherit';

interface Setting {
  readonly decision: Decision;
  readonly policy: PreventionPolicy;
}

/** The policies by where they are set, and the folder or organization of declared projects. */
interface Index {
  readonly settings: ReadonlyMap<string, readonly Setting[]>;
  readonly above: ReadonlyMap<string, string>;
}

const indexes = new WeakMap<AdapterContext, Index>();

/** The project a bucket resource is in: its own `project`, else its provider's. */
export function projectOf(ctx: AdapterContext, r: ResourceInstance): Value | undefined {
  return r.values.project ?? ctx.provider(r.provider, r)?.values.project;
}

/**
 * The policy a bucket in `project` follows, if one in the scan enforces the constraint there:
 * the project's, else that of the folder or organization its `google_project` names (a folder's
 * own parent is not known before apply, its id being computed, so the walk stops there).
 * Boolean constraints are not merged: the nearest level with a live policy decides, and of two
 * policies on one level (each applied over the other) the weakest.
 */
export function preventionPolicy(
  ctx: AdapterContext,
  project: Value | undefined,
): PreventionPolicy | undefined {
  const id = asString(project)?.replace(/^projects\//, '');
  if (id === undefined) return undefined;
  const { settings, above } = indexOf(ctx);
  const parent = above.get(id);
  for (const level of [`projects/${id}`, ...(parent ? [parent] : [])]) {
    const here = settings.get(level) ?? [];
    if (here.some((s) => s.decision === 'lifted')) return undefined;
    const enforced = here.find((s) => s.decision === 'enforced');
    if (enforced) return enforced.policy;
  }
  return undefined;
}

function indexOf(ctx: AdapterContext): Index {
  const cached = indexes.get(ctx);
  if (cached) return cached;
  const settings = new Map<string, Setting[]>();
  const add = (r: ResourceInstance, parent: string | undefined, decision: Decision) => {
    if (parent === undefined) return;
    addTo(settings, parent, { decision, policy: { ...source(r), parent } });
  };
  for (const r of ctx.managed(POLICY_V2)) {
    if (!namesConstraint(r.values.name)) continue;
    const parent = asString(r.values.parent);
    const known = parent && /^(projects|folders|organizations)\/./.test(parent);
    add(r, known ? parent : undefined, v2(r));
  }
  for (const [type, { path, kind }] of Object.entries(POLICY_V1)) {
    for (const r of ctx.managed(type)) {
      const constraint = asString(r.values.constraint)?.replace(/^constraints\//, '');
      if (constraint !== CONSTRAINT) continue;
      const where = asString(r.values[path]);
      add(r, where === undefined ? undefined : parentKey(kind, where), v1(r));
    }
  }
  const index = { settings, above: projectParents(ctx) };
  indexes.set(ctx, index);
  return index;
}

/** By project id, the folder or organization its `google_project` puts it in (the first one). */
function projectParents(ctx: AdapterContext): Map<string, string> {
  const above = new Map<string, string>();
  for (const p of ctx.managed(PROJECT)) {
    const id = asString(p.values.project_id);
    const folder = asString(p.values.folder_id);
    const org = asString(p.values.org_id);
    const parent =
      folder !== undefined
        ? parentKey('folders', folder)
        : org !== undefined
          ? parentKey('organizations', org)
          : undefined;
    if (id !== undefined && parent !== undefined && !above.has(id)) above.set(id, parent);
  }
  return above;
}

/** `folders/123` whether written so or as `123`. */
function parentKey(kind: string, id: string): string {
  return `${kind}/${id.replace(new RegExp(`^${kind}/`), '')}`;
}

/** A v2 policy's name ends with its constraint: `projects/p/policies/storage.publicAccessPrevention`. */
function namesConstraint(name: Value | undefined): boolean {
  const last = knownParts(name)?.at(-1);
  return (
    typeof last === 'string' &&
    /\/policies\/(constraints\/)?storage\.publicAccessPrevention$/.test(last)
  );
}

/**
 * `spec` is the live policy (`dry_run_spec` only previews one). It enforces when every rule
 * enforces and one does so without a condition: a rule with a condition holds only for the
 * resources it matches, and one that does not enforce lifts the constraint for them.
 */
function v2(r: ResourceInstance): Decision {
  const spec = valueAt(r.values, 'spec.0');
  if (spec === undefined || spec === null) return 'inherit';
  if (!isObject(spec) || (spec.reset !== undefined && spec.reset !== null && spec.reset !== false))
    return 'lifted';
  const rules = asArray(spec.rules);
  if (rules.length === 0) return spec.inherit_from_parent === true ? 'inherit' : 'lifted';
  const enforces = (rule: Value) => isObject(rule) && isTrue(rule.enforce);
  const conditional = (rule: Value) => isObject(rule) && asArray(rule.condition).length > 0;
  if (!rules.every(enforces)) return 'lifted';
  return rules.some((rule) => !conditional(rule)) ? 'enforced' : 'lifted';
}

/** `boolean_policy { enforced = true }`; `restore_policy` resets it to the default, not enforced. */
function v1(r: ResourceInstance): Decision {
  return valueAt(r.values, 'boolean_policy.0.enforced') === true ? 'enforced' : 'lifted';
}

/** The v2 provider writes `enforce = "TRUE"`; `.tf.json` and Terraform's conversion allow `true`. */
function isTrue(value: Value | undefined): boolean {
  return value === true || (typeof value === 'string' && value.toUpperCase() === 'TRUE');
}
