import {
  asArray,
  asBoolean,
  asString,
  couldBe,
  isObject,
  isUnknown,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type BucketPolicy,
  type ModuleCall,
  type PublicAccessBlock,
  type S3Acl,
  type S3Bucket,
  type S3Grant,
  type Value,
  type Website,
} from '@posture/model';
import { PUBLIC_GRANTEE_URIS, S3_CANNED_ACLS } from '@posture/rules';
import { boolAttr, rangeAt, stringAttr, valueAt } from '../attrs.js';
import type { AdapterContext } from '../context.js';
import { nameParts } from '../bucket-base.js';
import { regionOf, s3Endpoints } from '../endpoints.js';
import { readPolicy } from '../policy-document.js';
import { accountPublicAccessBlock } from '../s3-public-access-block.js';
import { websiteOf } from '../s3-website.js';
import { inputTags } from '../tags.js';
import {
  AWS_DEFAULT_TAGS,
  defaulted,
  moduleBase,
  type ModuleBucket,
  unresolvedInput,
  withProviderDefaults,
  within,
} from './inputs.js';
import { cappedBelow } from './version.js';

interface Defaults {
  readonly blockPublic: boolean;
  readonly objectOwnership: string;
}

/**
 * v3.9.0 followed AWS's April 2023 change to private new buckets. Before it the four public access
 * block flags defaulted to false, and since the module creates the block by default, it wrote them
 * false and switched off the protection AWS would otherwise apply.
 */
function defaultsFor(version: string | undefined): Defaults {
  return cappedBelow(version, '3.9.0')
    ? { blockPublic: false, objectOwnership: 'ObjectWriter' }
    : { blockPublic: true, objectOwnership: 'BucketOwnerEnforced' };
}

/**
 * The outputs that hold the bucket's name or ARN (`outputs.tf`), by which settings name it, or
 * its S3 hosts, by which a CloudFront origin does, and their names before v2.0.0 shortened them.
 * Both are joined whatever the version: each name exists in only one of them, so a reference to it
 * is valid only against a module that has it.
 */
const OUTPUTS = ['id', 'arn', 'bucket_domain_name', 'bucket_regional_domain_name'].flatMap(
  (output) => [`s3_bucket_${output}`, `this_s3_bucket_${output}`],
);

/**
 * `terraform-aws-modules/s3-bucket/aws`, read from its inputs: one bucket at the call's address,
 * its access controls named by the addresses the module's resources get in a plan.
 */
export function s3BucketModule(
  ctx: AdapterContext,
  call: ModuleCall,
  version: string | undefined,
): ModuleBucket<S3Bucket>[] {
  if (!createsBucket(call)) return [];
  const defaults = defaultsFor(version);
  const name = asString(valueAt(call.values, 'bucket'));
  const written = valueAt(call.values, 'bucket');
  const namePath = written === undefined ? 'bucket_prefix' : 'bucket';
  const site = website(call);
  // The provider configuration the module's resources use, however deep the call.
  const provider = ctx.provider(ctx.inheritedBy(call, AWS_DEFAULT_TAGS.provider), call);
  const region = regionOf(provider, valueAt(call.values, 'region'));
  const bucket: S3Bucket = {
    ...moduleBase(ctx, call, {
      address: call.address,
      name,
      namePath,
      nameParts: nameParts(written, valueAt(call.values, 'bucket_prefix')),
    }),
    endpoints: name ? s3Endpoints(name, region, site !== undefined) : [],
    service: 's3',
    tags: withProviderDefaults(ctx, call, inputTags(call, 'tags'), AWS_DEFAULT_TAGS),
    publicAccessBlock: publicAccessBlock(call, defaults),
    // As for the tags: the account of the provider configuration the module's resources use.
    accountPublicAccessBlock: accountPublicAccessBlock(ctx, call, provider),
    acls: bucketAcl(call),
    ownership: ownership(call, defaults),
    policies: bucketPolicy(ctx, call),
    website: site,
    accessPoints: [],
    distributions: [],
    unresolved: [
      ...unresolvedInput(call, 'attach_public_policy', 'the public access block may not exist'),
      ...unresolvedInput(call, 'grant', 'the ACL grants cannot be read', grantsMayBePublic, 'acl'),
      ...unresolvedInput(call, 'website', 'the bucket may host a website'),
    ],
  };
  return [{ bucket, namePath, outputs: OUTPUTS.map((output) => `${call.address}.${output}`) }];
}

/**
 * `create_bucket = false` (or the module's `putin_khuylo` switch) creates nothing. A directory
 * bucket (S3 Express) is left out, as the resource adapter leaves `aws_s3_directory_bucket` out:
 * public access is always blocked on it and it has no ACLs or website.
 */
function createsBucket(call: ModuleCall): boolean {
  const flag = (path: string) => asBoolean(valueAt(call.values, path));
  return (
    flag('create_bucket') !== false &&
    flag('putin_khuylo') !== false &&
    flag('is_directory_bucket') !== true
  );
}

