import { isUnknown } from '@posture/model';
import type { R2Bucket, R2Domain } from '@posture/model';
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
export function domainMayOpen(domain: R2Domain): boolean {
  return domain.enabled.value !== false;
}

/**
 * The path a domain opens unless written disabled: undecided while `enabled` is unknown, or when
 * omitted where it is required (`whenOmitted` says so).
 */
function domainPaths(
  domain: R2Domain,
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
