/**
 * Cloudflare Workers that bind R2 buckets, and where requests reach each: its routes, custom
 * domains and workers.dev URL, by the provider's v5 resources and their v4 names. A script the
 * provider uploads has its workers.dev URL off until a `cloudflare_workers_script_subdomain`
 * turns it on, so a Worker none of these names is reached by no one the scan can show.
 */
import {
  addTo,
  asArray,
  asString,
  isObject,
  type AccessApp,
  type R2Worker,
  type ResourceInstance,
  type WorkerEntry,
  type WorkerHost,
} from '@posture/model';
import { boolAttr, source, sourceAt, stringAttr } from './attrs.js';
import type { AdapterContext, BucketKey } from './context.js';
import type { Naming } from './external.js';
import { groupByBucket, mergeGroups, setting, type Grouped } from './group.js';
import { rootKey } from './module-tree.js';

const SCRIPT_TYPES = ['cloudflare_workers_script', 'cloudflare_worker_script'];
const ROUTE_TYPES = ['cloudflare_workers_route', 'cloudflare_worker_route'];
const DOMAIN_TYPES = [
  'cloudflare_workers_custom_domain',
  'cloudflare_workers_domain',
  'cloudflare_worker_domain',
];
const SUBDOMAIN_TYPE = 'cloudflare_workers_script_subdomain';

export const WORKER_READS: readonly string[] = [
  ...SCRIPT_TYPES,
  ...ROUTE_TYPES,
  ...DOMAIN_TYPES,
  SUBDOMAIN_TYPE,
];

/** The Workers reached from the internet, as the R2 adapter joins them to buckets. */
export interface ReachedWorkers {
  /** Where they name the buckets they bind: a bucket no Terraform declares gets a stand-in. */
  readonly naming: readonly Naming[];
  /** Those that bind each bucket of `buckets`, read once. */
  binding(buckets: readonly BucketKey[]): (bucket: ResourceInstance) => R2Worker[];
}

/**
 * The Workers of the scan that some route, custom domain or workers.dev URL reaches, with where
 * each binds an R2 bucket; `accessApps` gives the Access applications over a hostname.
 */
export function reachedWorkers(
  ctx: AdapterContext,
  accessApps: (host: string) => AccessApp[],
): ReachedWorkers {
  const scripts = SCRIPT_TYPES.flatMap((t) => ctx.managed(t));
  const entriesOf = workerEntries(ctx, scripts, accessApps);
  const bindings = scripts.flatMap((script) => {
    const entries = entriesOf(script);
    if (entries.length === 0) return [];
    return r2Bindings(script).map((binding) => ({ script, entries, binding }));
  });
  const named = (binding: string) => `${binding}.bucket_name`;
  return {
    naming: bindings.map(({ script, binding }) => ({
      resource: script,
      path: named(binding),
      options: { alone: false },
    })),
    binding: (buckets) => {
      const bound = new Map<string, R2Worker[]>();
      for (const { script, entries, binding } of bindings) {
        const worker: R2Worker = {
          ...source(script),
          binding: sourceAt(script, binding),
          bindingName: stringAttr(script, `${binding}.name`),
          entries,
        };
        for (const target of ctx.targets(script, named(binding), buckets, { alone: false })) {
          addTo(bound, rootKey(target, target.address), worker);
        }
      }
      return (bucket) => bound.get(rootKey(bucket, bucket.address)) ?? [];
    },
  };
}

/**
 * Where a script binds R2 buckets: v4's `r2_bucket_binding` blocks, v5's `bindings` of type
 * `r2_bucket`. A list of bindings not known before apply binds none the scan can show.
 */
function r2Bindings(script: ResourceInstance): string[] {
  const v4 = asArray(script.values.r2_bucket_binding).map((_, i) => `r2_bucket_binding.${i}`);
  const v5 = asArray(script.values.bindings).flatMap((binding, i) =>
    isObject(binding) && binding.type === 'r2_bucket' ? [`bindings.${i}`] : [],
  );
  return [...v4, ...v5];
}

/** The routes, custom domains and workers.dev URL of each script, read once. */
function workerEntries(
  ctx: AdapterContext,
  scripts: readonly ResourceInstance[],
  accessApps: (host: string) => AccessApp[],
): (script: ResourceInstance) => WorkerEntry[] {
  // v5 names a script `script_name`, v4 `name`; routes name it `script` (v5) or `script_name`.
  const keys: BucketKey[] = scripts.map((script) => ({
    address: script.address,
    name: asString(script.values.script_name) ?? asString(script.values.name),
    module: script.module,
    rootModule: script.rootModule,
  }));
  const naming = (types: readonly string[], path: string): Grouped =>
    groupByBucket(ctx, types, path, keys, { wanted: setting(path), mayLoosen: () => false });
  const routes = mergeGroups(naming(ROUTE_TYPES, 'script'), naming(ROUTE_TYPES, 'script_name'));
  const domains = naming(DOMAIN_TYPES, 'service');
  const subdomains = naming([SUBDOMAIN_TYPE], 'script_name');
  const hosted = (resource: ResourceInstance, kind: WorkerHost['kind'], path: string) => {
    const host = stringAttr(resource, path);
    const name = typeof host.value === 'string' ? hostOf(host.value) : undefined;
    const apps = name === undefined ? [] : accessApps(name);
    return { ...source(resource), kind, host, ...(apps.length > 0 && { accessApps: apps }) };
  };
  return (script) => [
    ...routes.of(script).map((route) => hosted(route, 'route', 'pattern')),
    ...domains.of(script).map((domain) => hosted(domain, 'custom-domain', 'hostname')),
    ...subdomains.of(script).map((subdomain) => ({
      ...source(subdomain),
      kind: 'workers-dev' as const,
      enabled: boolAttr(subdomain, 'enabled'),
    })),
  ];
}

/**
 * The one hostname of a route pattern (`downloads.acme.dev/*`) or custom domain; undefined for a
 * pattern whose host has a wildcard (`*.acme.dev/*`), which no one Access application is known to
 * cover whole.
 */
function hostOf(pattern: string): string | undefined {
  const host = pattern
    .trim()
    .replace(/^https?:\/\//i, '')
    .split('/')[0]!
    .toLowerCase();
  return host === '' || host.includes('*') ? undefined : host;
}
