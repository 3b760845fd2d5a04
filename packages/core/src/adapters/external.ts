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

/** Where a resource names a bucket, and how (`TargetOptions`): an origin's S3 host, say. */
export interface Naming {
  readonly resource: ResourceInstance;
  readonly path: string;
  readonly options?: TargetOptions;
}

/** What a stand-in is built as, and the service each naming resource reaches. */
export interface StandInKind {
  readonly type: string;
  readonly namePath: string;
  /**
   * The service a naming resource reaches when it is not the type's own: `R2` for an AWS provider
   * pointed at an R2 endpoint. Two buckets of one name on two services are two stand-ins, the one
   * of the other service told apart by it in its address (`bucket "acme-releases" on R2`).
   */
  readonly serviceOf?: (resource: ResourceInstance) => string | undefined;
}

/**
 * One stand-in bucket resource per name, root module and service (`StandInKind.serviceOf`), made of
 * the first of `naming` whose `path` names a bucket that none of `declared` is: the adapters build
 * the bucket from it as from a bucket resource of `type`, whose name is at `namePath`, and join the
 * resources to it.
 */
export function standInsNamed(
  ctx: AdapterContext,
  naming: readonly Naming[],
  declared: readonly BucketKey[],
  bucket: StandInKind,
): ResourceInstance[] {
  const found = new Map<string, Naming & { readonly name: string; readonly service?: string }>();
  const services = new Map<string, number>();
  for (const { resource, path, options = {} } of naming) {
    const value = valueAt(resource.values, path);
    const name = typeof value === 'string' ? (options.nameOf ?? String)(value) : undefined;
    if (name === undefined || ctx.targets(resource, path, declared, options).length > 0) continue;
    const service = bucket.serviceOf?.(resource);
    const key = `${rootKey(resource, name)}|${service ?? ''}`;
    if (found.has(key)) continue;
    found.set(key, { resource, path, name, service });
    services.set(rootKey(resource, name), (services.get(rootKey(resource, name)) ?? 0) + 1);
  }
  return [...found.values()].map(({ resource, path, name, service }) => {
    // No Terraform address is its own: it is known by its name, and by its service when a
    // bucket of that name on another service has a stand-in too.
    const shared = service !== undefined && services.get(rootKey(resource, name))! > 1;
    const standsFor = { address: `bucket "${name}"${shared ? ` on ${service}` : ''}`, name };
    return standIn(resource, standsFor, path, bucket);
  });
}

/**
 * The keys of the declared buckets, then of their stand-ins (`keyOf`): `declared` itself when there
 * are none. `AdapterContext.targets` indexes the buckets once for each list it is given, and a copy
 * of the same keys was indexed again: a tenth of the S3 adapter's time on a plan of 60,000 buckets.
 */
export function withStandIns(
  declared: readonly BucketKey[],
  external: readonly ResourceInstance[],
  keyOf: (standIn: ResourceInstance) => BucketKey,
): readonly BucketKey[] {
  return external.length === 0 ? declared : [...declared, ...external.map(keyOf)];
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
