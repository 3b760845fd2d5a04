/**
 * Buckets that no scanned Terraform declares but that settings resources name by a known name
 * (`bucket = "acme-releases"`): made by another configuration, by hand, or by a module not read.
 * What those resources do to such a bucket is judged as for a declared one; its own settings are
 * not known, so no rule reads them. A registry module's bucket, known by the call's inputs and
 * with no resource of its own, gets a stand-in too, for what the resources joined to it do.
 */
import type { Bucket, ResourceInstance } from '@posture/model';
import { blockRange, rangeAt, valueAt } from './attrs.js';
import type { AdapterContext, BucketKey, TargetOptions } from './context.js';
import { rootKey } from './module-tree.js';
import type { Grouped } from './group.js';

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
  return standInsNamed(
    ctx,
    naming.map((resource) => ({ resource, path })),
    declared,
    bucket,
  );
}

/** Where a resource names a bucket, and how (`TargetOptions`): an origin's S3 host, say. */
export interface Naming {
  readonly resource: ResourceInstance;
  readonly path: string;
  readonly options?: TargetOptions;
}

/** `externalBuckets`, of the buckets each of `naming` names at its own path. */
export function standInsNamed(
  ctx: AdapterContext,
  naming: readonly Naming[],
  declared: readonly BucketKey[],
  bucket: { readonly type: string; readonly namePath: string },
): ResourceInstance[] {
  const found = new Map<string, ResourceInstance>();
  for (const { resource, path, options = {} } of naming) {
    const value = valueAt(resource.values, path);
    const name = typeof value === 'string' ? (options.nameOf ?? String)(value) : undefined;
    if (name === undefined || ctx.targets(resource, path, declared, options).length > 0) continue;
    const key = rootKey(resource, name);
    // No Terraform address is its own: it is known by its name.
    const standsFor = { address: `bucket "${name}"`, name };
    if (!found.has(key)) found.set(key, standIn(resource, standsFor, path, bucket));
  }
  return [...found.values()];
}

/**
 * One stand-in, at the bucket's address, for each bucket of `made` (a registry module's, read by
 * its inputs, `registryModuleKeys`) that a settings resource of `groups` was joined to, made of the
 * first of them: the adapters build what those resources do to it as for a bucket resource of
 * `type`, and `joinStandIns` adds that to the module's bucket.
 */
export function moduleStandIns(
  made: readonly BucketKey[],
  groups: readonly Pick<Grouped, 'of'>[],
  path: string,
  bucket: { readonly type: string; readonly namePath: string },
): ResourceInstance[] {
  return made.flatMap((key) => {
    const naming = groups.flatMap((group) => group.of(key))[0];
    return naming ? [standIn(naming, key, path, bucket)] : [];
  });
}

function standIn(
  naming: ResourceInstance,
  standsFor: { readonly address: string; readonly name: string | undefined },
  path: string,
  bucket: { readonly type: string; readonly namePath: string },
): ResourceInstance {
  // An instance key is the naming resource's, not the bucket's.
  const { key: _key, ...rest } = naming;
  const { address, name } = standsFor;
  return {
    ...rest,
    address,
    type: bucket.type,
    name: name ?? address,
    values: name === undefined ? {} : { [bucket.namePath]: name },
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
