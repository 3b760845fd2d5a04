/**
 * Cloudflare Workers that bind R2 buckets, and where requests reach each: its routes, custom
 * domains and workers.dev URL, by the provider's v5 resources and their v4 names. A script the
 * provider uploads has its workers.dev URL off until a `cloudflare_workers_script_subdomain`
 * turns it on, so a Worker none of these names is reached by no one the scan can show. v5's newer
 * `cloudflare_worker` is the Worker alone (its workers.dev URL is its `subdomain.enabled`, off by
 * default): the versions of it that a `cloudflare_workers_deployment` makes live hold the bindings.
 */
import {
  addTo,
  asArray,
  asString,
  isObject,
  isUnknown,
  type AccessApp,
  type R2Worker,
  type ResourceInstance,
  type WorkerEntry,
  type WorkerHost,
} from '@posture/model';
import { boolAttr, isOneReference, source, sourceAt, stringAttr, valueAt } from './attrs.js';
import { bucketKey, type AdapterContext, type BucketKey } from './context.js';
import type { Naming } from './external.js';
import { groupByBucket, mergeGroups, setting, type Grouped } from './group.js';
import { rootKey } from './module-tree.js';
import { UnresolvedByModule } from './unresolved-by-module.js';

const SCRIPT_TYPES = ['cloudflare_workers_script', 'cloudflare_worker_script'];
const ROUTE_TYPES = ['cloudflare_workers_route', 'cloudflare_worker_route'];
const DOMAIN_TYPES = [
  'cloudflare_workers_custom_domain',
  'cloudflare_workers_domain',
  'cloudflare_worker_domain',
];
const SUBDOMAIN_TYPE = 'cloudflare_workers_script_subdomain';
const WORKER_TYPE = 'cloudflare_worker';
const VERSION_TYPE = 'cloudflare_worker_version';
const DEPLOYMENT_TYPE = 'cloudflare_workers_deployment';
const ACCOUNT_SUBDOMAIN_TYPE = 'cloudflare_workers_subdomain';

export const WORKER_READS: readonly string[] = [
  ...SCRIPT_TYPES,
  ...ROUTE_TYPES,
  ...DOMAIN_TYPES,
  SUBDOMAIN_TYPE,
  WORKER_TYPE,
  VERSION_TYPE,
  DEPLOYMENT_TYPE,
  ACCOUNT_SUBDOMAIN_TYPE,
];

/**
 * What holds a Worker's code or its hash, which Posture never reads, so a scan leaves it
 * unevaluated (`LoadFocus.unreadAttributes`): `content = file("dist/worker.js")` and
 * `content_sha256 = filesha256(...)` read a file the build may make only after the scan, and
 * warned of it on every such scan. The bindings, names and accounts are still read.
 */
const CODE = new Set([
  'content',
  'content_file',
  'content_sha256',
  'modules',
  'assets',
  'webassembly_binding',
]);

export function unreadWorkerCode(type: string): ReadonlySet<string> | undefined {
  return SCRIPT_TYPES.includes(type) || type === VERSION_TYPE ? CODE : undefined;
}

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
  const workers = ctx.managed(WORKER_TYPE);
  const scripts = [...SCRIPT_TYPES.flatMap((t) => ctx.managed(t)), ...workers];
  const entriesOf = workerEntries(ctx, scripts, accessApps);
  const liveVersionsOf = liveVersions(ctx, workers);
  // A script holds its bindings; a `cloudflare_worker`, the versions of it that may be live.
  const holdersOf = (script: ResourceInstance) =>
    script.type === WORKER_TYPE ? liveVersionsOf(script) : [script];
  const bindings = scripts.flatMap((script) => {
    const entries = entriesOf(script);
    if (entries.length === 0) return [];
    return holdersOf(script).flatMap((holder) =>
      r2Bindings(holder).map((binding) => ({ script, holder, entries, ...binding })),
    );
  });
  const named = (binding: string) => `${binding}.bucket_name`;
  return {
    naming: bindings.flatMap(({ holder, path, unknown }) =>
      unknown ? [] : [{ resource: holder, path: named(path), options: { alone: false } }],
    ),
    binding: (buckets) => {
      const bound = new Map<string, R2Worker[]>();
      const mayBind = new UnresolvedByModule<R2Worker>(ctx, buckets);
      for (const { script, holder, entries, path, unknown } of bindings) {
        const worker: R2Worker = {
          ...source(script),
          binding: sourceAt(holder, path),
          bindingName: stringAttr(holder, `${path}.name`),
          entries,
        };
        const targets = unknown ? [] : ctx.targets(holder, named(path), buckets, { alone: false });
        for (const target of targets) addTo(bound, rootKey(target, target.address), worker);
        const unsure = unknown ?? unknownBucket(holder, named(path), targets);
        if (unsure) mayBind.add(holder, [unsure.path], { ...worker, mayBind: unsure });
      }
      return (bucket) => {
        const own = bound.get(rootKey(bucket, bucket.address)) ?? [];
        // A bucket that a value known in part refers to is bound by it: not only perhaps.
        const maybe = mayBind
          .in(bucket, bucket.module)
          .filter((w) => !own.some((o) => o.binding === w.binding));
        return [...own, ...maybe];
      };
    },
  };
}

/**
 * Where a resource binds R2 buckets: v4's `r2_bucket_binding` blocks, v5's `bindings` of type
 * `r2_bucket`; and, as `unknown`, where it may: a list, a binding or a binding's type not known
 * before apply.
 */
