import { isUnknown, type BucketBase, type ResourceInstance, type Value } from '@posture/model';
import { blockRange, knownParts, rangeAt } from './attrs.js';
import type { AdapterContext } from './context.js';
import { effectiveTags } from './tags.js';

type Base = Omit<BucketBase, 'endpoints' | 'unresolved'>;

/**
 * The facts every bucket resource has, whatever its service. An adapter adds its service's with
 * `Object.assign`, not by spreading this into a new object: V8 copies an object its conditional
 * spreads built by its slowest path, which took half of the time 15,000 S3 buckets were made in.
 */
export function bucketBase(
  ctx: AdapterContext,
  resource: ResourceInstance,
  options: {
    name: string | undefined;
    namePath: string;
    nameParts?: readonly (string | null)[];
    tags?: 'tags' | 'labels';
  },
): Base {
  return {
    address: resource.address,
    ...(resource.rootModule !== undefined && { rootModule: resource.rootModule }),
    resourceType: resource.type,
    name: options.name,
    ...(options.nameParts === undefined ? {} : { nameParts: options.nameParts }),
    nameRange: rangeAt(resource, options.namePath),
    range: blockRange(resource),
    moduleCalls: ctx.moduleChain(resource.module, resource),
    tags: options.tags ? effectiveTags(ctx, resource, options.tags) : [],
    annotations: [...ctx.callAnnotations(resource.module, resource), ...resource.annotations],
    origin: resource.origin,
    release: [],
    ...(resource.unexpanded && { unexpanded: resource.unexpanded }),
  };
}

/**
 * What is known of a name not known before apply: the text around its unknown parts, or for a
 * missing name the `bucket_prefix` AWS completes. Undefined for a known name, or nothing known.
 */
export function nameParts(
  name: Value | undefined,
  prefix?: Value,
): readonly (string | null)[] | undefined {
  if (name !== undefined) return isUnknown(name) ? knownParts(name) : undefined;
  const head = knownParts(prefix);
  return head && [...head, null];
}
