/** S3 access points as facts: each a way into one bucket, with its own block and policies. */
import {
  asArray,
  asString,
  isUnknown,
  type BucketPolicy,
  type ResourceInstance,
  type S3AccessPoint,
} from '@posture/model';
import { S3_POLICIES } from '@posture/rules';
import { rangeAt, source, stringAttr, valueAt } from './attrs.js';
import type { AdapterContext, BucketKey } from './context.js';
import { groupByBucket, mergeGroups, type GroupOptions, type Grouped } from './group.js';
import { readPolicy } from './policy-document.js';
import { publicAccessBlock } from './s3-public-access-block.js';

const AWSCC_ACCESS_POINT = 'awscc_s3_access_point';

/** Access points of either provider, which name their bucket by `bucket`: a bucket's attachments. */
export const ACCESS_POINTS = ['aws_s3_access_point', AWSCC_ACCESS_POINT] as const;

const ACCESS_POINT_POLICY = 'aws_s3control_access_point_policy';

/**
 * A multi-region access point names a bucket in each of its regions (`details.region.*.bucket`),
 * and is a way into each of them as an access point is: its own block and policy, which the bucket
 * must delegate to it.
 */
export const MULTI_REGION_ACCESS_POINT = 'aws_s3control_multi_region_access_point';

const MULTI_REGION_POLICY = 'aws_s3control_multi_region_access_point_policy';

/** What the access point facts read besides the access points. */
export const ACCESS_POINT_READS: readonly string[] = [
  ACCESS_POINT_POLICY,
  MULTI_REGION_ACCESS_POINT,
  MULTI_REGION_POLICY,
];

/** Its name, block and policy are all in its one `details` block. */
const MULTI_REGION = 'details.0';

/**
 * Where a multi-region access point names each of its buckets; its regions as a whole when they
 * are not known before apply, which may name any bucket they refer to, or any of its module.
 */
export function regionBuckets(resource: ResourceInstance): string[] {
  const path = `${MULTI_REGION}.region`;
  const regions = valueAt(resource.values, path);
  if (isUnknown(regions)) return [path];
  return asArray(regions).map((_, i) => `${path}.${i}.bucket`);
}

/**
 * The `aws_s3control_access_point_policy` resources by the access point they attach to: by
 * reference (`access_point_arn = aws_s3_access_point.x.arn`), or by an ARN a plan or state knows.
 * One whose access point cannot be determined is an orphan that may open any bucket of its module.
 */
export function accessPointPolicies(ctx: AdapterContext): Grouped {
  const keys: BucketKey[] = ctx.managed('aws_s3_access_point').map((r) => ({
    address: r.address,
    name: asString(r.values.arn),
    module: r.module,
    rootModule: r.rootModule,
  }));
  // A multi-region access point's policy names it by its name, which is unique in its account.
  const multiRegion: BucketKey[] = ctx.managed(MULTI_REGION_ACCESS_POINT).map((r) => ({
    address: r.address,
    name: asString(valueAt(r.values, `${MULTI_REGION}.name`)),
    module: r.module,
    rootModule: r.rootModule,
  }));
  const options = {
    opens: 'policy',
    mayLoosen: (r) => policyAt(ctx, r).some(S3_POLICIES.mayOpen),
  } satisfies GroupOptions;
  return mergeGroups(
    groupByBucket(ctx, [ACCESS_POINT_POLICY], 'access_point_arn', keys, options),
    groupByBucket(ctx, [MULTI_REGION_POLICY], `${MULTI_REGION}.name`, multiRegion, options),
  );
}

/** Whether an access point could open its bucket: a policy of it that may grant anyone. */
export function accessPointMayOpen(
  ctx: AdapterContext,
  policies: Grouped,
): (accessPoint: ResourceInstance) => boolean {
  return (r) => accessPoint(ctx, r, policies).policies.some(S3_POLICIES.mayOpen);
}

export function accessPoint(
  ctx: AdapterContext,
  resource: ResourceInstance,
  policies: Grouped,
): S3AccessPoint {
  const multiRegion = resource.type === MULTI_REGION_ACCESS_POINT;
  return {
    ...source(resource),
    name: stringAttr(resource, multiRegion ? `${MULTI_REGION}.name` : 'name'),
    // Without the block its range is the access point's, whose omitted flags are on. The AWS
    // provider writes it as a block (a list of one), the AWS Cloud Control provider as an object.
    publicAccessBlock: publicAccessBlock(
      resource,
      'access-point',
      multiRegion
        ? `${MULTI_REGION}.public_access_block.0`
        : resource.type === AWSCC_ACCESS_POINT
          ? 'public_access_block_configuration'
          : 'public_access_block_configuration.0',
    ),
    policies: [
      ...policyAt(ctx, resource),
      ...policies.of(resource).flatMap((r) => policyAt(ctx, r)),
    ],
  };
}

function policyAt(ctx: AdapterContext, owner: ResourceInstance): BucketPolicy[] {
  const path = owner.type === MULTI_REGION_POLICY ? `${MULTI_REGION}.policy` : 'policy';
  const policy = readPolicy(ctx, owner, path);
  return policy ? [{ address: owner.address, range: rangeAt(owner, path), ...policy }] : [];
}