function r2Bindings(
  holder: ResourceInstance,
): { readonly path: string; readonly unknown?: R2Worker['mayBind'] }[] {
  return ['r2_bucket_binding', 'bindings'].flatMap((list) => {
    const value = holder.values[list];
    if (isUnknown(value)) return [{ path: list, unknown: { path: list, value } }];
    return asArray(value).flatMap((binding, i) => {
      const path = `${list}.${i}`;
      if (isUnknown(binding)) return [{ path, unknown: { path, value: binding } }];
      const type = isObject(binding) ? binding.type : undefined;
      if (isUnknown(type)) return [{ path, unknown: { path: `${path}.type`, value: type } }];
      return list === 'r2_bucket_binding' || type === 'r2_bucket' ? [{ path }] : [];
    });
  });
}

/**
 * The `bucket_name` of an R2 binding, when not known before apply and not the one bucket it
 * refers to: `var.bucket` names none, `coalesce(var.bucket, cloudflare_r2_bucket.o.name)` o or
 * another.
 */
function unknownBucket(
  holder: ResourceInstance,
  path: string,
  targets: readonly BucketKey[],
): R2Worker['mayBind'] {
  const value = valueAt(holder.values, path);
  if (!isUnknown(value)) return undefined;
  return targets.length === 0 || !isOneReference(value, holder) ? { path, value } : undefined;
}

/**
 * The versions of each `cloudflare_worker` (`worker_id`, its id or name) that may serve requests:
 * those its `cloudflare_workers_deployment`s name (any of them may be the latest). All of them when
 * the scan has no deployment of it, which may be made outside Terraform (`wrangler versions
 * deploy`), or one names a version the scan cannot tell.
 */
function liveVersions(
  ctx: AdapterContext,
  workers: readonly ResourceInstance[],
): (worker: ResourceInstance) => ResourceInstance[] {
  const keys = workers.map((worker) => bucketKey(worker, 'name'));
  const byWorker = (type: string, path: string) =>
    groupByBucket(ctx, [type], path, keys, { mayLoosen: () => false });
  const versions = byWorker(VERSION_TYPE, 'worker_id');
  const deployments = byWorker(DEPLOYMENT_TYPE, 'script_name');
  return (worker) => {
    const all = versions.of(worker);
    const deployed = deployments.of(worker);
    if (deployed.length === 0) return all;
    const versionKeys = all.map((version) => bucketKey(version, 'id'));
    const live = new Set<string>();
    for (const deployment of deployed) {
      for (const [i] of asArray(deployment.values.versions).entries()) {
        const path = `versions.${i}.version_id`;
        const named = ctx.targets(deployment, path, versionKeys, { alone: false });
        if (named.length === 0 || isUnknown(deployment.values.versions)) return all;
        for (const version of named) live.add(version.address);
      }
    }
    return all.filter((version) => live.has(version.address));
  };
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
  // The workers.dev URL of a script is `<script>.<account's subdomain>.workers.dev`.
  const accountSubdomain = workersSubdomains(ctx);
  const workersDev = (resource: ResourceInstance, path: string, script: ResourceInstance) => {
    const name = keys.find((key) => key.address === script.address)?.name;
    const sub = accountSubdomain(script);
    const apps = name && sub ? accessApps(`${name}.${sub}.workers.dev`.toLowerCase()) : [];
    return {
      ...source(resource),
      kind: 'workers-dev' as const,
      enabled: boolAttr(resource, path),
      ...(apps.length > 0 && { accessApps: apps }),
    };
  };
  // A `cloudflare_worker`'s own workers.dev URL: `subdomain.enabled`, off when not written; an
  // attribute in v5 (`subdomain = { enabled = true }`), a block if written as one.
  const ownWorkersDev = (script: ResourceInstance): WorkerEntry[] => {
    if (script.type !== WORKER_TYPE) return [];
    const list = Array.isArray(script.values.subdomain);
    const entry = workersDev(script, list ? 'subdomain.0.enabled' : 'subdomain.enabled', script);
    return entry.enabled.value === undefined ? [] : [entry];
  };
  return (script) => [
    ...routes.of(script).map((route) => hosted(route, 'route', 'pattern')),
    ...domains.of(script).map((domain) => hosted(domain, 'custom-domain', 'hostname')),
    ...subdomains.of(script).map((subdomain) => workersDev(subdomain, 'enabled', script)),
    ...ownWorkersDev(script),
  ];
}

/**
 * The account's workers.dev subdomain (`cloudflare_workers_subdomain`) a script is served under:
 * the one of its root module written for the same account (the same id, or the same reference to
 * one), when it is one and known; else undefined, and no Access application is looked up for it.
 */
function workersSubdomains(ctx: AdapterContext): (script: ResourceInstance) => string | undefined {
  const all = ctx.managed(ACCOUNT_SUBDOMAIN_TYPE);
  const account = (r: ResourceInstance) => {
    const id = r.values.account_id;
    return isUnknown(id) ? id.reference : asString(id);
  };
  return (script) => {
    const own = account(script);
    if (own === undefined) return undefined;
    const names = all
      .filter((r) => r.rootModule === script.rootModule && account(r) === own)
      .map((r) => r.values.subdomain);
    const [name, ...others] = new Set(names);
    return others.length === 0 && typeof name === 'string' ? name : undefined;
  };
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
