import type { CustomDomain } from '@posture/buildconfig';
import type { Bucket, StorageLink } from '@posture/model';
import { addTo } from './multimap.js';

/**
 * Resolves build links to Terraform buckets: by name (S3 and GCS names are global; R2 names are
 * per account, so a same-service match wins), by declared endpoint host (custom domains, r2.dev),
 * and failing both by the shape of a name known only in part: a link to `acme-prod-releases` is
 * one to the bucket named `"acme-${var.env}-releases"`, when no other bucket's shape fits it.
 */
export class LinkMatcher {
  private readonly byName = new Map<string, Bucket[]>();
  private readonly byHost = new Map<string, Bucket>();
  private readonly byShape: { readonly bucket: Bucket; readonly fits: RegExp }[] = [];

  constructor(
    buckets: readonly Bucket[],
    /** The policy's `release.buckets` glob naming a bucket release-use (see `policyBucketGlob`). */
    private readonly releaseGlob: (name: string) => string | undefined = () => undefined,
  ) {
    for (const bucket of buckets) {
      if (bucket.name !== undefined) addTo(this.byName, bucket.name, bucket);
      for (const e of bucket.endpoints) {
        if (e.form === 'r2-dev' || e.form === 'custom-domain') this.byHost.set(e.host, bucket);
      }
      const fits = bucket.nameParts && shapeOf(bucket.nameParts);
      if (fits) this.byShape.push({ bucket, fits });
    }
  }

  /**
   * The Terraform bucket a link names; failing one, the link carries the policy glob that names its
   * bucket release-use, if any (`StorageLink.releaseGlob`).
   */
  resolve(link: StorageLink): { link: StorageLink; bucket?: Bucket } {
    const bucket = this.match(link);
    if (bucket) return { link, bucket };
    const glob = link.bucket === undefined ? undefined : this.releaseGlob(link.bucket);
    return { link: glob === undefined ? link : { ...link, releaseGlob: glob } };
  }

  match(link: StorageLink): Bucket | undefined {
    if (link.bucket !== undefined) {
      const named = this.byName.get(link.bucket) ?? [];
      return named.find((b) => b.service === link.service) ?? named[0] ?? this.byShapeOf(link);
    }
    const host = link.host?.toLowerCase();
    return host === undefined ? undefined : this.byHost.get(host);
  }

  private byShapeOf(link: StorageLink): Bucket | undefined {
    const name = link.bucket ?? '';
    const fitting = this.byShape.filter(
      ({ bucket, fits }) => bucket.service === link.service && fits.test(name),
    );
    return fitting.length === 1 ? fitting[0]?.bucket : undefined;
  }
}

/** Known text a shape must hold to stand for one bucket: `-logs` alone would fit too many. */
const MIN_KNOWN_TEXT = 6;

/** A pattern of the names a bucket known only in part can have; none for too little known. */
function shapeOf(parts: readonly (string | null)[]): RegExp | undefined {
  const known = parts.filter((part) => part !== null).join('');
  if (known.length < MIN_KNOWN_TEXT) return undefined;
  const pattern = parts
    .map((part) => (part === null ? '[a-z0-9._-]*' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}$`, 'i');
}

/** Hosts Terraform declares in front of buckets: any URL on them is a storage link. */
export function customDomains(buckets: readonly Bucket[]): CustomDomain[] {
  return buckets.flatMap((b) =>
    b.endpoints
      .filter((e) => e.form === 'custom-domain')
      .map((e) => ({ host: e.host, bucket: b.name })),
  );
}
