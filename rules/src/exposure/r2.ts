import { isUnknown } from '@posture/model';
import type { R2Bucket, R2Domain } from '@posture/model';
import { quote, unknownValue } from '../messages.js';
import type { Exposure } from './types.js';

/**
 * The r2.dev URL is public while the managed domain is enabled. `enabled` is required, so an
 * omitted value is as undecidable as an unknown one.
 */
export function devUrlExposures(bucket: R2Bucket): Exposure[] {
  const domain = bucket.managedDomain;
  if (!domain) return [];
  return domainExposure(domain, {
    rule: 'r2-public-dev-url',
    label: 'managed domain',
    cause: `${domain.address} enables the public r2.dev URL`,
    whenOmitted: `enabled is not set on ${domain.address}`,
  });
}

/** The provider documents an omitted `enabled` on a custom domain as enabled. */
export function customDomainExposures(bucket: R2Bucket): Exposure[] {
  return bucket.customDomains.flatMap((domain) =>
    domainExposure(domain, {
      rule: 'r2-public-custom-domain',
      label: 'custom domain',
      cause: `${domain.address} serves the bucket publicly at ${customDomain(domain)}`,
    }),
  );
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
export function domainMayOpen(domain: R2Domain): boolean {
  return domain.enabled.value !== false;
}

function domainExposure(
  domain: R2Domain,
  text: { rule: string; label: string; cause: string; whenOmitted?: string },
): Exposure[] {
  if (!domainMayOpen(domain)) return [];
  const { value, range } = domain.enabled;
  const base = { rule: text.rule, address: domain.address, range, cause: text.cause };
  const control = { label: text.label, range: domain.range };
  if (isUnknown(value)) {
    const undecided = unknownValue(`enabled on ${domain.address}`, value);
    return [{ ...base, control, undecided }];
  }
  if (value === undefined && text.whenOmitted !== undefined) {
    return [{ ...base, control, undecided: text.whenOmitted }];
  }
  return [{ ...base, control }];
}
