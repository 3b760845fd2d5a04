import {
  isUnknown,
  refResource,
  type Inventory,
  type ModuleCall,
  type ProviderConfig,
  type ProviderRef,
  type ResourceInstance,
  type Source,
} from '@posture/model';
import { blockRange, valueAt } from './attrs.js';

/** A bucket as attachments see it: its address, known name and module, for joining. */
export interface BucketKey {
  readonly address: string;
  readonly name: string | undefined;
  readonly module: string;
  readonly rootModule?: string;
}

/** Entries of one root module: addresses repeat across root modules (`envs/dev`, `envs/prod`). */
type Rooted = { readonly rootModule?: string };

function rootKey(item: Rooted, address: string): string {
  return `${item.rootModule ?? '.'}|${address}`;
}

/**
 * Indexes over the inventory that every adapter shares, built once per scan so joins stay linear
 * in the number of resources (no resource-by-resource scans of the whole inventory).
 */
export class AdapterContext {
  private readonly byType = new Map<string, ResourceInstance[]>();
  private readonly byAddress = new Map<string, ResourceInstance>();
  private readonly calls = new Map<string, ModuleCall>();

  constructor(readonly inventory: Inventory) {
    for (const resource of inventory.resources) {
      const list = this.byType.get(resource.type);
      if (list) list.push(resource);
      else this.byType.set(resource.type, [resource]);
      this.byAddress.set(rootKey(resource, resource.address), resource);
    }
    for (const call of inventory.moduleCalls) this.calls.set(rootKey(call, call.address), call);
  }

  managed(type: string): readonly ResourceInstance[] {
    return (this.byType.get(type) ?? []).filter((r) => r.mode === 'managed');
  }

  data(type: string): readonly ResourceInstance[] {
    return (this.byType.get(type) ?? []).filter((r) => r.mode === 'data');
  }

  /** The resource at an address in the same root module as `near`. */
  resource(address: string, near: Rooted): ResourceInstance | undefined {
    return this.byAddress.get(rootKey(near, address));
  }

  provider(ref: ProviderRef, near: Rooted): ProviderConfig | undefined {
    return this.inventory.providers.find(
      (p) =>
        p.name === ref.name &&
        p.alias === ref.alias &&
        p.module === ref.module &&
        p.rootModule === near.rootModule,
    );
  }

  /** The module call blocks that lead to a module instance, outermost first. */
  moduleChain(moduleAddress: string, near: Rooted): Source[] {
    const chain: Source[] = [];
    let prefix = '';
    for (const part of moduleAddress.match(/module\.[^.[]+(\[[^\]]*\])?/g) ?? []) {
      prefix = prefix ? `${prefix}.${part}` : part;
      const call =
        this.calls.get(rootKey(near, prefix)) ??
        this.calls.get(rootKey(near, prefix.replace(/\[[^\]]*\]$/, '')));
      if (call) chain.push({ address: call.address, range: blockRange(call) });
    }
    return chain;
  }

  /**
   * Which buckets an attachment (ACL, policy, domain, IAM member…) applies to. Terraform joins them
   * by reference (`bucket = aws_s3_bucket.x.id`) or by literal name (`bucket = "x"`); both count.
   */
  targets(resource: ResourceInstance, path: string, all: readonly BucketKey[]): BucketKey[] {
    const buckets = all.filter((b) => b.rootModule === resource.rootModule);
    const value = valueAt(resource.values, path);
    if (isUnknown(value)) {
      const byRef = matchAddresses(value.resources, buckets);
      if (byRef.length > 0) return byRef;
    } else if (typeof value === 'string') {
      const byName = buckets.filter((b) => b.name === value);
      const sameModule = byName.filter((b) => b.module === resource.module);
      if (byName.length > 0) return sameModule.length > 0 ? sameModule : byName;
    }
    const referenced = matchAddresses(resource.references, buckets);
    return referenced.length === 1 ? referenced : [];
  }
}

/**
 * Exact instance addresses first; a reference without an instance key (`aws_s3_bucket.b` when the
 * evaluator could not know `each.key`) matches every instance of that resource.
 */
function matchAddresses(refs: readonly string[], buckets: readonly BucketKey[]): BucketKey[] {
  const wanted = new Set(refs.map(refResource));
  const exact = buckets.filter((b) => wanted.has(b.address));
  if (exact.length > 0) return exact;
  return buckets.filter((b) => wanted.has(b.address.replace(/\[[^\]]*\]$/, '')));
}
