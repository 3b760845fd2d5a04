import { isUnknown, type AccessKind, type ResourceInstance, type Value } from '@posture/model';
import { isOneReference, valueAt } from './attrs.js';
import type { AdapterContext, BucketKey, MissingInstance, TargetOptions } from './context.js';
import { RootedLists, type Rooted } from './module-tree.js';
import { UnresolvedByModule } from './unresolved-by-module.js';

/**
 * Attachments of one type grouped by the bucket they apply to, and those that match none. Both are
 * keyed within a root module: root modules repeat addresses (`envs/dev`, `envs/prod`).
 */
export interface Grouped {
  /** The attachments of the bucket at `address` in `near`'s root module. */
  of(bucket: Rooted & { readonly address: string }): ResourceInstance[];
  /**
   * The attachments that match no bucket and may configure one of module `module` of `near`'s root
   * module (`UnresolvedByModule`): those declared in it, those read from it, and those that may
   * configure any bucket of the root module.
   */
  orphansIn(near: Rooted, module: string): readonly ResourceInstance[];
  /** The instance an orphan names that the scan does not have, when that is why it is one. */
  missing(orphan: ResourceInstance): MissingInstance | undefined;
  /** What the attachments can open on a bucket, when its own settings can refuse that. */
  readonly opens?: AccessKind;
}

export interface GroupOptions {
  /** Which resources of the types to group; default all. */
  readonly wanted?: (resource: ResourceInstance) => boolean;
  readonly opens?: AccessKind;
  /**
   * Whether an attachment could leave a bucket it configures less private; default yes. One that
   * cannot (a private ACL, a domain written disabled) is no orphan: whichever bucket it
   * configures, it casts no doubt on it.
   */
  readonly mayLoosen?: (resource: ResourceInstance) => boolean;
  /** The name of the bucket a known value names (`TargetOptions`): the value itself by default. */
  readonly nameOf?: TargetOptions['nameOf'];
  /** Which buckets a resource can configure at all (`TargetOptions.fits`): any by default. */
  readonly fitsOf?: (resource: ResourceInstance) => TargetOptions['fits'];
}

/**
 * `path`: where the attachments name their bucket; or, for one that names several (a multi-region
 * access point, a bucket in each region), where each of it does, each joined on its own. One of
 * those that cannot be determined is not one of the others the resource refers to, and makes the
 * resource an orphan as well: it may be any bucket of its module. So does one that `refersInPart`,
 * which is also joined to what it refers to, as it may be that bucket. An orphan of a module that
 * declares none, or whose bucket its caller passes or is set at apply, configures a bucket from
 * outside it: any of its root module (`UnresolvedByModule`).
 */
export function groupByBucket(
  ctx: AdapterContext,
  types: readonly string[],
  path: string | ((resource: ResourceInstance) => readonly string[]),
  buckets: readonly BucketKey[],
  { wanted = () => true, opens, mayLoosen = () => true, nameOf, fitsOf }: GroupOptions = {},
): Grouped {
  const byBucket = new RootedLists<ResourceInstance>();
  const orphans = new UnresolvedByModule<ResourceInstance>(ctx, buckets);
  const missing = new Map<ResourceInstance, MissingInstance>();
  for (const resource of types.flatMap((t) => ctx.managed(t)).filter(wanted)) {
    const paths = typeof path === 'string' ? [path] : path(resource);
    const options: TargetOptions = {
      nameOf,
      fits: fitsOf?.(resource),
      ...(typeof path !== 'string' && { alone: false }),
    };
    const each = paths.map((p) => ctx.targets(resource, p, buckets, options));
    const unsure = paths.some((p) => refersInPart(valueAt(resource.values, p), resource));
    if ((each.length === 0 || unsure || each.some((t) => t.length === 0)) && mayLoosen(resource)) {
      orphans.add(resource, paths, resource);
      const named = paths.flatMap((p, i) => {
        const found = each[i]?.length === 0 && ctx.missingInstance(resource, p, buckets);
        return found ? [found] : [];
      });
      if (named[0]) missing.set(resource, named[0]);
    }
    for (const target of new Set(each.flat())) byBucket.add(target, target.address, resource);
  }
  return {
    of: (bucket) => byBucket.get(bucket, bucket.address),
    orphansIn: (near, module) => orphans.in(near, module),
    missing: (orphan) => missing.get(orphan),
    ...(opens && { opens }),
  };
}

/**
 * Whether a value not known refers to resources as one of what it may be, in an HCL scan:
 * `coalesce(var.x, aws_s3_bucket.o.id)`, with no value for var.x, refers to o alone and may name
 * another bucket, so o is not the only bucket it may name. One that refers to nothing (`var.x`) is
 * joined as before, by what else the resource refers to.
 */
function refersInPart(value: Value | undefined, near: ResourceInstance): boolean {
  return isUnknown(value) && value.refs.length > 0 && !isOneReference(value, near);
}

/** Two groupings of attachments as one: the attachments of a bucket, and orphans, of either. */
export function mergeGroups(a: Grouped, b: Grouped): Grouped {
  return {
    of: (bucket) => [...a.of(bucket), ...b.of(bucket)],
    orphansIn: (near, module) => [...a.orphansIn(near, module), ...b.orphansIn(near, module)],
    missing: (orphan) => a.missing(orphan) ?? b.missing(orphan),
    ...((a.opens ?? b.opens) && { opens: a.opens ?? b.opens }),
  };
}

/**
 * Objects Terraform uploads with an ACL of their own (`wanted` tells which), by bucket; and
 * as orphans only those whose ACL `mayLoosen` a bucket.
 */
export function objectsWithAcl(
  ctx: AdapterContext,
  types: readonly string[],
  wanted: (resource: ResourceInstance) => boolean,
  buckets: readonly BucketKey[],
  mayLoosen: (resource: ResourceInstance) => boolean,
  fitsOf?: GroupOptions['fitsOf'],
): Grouped {
  return groupByBucket(ctx, types, 'bucket', buckets, { wanted, opens: 'acl', mayLoosen, fitsOf });
}

/** Whether a resource sets `attribute`: of the objects Terraform uploads, those that say anything. */
export function setting(attribute: string): (resource: ResourceInstance) => boolean {
  return (resource) => {
    const value = resource.values[attribute];
    return value !== undefined && value !== null;
  };
}
