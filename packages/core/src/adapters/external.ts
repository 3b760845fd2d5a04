/**
 * Buckets that no scanned Terraform declares but that settings resources name by a known name
 * (`bucket = "acme-releases"`): made by another configuration, by hand, or by a module not read.
 * What those resources do to such a bucket is judged as for a declared one; its own settings are
 * not known, so no rule reads them.
 */
import type { Bucket, ResourceInstance } from '@posture/model';
import { blockRange, rangeAt, valueAt } from './attrs.js';
import { rootKey, type AdapterContext, type BucketKey } from './context.js';

/**
 * One stand-in bucket resource per name and root module, made of the first of `naming` whose
 * `path` names a bucket that none of `declared` is: the adapters build the bucket from it as from
 * a bucket resource of `type`, whose name is at `namePath`, and join the resources to it.
 */
export function externalBuckets(
  ctx: AdapterContext,
  naming: readonly ResourceInstance[],
  path: string,
  declared: readonly BucketKey[],
  bucket: { readonly type: string; readonly namePath: string },
): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const resource of naming) {
    const name = valueAt(resource.values, path);
    if (typeof name !== 'string' || ctx.targets(resource, path, declared).length > 0) continue;
    const key = rootKey(resource, name);
    if (!found.has(key)) found.set(key, standIn(resource, name, path, bucket));
  }
  return [...found.values()];
}

function standIn(
  naming: ResourceInstance,
  name: string,
  path: string,
  bucket: { readonly type: string; readonly namePath: string },
): ResourceInstance {
  // An instance key is the naming resource's, not the bucket's.
  const { key: _key, ...rest } = naming;
  return {
    ...rest,
    // No Terraform address is its own: it is known by its name.
    address: `bucket "${name}"`,
    type: bucket.type,
    name,
    values: { [bucket.namePath]: name },
    // Its block is the resource that names it, its name where that resource writes it.
    ranges: { '': blockRange(naming), [bucket.namePath]: rangeAt(naming, path) },
    references: [],
  };
}

/**
 * A bucket built from a stand-in, as what it is: declared elsewhere, with no resource type, and
 * none of the provider's default tags, which tag only what this configuration creates.
 */
export function declaredElsewhere<B extends Bucket>(bucket: B): B {
  return { ...bucket, declaredElsewhere: true, resourceType: undefined, tags: [] };
}
