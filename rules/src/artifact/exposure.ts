import type { Bucket, Severity, StorageLink } from '@posture/model';
import { openPath } from '../exposure/paths.js';
import { isReleaseTarget } from '../link/precedence.js';
import { publicForm } from '../link/public-forms.js';
import { linkTarget } from '../messages.js';

/**
 * How exposed the storage a shipped URL points at is: anyone can read it (an r2.dev URL or an S3
 * website endpoint is public by construction, or the Terraform bucket has an open path), it is a
 * release bucket (by its Terraform, or by the policy's `release.buckets`), or unknown.
 */
export function linkExposure(
  link: StorageLink,
  bucket: Bucket | undefined,
): { severity: Severity; open: boolean; release: boolean } {
  const open =
    publicForm(link) !== undefined ||
    (bucket !== undefined && openPath(bucket, link) !== undefined);
  const release = isReleaseTarget(link, bucket);
  return { severity: open ? 'critical' : release ? 'high' : 'medium', open, release };
}

/** What a shipped URL points at, for alert titles: the Terraform bucket, a public form, or the name. */
export function storageTarget(link: StorageLink, bucket: Bucket | undefined): string {
  const form = publicForm(link);
  if (!bucket && form) return form.bucket;
  return linkTarget(link, bucket);
}
