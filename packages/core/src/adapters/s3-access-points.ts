/** S3 access points as facts: each a way into one bucket, with its own block and policies. */
import {
  asString,
  type BucketPolicy,
  type ResourceInstance,
  type S3AccessPoint,
} from '@posture/model';
import { S3_POLICIES } from '@posture/rules';
import { rangeAt, source, stringAttr } from './attrs.js';
import type { AdapterContext, BucketKey } from './context.js';
import { groupByBucket, type Grouped } from './group.js';
import { readPolicy } from './policy-document.js';
import { publicAccessBlock } from './s3-public-access-block.js';

const AWSCC_ACCESS_POINT = 'awscc_s3_access_point';

/** Access points of either provider, which name their bucket by `bucket`: a bucket's attachments. */
export const ACCESS_POINTS = ['aws_s3_access_point', AWSCC_ACCESS_POINT] as const;

const ACCESS_POINT_POLICY = 'aws_s3control_access_point_policy';

/** What the access point facts read besides the access points. */
export const ACCESS_POINT_READS: readonly string[] = [ACCESS_POINT_POLICY];

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
  return groupByBucket(ctx, [ACCESS_POINT_POLICY], 'access_point_arn', keys, {
    opens: 'policy',
    mayLoosen: (r) => policyAt(ctx, r).some(S3_POLICIES.mayOpen),
  });
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
  return {
    ...source(resource),
    name: stringAttr(resource, 'name'),
    // Without the block its range is the access point's, whose omitted flags are on. The AWS
    // provider writes it as a block (a list of one), the AWS Cloud Control provider as an object.
    publicAccessBlock: publicAccessBlock(
      resource,
      'access-point',
      resource.type === AWSCC_ACCESS_POINT
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
  const policy = readPolicy(ctx, owner, 'policy');
  return policy ? [{ address: owner.address, range: rangeAt(owner, 'policy'), ...policy }] : [];
}
