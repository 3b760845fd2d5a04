import type { Rule } from '@posture/model';
import artifactCredential from './artifact/artifact-credential.js';
import artifactInlineSourceMap from './artifact/artifact-inline-source-map.js';
import artifactLinkUnjudged from './artifact/artifact-link-unjudged.js';
import artifactManifestMismatch from './artifact/artifact-manifest-mismatch.js';
import artifactNotAllowed from './artifact/artifact-not-allowed.js';
import artifactSourceMapUrl from './artifact/artifact-source-map-url.js';
import artifactSourcesContent from './artifact/artifact-sources-content.js';
import artifactStorageLink from './artifact/artifact-storage-link.js';
import artifactTargetMissing from './artifact/artifact-target-missing.js';
import artifactUnreadable from './artifact/artifact-unreadable.js';
import artifactUnsafeEntry from './artifact/artifact-unsafe-entry.js';
import bucketNotProvablyPrivate from './bucket/bucket-not-provably-private.js';
import inputUnreadable from './diagnostic/input-unreadable.js';
import moduleUnresolved from './diagnostic/module-unresolved.js';
import gcsPublicAccessPrevention from './gcs/gcs-public-access-prevention.js';
import gcsPublicAcl from './gcs/gcs-public-acl.js';
import gcsPublicBackendBucket from './gcs/gcs-public-backend-bucket.js';
import gcsPublicIam from './gcs/gcs-public-iam.js';
import gcsUniformAccess from './gcs/gcs-uniform-access.js';
import linkOpensBucket from './link/link-opens-bucket.js';
import linkPresignedUrl from './link/link-presigned-url.js';
import linkPublicBucket from './link/link-public-bucket.js';
import linkPublicUpload from './link/link-public-upload.js';
import linkReleaseBucket from './link/link-release-bucket.js';
import linkSourceMap from './link/link-source-map.js';
import exceptionExpired from './policy/exception-expired.js';
import exceptionInvalid from './policy/exception-invalid.js';
import exceptionUnused from './policy/exception-unused.js';
import annotationUnused from './policy/annotation-unused.js';
import r2PublicCustomDomain from './r2/r2-public-custom-domain.js';
import r2PublicDevUrl from './r2/r2-public-dev-url.js';
import r2S3ControlsIneffective from './r2/r2-s3-controls-ineffective.js';
import r2WorkerBinding from './r2/r2-worker-binding.js';
import s3AclsEnabled from './s3/s3-acls-enabled.js';
import s3CloudfrontUnscoped from './s3/s3-cloudfront-unscoped.js';
import s3PublicAccessBlock from './s3/s3-public-access-block.js';
import s3PublicAcl from './s3/s3-public-acl.js';
import s3PublicCloudfront from './s3/s3-public-cloudfront.js';
import s3PublicPolicy from './s3/s3-public-policy.js';
import s3Website from './s3/s3-website.js';

/**
 * Every built-in rule, in catalogue order: by service, then links, input and policy diagnostics,
 * then the shipped-artifact gate.
 */
export const builtinRules: readonly Rule[] = [
  s3PublicAccessBlock,
  s3PublicAcl,
  s3AclsEnabled,
  s3PublicPolicy,
  s3CloudfrontUnscoped,
  s3Website,
  s3PublicCloudfront,
  r2PublicDevUrl,
  r2PublicCustomDomain,
  r2WorkerBinding,
  r2S3ControlsIneffective,
  gcsPublicAccessPrevention,
  gcsUniformAccess,
  gcsPublicIam,
  gcsPublicAcl,
  gcsPublicBackendBucket,
  bucketNotProvablyPrivate,
  linkReleaseBucket,
  linkPublicBucket,
  linkPublicUpload,
  linkOpensBucket,
  linkPresignedUrl,
  linkSourceMap,
  inputUnreadable,
  moduleUnresolved,
  exceptionInvalid,
  exceptionExpired,
  exceptionUnused,
  annotationUnused,
  artifactNotAllowed,
  artifactSourcesContent,
  artifactInlineSourceMap,
  artifactSourceMapUrl,
  artifactCredential,
  artifactStorageLink,
  artifactLinkUnjudged,
  artifactUnsafeEntry,
  artifactUnreadable,
  artifactTargetMissing,
  artifactManifestMismatch,
];

/**
 * The rules whose findings say that input was not checked (tagged `fail-closed`): what the scan
 * could not read may hide anything, so they fail the gate at any threshold, no baseline records
 * them and no comment in a scanned file waives them; only the policy file can.
 */
export const FAIL_CLOSED_RULES: ReadonlySet<string> = new Set(
  builtinRules.filter((rule) => rule.meta.tags.includes('fail-closed')).map((rule) => rule.meta.id),
);

export function findRule(id: string): Rule | undefined {
  return builtinRules.find((rule) => rule.meta.id === id);
}
