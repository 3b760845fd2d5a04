import {
  addTo,
  asString,
  isUnknown,
  refResource,
  type Inventory,
  type ResourceInstance,
} from '@posture/model';
import { isOneReference, valueAt } from './attrs.js';
import { couldName, withoutKeys } from './instance-keys.js';
import { ModuleTree, rootKey, type Rooted } from './module-tree.js';

/** A bucket as attachments see it: its address, known name and module, for joining. */
export interface BucketKey {
  readonly address: string;
  readonly name: string | undefined;
  readonly module: string;
  readonly rootModule?: string;
  /**
   * What else a reference to it reads: the outputs of the registry module (not installed) that
   * makes it, `module.releases.s3_bucket_id`, which stand for the module's bucket resource.
   */
  readonly aliases?: readonly string[];
}

/** A bucket as settings resources name it: by address, or by the name at `namePath`. */
export function bucketKey(resource: ResourceInstance, namePath: string): BucketKey {
  return {
    address: resource.address,
    name: asString(resource.values[namePath]),
    module: resource.module,
    rootModule: resource.rootModule,
  };
}

export interface TargetOptions {
  /** The name of the bucket a known value names: the value itself, unless said otherwise. */
  readonly nameOf?: (value: string) => string | undefined;
  /**
   * Whether a resource that refers to one bucket alone configures it when the value at the path
   * says nothing (the default): not for one that names buckets in several places, as a CloudFront
   * distribution names its origins and the bucket it logs to.
   */
  readonly alone?: boolean;
  /**
   * Which buckets the resource can configure at all, whatever their names: one of the plain AWS
   * provider no bucket on R2, one of an AWS provider pointed at R2 no bucket on AWS. Default: any.
   */
  readonly fits?: (bucket: BucketKey) => boolean;
}

/**
 * One root module's buckets, by the three ways an attachment names one; the values are positions
 * in the list the index was built from, so matches come back in that list's order.
 */
/** A reference to an instance of a bucket resource that the scan does not have: `missingInstance`. */
export interface MissingInstance {
  readonly ref: string;
  /** The addresses of the instances scanned. */
  readonly scanned: readonly string[];
}

interface BucketIndex {
  readonly byAddress: Map<string, number[]>;
  /** By address without its instance key: `aws_s3_bucket.b` for `aws_s3_bucket.b["k"]`. */
  readonly byResource: Map<string, number[]>;
  /** By address without any instance key, each with the address (or alias) it is known by. */
  readonly byNames: Map<string, [string, number][]>;
  readonly byName: Map<string, number[]>;
}

/**
 * Indexes over the inventory that every adapter shares, built once per scan so joins stay linear
 * in the number of resources (no resource-by-resource scans of the whole inventory).
 */
export class AdapterContext extends ModuleTree {
  private readonly byType = new Map<string, ResourceInstance[]>();
  private readonly byAddress = new Map<string, ResourceInstance>();
  /** Bucket lists handed to `targets`, indexed on first use; adapters pass one list per join. */
  private readonly bucketIndexes = new WeakMap<
    readonly BucketKey[],
    Map<string | undefined, BucketIndex>
  >();

  /**
   * `reads`: the resource types the adapters declare they read. A scan evaluates only those, so
   * asking for any other type is a bug that would find nothing; it throws instead.
   */
  constructor(
    readonly inventory: Inventory,
    private readonly reads: ReadonlySet<string>,
  ) {
    super(inventory);
    for (const resource of inventory.resources) {
      addTo(this.byType, resource.type, resource);
      this.byAddress.set(rootKey(resource, resource.address), resource);
    }
  }

  managed(type: string): readonly ResourceInstance[] {
    return this.ofMode(type, 'managed');
  }

  /** The data sources of a type: what Terraform reads while planning. */
  data(type: string): readonly ResourceInstance[] {
    return this.ofMode(type, 'data');
  }

  private ofMode(type: string, mode: ResourceInstance['mode']): readonly ResourceInstance[] {
    if (!this.reads.has(type)) throw new Error(`${type} is read but not declared in ADAPTED_TYPES`);
    return (this.byType.get(type) ?? []).filter((r) => r.mode === mode);
  }

  /** The resource at an address in the same root module as `near`. */
  resource(address: string, near: Rooted): ResourceInstance | undefined {
    return this.byAddress.get(rootKey(near, address));
  }

