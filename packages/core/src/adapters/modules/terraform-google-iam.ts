import {
  asArray,
  asString,
  isObject,
  isUnknown,
  type ModuleCall,
  type Range,
  type ResourceInstance,
  type Value,
} from '@posture/model';
import { knownEntries, rangeAt, valueAt } from '../attrs.js';
import type { ModuleTree } from '../module-tree.js';
import { madeResource } from './inputs.js';

/** A role and its members as the module's inputs give them, and where they are written. */
interface Grant {
  readonly role: Value;
  readonly members: Value;
  /** Where the members are written: `bindings.<role>`, `conditional_bindings.<i>.members`. */
  readonly path: string;
  /** The grant's part of the module's `for_each` keys: the role, and a condition's title. */
  readonly key: string;
}

/**
 * `terraform-google-modules/iam/google//modules/storage_buckets_iam`: it makes no bucket, but
 * binds `bindings` (role → members) and `conditional_bindings` on each bucket of
 * `storage_buckets`, through its `helper` module: one `google_storage_bucket_iam_binding` per
 * bucket and role in mode `authoritative`, one `google_storage_bucket_iam_member` per bucket, role
 * and member in mode `additive` (the default); any other mode makes none. Its resources are made
 * here, addressed as in a plan, for the GCS adapter to join to the buckets they name as it joins
 * any other. The module's bucket names are written in the calling module, so that is where they
 * are joined: a name not known before apply leaves the caller's buckets not provably private.
 */
export function storageBucketsIamResources(tree: ModuleTree, call: ModuleCall): ResourceInstance[] {
  const mode = valueAt(call.values, 'mode') ?? 'additive';
  // Either mode grants the same members; an unknown one is read as authoritative.
  const additive = mode === 'additive';
  if (!additive && mode !== 'authoritative' && !isUnknown(mode)) return [];
  const raw = valueAt(call.values, 'storage_buckets') ?? [];
  const buckets = isUnknown(raw) ? [raw] : asArray(raw);
  const forEach = grants(call);
  return buckets.flatMap((bucket, i) => {
    // `helper` keys a single bucket as "default", so that a name known only after apply can key.
    const alias = isUnknown(raw) ? '?' : buckets.length === 1 ? 'default' : bucketAlias(bucket, i);
    const at = isUnknown(raw) ? 'storage_buckets' : `storage_buckets.${i}`;
    return forEach.flatMap((grant) =>
      additive
        ? members(tree, call, grant, `${alias}--${grant.key}`, bucket, at)
        : [binding(tree, call, grant, `${alias}--${grant.key}`, bucket, at)],
    );
  });
}

function bucketAlias(bucket: Value, i: number): string {
  return asString(bucket) ?? `?${i}`;
}

/** `bindings` by role, then `conditional_bindings`, as the helper module concatenates them. */
function grants(call: ModuleCall): Grant[] {
  const bindings = valueAt(call.values, 'bindings') ?? {};
  const conditional = valueAt(call.values, 'conditional_bindings') ?? [];
  // Of bindings with roles known only at apply (`merge(var.extra, { … })`), the certain ones are
  // judged, and the rest is one grant that may hold any role and member.
  const known = knownEntries(bindings);
  const byRole: Grant[] = [
    ...Object.entries(isObject(known) ? known : {}).map(([role, members]) => ({
      role,
      members,
      path: `bindings.${role}`,
      key: role,
    })),
    ...(isUnknown(bindings)
      ? [{ role: bindings, members: bindings, path: 'bindings', key: '?' }]
      : []),
  ];
  const byCondition: Grant[] = isUnknown(conditional)
    ? [{ role: conditional, members: conditional, path: 'conditional_bindings', key: '?' }]
    : asArray(conditional).map((item, i) => {
        const path = `conditional_bindings.${i}`;
        if (!isObject(item)) return { role: item, members: item, path, key: `?${i}` };
        const role = item.role ?? null;
        const title = asString(item.title) ?? '?';
        return {
          role,
          members: item.members ?? null,
          path: `${path}.members`,
          key: `${asString(role) ?? '?'}--${title}`,
        };
      });
  return [...byRole, ...byCondition];
}

function binding(
  tree: ModuleTree,
  call: ModuleCall,
  grant: Grant,
  key: string,
  bucket: Value,
  bucketPath: string,
): ResourceInstance {
  const list = Array.isArray(grant.members) ? grant.members : [];
  const ranges: Record<string, Range> = {
    '': rangeAt(call, grant.path),
    bucket: rangeAt(call, bucketPath),
    role: rangeAt(call, grant.path),
    members: rangeAt(call, grant.path),
  };
  list.forEach((_, j) => (ranges[`members.${j}`] = rangeAt(call, `${grant.path}.${j}`)));
  return madeResource(
    tree,
    call,
    { type: 'google_storage_bucket_iam_binding', name: 'storage_bucket_iam_authoritative', key },
    {
      values: { bucket, role: grant.role, members: grant.members },
      ranges,
    },
  );
}

/** One member resource per member; a list not known before apply is one that holds them all. */
function members(
  tree: ModuleTree,
  call: ModuleCall,
  grant: Grant,
  key: string,
  bucket: Value,
  bucketPath: string,
): ResourceInstance[] {
  const list = Array.isArray(grant.members) ? grant.members : [grant.members];
  return list.map((member, j) => {
    const at = Array.isArray(grant.members) ? `${grant.path}.${j}` : grant.path;
    const own = asString(member) ?? `?${j}`;
    return madeResource(
      tree,
      call,
      {
        type: 'google_storage_bucket_iam_member',
        name: 'storage_bucket_iam_additive',
        key: `${key}--${own}`,
      },
      {
        values: { bucket, role: grant.role, member },
        ranges: {
          '': rangeAt(call, at),
          bucket: rangeAt(call, bucketPath),
          role: rangeAt(call, grant.path),
          member: rangeAt(call, at),
        },
      },
    );
  });
}
