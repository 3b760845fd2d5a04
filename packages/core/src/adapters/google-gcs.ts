import {
  asArray,
  asString,
  isObject,
  isUnknown,
  type GcsAcl,
  type GcsBucket,
  type GcsIam,
  type GcsMember,
  type ResourceInstance,
  type Value,
} from '@posture/model';
import { GCS_ACLS, GCS_IAM } from '@posture/rules';
import { blockRange, boolAttr, rangeAt, source, stringAttr, valueAt } from './attrs.js';
import { orphansNear } from './aws-s3.js';
import { bucketBase, nameParts } from './bucket-base.js';
import { gcsEndpoints } from './endpoints.js';
import { bucketKey, type AdapterContext, type TargetOptions } from './context.js';
import {
  declaredElsewhere,
  moduleStandIns,
  standInsNamed,
  withStandIns,
  type Naming,
} from './external.js';
import { groupByBucket, mergeGroups, objectsWithAcl, setting, type GroupOptions } from './group.js';
import { BACKEND_BUCKET, BACKEND_BUCKET_NAME, backendBucketOf } from './gcs-backend-buckets.js';
import { EDGE_POLICY_READS, edgePolicies } from './gcs-edge-policies.js';
import { entityMayBePublic, membersMayBePublic } from './gcs-members.js';
import { ORG_POLICY_READS, preventionPolicy, projectOf } from './gcs-org-policy.js';
import { registryModuleKeys } from './modules/index.js';

/** IAM on the bucket. */
const BUCKET_IAM_TYPES = [
  'google_storage_bucket_iam_member',
  'google_storage_bucket_iam_binding',
  'google_storage_bucket_iam_policy',
];

/** IAM on a managed folder in the bucket, which grants on the objects under it. */
const FOLDER_IAM_TYPES = [
  'google_storage_managed_folder_iam_member',
  'google_storage_managed_folder_iam_binding',
  'google_storage_managed_folder_iam_policy',
];

const IAM_TYPES = [...BUCKET_IAM_TYPES, ...FOLDER_IAM_TYPES];

/**
 * The bucket IAM resources take the bucket as `b/<name>` too, and keep it so in the state: a state
 * or a literal `bucket = "b/acme-releases"` names bucket acme-releases. Read as the google provider
 * reads it (`StorageBucketIamUpdaterProducer`), with unanchored patterns: the first `b/<name>` in
 * the value, else its first segment (`xb/acme-releases/` is acme-releases too). A managed folder's
 * IAM takes the name only.
 */
const BUCKET_IAM_NAMING: TargetOptions = {
  nameOf: (value) => /b\/([^/]+)/.exec(value)?.[1] ?? /[^/]+/.exec(value)?.[0],
};

const ACL_TYPES: Record<string, GcsAcl['scope']> = {
  google_storage_bucket_acl: 'bucket',
  google_storage_bucket_access_control: 'bucket',
  google_storage_default_object_acl: 'default-object',
  google_storage_default_object_access_control: 'default-object',
  google_storage_object_acl: 'object',
  google_storage_object_access_control: 'object',
};

/** Objects Terraform uploads; only those with a `predefined_acl` of their own say anything. */
const OBJECT_TYPES = ['google_storage_bucket_object'];

const FOLDER_TYPE = 'google_storage_managed_folder';

/** Every resource type `adaptGcs` reads, `data.google_iam_policy` documents included. */
export const GCS_READS: readonly string[] = [
  'google_storage_bucket',
  'google_iam_policy',
  ...IAM_TYPES,
  ...Object.keys(ACL_TYPES),
  ...OBJECT_TYPES,
  FOLDER_TYPE,
  BACKEND_BUCKET,
  ...EDGE_POLICY_READS,
  ...ORG_POLICY_READS,
];