  /**
   * Which buckets an attachment (ACL, policy, domain, IAM member…) applies to. Terraform joins them
   * by reference (`bucket = aws_s3_bucket.x.id`) or by literal name (`bucket = "x"`); both count.
   */
  targets(
    resource: ResourceInstance,
    path: string,
    all: readonly BucketKey[],
    { nameOf = (value) => value, alone = true, fits = () => true }: TargetOptions = {},
  ): BucketKey[] {
    const index = this.bucketIndex(all).get(resource.rootModule);
    if (!index) return [];
    const pick = (positions: Iterable<number>) =>
      [...new Set(positions)]
        .sort((a, b) => a - b)
        .map((i) => all[i] as BucketKey)
        .filter(fits);
    const value = valueAt(resource.values, path);
    if (isUnknown(value)) {
      const byRef = pick(matchAddresses(value.resources, index));
      if (byRef.length > 0 || !alone) return byRef;
    } else if (typeof value === 'string') {
      const name = nameOf(value);
      const byName = name === undefined ? [] : pick(index.byName.get(name) ?? []);
      // `bucket = aws_s3_bucket.x.bucket` evaluates to a name that other buckets may share: the
      // reference says which of them is meant.
      const named = new Set(byName);
      const byRef = pick(matchAddresses(resource.references, index)).filter((b) => named.has(b));
      if (byRef.length > 0) return byRef;
      const sameModule = byName.filter((b) => b.module === resource.module);
      if (byName.length > 0) return sameModule.length > 0 ? sameModule : byName;
    }
    if (!alone) return [];
    const referenced = pick(matchAddresses(resource.references, index));
    return referenced.length === 1 ? referenced : [];
  }

  /**
   * The instance that the value at `path`, one reference, names by a key no scanned bucket of its
   * resource could be (`aws_s3_bucket.b["acme-site"]` when the instances are
   * `["acme-releases-*"]` and `["acme-artifacts-*"]`), with the instances scanned: why it joins
   * none. Undefined when the reference could name one, or names no bucket resource scanned.
   */
  missingInstance(
    resource: ResourceInstance,
    path: string,
    all: readonly BucketKey[],
  ): MissingInstance | undefined {
    const index = this.bucketIndex(all).get(resource.rootModule);
    const value = valueAt(resource.values, path);
    if (!index || !isUnknown(value) || !isOneReference(value, resource)) return undefined;
    const [ref, ...others] = new Set(value.resources.map(refResource));
    if (ref === undefined || others.length > 0 || withoutKeys(ref) === ref) return undefined;
    const scanned = (index.byNames.get(withoutKeys(ref)) ?? []).map(([address]) => address);
    if (scanned.length === 0 || scanned.some((address) => couldName(ref, address)))
      return undefined;
    return { ref, scanned };
  }

  private bucketIndex(all: readonly BucketKey[]): Map<string | undefined, BucketIndex> {
    let indexes = this.bucketIndexes.get(all);
    if (indexes) return indexes;
    indexes = new Map();
    all.forEach((bucket, i) => {
      let index = indexes.get(bucket.rootModule);
      if (!index) {
        index = {
          byAddress: new Map(),
          byResource: new Map(),
          byNames: new Map(),
          byName: new Map(),
        };
        indexes.set(bucket.rootModule, index);
      }
      addTo(index.byAddress, bucket.address, i);
      addTo(index.byResource, withoutInstanceKey(bucket.address), i);
      addTo(index.byNames, withoutKeys(bucket.address), [bucket.address, i]);
      if (bucket.name !== undefined) addTo(index.byName, bucket.name, i);
      for (const alias of bucket.aliases ?? []) {
        addTo(index.byAddress, alias, i);
        addTo(index.byNames, withoutKeys(alias), [alias, i]);
        // `each.value.s3_bucket_id` of `for_each = module.releases`, `each.value` of
        // `for_each = module.assets.names`: the output of every instance, or every entry of it.
        addTo(index.byResource, withoutKeys(alias), i);
      }
    });
    this.bucketIndexes.set(all, indexes);
    return indexes;
  }
}

function withoutInstanceKey(address: string): string {
  return address.replace(/\[[^\]]*\]$/, '');
}

/**
 * Exact instance addresses first. Then a reference to an instance by its key matches those it
 * could name (`couldName`): `aws_s3_bucket.b[0]` or `module.releases[0].s3_bucket_id`, of a
 * resource or module call whose `count` or `for_each` is not known, the instance that stands for
 * all of them (`[*]`); `aws_s3_bucket.b["acme-releases-123"]` the one of `"acme-releases-${…}"`,
 * `["acme-releases-*"]`, not that of `["acme-artifacts-*"]`, which it cannot be. Last, a reference
 * without an instance key (`aws_s3_bucket.b` when the evaluator could not know `each.key`) matches
 * every instance of that resource; one with a key never does, or a settings resource on one
 * instance would hide that the others lack it.
 */
function matchAddresses(refs: readonly string[], index: BucketIndex): number[] {
  const wanted = [...new Set(refs.map(refResource))];
  const exact = wanted.flatMap((a) => index.byAddress.get(a) ?? []);
  if (exact.length > 0) return exact;
  const named = wanted.flatMap((a) =>
    (index.byNames.get(withoutKeys(a)) ?? []).flatMap(([address, i]) =>
      couldName(a, address) ? [i] : [],
    ),
  );
  if (named.length > 0) return named;
  return wanted
    .filter((a) => withoutInstanceKey(a) === a)
    .flatMap((a) => index.byResource.get(a) ?? []);
}
