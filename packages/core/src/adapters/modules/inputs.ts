import {
  isObject,
  isUnknown,
  unknown,
  type AccessKind,
  type Attr,
  type Bucket,
  type BucketBase,
  type EffectiveTag,
  type ModuleCall,
  type ResourceInstance,
  type Unresolved,
  type Value,
} from '@posture/model';
import { blockRange, knownEntries, rangeAt, valueAt, type Configured } from '../attrs.js';
import type { AdapterContext } from '../context.js';
import type { ModuleTree } from '../module-tree.js';
import { inputTags } from '../tags.js';

type Read<T> = (item: Configured, path: string) => Attr<T>;

/**
 * A module input as a fact. An omitted input takes the module's default, placed on the call block
 * (or the enclosing argument) so that a finding points where the input would be written. An input
 * written as `null` stays `undefined`: Terraform passes null through to the resource argument.
 */
export function defaulted<T>(read: Read<T>, item: Configured, path: string, fallback: T): Attr<T> {
  if (valueAt(item.values, path) !== undefined) return read(item, path);
  return { value: fallback, range: rangeAt(item, path) };
}

/**
 * `lookup(var.<path>, key, fallback)`, the way modules give per-bucket settings. Keys are read
 * whole because bucket names may hold dots, which `valueAt` takes as path separators.
 */
export function mapEntry<T>(
  read: Read<T>,
  call: ModuleCall,
  path: string,
  key: string | undefined,
  fallback: T,
): Attr<T> {
  const map = valueAt(call.values, path);
  const range = rangeAt(call, path);
  const known = knownEntries(map);
  const entries = isObject(known) ? known : {};
  const entry = key === undefined ? undefined : entries[key];
  // Of a map with keys known only at apply, a key not among its certain entries may be any value.
  if (isUnknown(map) && entry === undefined) return { value: map, range };
  if (key === undefined) {
    // An unknown key can only miss when there is nothing to hit.
    const empty = Object.keys(entries).length === 0;
    return { value: empty ? fallback : unknown([], 'the bucket name is not known'), range };
  }
  const view: Configured = {
    values: entry === undefined ? {} : { entry },
    ranges: { '': range, entry: rangeAt(call, `${path}.${key}`) },
  };
  return defaulted(read, view, 'entry', fallback);
}

/**
 * An input that decides whether the module creates an exposing resource, when it is not known.
 * What it `opens`, when given, the bucket's own settings may refuse, as they refuse it from a
 * resource.
 */
export function unresolvedInput(
  call: ModuleCall,
  path: string,
  consequence: string,
  test: (value: Value | undefined) => boolean = isUnknown,
  opens?: AccessKind,
): Unresolved[] {
  if (!test(valueAt(call.values, path))) return [];
  const message = `${path} of ${call.address} is not known before apply: ${consequence}`;
  return [{ message, range: rangeAt(call, path), ...(opens && { opens }) }];
}

/** The address a resource of the module gets in a plan, for naming the sources of facts. */
export function within(call: ModuleCall, resource: string): string {
  return `${call.address}.${resource}`;
}

/**
 * A resource a registry module that is not installed would make, addressed as in a plan
 * (`<call>.<type>.<name>[<key>]`) and placed on the call, for the adapters to join to buckets as
 * they join any other. Its provider is the configuration of the one its type names that the
 * module inherits, however deep the call (`ModuleTree.inheritedBy`).
 */
export function madeResource(
  tree: ModuleTree,
  call: ModuleCall,
  resource: { readonly type: string; readonly name: string; readonly key: string | number },
  body: Pick<ResourceInstance, 'values' | 'ranges'>,
): ResourceInstance {
  const { type, name, key } = resource;
  return {
    address: within(call, `${type}.${name}[${JSON.stringify(key)}]`),
    mode: 'managed',
    type,
    name,
    module: call.module,
    key,
    provider: tree.inheritedBy(call, type.split('_')[0] ?? type),
    ...body,
    references: [],
    annotations: call.annotations,
    origin: 'hcl',
    ...(call.rootModule !== undefined && { rootModule: call.rootModule }),
  };
}

/** A bucket a registry module makes, and the references to the call's outputs that name it. */
export interface ModuleBucket<B extends Bucket = Bucket> {
  readonly bucket: B;
  /** The input its name is read from: `bucket`, `names.0`. */
  readonly namePath: string;
  /** As a reference reads them: `module.releases.s3_bucket_id`, `module.assets.names["x"]`. */
  readonly outputs: readonly string[];
}

type ModuleBase = Omit<BucketBase, 'tags' | 'unresolved' | 'endpoints'>;

/** The facts every bucket made by a registry module has; all its ranges are in the call. */
export function moduleBase(
  ctx: AdapterContext,
  call: ModuleCall,
  bucket: {
    address: string;
    name: string | undefined;
    namePath: string;
    nameParts?: readonly (string | null)[];
  },
): ModuleBase {
  const range = blockRange(call);
  return {
    address: bucket.address,
    ...(call.rootModule !== undefined && { rootModule: call.rootModule }),
    name: bucket.name,
    ...(bucket.nameParts === undefined ? {} : { nameParts: bucket.nameParts }),
    nameRange: rangeAt(call, bucket.namePath),
    range,
    viaModule: { address: call.address, range, source: call.source },
    moduleCalls: [...ctx.moduleChain(call.module, call), { address: call.address, range }],
    annotations: [...ctx.callAnnotations(call.module, call), ...call.annotations],
    // Only an HCL scan reads a module by its inputs: a plan holds the module's own resources.
    origin: 'hcl',
    release: [],
    ...(call.unexpanded && { unexpanded: call.unexpanded }),
  };
}

export interface ProviderDefaults {
  readonly provider: string;
  /** Where the provider block keeps its default tags or labels. */
  readonly path: string;
}

export const AWS_DEFAULT_TAGS: ProviderDefaults = { provider: 'aws', path: 'default_tags.0.tags' };
export const GOOGLE_DEFAULT_LABELS: ProviderDefaults = {
  provider: 'google',
  path: 'default_labels',
};

/** The module's tags over the defaults of the provider configuration its resources use. */
export function withProviderDefaults(
  ctx: AdapterContext,
  call: ModuleCall,
  own: readonly EffectiveTag[],
  defaults: ProviderDefaults,
): EffectiveTag[] {
  const provider = ctx.provider(ctx.inheritedBy(call, defaults.provider), call);
  const keys = new Set(own.map((tag) => tag.key));
  const inherited = (provider ? inputTags(provider, defaults.path) : [])
    .filter((tag) => !keys.has(tag.key))
    .map((tag) => ({ ...tag, from: 'provider-default' as const }));
  return [...own, ...inherited];
}