/** The module creates the block unless `attach_public_policy = false`, a misleading name. */
function publicAccessBlock(call: ModuleCall, defaults: Defaults): PublicAccessBlock | undefined {
  const attach = defaulted(boolAttr, call, 'attach_public_policy', true);
  if (attach.value !== true) return undefined;
  const flags = Object.fromEntries(
    PUBLIC_ACCESS_BLOCK_FLAGS.map((f) => [f, defaulted(boolAttr, call, f, defaults.blockPublic)]),
  ) as PublicAccessBlock['flags'];
  const address = within(call, 'aws_s3_bucket_public_access_block.this[0]');
  return { address, range: attach.range, level: 'bucket', flags };
}

/**
 * `aws_s3_bucket_acl` exists when `acl` or `grant` is set. The module reads the string "null" as
 * null, for callers such as Terragrunt that cannot pass a null.
 */
function bucketAcl(call: ModuleCall): S3Acl[] {
  const written = stringAttr(call, 'acl', S3_CANNED_ACLS);
  const canned = written.value === 'null' ? { ...written, value: undefined } : written;
  const grants = aclGrants(call);
  const grantInput = valueAt(call.values, 'grant');
  if (canned.value === undefined && grants.length === 0 && !isUnknown(grantInput)) return [];
  const range = canned.value === undefined ? rangeAt(call, 'grant') : canned.range;
  return [
    {
      address: within(call, 'aws_s3_bucket_acl.this[0]'),
      range,
      kind: 'bucket-acl',
      canned,
      grants,
    },
  ];
}

/** `grant = [{ type, uri, id, permission }]`, one permission per entry. */
function aclGrants(call: ModuleCall): S3Grant[] {
  return asArray(valueAt(call.values, 'grant')).flatMap((g, i) =>
    isObject(g)
      ? [
          {
            granteeType: asString(g.type),
            uri: asString(g.uri),
            id: asString(g.id),
            permission: asString(g.permission),
            range: rangeAt(call, `grant.${i}`),
          },
        ]
      : [],
  );
}

/**
 * Whether `grant` entries not known before apply could grant everyone. As with `aws_s3_bucket_acl`,
 * a grant is public only through its grantee `uri`, the AllUsers or AuthenticatedUsers group: an
 * unknown CanonicalUser `id` is one account, whatever fills it.
 */
function grantsMayBePublic(value: Value | undefined): boolean {
  if (isUnknown(value)) return true;
  return asArray(value).some((grant) => {
    const uri = isObject(grant) ? grant.uri : grant;
    return isUnknown(uri) && PUBLIC_GRANTEE_URIS.some((group) => couldBe(uri, group));
  });
}

/**
 * Ownership controls exist only with `control_object_ownership = true`. When that switch is
 * unknown, so is the ownership: rules then do not count on ACLs being disabled.
 */
function ownership(call: ModuleCall, defaults: Defaults): S3Bucket['ownership'] {
  const control = defaulted(boolAttr, call, 'control_object_ownership', false);
  if (control.value === false || control.value === undefined) return undefined;
  const objectOwnership = isUnknown(control.value)
    ? { value: control.value, range: control.range }
    : defaulted(stringAttr, call, 'object_ownership', defaults.objectOwnership);
  const address = within(call, 'aws_s3_bucket_ownership_controls.this[0]');
  return { address, range: control.range, objectOwnership };
}

/**
 * `policy` is attached only with `attach_policy = true`. The module's other `attach_*` policies
 * (log delivery, TLS and encryption denials) grant nothing to the public and are not modelled.
 */
function bucketPolicy(ctx: AdapterContext, call: ModuleCall): BucketPolicy[] {
  const attach = defaulted(boolAttr, call, 'attach_policy', false);
  const policy = valueAt(call.values, 'policy');
  if (attach.value === false || attach.value === undefined) return [];
  if (policy === undefined || policy === null) return [];
  const range = rangeAt(call, 'policy');
  const base = { address: within(call, 'aws_s3_bucket_policy.this[0]'), range };
  if (isUnknown(attach.value)) {
    return [{ ...base, statements: [], unknownReason: 'attach_policy is not known before apply' }];
  }
  return [{ ...base, statements: [], ...readPolicy(ctx, call, 'policy') }];
}

/**
 * Any key in the `website` map creates the website configuration; one that only redirects every
 * request serves no object, as with the resource. A `website { … }` block, which a module call does
 * not accept but which scanners' test cases write, is read the same way.
 */
function website(call: ModuleCall): Website | undefined {
  const raw = valueAt(call.values, 'website');
  const config = isObject(raw) ? raw : asArray(raw).find(isObject);
  const configured = config !== undefined && (!isObject(raw) || Object.keys(raw).length > 0);
  if (!configured) return undefined;
  const address = within(call, 'aws_s3_bucket_website_configuration.this[0]');
  return websiteOf(config, { address, range: rangeAt(call, 'website.0') }, address);
}
