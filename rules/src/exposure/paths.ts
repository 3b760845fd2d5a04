import type { AccessKind, Bucket, Range, StorageLink } from '@posture/model';
import { objectKey } from '../link/object-key.js';
import { accessEffect } from './access.js';
import { aclExposures as gcsAclExposures, GCS_NEUTRALISERS, iamExposures } from './gcs.js';
import { customDomainExposures, devUrlExposures } from './r2.js';
import { aclExposures, policyExposures, S3_NEUTRALISERS, websiteExposures } from './s3.js';
import type { Exposure, FolderScope, Neutraliser } from './types.js';

/** Every exposure of a bucket, decided or not; the exposure rules report the same ones, by rule. */
export function exposures(bucket: Bucket): Exposure[] {
  switch (bucket.service) {
    case 's3':
      return [...aclExposures(bucket), ...policyExposures(bucket), ...websiteExposures(bucket)];
    case 'r2':
      return [...devUrlExposures(bucket), ...customDomainExposures(bucket)];
    case 'gcs':
      return [...iamExposures(bucket), ...gcsAclExposures(bucket)];
  }
}

/**
 * The bucket's own control that closes every path of a kind, as it closes the ones its exposures
 * take: what a resource of that kind opens on it, whichever bucket that resource configures.
 */
export function refusedBy(bucket: Bucket, kind: AccessKind): Neutraliser | undefined {
  switch (bucket.service) {
    case 's3':
      return S3_NEUTRALISERS[kind]?.(bucket);
    case 'r2':
      return undefined;
    case 'gcs':
      return GCS_NEUTRALISERS[kind]?.(bucket);
  }
}

export interface PublicPath {
  /** The rule that reports this path. */
  readonly rule: string;
  readonly range: Range;
  /** Another control closes the path: the rule reports it at low severity. */
  readonly neutralised: boolean;
  /**
   * Anyone can read objects through it, or change who may access them: not a path that only lists
   * the bucket, reads its ACL or writes into it.
   */
  readonly readable: boolean;
  /** The path opens only the objects of this managed folder. */
  readonly folder?: FolderScope;
}

/** The exposures that are proven: a path whose value is unknown is not provably public. */
export function publicPaths(bucket: Bucket): PublicPath[] {
  return exposures(bucket)
    .filter((exposure) => exposure.undecided === undefined)
    .map((exposure) => ({
      rule: exposure.rule,
      range: exposure.range,
      neutralised: exposure.neutralisedBy !== undefined,
      readable: exposure.access === undefined || accessEffect(exposure.access, undefined).readable,
      ...(exposure.folder && { folder: exposure.folder }),
    }));
}

/** The first path by which anyone can read what the link points at now, if there is one. */
export function openPath(bucket: Bucket, link: StorageLink): PublicPath | undefined {
  return publicPaths(bucket).find(
    (path) => !path.neutralised && path.readable && reaches(path, link),
  );
}

/**
 * A path that opens a managed folder opens only links into it: to an object under the folder, or
 * to the folder itself as the base the build adds names to. A folder whose name is not known
 * opens no link that can be shown to be in it.
 */
function reaches({ folder }: PublicPath, link: StorageLink): boolean {
  if (!folder) return true;
  const key = objectKey(link);
  return folder.name !== undefined && key !== undefined && `${key}/`.startsWith(folder.name);
}
