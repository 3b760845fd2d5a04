import {
  placeholderAt,
  type AccessKind,
  type Bucket,
  type Range,
  type StorageLink,
} from '@posture/model';
import { objectKey } from '../link/object-key.js';
import { accessEffect } from './access.js';
import type { BucketKind } from './control-kind.js';
import { GCS_ACLS, GCS_BACKEND_BUCKETS, GCS_IAM } from './gcs.js';
import { R2_CUSTOM_DOMAINS, R2_DEV_URL } from './r2.js';
import { S3_ACLS, S3_DISTRIBUTIONS, S3_POLICIES, S3_WEBSITE } from './s3.js';
import { iamPattern } from './policy.js';
import type { Exposure, Neutraliser, ObjectScope } from './types.js';

/** Every exposure of a bucket, decided or not; the exposure rules report the same ones, by rule. */
export function exposures(bucket: Bucket): Exposure[] {
  return withKinds(bucket, (kinds, of) => kinds.flatMap((kind) => kind.exposures(of)));
}

/**
 * The bucket's own control that closes every path of a kind, as it closes the ones its exposures
 * take: what a resource of that kind opens on it, whichever bucket that resource configures.
 */
export function refusedBy(bucket: Bucket, opens: AccessKind): Neutraliser | undefined {
  return withKinds(bucket, (kinds, of) => kinds.find((k) => k.opens === opens)?.closedBy?.(of));
}

/** What `read` makes of the kinds of control of the bucket's service, in the order they report. */
function withKinds<T>(
  bucket: Bucket,
  read: <B extends Bucket>(kinds: readonly BucketKind<B>[], bucket: B) => T,
): T {
  switch (bucket.service) {
    case 's3':
      return read([S3_ACLS, S3_POLICIES, S3_WEBSITE, S3_DISTRIBUTIONS], bucket);
    case 'r2':
      return read([R2_DEV_URL, R2_CUSTOM_DOMAINS], bucket);
    case 'gcs':
      return read([GCS_IAM, GCS_ACLS, GCS_BACKEND_BUCKETS], bucket);
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
  /** The path opens only these objects. */
  readonly objects?: ObjectScope;
  /** Where in the bucket it opens, in words, when not on all of it. */
  readonly within?: string;
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
      ...(exposure.objects && { objects: exposure.objects, within: exposure.within }),
    }));
}

/** The first path by which anyone can read what the link points at now, if there is one. */
export function openPath(bucket: Bucket, link: StorageLink): PublicPath | undefined {
  return publicPaths(bucket).find(
    (path) => !path.neutralised && path.readable && reaches(path, link),
  );
}

/**
 * A path that opens some objects only opens links that can be to them: to an object it opens, or
 * to a folder above them as the base the build adds names to (`public` for `public/*`), but not to
 * the whole bucket. A link whose name is not read, or is written with a placeholder that could
 * make it one of them (`$DIR/app.tgz`, not `private/$VERSION.tgz` for `public/*`), can be. Through
 * a managed folder whose name is not known, no link can be shown to be in it.
 */
function reaches({ objects }: PublicPath, link: StorageLink): boolean {
  if (!objects) return true;
  if (!objects.keys) return false;
  const key = objectKey(link);
  if (key === undefined) return true;
  const unknownFrom = placeholderAt(key);
  return objects.keys.some((pattern) =>
    unknownFrom === undefined
      ? iamPattern(pattern).test(key) || (key !== '' && mayStartWith(pattern, `${key}/`))
      : mayStartWith(pattern, key.slice(0, unknownFrom)),
  );
}

/** Whether a name that `pattern` (IAM's `*` and `?` wildcards) matches can start with `start`. */
function mayStartWith(pattern: string, start: string): boolean {
  const fixed = /^[^*?]*/.exec(pattern)![0];
  return fixed.startsWith(start) || (fixed !== pattern && start.startsWith(fixed));
}
