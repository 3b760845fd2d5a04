import type { ValueObject } from '@posture/model';
import { valueAt } from './attrs.js';

/**
 * Whether a website configuration serves the bucket's objects. One that redirects every request
 * to another host (`redirect_all_requests_to`, which AWS allows with no other setting) serves none:
 * its endpoint answers each request with a redirect, which is no exposure.
 */
export function servesObjects(website: ValueObject): boolean {
  const redirect = valueAt(website, 'redirect_all_requests_to');
  return (
    redirect === undefined ||
    redirect === null ||
    (Array.isArray(redirect) && redirect.length === 0)
  );
}
