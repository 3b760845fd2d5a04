import type { OriginMap } from '@posture/model';
import { rootKey, type ModuleTree, type Rooted } from './module-tree.js';
import { addTo } from '../multimap.js';

type InModule = Rooted & { readonly module: string };

/**
 * What may concern any bucket of its module, as its own bucket is not known before apply (a
 * settings resource, a distribution's origin), kept by module within a root module. In a module
 * that declares no bucket, the bucket came from outside it: from any module of its root module. So
 * did one its caller passes, whatever its module declares: the caller may pass its own bucket, or
 * one a module it calls makes.
 */
export class UnresolvedByModule<T> {
  private readonly withBuckets: ReadonlySet<string>;
  private readonly items = new Map<string, T[]>();

  constructor(
    private readonly tree: ModuleTree,
    buckets: readonly InModule[],
  ) {
    this.withBuckets = new Set(buckets.map((bucket) => rootKey(bucket, bucket.module)));
  }

  /** `paths`: where the resource names the bucket that cannot be determined. */
  add(
    resource: InModule & { readonly origins?: OriginMap },
    paths: readonly string[],
    item: T,
  ): void {
    const own = rootKey(resource, resource.module);
    const ofOwn = this.withBuckets.has(own) && !this.tree.passedIn(resource, paths);
    addTo(this.items, ofOwn ? own : rootKey(resource, ANY_MODULE), item);
  }

  /** What may concern the buckets of module `module` of `near`'s root module. */
  in(near: Rooted, module: string): readonly T[] {
    return [
      ...(this.items.get(rootKey(near, module)) ?? []),
      ...(this.items.get(rootKey(near, ANY_MODULE)) ?? []),
    ];
  }
}

/** No module's address: what is kept under it is of every module of a root module. */
const ANY_MODULE = '*';
