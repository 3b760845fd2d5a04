import type {
  Annotation,
  Inventory,
  ModuleCall,
  OriginMap,
  ProviderConfig,
  ProviderRef,
  Range,
  Source,
} from '@posture/model';
import { addTo } from '@posture/model';
import { blockRange } from './attrs.js';

/** Entries of one root module: addresses repeat across root modules (`envs/dev`, `envs/prod`). */
export type Rooted = { readonly rootModule?: string };

export function rootKey(item: Rooted, address: string): string {
  return `${item.rootModule ?? '.'}|${address}`;
}

/**
 * Lists kept by root module, then by address, as under `rootKey`, without making a key for each
 * look-up: the S3 adapter looks up the settings of a dozen kinds for each bucket, and its orphans,
 * and making and hashing those keys was a tenth of its time on a plan of 60,000 buckets.
 */
export class RootedLists<T> {
  private readonly roots = new Map<string, Map<string, T[]>>();

  add(item: Rooted, address: string, value: T): void {
    const root = item.rootModule ?? '.';
    let lists = this.roots.get(root);
    if (!lists) this.roots.set(root, (lists = new Map()));
    addTo(lists, address, value);
  }

  /** The list kept at `address` in `item`'s root module; an empty one when there is none. */
  get(item: Rooted, address: string): T[] {
    return this.roots.get(item.rootModule ?? '.')?.get(address) ?? [];
  }
}

/**
 * An inventory's module calls and provider configurations, indexed: which call makes a module
 * instance, and which provider configuration the resources of a module use. Resources play no
 * part, so the resources registry modules would make can be placed with it before they are
 * indexed with the rest.
 */
export class ModuleTree {
  private readonly calls = new Map<string, ModuleCall>();
  private readonly providers = new Map<string, ProviderConfig>();

  constructor(inventory: Pick<Inventory, 'moduleCalls' | 'providers'>) {
    for (const call of inventory.moduleCalls) this.calls.set(rootKey(call, call.address), call);
    for (const provider of inventory.providers) {
      const key = providerKey(provider, provider);
      // The first block wins, as a linear search would find it.
      if (!this.providers.has(key)) this.providers.set(key, provider);
    }
  }

  provider(ref: ProviderRef, near: Rooted): ProviderConfig | undefined {
    return this.providers.get(providerKey(ref, near));
  }

  /** The module call that makes a module instance (`module.a["k"]`), in the root module of `near`. */
  call(moduleAddress: string, near: Rooted): ModuleCall | undefined {
    return this.calls.get(rootKey(near, moduleAddress));
  }

  /** The module call blocks that lead to a module instance, outermost first. */
  moduleChain(moduleAddress: string, near: Rooted): Source[] {
    return this.callsTo(moduleAddress, near).map((call) => ({
      address: call.address,
      range: blockRange(call),
    }));
  }

  /**
   * The annotations of the module calls that lead to a module instance: `# posture:release` above
   * a call marks every bucket it makes, in every instance and every module it calls in turn.
   */
  callAnnotations(moduleAddress: string, near: Rooted): Annotation[] {
    return this.callsTo(moduleAddress, near).flatMap((call) => call.annotations);
  }

  /**
   * Whether what a resource holds at one of `paths` is set, in part, by an argument of a call that
   * leads to its module (`bucket = var.x` in the call, read as `var.bucket` in the module): a value
   * its caller passes, which may be any bucket the caller reaches. Known from where values are set
   * (`origins`), which an HCL scan records, and a plan mapped onto it takes.
   */
  passedIn(
    resource: Rooted & { readonly module: string; readonly origins?: OriginMap },
    paths: readonly string[],
  ): boolean {
    const calls = this.callsTo(resource.module, resource).map(blockRange);
    const origins = paths.flatMap((path) => resource.origins?.[path] ?? []);
    return origins.some((origin) => calls.some((call) => encloses(call, origin)));
  }

  private callsTo(moduleAddress: string, near: Rooted): ModuleCall[] {
    const chain: ModuleCall[] = [];
    let prefix = '';
    for (const part of moduleAddress.match(/module\.[^.[]+(\[[^\]]*\])?/g) ?? []) {
      prefix = prefix ? `${prefix}.${part}` : part;
      const call =
        this.calls.get(rootKey(near, prefix)) ??
        this.calls.get(rootKey(near, prefix.replace(/\[[^\]]*\]$/, '')));
      if (call) chain.push(call);
    }
    return chain;
  }

  /**
   * The provider configuration `name` that the resources of a module not read (a registry module
   * that is not installed) use, as Terraform chooses it for a module without a provider block of
   * its own: the one its call passes (`providers = { aws = aws.replica }`), else its caller's own,
   * else the one the caller's call passes, and so on up to the root, however deep the call is.
   */
  inheritedBy(call: ModuleCall, name: string): ProviderRef {
    for (let at: ModuleCall | undefined = call; at; at = this.call(at.module, call)) {
      const passed = at.providers?.[name];
      if (passed) return passed;
      const own = { name, module: at.module };
      if (this.provider(own, call)) return own;
    }
    return { name, module: '' };
  }
}

function encloses(outer: Range, inner: Range): boolean {
  return (
    outer.file === inner.file &&
    outer.start.offset <= inner.start.offset &&
    inner.end.offset <= outer.end.offset
  );
}

function providerKey(ref: ProviderRef, near: Rooted): string {
  return JSON.stringify([ref.name, ref.alias ?? null, ref.module, near.rootModule ?? null]);
}
