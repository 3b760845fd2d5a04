/**
 * Organization policies on `constraints/storage.publicAccessPrevention`, which a bucket whose
 * `public_access_prevention` is "inherited" follows: the policy of its project, else of the folder
 * or organization the project is in, as far as the Terraform scanned shows that hierarchy.
 */
import {
  addTo,
  asArray,
  asString,
  isObject,
  isUnknown,
  type PreventionPolicy,
  type ResourceInstance,
  type Unknown,
  type Value,
} from '@posture/model';
import { isOneReference, knownParts, source, valueAt } from './attrs.js';
import type { AdapterContext } from './context.js';
import { rootKey } from './module-tree.js';

const CONSTRAINT = 'storage.publicAccessPrevention';

/** The organization policy resources, v2 then v1, and the projects that show the hierarchy. */
const POLICY_V2 = 'google_org_policy_policy';
const POLICY_V1: Record<string, { readonly path: string; readonly kind: Kind }> = {
  google_project_organization_policy: { path: 'project', kind: 'projects' },
  google_folder_organization_policy: { path: 'folder', kind: 'folders' },
  google_organization_policy: { path: 'org_id', kind: 'organizations' },
};
const PROJECT = 'google_project';
const FOLDER = 'google_folder';

export const ORG_POLICY_READS: readonly string[] = [
  POLICY_V2,
  ...Object.keys(POLICY_V1),
  PROJECT,
  FOLDER,
];

/** A project, ten nested folders (as deep as GCP allows) and the organization. */
const MAX_LEVELS = 12;

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

type Kind = 'projects' | 'folders' | 'organizations';

/**
 * A project, folder or organization: `key` is the same for every way the configuration names it
 * (a project by its id, a folder Terraform creates by its address while its id is not known);
 * `shown` is how the configuration names it here.
 */
interface Level {
  readonly kind: Kind;
  readonly key: string;
  readonly shown: string;
}

/** The policies and the parent of each project and folder, by level key. */
interface Index {
  readonly settings: ReadonlyMap<string, readonly Setting[]>;
  readonly above: ReadonlyMap<string, string>;
  readonly ids: ProjectIds;
}

/** Project ids by project number. */
type ProjectIds = ReadonlyMap<string, string>;

const indexes = new WeakMap<AdapterContext, Index>();

/** The project a bucket resource is in: its own `project`, else its provider's. */
export function projectOf(ctx: AdapterContext, r: ResourceInstance): Value | undefined {
  return r.values.project ?? ctx.provider(r.provider, r)?.values.project;
}

/**
 * The policy a bucket in `project` follows, if one in the scan enforces the constraint there:
 * the project's, else that of the nearest folder or organization above it, as far as the
 * configuration shows the project's `google_project` and its `google_folder`s. Boolean constraints
 * are not merged: the nearest level with a live policy decides, and of two policies on one level
 * (each applied over the other) the weakest.
 */
