import type { ParsedPolicy } from './policy-json.js';
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
  /**
   * The bucket is written as a placeholder that nothing in the scan resolves
   * (`s3://${DEPLOY_BUCKET}`, `AWS_S3_BUCKET: ${{ secrets.BUCKET }}`): `bucket` is unset and `url`
   * is the reference as written. Only a command that opens its bucket or uploads to it publicly is
   * such a link, as it does so whatever the bucket is.
   */
  readonly bucketUnresolved?: true;
  /** The 32-hex id of an r2.dev URL, which is not the bucket name. */
  readonly r2DevId?: string;
  readonly host?: string;
  readonly usage: LinkUsage;
  /**
   * With usage `public-upload` or `upload`: clients download from the same URL without
   * credentials, as `node-pre-gyp install` does from the `binary.host` that `node-pre-gyp publish`
   * uploads to, and an app electron-updater updates from its electron-builder publish bucket. It is
   * a download link too: the one that matters while the bucket refuses the public ACL, and the
   * only one of a private upload.
   */
  readonly downloaded?: true;
  /**
   * The file type the link was found in, e.g. `package.json`, `github-workflow`, `vite-config`; or
   * the label its reader gives the file: `gitea-workflow` and `forgejo-workflow` for the workflows
   * Gitea and Forgejo run, read as GitHub's (see the buildconfig's file-types.ts).
   */
  readonly fileType: string;
  /** Where in a structured file: `scripts.release`, `jobs.publish.steps[2].run`. */
  readonly field?: string;
  /**
   * The link sets where source maps are fetched from (`sourceMapBaseURL`, `sourceRoot`, …), or
   * serves the bundles beside which the build writes them (a bucket `publicPath` with
   * `devtool: 'source-map'`).
   */
  readonly sourceMap: boolean;
  /**
   * With `sourceMap`: the build writes its maps with no `sourceMappingURL` comment pointing at them
   * (`devtool: 'hidden-source-map'`, `sourcemap: 'hidden'`), so no client is told where they are,
   * but they are beside the bundles the link serves.
   */
  readonly sourceMapHidden?: true;
  /**
   * With `sourceMap`: a setting chosen by the build's mode or environment decides it
   * (`devtool: isProd ? 'source-map' : 'eval'`, `publicPath: isProd ? 'https://…' : '/'`,
   * `sourcemap: mode !== 'development'`), so the builds that choose it write or link the maps.
   */
  readonly sourceMapConditional?: true;
  /** The step or script is a release or a deploy step, which makes its destination release-use. */
  readonly releaseStep: ReleaseStep;
  /**
   * Set by the scan when no scanned Terraform declares the bucket but the policy's
   * `release.buckets` names it: the glob that does. Its infrastructure lives elsewhere (an infra
   * repository), and the policy is what says it holds releases.
   */
  readonly releaseGlob?: string;
  /** With usage `opens`: how the command opens the bucket. */
  readonly opening?: BucketOpening;
  /** For `s3-account`: the AWS account whose settings the command changes, as written. */
  readonly account?: string;
  /**
   * Of a link in a composite action or a reusable workflow of the repository, read as the steps and
   * jobs that use it run it (with their inputs, in their release context): where they name it
   * (`uses:`). What they give it is often what the link names, so they are where to look too.
   */
  readonly calledFrom?: readonly Range[];
  /**
   * Of a link in a file that is read only because a build file runs it (a JavaScript file that a
   * package.json lifecycle script runs with Node): where that file names it.
   */
  readonly runBy?: Range;
}

/**
 * What kind of release step a step is: `'release'` when it releases or publishes (its name says
 * so, it runs for tags or releases, it is a publishing tool's); `'deploy'` when only its being a
 * deployment does (a `deploy` job, `upload.sh`, a Bitbucket step with a `deployment:`); `false`
 * when it is neither. Either kind makes its destination release-use; a deploy step's may hold a
 * site rather than releases, so that is all that is said of it. A deploy of a website is neither:
 * one whose names say it is a site's (`deploy-docs`, `gh-pages`), and, as the scan finds once it
 * knows the buckets, one to a bucket that hosts a website.
 */
