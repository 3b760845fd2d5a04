import type { CustomDomain } from '@posture/buildconfig';
import type { Bucket, StorageLink } from '@posture/model';
import { addTo } from './multimap.js';

/**
 * Resolves build links to Terraform buckets: by name (S3 and GCS names are global; R2 names are
 * per account, so a same-service match wins), by declared endpoint host (custom domains, r2.dev).
 */
export class LinkMatcher {
  private readonly byName = new Map<string, Bucket[]>();
  private readonly byHost = new Map<string, Bucket>();

  constructor(buckets: readonly Bucket[]) {
    for (const bucket of buckets) {
      if (bucket.name !== undefined) addTo(this.byName, bucket.name, bucket);
      for (const e of bucket.endpoints) {
        if (e.form === 'r2-dev' || e.form === 'custom-domain') this.byHost.set(e.host, bucket);
      }
    }
  }

  match(link: StorageLink): Bucket | undefined {
    if (link.bucket !== undefined) {
      const named = this.byName.get(link.bucket) ?? [];
      return named.find((b) => b.service === link.service) ?? named[0];
    }
    const host = link.host?.toLowerCase();
    return host === undefined ? undefined : this.byHost.get(host);
  }
}

/** Hosts Terraform declares in front of buckets: any URL on them is a storage link. */
export function customDomains(buckets: readonly Bucket[]): CustomDomain[] {
  return buckets.flatMap((b) =>
    b.endpoints
      .filter((e) => e.form === 'custom-domain')
      .map((e) => ({ host: e.host, bucket: b.name })),
  );
}