export function preventionPolicy(
  ctx: AdapterContext,
  project: Value | undefined,
): PreventionPolicy | undefined {
  const id = asString(project)?.replace(/^projects\//, '');
  if (id === undefined) return undefined;
  const { settings, above, ids } = indexOf(ctx);
  for (const level of chain(projectLevel(id, ids).key, above)) {
    const here = settings.get(level) ?? [];
    if (here.some((s) => s.decision === 'lifted')) return undefined;
    const enforced = here.find((s) => s.decision === 'enforced');
    if (enforced) return enforced.policy;
  }
  return undefined;
}

/**
 * The levels from a project up. A hierarchy that loops or nests deeper than GCP allows cannot be
 * real, so no level of it is trusted to protect the project: none.
 */
function chain(project: string, above: ReadonlyMap<string, string>): string[] {
  const levels = [project];
  for (let at = above.get(project); at !== undefined; at = above.get(at)) {
    if (levels.includes(at) || levels.length === MAX_LEVELS) return [];
    levels.push(at);
  }
  return levels;
}

function indexOf(ctx: AdapterContext): Index {
  const cached = indexes.get(ctx);
  if (cached) return cached;
  const ids = projectIds(ctx);
  const settings = new Map<string, Setting[]>();
  const add = (r: ResourceInstance, level: Level | undefined, decision: Decision) => {
    if (level === undefined) return;
    addTo(settings, level.key, { decision, policy: { ...source(r), parent: level.shown } });
  };
  for (const r of ctx.managed(POLICY_V2)) {
    if (namesConstraint(r.values.name)) add(r, levelOf(ctx, ids, r.values.parent, r), v2(r));
  }
  for (const [type, { path, kind }] of Object.entries(POLICY_V1)) {
    for (const r of ctx.managed(type)) {
      const constraint = asString(r.values.constraint)?.replace(/^constraints\//, '');
      if (constraint === CONSTRAINT) add(r, levelOf(ctx, ids, r.values[path], r, kind), v1(r));
    }
  }
  const index = { settings, above: parents(ctx, ids), ids };
  indexes.set(ctx, index);
  return index;
}

/**
 * The parent of each project its `google_project` puts in a folder or organization, and of each
 * `google_folder`. A project or folder that two resources put in different places (the same
 * `project_id` declared twice), or one in a place not known, has no parent that can be told: no
 * level above it is trusted to protect it, whichever resource comes first.
 */
function parents(ctx: AdapterContext, ids: ProjectIds): Map<string, string> {
  const placed = new Map<string, (string | undefined)[]>();
  const set = (level: Level | undefined, parent: Level | undefined) => {
    if (level) addTo(placed, level.key, parent?.key);
  };
  for (const p of ctx.managed(PROJECT)) {
    const id = asString(p.values.project_id);
    const { folder_id: folder, org_id: org } = p.values;
    set(
      id === undefined ? undefined : projectLevel(id, ids),
      folder !== undefined && folder !== null
        ? levelOf(ctx, ids, folder, p, 'folders')
        : levelOf(ctx, ids, org, p, 'organizations'),
    );
  }
  for (const f of ctx.managed(FOLDER)) set(folderLevel(f), levelOf(ctx, ids, f.values.parent, f));
  return new Map(
    [...placed].flatMap(([level, [parent, ...others]]) =>
      parent !== undefined && others.every((other) => other === parent) ? [[level, parent]] : [],
    ),
  );
}

/**
 * The project ids a configuration gives the numbers of, so that a policy set on `projects/<number>`
 * joins a bucket whose project is named by id: a `google_project` Terraform already manages (a
 * plan knows its number), a `data.google_project`. A number given two ids, or an id two numbers,
 * is not joined: which project it is cannot be told.
 */
function projectIds(ctx: AdapterContext): ProjectIds {
  const pairs = [...ctx.managed(PROJECT), ...ctx.data(PROJECT)].flatMap((p) => {
    const id = asString(p.values.project_id);
    const number = asString(p.values.number);
    return id === undefined || number === undefined ? [] : [[number, id] as const];
  });
  const ids = new Map<string, Set<string>>();
  const numbers = new Map<string, Set<string>>();
  for (const [number, id] of pairs) {
    ids.set(number, (ids.get(number) ?? new Set()).add(id));
    numbers.set(id, (numbers.get(id) ?? new Set()).add(number));
  }
  return new Map(pairs.filter(([n, id]) => ids.get(n)?.size === 1 && numbers.get(id)?.size === 1));
}

/**
 * The level a value names: written `folders/123`, or a bare id of `kind` (`123`); or, not known
 * before apply, a reference to one `google_folder` or `google_project` of the configuration.
 * With a `kind`, a level of another kind is none.
 */
function levelOf(
  ctx: AdapterContext,
  ids: ProjectIds,
  value: Value | undefined,
  near: ResourceInstance,
  kind?: Kind,
): Level | undefined {
  const level = isUnknown(value)
    ? namedLevel(ctx, ids, value, near)
    : writtenLevel(ids, value, kind);
  return kind === undefined || level?.kind === kind ? level : undefined;
}

function writtenLevel(ids: ProjectIds, value: Value | undefined, kind?: Kind): Level | undefined {
  const text = asString(value) ?? '';
  const prefixed = /^(projects|folders|organizations)\/(.+)$/.exec(text);
  const at = (prefixed?.[1] as Kind | undefined) ?? (/^[^/]+$/.test(text) ? kind : undefined);
  if (at === undefined) return undefined;
  const id = prefixed?.[2] ?? text;
  const shown = `${at}/${id}`;
  return { kind: at, key: at === 'projects' ? projectLevel(id, ids).key : shown, shown };
}

/** A project by its id, or by the number of a project whose id is known. */
function projectLevel(idOrNumber: string, ids: ProjectIds): Level {
  const key = `projects/${ids.get(idOrNumber) ?? idOrNumber}`;
  return { kind: 'projects', key, shown: key };
}

/** A folder by its name, `folders/123`; by its address while that is not known. */
function folderLevel(folder: ResourceInstance): Level {
  const name = asString(folder.values.name);
  return name === undefined
    ? { kind: 'folders', key: rootKey(folder, folder.address), shown: folder.address }
    : { kind: 'folders', key: `folders/${name.replace(/^folders\//, '')}`, shown: name };
}

/**
 * The one folder or project a value not known before apply names: `google_folder.f.name` (or its
 * `id`, or `folders/${google_folder.f.folder_id}`), `google_project.p.number` (its `project_id`,
 * `id`), a `data.google_project`'s likewise; the project by its id, which has to be known.
 */
function namedLevel(
  ctx: AdapterContext,
  ids: ProjectIds,
  value: Unknown,
  near: ResourceInstance,
): Level | undefined {
  const [address, ...others] = value.resources;
  const target = address === undefined ? undefined : ctx.resource(address, near);
  if (target === undefined || others.length > 0 || !isOneReference(value, near)) return undefined;
  const text = (value.pieces ?? []).filter((piece) => typeof piece === 'string').join('');
  const reads = (attributes: readonly string[], prefix: string) =>
    (text === '' || text === prefix) &&
    value.refs.every(
      (ref) => ref === target.address || attributes.some((a) => ref === `${target.address}.${a}`),
    );
  if (target.type === FOLDER && target.mode === 'managed')
    return reads(['name', 'id', 'folder_id'], 'folders/') ? folderLevel(target) : undefined;
  const id = asString(target.values.project_id);
  if (target.type !== PROJECT || id === undefined) return undefined;
  return reads(['number', 'project_id', 'id'], 'projects/') ? projectLevel(id, ids) : undefined;
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
