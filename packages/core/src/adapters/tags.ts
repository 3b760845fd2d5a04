import { asString, isObject, type EffectiveTag, type ResourceInstance } from '@posture/model';
import { knownEntries, valueAt, writtenAt, type Configured } from './attrs.js';
import type { AdapterContext } from './context.js';

/**
 * Effective tags (AWS) or labels (Google): the provider's `default_tags` / `default_labels` merged
 * with the resource's own, the resource winning. Plans already carry the merge as `tags_all` /
 * `terraform_labels`, which fills in whatever the provider block did not tell us.
 */
export function effectiveTags(
  ctx: AdapterContext,
  resource: ResourceInstance,
  kind: 'tags' | 'labels',
): EffectiveTag[] {
  const tags = new Map<string, EffectiveTag>();
  const add = (item: Configured, path: string, from: EffectiveTag['from']) => {
    const map = knownEntries(valueAt(item.values, path));
    if (!isObject(map)) return;
    for (const [key, raw] of Object.entries(map)) {
      const value = asString(raw);
      if (value === undefined || tags.has(key)) continue;
      tags.set(key, { key, value, from, range: writtenAt(item, `${path}.${key}`) });
    }
  };
  add(resource, kind, 'resource');
  const provider = ctx.provider(resource.provider, resource);
  if (provider)
    add(provider, kind === 'tags' ? 'default_tags.0.tags' : 'default_labels', 'provider-default');
  add(resource, kind === 'tags' ? 'tags_all' : 'terraform_labels', 'provider-default');
  return [...tags.values()];
}

/** Tags given as a module input map, e.g. `tags = { release = "true" }` on a registry module call. */
export function inputTags(call: Configured, path: string): EffectiveTag[] {
  const map = knownEntries(valueAt(call.values, path));
  if (!isObject(map)) return [];
  return Object.entries(map).flatMap(([key, raw]) => {
    const value = asString(raw);
    return value === undefined
      ? []
      : [{ key, value, from: 'resource' as const, range: writtenAt(call, `${path}.${key}`) }];
  });
}