export function adaptGcs(ctx: AdapterContext): GcsBucket[] {
  const resources = ctx.managed('google_storage_bucket');
  const made = registryModuleKeys(ctx, 'gcs');
  const declared = [...resources.map((r) => bucketKey(r, 'name')), ...made];
  // An object names its bucket, but only one with an ACL of its own says anything of it.
  const naming: Naming[] = [
    ...BUCKET_IAM_TYPES.flatMap((t) => ctx.managed(t)).map((resource) => ({
      resource,
      path: 'bucket',
      options: BUCKET_IAM_NAMING,
    })),
    ...[
      ...[...FOLDER_IAM_TYPES, ...Object.keys(ACL_TYPES)].flatMap((t) => ctx.managed(t)),
      ...OBJECT_TYPES.flatMap((t) => ctx.managed(t)).filter(setting('predefined_acl')),
    ].map((resource) => ({ resource, path: 'bucket' })),
    ...ctx.managed(BACKEND_BUCKET).map((resource) => ({ resource, path: BACKEND_BUCKET_NAME })),
  ];
  const standIn = { type: 'google_storage_bucket', namePath: 'name' };
  const external = standInsNamed(ctx, naming, declared, standIn);
  const keys = withStandIns(declared, external, (r) => bucketKey(r, 'name'));
  const iamOptions: GroupOptions = {
    opens: 'iam',
    mayLoosen: (r) => GCS_IAM.mayOpen(iamOf(ctx, r)),
  };
  const iam = mergeGroups(
    groupByBucket(ctx, BUCKET_IAM_TYPES, 'bucket', keys, { ...iamOptions, ...BUCKET_IAM_NAMING }),
    groupByBucket(ctx, FOLDER_IAM_TYPES, 'bucket', keys, iamOptions),
  );
  const aclMayLoosen = (r: ResourceInstance) => aclsOf(r).some(GCS_ACLS.mayOpen);
  const acls = groupByBucket(ctx, Object.keys(ACL_TYPES), 'bucket', keys, {
    opens: 'acl',
    mayLoosen: aclMayLoosen,
  });
  const objects = objectsWithAcl(ctx, OBJECT_TYPES, setting('predefined_acl'), keys, aclMayLoosen);
  const folders = groupByBucket(ctx, [FOLDER_TYPE], 'bucket', keys);
  const backends = groupByBucket(ctx, [BACKEND_BUCKET], BACKEND_BUCKET_NAME, keys);
  const edgePolicyOf = edgePolicies(ctx);
  const configured = moduleStandIns(
    made,
    [iam, acls, objects, folders, backends],
    'bucket',
    standIn,
  );
  const gcsBucket = (resource: ResourceInstance): GcsBucket => {
    const name = asString(resource.values.name);
    const site = resource.values.website;
    const at = { address: resource.address, range: rangeAt(resource, 'website.0') };
    return Object.assign(
      bucketBase(ctx, resource, {
        name,
        namePath: 'name',
        nameParts: nameParts(resource.values.name),
        tags: 'labels',
      }),
      {
        service: 'gcs' as const,
        publicAccessPrevention: stringAttr(resource, 'public_access_prevention'),
        organizationPrevention: preventionPolicy(ctx, projectOf(ctx, resource)),
        uniformBucketLevelAccess: uniformAccess(resource),
        iam: iam.of(resource).map((r) => iamOf(ctx, r)),
        acls: [...acls.of(resource), ...objects.of(resource)].flatMap(aclsOf),
        // Blocks not known before apply (`dynamic "website"`) may make one.
        website: isUnknown(site)
          ? {
              ...at,
              unknown: { what: `the website configuration of ${resource.address}`, value: site },
            }
          : asArray(site).some(isObject)
            ? at
            : undefined,
        managedFolders: folders.of(resource).map(source),
        backendBuckets: backends.of(resource).map((b) => backendBucketOf(b, edgePolicyOf)),
        endpoints: name ? gcsEndpoints(name) : [],
        unresolved: orphansNear(resource, [iam, acls, objects, backends]),
      },
    );
  };
  const standIns = [...external, ...configured];
  return [...resources.map(gcsBucket), ...standIns.map((r) => declaredElsewhere(gcsBucket(r)))];
}

function iamOf(ctx: AdapterContext, r: ResourceInstance): GcsIam {
  const iam = bucketIamOf(ctx, r);
  if (!r.type.startsWith('google_storage_managed_folder_')) return iam;
  return { ...iam, managedFolder: stringAttr(r, 'managed_folder') };
}

function bucketIamOf(ctx: AdapterContext, r: ResourceInstance): GcsIam {
  if (r.type.endsWith('_iam_policy')) return iamPolicy(ctx, r);
  const role = asString(r.values.role);
  const path = r.type.endsWith('_iam_member') ? 'member' : 'members';
  const raw = valueAt(r.values, path);
  const members = asArray(raw).flatMap((m, i) => {
    const member = asString(m);
    const range = rangeAt(r, Array.isArray(raw) ? `${path}.${i}` : path);
    return member === undefined ? [] : [{ member, role, range }];
  });
  return { ...source(r), members, unknown: membersMayBePublic(raw) };
}

