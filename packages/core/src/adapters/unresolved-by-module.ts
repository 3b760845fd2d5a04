import {
  isUnknown,
  splitAddress,
  type OriginMap,
  type Unknown,
  type ValueObject,
} from '@posture/model';
import { valueAt } from './attrs.js';
import { RootedLists, rootKey, type ModuleTree, type Rooted } from './module-tree.js';

type InModule = Rooted & { readonly module: string };

type Orphan = InModule & {
  readonly origin: string;
  readonly values: ValueObject;
  readonly origins?: OriginMap;
};

/**
 * What may concern any bucket of its module, as its own bucket is not known before apply (a
 * settings resource, a distribution's origin), kept by module within a root module. In a module
 * that declares no bucket, the bucket came from outside it: from any module of its root module. So
 * did one its caller passes, whatever its module declares: the caller may pass its own bucket, or
 * one a module it calls makes. A value read from another module (an output of a module it calls)
 * is of that module's buckets. In a root module, a variable with no value is set at apply and a
 * data source reads what is set outside, as a caller passes a value: either may be any bucket of
 * it, one a module it calls makes included.
 */
export class UnresolvedByModule<T> {
  private readonly withBuckets: ReadonlySet<string>;
  private readonly items = new RootedLists<T>();

  constructor(
    private readonly tree: ModuleTree,
    buckets: readonly InModule[],
  ) {
    this.withBuckets = new Set(buckets.map((bucket) => rootKey(bucket, bucket.module)));
  }

  /** `paths`: where the resource names the bucket that cannot be determined. */
  add(resource: Orphan, paths: readonly string[], item: T): void {
    for (const module of this.modulesOf(resource, paths)) {
      this.items.add(resource, module, item);
    }
  }

  /** What may concern the buckets of module `module` of `near`'s root module. */
  in(near: Rooted, module: string): readonly T[] {
    return [...this.items.get(near, module), ...this.items.get(near, ANY_MODULE)];
  }

  /** The modules whose buckets the resource's bucket may be; ANY_MODULE for all of them. */
  private modulesOf(resource: Orphan, paths: readonly string[]): readonly string[] {
    const own = resource.module;
    if (!this.declaresBuckets(resource, own) || this.tree.passedIn(resource, paths)) {
      return [ANY_MODULE];
    }
    const modules = new Set<string>();
    for (const part of paths.flatMap((path) => unknownParts(valueAt(resource.values, path)))) {
      const refs = readFrom(part, resource);
      if (!refs && own === ROOT) return [ANY_MODULE];
      // Not known for reasons of its module's own: its buckets, as before.
      if (!refs) modules.add(own);
      for (const ref of refs ?? []) {
        const { module, data } = refModule(ref);
        if (module === ROOT && data) return [ANY_MODULE];
        if (!this.declaresBuckets(resource, module)) return [ANY_MODULE];
        modules.add(module);
      }
    }
    return modules.size > 0 ? [...modules] : [own];
  }

  private declaresBuckets(near: Rooted, module: string): boolean {
    return this.withBuckets.has(rootKey(near, module));
  }
}

/** No module's address: what is kept under it is of every module of a root module. */
const ANY_MODULE = '*';

/** The address of a root module's own module. */
const ROOT = '';

/** The unknown parts of a value: of a template, each one in it. */
function unknownParts(value: unknown): readonly Unknown[] {
  if (!isUnknown(value)) return [];
  return value.pieces?.filter(isUnknown) ?? [value];
}

/**
 * What a part not known is read from, when that is all it can be: in an HCL scan, the one thing it
 * refers to, for `coalesce(var.x, aws_s3_bucket.o.id)` may be anything when the variable has no
 * value; in a plan, whatever it refers to. None when it may come from anywhere.
 */
function readFrom(part: Unknown, near: { readonly origin: string }): readonly string[] | undefined {
  if (near.origin === 'hcl') return part.reference === undefined ? undefined : [part.reference];
  return part.refs.length > 0 ? part.refs : undefined;
}

/** The module a reference reads from, and whether it reads a data source there. */
function refModule(ref: string): { module: string; data: boolean } {
  const parts = splitAddress(ref);
  let i = 0;
  while (parts[i] === 'module' && i + 1 < parts.length) i += 2;
  return { module: parts.slice(0, i).join('.'), data: parts[i] === 'data' };
}