export type ReleaseStep = 'release' | 'deploy' | false;

/**
 * How a build command opens a bucket to everyone, out of sight of the Terraform that declares it:
 * `policy` writes a bucket policy (public or not: the rules judge its statements); `grant` gives
 * everyone an ACL or IAM role on the bucket or its objects; `access-block-removed` deletes or turns
 * off S3's public access block; `public-access-prevention-off` turns off GCS's; `acls-enabled` turns
 * ACLs back on (S3 object ownership other than BucketOwnerEnforced, GCS uniform bucket-level access
 * off), so that public ACLs take effect again; `website` turns on
 * S3 static website hosting; `r2-dev` turns on the bucket's public r2.dev URL; `custom-domain`
 * serves an R2 bucket on a domain; `account-access-block-removed` deletes or turns off the
 * account-wide S3 public access block (`aws s3control`), which names no bucket but guards them all.
 */
export interface BucketOpening {
  readonly kind:
    | 'policy'
    | 'grant'
    | 'access-block-removed'
    | 'public-access-prevention-off'
    | 'acls-enabled'
    | 'website'
    | 'r2-dev'
    | 'custom-domain'
    | 'account-access-block-removed';
  /** For `policy`: the policy written, or why it could not be read. */
  readonly policy?: ParsedPolicy;
  /** For `grant`: an ACL or an IAM binding, which different controls refuse. */
  readonly through?: 'acl' | 'iam';
  /**
   * For `grant`: what it lets everyone do, by the role or permission it names; unset for one Posture
   * does not know (a custom role).
   */
  readonly access?: readonly GrantAccess[];
  /**
   * For a grant on some objects only: their keys as the command names them, the object
   * (`releases/cli.tgz`) or, with a wildcard, those it matches (`public/*`, everything under
   * `public/`). Unset for every object of the bucket, or for a grant on the bucket itself.
   */
  readonly objects?: string;
}

/**
 * What a grant lets its grantee do: `read` the objects' data, `list` the bucket (the names and
 * metadata of its objects, not their data), `write` objects (add, replace or delete them),
 * `read-acl` (S3's READ_ACP: read the ACL, who may access it), `write-acl` (S3's WRITE_ACP: change
 * the ACL, and so give itself full control), or `admin`: change who has access, which grants all
 * the rest.
 */
export type GrantAccess = 'read' | 'list' | 'write' | 'read-acl' | 'write-acl' | 'admin';

const ACCESS_ORDER: readonly GrantAccess[] = [
  'read',
  'list',
  'write',
  'read-acl',
  'write-acl',
  'admin',
];

/** What several grants give together, in a fixed order; undefined when none of them is known. */
export function accessOf(
  grants: readonly (readonly GrantAccess[] | undefined)[],
): GrantAccess[] | undefined {
  const known = grants.filter((access) => access !== undefined);
  if (known.length === 0) return undefined;
  const all = new Set(known.flat());
  return ACCESS_ORDER.filter((access) => all.has(access));
}

export type LinkForm =
  | 's3-virtual-hosted'
  | 's3-path'
  | 's3-website'
  | 's3-accelerate'
  | 's3-access-point'
  | 's3-uri'
  | 's3-arn'
  /** An S3 account's settings (`aws s3control … --account-id`): no bucket. */
  | 's3-account'
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
  /**
   * A command that changes who can read the bucket itself, in a way that can open it to everyone
   * (`opening` says how).
   */
  | 'opens'
  /** A time-limited signed URL. */
  | 'presigned'
  /** An API or identifier form that needs credentials (ARNs, the R2 S3 endpoint). */
  | 'api';
