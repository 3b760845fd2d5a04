import type { BucketBase, ResourceInstance } from '@posture/model';
import { blockRange, rangeAt } from './attrs.js';
import type { AdapterContext } from './context.js';
import { effectiveTags } from './tags.js';

type Base = Omit<BucketBase, 'endpoints' | 'unresolved'>;

/** The facts every bucket resource has, whatever its service. */
export function bucketBase(
  ctx: AdapterContext,
  resource: ResourceInstance,
  options: {
    name: string | undefined;
    namePath: string;
    namePrefix?: string;
    tags?: 'tags' | 'labels';
  },
): Base {
  return {
    address: resource.address,
    name: options.name,
    ...(options.namePrefix === undefined ? {} : { namePrefix: options.namePrefix }),
    nameRange: rangeAt(resource, options.namePath),
    range: blockRange(resource),
    moduleCalls: ctx.moduleChain(resource.module, resource),
    tags: options.tags ? effectiveTags(ctx, resource, options.tags) : [],
    annotations: resource.annotations,
    release: [],
  };
}
