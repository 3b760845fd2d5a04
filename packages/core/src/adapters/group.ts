import type { ResourceInstance } from '@posture/model';
import type { AdapterContext, BucketKey } from './context.js';

/** Attachments of one type grouped by the bucket they apply to, and those that match none. */
export interface Grouped {
  readonly byBucket: ReadonlyMap<string, ResourceInstance[]>;
  readonly orphans: readonly ResourceInstance[];
}

export function groupByBucket(
  ctx: AdapterContext,
  types: readonly string[],
  path: string,
  buckets: readonly BucketKey[],
): Grouped {
  const byBucket = new Map<string, ResourceInstance[]>();
  const orphans: ResourceInstance[] = [];
  for (const resource of types.flatMap((t) => ctx.managed(t))) {
    const targets = ctx.targets(resource, path, buckets);
    if (targets.length === 0) orphans.push(resource);
    for (const target of targets) {
      const list = byBucket.get(target.address);
      if (list) list.push(resource);
      else byBucket.set(target.address, [resource]);
    }
  }
  return { byBucket, orphans };
}
