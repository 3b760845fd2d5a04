import type { Range } from './source.js';

/**
 * A reference to storage found in a build configuration. Extracted from text or parsed data, never
 * by running the file. `url` is redacted: credentials, signatures and tokens never leave the extractor.
 */
export interface StorageLink {
  readonly range: Range;
  /** The reference as written, with any credential replaced by `REDACTED`. */
  readonly url: string;
  readonly service: 's3' | 'gcs' | 'r2' | 'unknown';
  readonly form: LinkForm;
  /** The bucket name when the form names it; r2.dev URLs carry a bucket id instead. */
  readonly bucket?: string;
  /** The 32-hex id of an r2.dev URL, which is not the bucket name. */
  readonly r2DevId?: string;
  readonly host?: string;
  readonly usage: LinkUsage;
  /** The file type the link was found in, e.g. `package.json`, `github-workflow`, `vite-config`. */
  readonly fileType: string;
  /** Where in a structured file: `scripts.release`, `jobs.publish.steps[2].run`. */
  readonly field?: string;
  /** The link sets where source maps are fetched from (`sourceMapBaseURL`, `sourceRoot`, …). */
  readonly sourceMap: boolean;
  /** The step or script is a release/publish step, which makes its destination release-use. */
  readonly releaseStep: boolean;
  /**
   * Set by the scan when no scanned Terraform declares the bucket but the policy's
   * `release.buckets` names it: the glob that does. Its infrastructure lives elsewhere (an infra
   * repository), and the policy is what says it holds releases.
   */
  readonly releaseGlob?: string;
}

export type LinkForm =
  | 's3-virtual-hosted'
  | 's3-path'
  | 's3-website'
  | 's3-accelerate'
  | 's3-access-point'
  | 's3-uri'
  | 's3-arn'
  | 'gcs-uri'
  | 'gcs-path'
  | 'gcs-json-api'
  | 'gcs-virtual-hosted'
  | 'r2-dev'
  | 'r2-s3-api'
  | 'r2-uri'
  | 'wrangler'
  | 'custom-domain';

export type LinkUsage =
  /** A URL a client downloads from without credentials. */
  | 'download'
  /** Where a build writes with credentials: `aws s3 cp … s3://`, `wrangler r2 object put`. */
  | 'upload'
  /** An upload that makes what it writes public: `--acl public-read`, `predefinedAcl`. */
  | 'public-upload'
  /** A time-limited signed URL. */
  | 'presigned'
  /** An API or identifier form that needs credentials (ARNs, the R2 S3 endpoint). */
  | 'api';
