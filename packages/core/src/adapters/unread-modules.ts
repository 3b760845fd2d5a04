/**
 * Module calls whose modules the scan did not read (not installed, outside the scan root, nested
 * too deep): what they declare is not in the inventory, and a fact that may be there stays open.
 */
import { addTo, splitAddress, type ModuleCall, type Source } from '@posture/model';
import { blockRange } from './attrs.js';
import type { AdapterContext } from './context.js';
import { rootKey, type Rooted } from './module-tree.js';
import { moduleNotNeeded } from './modules/index.js';

const unreadByScan = new WeakMap<AdapterContext, Map<string, Source[]>>();

/**
 * The calls of `near`'s root module whose modules were not read, but for registry modules known to
 * set nothing on a bucket they do not make (`moduleNotNeeded`): one of them may set something on
 * any bucket of the root module, a policy included.
 */
export function unreadModules(ctx: AdapterContext, near: Rooted): readonly Source[] {
  let byRoot = unreadByScan.get(ctx);
  if (!byRoot) {
    byRoot = new Map();
    for (const call of ctx.inventory.moduleCalls) {
      if (isRead(call) || moduleNotNeeded(call.source)) continue;
      addTo(byRoot, rootKey(call, ''), { address: call.address, range: blockRange(call) });
    }
    unreadByScan.set(ctx, byRoot);
  }
  return byRoot.get(rootKey(near, '')) ?? [];
}

/**
 * The call whose module was not read that a reference reads an output of
 * (`module.cloudfront.cloudfront_distribution_arn`, `module.site.module.cdn["a"].arn`): what the
 * output stands for is not in the inventory.
 */
export function unreadCallOf(
  ctx: AdapterContext,
  ref: string,
  near: Rooted,
): ModuleCall | undefined {
  const parts = splitAddress(ref);
  let end = 0;
  while (parts[end] === 'module' && end + 2 < parts.length) end += 2;
  if (end === 0) return undefined;
  const address = parts.slice(0, end).join('.');
  const call = ctx.call(address, near) ?? ctx.call(address.replace(/\[[^\]]*\]$/, ''), near);
  return call && !isRead(call) ? call : undefined;
}

function isRead(call: ModuleCall): boolean {
  return call.status === 'loaded' || call.status === 'installed';
}
