/**
 * S3 buckets of the AWS Cloud Control provider (`hashicorp/awscc`), whose resources follow
 * CloudFormation's: the access settings sit on the bucket as attributes
 * (`public_access_block_configuration = { … }`, `access_control = "PublicRead"`,
 * `ownership_controls`, `website_configuration`), tags are a list of `{ key, value }`, and a policy
 * is an `awscc_s3_bucket_policy`. The same S3 facts as `aws_s3_bucket`, so the same rules judge them.
 */
import {
  asArray,
  asString,
  isObject,
  isUnknown,
  ownEntry,
  type BucketPolicy,
  type EffectiveTag,
  type PublicAccessBlock,
  type ResourceInstance,
  type S3Acl,
  type S3Bucket,
} from '@posture/model';
import { S3_POLICIES } from '@posture/rules';
import { rangeAt, source, stringAttr, valueAt } from './attrs.js';
import { attachedControls, orphansNear, S3_READS } from './aws-s3.js';
import { bucketBase, nameParts } from './bucket-base.js';
import { bucketKey, type AdapterContext } from './context.js';
import { distributionEndpoints, unreadDistributions } from './cloudfront.js';
import { regionOf, s3Endpoints } from './endpoints.js';
import { groupByBucket } from './group.js';
import { readPolicy } from './policy-document.js';
import { accountPublicAccessBlock, publicAccessBlock, weakest } from './s3-public-access-block.js';
import { websiteOf } from './s3-website.js';

const BUCKET = 'awscc_s3_bucket';
const POLICY = 'awscc_s3_bucket_policy';

/**
 * Every resource type `adaptAwsccS3` reads: the AWS provider's settings resources can configure
 * these buckets too.
 */
export const AWSCC_S3_READS: readonly string[] = [BUCKET, POLICY, ...S3_READS];

/** CloudFormation's `AccessControl` names for the canned ACLs that grant everyone access. */
const CANNED: Readonly<Record<string, string>> = {
  PublicRead: 'public-read',
  PublicReadWrite: 'public-read-write',
  AuthenticatedRead: 'authenticated-read',
};

/** Every `AccessControl` name, in lower case: the words the setting is judged by. */
const ACCESS_CONTROLS: ReadonlySet<string> = new Set(
  [
    ...Object.keys(CANNED),
    'Private',
    'AwsExecRead',
    'BucketOwnerRead',
    'BucketOwnerFullControl',
    'LogDeliveryWrite',
  ].map((name) => name.toLowerCase()),
);

export function adaptAwsccS3(ctx: AdapterContext): S3Bucket[] {
  const buckets = ctx.managed(BUCKET);
  const policies = groupByBucket(ctx, [POLICY], 'bucket', buckets.map(awsccKey), {
    opens: 'policy',
    mayLoosen: (r) => policyOf(ctx, r).some(S3_POLICIES.mayOpen),
  });
  return buckets.map((resource) => {
    const attached = attachedControls(ctx, resource);
    const written = resource.values.bucket_name;
    const name = asString(written);
    const configured = valueAt(resource.values, 'website_configuration');
    const website =
      isObject(configured) || isUnknown(configured)
        ? websiteOf(
            configured,
            { address: resource.address, range: rangeAt(resource, 'website_configuration') },
            `website_configuration on ${resource.address}`,
          )
        : attached.website;
    const provider = ctx.provider(resource.provider, resource);
    const bucketPolicies = [
      ...policies.of(resource).flatMap((r) => policyOf(ctx, r)),
      ...attached.policies,
    ];
    return Object.assign(
      bucketBase(ctx, resource, {
        name,
        namePath: 'bucket_name',
        nameParts: nameParts(written),
      }),
      {
        tags: keyValueTags(resource),
        service: 's3' as const,
        endpoints: [
          ...(name ? s3Endpoints(name, regionOf(provider), website !== undefined) : []),
          ...distributionEndpoints(attached.distributions),
        ],
        publicAccessBlock: weakest([...inlineBlock(resource), ...attached.publicAccessBlocks]),
        // The account-wide block governs every bucket of the account, whichever provider made it.
        accountPublicAccessBlock: accountPublicAccessBlock(ctx, resource, provider),
        acls: [...cannedAcl(resource), ...attached.acls],
        ownership: ownership(resource) ?? attached.ownership,
        policies: bucketPolicies,
        website,
        accessPoints: attached.accessPoints,
        distributions: attached.distributions,
        unresolved: [
          ...orphansNear(resource, [policies]),
          ...attached.unresolved,
          ...unreadDistributions(ctx, resource, bucketPolicies),
        ],
      },
    );
  });
}

function policyOf(ctx: AdapterContext, policy: ResourceInstance): BucketPolicy[] {
  const read = readPolicy(ctx, policy, 'policy_document');
  return read
    ? [{ address: policy.address, range: rangeAt(policy, 'policy_document'), ...read }]
    : [];
}

/** The name is the bucket's `Ref`, its `id`, which a policy's `bucket` holds. */
function awsccKey(resource: ResourceInstance) {
  return bucketKey(resource, 'bucket_name');
}

/** The block set on the bucket itself, `public_access_block_configuration = { … }`. */
function inlineBlock(resource: ResourceInstance): PublicAccessBlock[] {
  const path = 'public_access_block_configuration';
  const block = valueAt(resource.values, path);
  return block === undefined || block === null ? [] : [publicAccessBlock(resource, 'bucket', path)];
}

/** `access_control = "PublicRead"`, read as the canned ACL it stands for. */
function cannedAcl(resource: ResourceInstance): S3Acl[] {
  const written = stringAttr(resource, 'access_control', ACCESS_CONTROLS);
  if (written.value === undefined) return [];
  const value = isUnknown(written.value)
    ? written.value
    : (ownEntry(CANNED, written.value) ?? 'private');
  return [{ ...source(resource), kind: 'inline', canned: { ...written, value }, grants: [] }];
}

function ownership(resource: ResourceInstance): S3Bucket['ownership'] {
  const path = 'ownership_controls.rules.0.object_ownership';
  if (valueAt(resource.values, path) === undefined) return undefined;
  return { ...source(resource), objectOwnership: stringAttr(resource, path) };
}

/** `tags = [{ key = "release", value = "true" }]`: the provider has no default tags. */
function keyValueTags(resource: ResourceInstance): EffectiveTag[] {
  return asArray(resource.values.tags).flatMap((tag, i) => {
    if (!isObject(tag)) return [];
    const key = asString(tag.key);
    const value = asString(tag.value);
    if (key === undefined || value === undefined) return [];
    return [{ key, value, from: 'resource' as const, range: rangeAt(resource, `tags.${i}`) }];
  });
}
