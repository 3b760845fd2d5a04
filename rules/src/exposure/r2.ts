import { isUnknown } from '@posture/model';
import type { R2Bucket, R2Domain, R2Worker, WorkerEntry } from '@posture/model';
import { quote, unknownValue } from '../messages.js';
import { behindAccess } from './cloudflare-access.js';
import { controlKind, type PathBase } from './control-kind.js';
import type { Exposure } from './types.js';

/**
 * The r2.dev URL is public while the managed domain is enabled. `enabled` is required, so an
 * omitted value is as undecidable as an unknown one.
 */
export const R2_DEV_URL = controlKind({
  rule: 'r2-public-dev-url',
  label: 'managed domain',
  controls: (bucket: R2Bucket) => (bucket.managedDomain ? [bucket.managedDomain] : []),
  paths: (domain, base) =>
    domainPaths(
      domain,
      base,
      `${domain.address} enables the public r2.dev URL`,
      `enabled is not set on ${domain.address}`,
    ),
});

/**
 * The provider documents an omitted `enabled` on a custom domain as enabled. A Cloudflare Access
 * application over the whole domain decides by its policies (`behindAccess`).
 */
export const R2_CUSTOM_DOMAINS = controlKind({
  rule: 'r2-public-custom-domain',
  label: 'custom domain',
  controls: (bucket: R2Bucket) => bucket.customDomains,
  paths: (domain, base) =>
    domainPaths(
      domain,
      base,
      `${domain.address} serves the bucket publicly at ${customDomain(domain)}`,
    ).map((path) => behindAccess(domain, path)),
});

/**
 * A Worker that binds the bucket reads and writes it with its own rights, for whoever reaches it:
 * each route, custom domain and enabled workers.dev URL of it is a way in. What its code serves is
 * not read, so the rule asks for a review; an Access application over the whole host decides as
 * it does for a custom domain (`behindAccess`).
 */
export const R2_WORKERS = controlKind({
  rule: 'r2-worker-binding',
  label: 'Worker',
  controls: (bucket: R2Bucket) => bucket.workers ?? [],
  paths: (worker, base) => worker.entries.flatMap((entry) => workerPaths(worker, entry, base)),
});

function workerPaths(worker: R2Worker, entry: WorkerEntry, base: PathBase): Exposure[] {
  const name = worker.bindingName.value;
  const as = typeof name === 'string' ? ` as ${quote(name)}` : '';
  // A `cloudflare_worker` binds it in a version of it.
  const where = worker.binding.address === worker.address ? '' : ` in ${worker.binding.address}`;
  const reached = `is reached at ${reachedAt(entry)}`;
  const { mayBind } = worker;
  if (mayBind) {
    // Which bucket it binds is not known: each way in is a path undecided as well.
    const what = unknownValue(`${mayBind.path} on ${worker.binding.address}`, mayBind.value);
    const cause = `${worker.address} ${reached} and may bind the bucket: ${what}`;
    return openedBy(entry, base, cause).map((path) => ({
      ...path,
      undecided: path.undecided ?? cause,
    }));
  }
  const cause = `${worker.address} binds the bucket${as}${where} and ${reached}`;
  return openedBy(entry, base, cause);
}

function openedBy(entry: WorkerEntry, base: PathBase, cause: string): Exposure[] {
  if (entry.kind === 'workers-dev') {
    const paths = domainPaths(entry, base, cause, `enabled is not set on ${entry.address}`);
    return paths.map((path) => behindAccess(entry, path));
  }
  return [behindAccess(entry, { ...base, range: entry.host.range, cause })];
}

/** `route "downloads.acme.dev/*" (cloudflare_workers_route.downloads)`, and the like. */
function reachedAt(entry: WorkerEntry): string {
  if (entry.kind === 'workers-dev') return `its workers.dev URL (${entry.address})`;
  const [what, arg] = entry.kind === 'route' ? ['route', 'pattern'] : ['custom domain', 'hostname'];
  const host = entry.host.value;
  if (typeof host === 'string') return `${what} ${quote(host)} (${entry.address})`;
  return `${what} ${entry.address}, whose ${arg} is not known before apply`;
}

/** `custom domain "cdn.acme.dev"`, or what is known of a name known only after apply. */
function customDomain(domain: R2Domain): string {
  const { value } = domain.domain;
  if (typeof value === 'string') return `custom domain ${quote(value)}`;
  if (!isUnknown(value)) return 'a custom domain';
  // `"r2.${var.domain}"` is known in part: the rest stands as `*`.
  const known = value.pieces?.map((piece) => (typeof piece === 'string' ? piece : '*')).join('');
  const name = known === undefined ? 'its name' : `its name, ${quote(known)},`;
  return `a custom domain: ${unknownValue(name, value)}`;
}

/** Whether a domain may serve the bucket it is for: one written `enabled = false` does not. */
export function domainMayOpen(domain: Pick<R2Domain, 'enabled'>): boolean {
  return domain.enabled.value !== false;
}

/**
 * The path a domain opens unless written disabled: undecided while `enabled` is unknown, or when
 * omitted where it is required (`whenOmitted` says so).
 */
function domainPaths(
  domain: Pick<R2Domain, 'address' | 'enabled'>,
  base: PathBase,
  cause: string,
  whenOmitted?: string,
): Exposure[] {
  if (!domainMayOpen(domain)) return [];
  const { value, range } = domain.enabled;
  const path = { ...base, range, cause };
  if (isUnknown(value)) {
    return [{ ...path, undecided: unknownValue(`enabled on ${domain.address}`, value) }];
  }
  if (value === undefined && whenOmitted !== undefined) {
    return [{ ...path, undecided: whenOmitted }];
  }
  return [path];
}
