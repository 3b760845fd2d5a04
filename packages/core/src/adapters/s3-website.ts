import {
  isObject,
  isUnknown,
  Unknown,
  type ResourceInstance,
  type Source,
  type Unexpanded,
  type Value,
  type ValueObject,
  type Website,
} from '@posture/model';
import { source, valueAt } from './attrs.js';

/**
 * Whether a website configuration serves the bucket's objects. One that redirects every request
 * to another host (`redirect_all_requests_to`, which AWS allows with no other setting) serves none:
 * its endpoint answers each request with a redirect, which is no exposure. A redirect not known
 * before apply (`dynamic "redirect_all_requests_to"`, a variable with no value) may be none: it is
 * that value, which a rule weighs. The legacy inline block's string, left empty (a variable's
 * `""` default), is no redirect: the provider sets none.
 */
export function servesObjects(website: ValueObject): boolean | Unknown {
  const redirect = valueAt(website, 'redirect_all_requests_to');
  if (isUnknown(redirect)) return redirect;
  return (
    redirect === undefined ||
    redirect === null ||
    redirect === '' ||
    (Array.isArray(redirect) && redirect.length === 0)
  );
}

/**
 * The website a configuration makes, at `at`: none when it is not written or redirects every
 * request; undecided when it is not known before apply (`blocks` names it then), which may make
 * one, or when whether it redirects is not.
 */
export function websiteOf(
  config: Value | undefined,
  at: Source,
  blocks: string,
): Website | undefined {
  if (isUnknown(config)) return { ...at, unknown: { what: blocks, value: config } };
  if (!isObject(config)) return undefined;
  const serves = servesObjects(config);
  if (!isUnknown(serves)) return serves ? at : undefined;
  return { ...at, unknown: { what: `redirect_all_requests_to on ${at.address}`, value: serves } };
}

/**
 * The website a website configuration resource makes of `bucket`. One whose `count` or `for_each`
 * is not known before apply (`count = var.enable_site ? 1 : 0`) may not be made: its website is
 * undecided, as one whose blocks are not known, whether the bucket's instances are known or not
 * (`count = var.create_bucket ? 1 : 0` on the bucket says nothing of `var.enable_site`). Only when
 * both are made by the same meta-argument, as written in the same module instance (`count =
 * var.create ? 1 : 0` on both, or a module's `count`), is it there whenever the bucket is.
 */
export function configuredWebsite(
  config: ResourceInstance,
  bucket: ResourceInstance,
): Website | undefined {
  const website = websiteOf(config.values, source(config), config.address);
  const instances = config.unexpanded;
  if (!website || website.unknown || !instances || madeTogether(instances, bucket.unexpanded)) {
    return website;
  }
  return {
    ...website,
    unknown: { what: instances.what, value: new Unknown([], instances.reason) },
  };
}

function madeTogether(config: Unexpanded, bucket: Unexpanded | undefined): boolean {
  return config.written !== undefined && config.written === bucket?.written;
}
