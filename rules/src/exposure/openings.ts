import type { Bucket, BucketOpening, StorageLink } from '@posture/model';
import { preventionNeutraliser } from './gcs.js';
import { neutralisingFlags, ownershipNeutraliser } from './s3.js';
import type { Neutraliser } from './types.js';

/**
 * The control in a bucket's Terraform that refuses a build command's opening (S3 and GCS reject
 * the request) or leaves it without effect, unless a command of the same build turns that control
 * off first: `links` are all the build's links.
 */
export function openingGuard(
  bucket: Bucket | undefined,
  link: StorageLink,
  links: readonly StorageLink[],
): Neutraliser | undefined {
  const kind = link.opening?.kind;
  if (!bucket || (kind !== 'grant' && kind !== 'policy')) return undefined;
  const turnedOff = (off: BucketOpening['kind']) =>
    links.some((other) => other.bucket === link.bucket && other.opening?.kind === off);
  if (bucket.service === 'gcs') {
    return kind === 'grant' && !turnedOff('public-access-prevention-off')
      ? preventionNeutraliser(bucket)
      : undefined;
  }
  if (bucket.service !== 's3') return undefined;
  const blockOn = !turnedOff('access-block-removed');
  if (kind === 'policy') {
    return blockOn
      ? (neutralisingFlags(bucket, ['block_public_policy']) ??
          neutralisingFlags(bucket, ['restrict_public_buckets']))
      : undefined;
  }
  return (
    (turnedOff('acls-enabled') ? undefined : ownershipNeutraliser(bucket)) ??
    (blockOn
      ? (neutralisingFlags(bucket, ['block_public_acls']) ??
        neutralisingFlags(bucket, ['ignore_public_acls']))
      : undefined)
  );
}