/** `policy_data` from `data.google_iam_policy` (read as blocks) or a JSON string. */
function iamPolicy(ctx: AdapterContext, r: ResourceInstance): GcsIam {
  const value = valueAt(r.values, 'policy_data');
  const doc = isUnknown(value)
    ? value.resources.map((a) => ctx.resource(a, r)).find((d) => d?.type === 'google_iam_policy')
    : undefined;
  if (doc) {
    const bindings = doc.values.binding;
    const members = asArray(bindings)
      .filter(isObject)
      .flatMap((b, i) => bindingMembers(b.role, b.members, rangeAt(doc, `binding.${i}`)));
    // Binding blocks not known before apply (`dynamic "binding"`) may bind anyone.
    if (!isUnknown(bindings)) return { ...source(r), members, unknown: false };
    return { ...source(r), members, unknown: true, unknownRange: rangeAt(doc, 'binding') };
  }
  if (typeof value === 'string')
    return { ...source(r), ...jsonPolicyMembers(value, rangeAt(r, 'policy_data')) };
  return { ...source(r), members: [], unknown: true };
}

/**
 * A JSON policy as the google provider reads it, with Go's encoding/json: a key names a field in
 * any case (`Bindings`, `MEMBERS`, `ſ` for `s`). Of a field written twice Go keeps the last; the
 * members of all of them are read, which cannot miss it, and a binding whose role keys disagree
 * has a role not known.
 */
function jsonPolicyMembers(text: string, range: GcsMember['range']) {
  try {
    const doc = JSON.parse(text) as Value;
    const members = goFields(doc, 'bindings').flatMap((bindings) => {
      if (bindings !== null && !Array.isArray(bindings)) throw new TypeError('bindings');
      return asArray(bindings).flatMap((b) => {
        const [role, ...others] = new Set(goFields(b, 'role'));
        const known = others.length === 0 ? role : undefined;
        return goFields(b, 'members').flatMap((m) => bindingMembers(known, m, range));
      });
    });
    return { members, unknown: false };
  } catch {
    return { members: [], unknown: true };
  }
}

/** The values of an object's keys that Go's encoding/json reads as field `name` (lower case). */
function goFields(value: Value | undefined, name: string): Value[] {
  if (!isObject(value)) return [];
  const folded = (key: string) => key.toLowerCase().replace(/\u017f/g, 's');
  return Object.entries(value).flatMap(([key, v]) => (folded(key) === name ? [v] : []));
}

function bindingMembers(
  role: Value | undefined,
  members: Value | undefined,
  range: GcsMember['range'],
) {
  return asArray(members).flatMap((m) => {
    const member = asString(m);
    return member === undefined ? [] : [{ member, role: asString(role), range }];
  });
}

/** The google provider before 4.0 called uniform bucket-level access `bucket_policy_only`. */
function uniformAccess(resource: ResourceInstance): GcsBucket['uniformBucketLevelAccess'] {
  const uniform = boolAttr(resource, 'uniform_bucket_level_access');
  return uniform.value === undefined ? boolAttr(resource, 'bucket_policy_only') : uniform;
}

/**
 * A resource's ACLs. `google_storage_bucket_acl` sets the default object ACL too, with
 * `default_acl`: a predefined ACL that every object uploaded later gets.
 */
function aclsOf(r: ResourceInstance): GcsAcl[] {
  const own = aclOf(r);
  if (r.type !== 'google_storage_bucket_acl' || r.values.default_acl === undefined) return [own];
  const defaults: GcsAcl = {
    ...source(r),
    scope: 'default-object',
    predefined: stringAttr(r, 'default_acl'),
    entities: [],
  };
  return [own, defaults];
}

function aclOf(r: ResourceInstance): GcsAcl {
  const scope = ACL_TYPES[r.type] ?? (OBJECT_TYPES.includes(r.type) ? 'object' : 'bucket');
  const base = { ...source(r), scope, predefined: stringAttr(r, 'predefined_acl') };
  if (r.type.endsWith('_access_control')) {
    const written = r.values.entity;
    const entity = asString(written);
    const role = asString(r.values.role);
    const range = rangeAt(r, 'entity');
    const entities = entity ? [{ entity, role, range }] : [];
    const undecided = entityMayBePublic(written, false) ? [{ entity: written, role, range }] : [];
    return { ...base, entities, undecided };
  }
  const raw = r.values.role_entity;
  const entries = asArray(raw).map((value, i) => ({
    value,
    range: Array.isArray(raw) ? rangeAt(r, `role_entity.${i}`) : blockRange(r),
  }));
  const entities = entries.flatMap(({ value, range }) => {
    const text = asString(value);
    if (text === undefined) return [];
    const [role, ...rest] = text.split(':');
    return [{ entity: rest.join(':'), role, range }];
  });
  const undecided = entries.flatMap(({ value, range }) =>
    entityMayBePublic(value, true) ? [{ entity: value, range }] : [],
  );
  return { ...base, entities, undecided };
}
