import type { Bucket, StorageLink } from '@posture/model';
import { gcsEndpoints, s3Endpoints } from './adapters/endpoints.js';
import type { LinkMatcher } from './link-match.js';
import { isReleaseUpload } from './release.js';

/**
 * Buckets that no scanned Terraform names but that a release step of the build uploads to (`aws s3
 * cp dist s3://acme-maps/…` in a script a release workflow runs): their Terraform, if any, lives
 * elsewhere, and the upload is what makes them release-use, as it makes a declared bucket, so that
 * a static link to one is a link to a release bucket. Their settings are out of sight: they carry
 * none, and, declared elsewhere, none is reported missing. One per service and name, at the first
 * upload; `declared` matches the links that name a Terraform bucket.
 */
export function uploadedBuckets(links: readonly StorageLink[], declared: LinkMatcher): Bucket[] {
  const found = new Map<string, Bucket>();
  for (const link of links) {
    const { bucket: name, service } = link;
    if (name === undefined || service === 'unknown' || !isReleaseUpload(link)) continue;
    const key = `${service}|${name}`;
    if (!found.has(key) && !declared.match(link))
      found.set(key, uploadedBucket(link, service, name));
  }
  return [...found.values()];
}

function uploadedBucket(link: StorageLink, service: Bucket['service'], name: string): Bucket {
  const base = {
    address: `bucket "${name}"`,
    name,
    nameRange: link.range,
    range: link.range,
    declaredElsewhere: true as const,
    moduleCalls: [],
    tags: [],
    annotations: [],
    origin: 'build' as const,
    release: [],
    unresolved: [],
  };
  // An `s3://` upload with no endpoint in sight is of service `s3`: an AWS bucket, the likelier.
  switch (service) {
    case 's3':
      return {
        ...base,
        service: 's3',
        endpoints: s3Endpoints(name, undefined, false),
        acls: [],
        policies: [],
        accessPoints: [],
        distributions: [],
      };
    case 'r2':
      return { ...base, service: 'r2', endpoints: [], customDomains: [] };
    case 'gcs': {
      const unwritten = { value: undefined, range: link.range };
      return {
        ...base,
        service: 'gcs',
        endpoints: gcsEndpoints(name),
        publicAccessPrevention: unwritten,
        uniformBucketLevelAccess: unwritten,
        iam: [],
        acls: [],
      };
    }
  }
}
