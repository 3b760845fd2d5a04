import type { Bucket, StorageLink } from '@posture/model';
import { openingGuard } from '../exposure/openings.js';

type SpecificLinkRule =
  | 'link-source-map'
  | 'link-opens-bucket'
  | 'link-presigned-url'
  | 'link-public-upload'
  | 'link-release-bucket';

/**
 * One alert per link. Several link rules can describe the same URL; the most specific one reports
 * it — source maps first, then commands that open a bucket, then signed URLs, then public uploads
 * in a release context, then download links of release buckets — and `link-public-bucket` reports
 * only what none of them claims. `links` are all the build's links, which can turn off a control
 * of the bucket.
 */
export function claimingRule(
  link: StorageLink,
  bucket: Bucket | undefined,
  links: readonly StorageLink[],
): SpecificLinkRule | undefined {
  if (link.sourceMap) return 'link-source-map';
  if (link.usage === 'opens') return 'link-opens-bucket';
  if (link.usage === 'presigned') return 'link-presigned-url';
  const release = isReleaseTarget(link, bucket);
  if (link.usage === 'public-upload' && (link.releaseStep || release)) {
    // Clients download from a public upload's URL too (node-pre-gyp's host): while the bucket
    // refuses the public ACL, the upload fails and the download link to it is what matters.
    const refused = link.downloaded && release && openingGuard(bucket, link, links);
    return refused ? 'link-release-bucket' : 'link-public-upload';
  }
  // Signed URLs expire and uploads use credentials: only plain download links tie a build to the
  // bucket, and the private upload clients download from without them (an app's updates).
  if ((link.usage === 'download' || link.downloaded) && release) return 'link-release-bucket';
  return undefined;
}

/**
 * Whether a link points at a release bucket: a release-use bucket (one Terraform names, or one the
 * build alone knows, as where a release step uploads), or, for a bucket declared elsewhere, one the
 * policy's `release.buckets` names.
 */
export function isReleaseTarget(link: StorageLink, bucket: Bucket | undefined): boolean {
  return (bucket !== undefined && bucket.release.length > 0) || link.releaseGlob !== undefined;
}
