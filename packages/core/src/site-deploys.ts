import type { Bucket, StorageLink } from '@posture/model';
import type { LinkMatcher } from './link-match.js';

/**
 * The links with a deploy step's to a bucket that hosts a website made no deploy step's: the step
 * deploys the site, which is public by design, and its deploy alone says nothing of what the build
 * ships (a release step's upload still does; see `ReleaseStep`). A bucket hosts a website when its
 * Terraform configures one (`aws_s3_bucket_website_configuration`, a GCS `website` block), when a
 * link of the build reaches it at its website endpoint, or when a build command turns website
 * hosting on (`aws s3 website`). One whose website is not known before apply may host none: its
 * deploy steps stay release evidence.
 */
export function withoutSiteDeploys(
  links: readonly StorageLink[],
  declared: LinkMatcher,
): StorageLink[] {
  const websites = new Set(
    links
      .filter((link) => link.form === 's3-website' || link.opening?.kind === 'website')
      .flatMap((link) => link.bucket ?? []),
  );
  const hostsWebsite = (link: StorageLink) =>
    (link.bucket !== undefined && websites.has(link.bucket)) || hasWebsite(declared.match(link));
  return links.map((link) =>
    link.releaseStep === 'deploy' && hostsWebsite(link) ? { ...link, releaseStep: false } : link,
  );
}

function hasWebsite(bucket: Bucket | undefined): boolean {
  if (bucket === undefined || !('website' in bucket)) return false;
  return bucket.website !== undefined && bucket.website.unknown === undefined;
}
