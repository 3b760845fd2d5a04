import {
  asArray,
  asString,
  isObject,
  isUnknown,
  type AccessKind,
  type BucketPolicy,
  type PublicAccessBlock,
  type ResourceInstance,
  type S3AccessPoint,
  type S3Acl,
  type S3Bucket,
  type S3Distribution,
  type S3Grant,
  type Unknown,
  type Unresolved,
  type Value,
  type ValueObject,
  type Website,
} from '@posture/model';
import { S3_ACLS, S3_CANNED_ACLS, S3_POLICIES } from '@posture/rules';
import { rangeAt, source, stringAttr, valueAt } from './attrs.js';
import { bucketBase, nameParts } from './bucket-base.js';
import {
  CLOUDFRONT_READS,
  distributionEndpoints,
  joinDistributions,
  distributionOrigins,
  unreadDistributions,
  type Distributions,
} from './cloudfront.js';
import { regionOf, s3Endpoints } from './endpoints.js';
import { bucketKey, type AdapterContext, type BucketKey, type MissingInstance } from './context.js';
import {
  declaredElsewhere,
  moduleStandIns,
  standInsNamed,
  withStandIns,
  type Naming,
} from './external.js';
import { groupByBucket, objectsWithAcl, setting, type Grouped } from './group.js';
import { POLICY_DOCUMENT_READS, readPolicy } from './policy-document.js';
import { registryModuleKeys } from './modules/index.js';
import { withoutKeys } from './instance-keys.js';
import { isR2Provider } from './r2-endpoint.js';
import { accountPublicAccessBlock, publicAccessBlock, weakest } from './s3-public-access-block.js';
import {
  ACCESS_POINTS,
  ACCESS_POINT_READS,
  accessPoint,
  accessPointMayOpen,
  accessPointPolicies as accessPointPoliciesOf,
  MULTI_REGION_ACCESS_POINT,
  regionBuckets,
} from './s3-access-points.js';
import { configuredWebsite, servesObjects, websiteOf } from './s3-website.js';
import { unreadModules } from './unread-modules.js';

const ATTACHMENTS = {
  pab: 'aws_s3_bucket_public_access_block',
  acl: 'aws_s3_bucket_acl',
  ownership: 'aws_s3_bucket_ownership_controls',
  policy: 'aws_s3_bucket_policy',
  website: 'aws_s3_bucket_website_configuration',
  accessPoint: ACCESS_POINTS,
} as const;

const S3_CONTROL_TYPES: readonly string[] = Object.values(ATTACHMENTS).flat();

/**
 * What each kind of settings resource can open on a bucket. A public access block or ownership
 * controls open nothing themselves but loosen what refuses the others, which nothing refuses.
 */
const OPENS: Readonly<Partial<Record<string, AccessKind>>> = {
  acl: 'acl',
  policy: 'policy',
  website: 'website',
  accessPoint: 'policy',
};

/**
 * Objects Terraform uploads or copies; only those with an ACL of their own say anything about
 * exposure. A copy's `acl` or `grant` blocks apply to the copy, as an upload's `acl` does.
 */
const OBJECT_TYPES = ['aws_s3_object', 'aws_s3_bucket_object', 'aws_s3_object_copy'];

/** Every resource type `adaptS3` reads, policy documents included. */
export const S3_READS: readonly string[] = [
  'aws_s3_bucket',
  'aws_s3_account_public_access_block',
  ...S3_CONTROL_TYPES,
  ...OBJECT_TYPES,
  ...ACCESS_POINT_READS,
  ...POLICY_DOCUMENT_READS,
  ...CLOUDFRONT_READS,
];

/** The AWS provider's S3 settings resources, grouped by the bucket each configures. */
export interface S3Controls {
  readonly groups: Readonly<Record<keyof typeof ATTACHMENTS, Grouped>>;
  readonly objects: Grouped;
  /** The access point policies of `aws_s3control_access_point_policy`, by access point. */
  readonly accessPointPolicies: Grouped;
  /** Multi-region access points, by each bucket they name. */
  readonly multiRegionAccessPoints: Grouped;
  /** The CloudFront distributions that serve each bucket Terraform declares. */
  readonly distributions: Distributions;
  /**
   * Stand-ins for the buckets they and CloudFront origins name that no scanned Terraform declares
   * (`standInsNamed`), and for the buckets of registry modules they configure (`moduleStandIns`).
   */
  readonly external: readonly ResourceInstance[];
}

const controlsByScan = new WeakMap<AdapterContext, S3Controls>();

/** What `s3Controls` builds a stand-in bucket as. */
const STAND_IN = { type: 'aws_s3_bucket', namePath: 'bucket' };

/**
 * The settings resources joined once per scan against every bucket they can configure: every
 * `aws_s3_bucket` (the settings of one on R2 are that bucket's, not settings of an undetermined
 * bucket left unresolved next to the S3 ones), every `awscc_s3_bucket`, which a configuration
 * may configure with the AWS provider's resources, and every bucket of a registry module.
 */
export function s3Controls(ctx: AdapterContext): S3Controls {
  let controls = controlsByScan.get(ctx);
  if (!controls) {
    const made = registryModuleKeys(ctx, 's3');
    const { keyOf, fitsOf, onR2 } = byService(ctx);
    const declared = [
      ...ctx.managed('aws_s3_bucket').map(keyOf),
      ...ctx.managed('awscc_s3_bucket').map((r) => bucketKey(r, 'bucket_name')),
      ...made,
    ];
    // An object names its bucket, but only one with an ACL of its own says anything of it.
    const withAcl = new Set(OBJECT_TYPES.flatMap((t) => ctx.managed(t)).filter(hasOwnAcl));
    const naming = [...S3_CONTROL_TYPES.flatMap((t) => ctx.managed(t)), ...withAcl];
    const external = standInsNamed(
      ctx,
      [
        ...naming.map((resource) => ({
          resource,
          path: 'bucket',
          options: { fits: fitsOf(resource) },
        })),
        ...multiRegionNaming(ctx, fitsOf),
        ...distributionOrigins(ctx, fitsOf),
      ],
      declared,
      { ...STAND_IN, serviceOf: (resource) => (onR2(resource) ? 'R2' : undefined) },
    );
    const keys = withStandIns(declared, external, keyOf);
    const accessPointPolicies = accessPointPoliciesOf(ctx);
    const loosening = mayLoosen(ctx, accessPointPolicies);
    const groups = Object.fromEntries(
      Object.entries(ATTACHMENTS).map(([k, types]) => [
        k,
        groupByBucket(ctx, [types].flat(), 'bucket', keys, {
          opens: OPENS[k],
          mayLoosen: loosening[k as keyof typeof ATTACHMENTS],
          fitsOf,
        }),
      ]),
    ) as Record<keyof typeof ATTACHMENTS, Grouped>;
    const objects = objectsWithAcl(
      ctx,
      OBJECT_TYPES,
      (r) => withAcl.has(r),
      keys,
      (r) => S3_ACLS.mayOpen(objectAcl(r)),
      fitsOf,
    );
    const multiRegionAccessPoints = groupByBucket(
      ctx,
      [MULTI_REGION_ACCESS_POINT],
      regionBuckets,
      keys,
      { opens: 'policy', mayLoosen: loosening.accessPoint, fitsOf },
    );
    const distributions = joinDistributions(ctx, keys, fitsOf);
    const configured = moduleStandIns(
      made,
      [...Object.values(groups), objects, multiRegionAccessPoints, distributions.resources],
      'bucket',
      STAND_IN,
    );
    controls = {
      groups,
      objects,
      accessPointPolicies,
      multiRegionAccessPoints,
      distributions,
      external: [...external, ...configured],
    };
    controlsByScan.set(ctx, controls);
  }
  return controls;
}

/**
 * The AWS provider's settings resources reach the service their provider's S3 endpoint is: those
 * of a provider pointed at R2 configure the buckets on R2 only, the others those on AWS only, as a
 * bucket of one name can be on both. `keyOf` is the key of an `aws_s3_bucket` or a stand-in,
 * noting those on R2; `fitsOf` says which of them a resource can configure.
 */
function byService(ctx: AdapterContext): {
  keyOf: (bucket: ResourceInstance) => BucketKey;
  fitsOf: (resource: ResourceInstance) => (bucket: BucketKey) => boolean;
  onR2: (resource: ResourceInstance) => boolean;
} {
  const onR2 = (resource: ResourceInstance) => isR2Provider(ctx, resource);
  const r2Keys = new Set<BucketKey>();
  return {
    onR2,
    keyOf: (bucket) => {
      const key = s3Key(bucket);
      if (onR2(bucket)) r2Keys.add(key);
      return key;
    },
    fitsOf: (resource) => {
      const r2 = onR2(resource);
      return (bucket) => r2Keys.has(bucket) === r2;
    },
  };
}

/**
 * Whether a settings resource of each kind could leave a bucket less private, judged by what it
 * says as the rules judge it once joined. A block with all four flags on, or ownership controls
 * that disable ACLs, can only tighten the bucket they configure, even where they replace its own.
 */
function mayLoosen(
  ctx: AdapterContext,
  accessPointPolicies: Grouped,
): Record<keyof typeof ATTACHMENTS, (resource: ResourceInstance) => boolean> {
  return {
    pab: (r) => Object.values(publicAccessBlock(r, 'bucket').flags).some((f) => f.value !== true),
    acl: (r) => S3_ACLS.mayOpen(bucketAcl(r)),
    ownership: (r) => stringAttr(r, 'rule.0.object_ownership').value !== 'BucketOwnerEnforced',
    policy: (r) => policyOf(ctx, r).some(S3_POLICIES.mayOpen),
    website: (r) => servesObjects(r.values) !== false,
    accessPoint: accessPointMayOpen(ctx, accessPointPolicies),
  };
}

/** `aws_s3_bucket` resources on AWS itself (not on an R2 endpoint) and the resources that configure them. */
export function adaptS3(ctx: AdapterContext): S3Bucket[] {
  const onAws = (b: ResourceInstance) => !isR2Provider(ctx, b);
  const declared = ctx.managed('aws_s3_bucket').filter(onAws);
  const external = s3Controls(ctx).external.filter(onAws);
  return [
    ...declared.map((resource) => s3Bucket(ctx, resource)),
    ...external.map((resource) => declaredElsewhere(s3Bucket(ctx, resource))),
  ];
}

function s3Bucket(ctx: AdapterContext, resource: ResourceInstance): S3Bucket {
  const attached = attachedControls(ctx, resource);
  const name = asString(resource.values.bucket);
  const written = resource.values.bucket;
  const parts = nameParts(written, resource.values.bucket_prefix);
  const namePath = written === undefined && parts !== undefined ? 'bucket_prefix' : 'bucket';
  // The legacy inline `website { … }` block, when no split resource configures one.
  const website =
    attached.website ??
    websiteOf(
      valueAt(resource.values, 'website.0'),
      { address: resource.address, range: rangeAt(resource, 'website.0') },
      `the website configuration of ${resource.address}`,
    );
  const provider = ctx.provider(resource.provider, resource);
  const region = regionOf(provider, resource.values.region);
  const policies = [...policyOf(ctx, resource), ...attached.policies];
  const unread = unreadModules(ctx, resource);
  return Object.assign(
    bucketBase(ctx, resource, { name, namePath, nameParts: parts, tags: 'tags' }),
    {
      service: 's3' as const,
      endpoints: [
        ...(name ? s3Endpoints(name, region, website !== undefined) : []),
        ...distributionEndpoints(attached.distributions),
      ],
      publicAccessBlock: weakest(attached.publicAccessBlocks),
      accountPublicAccessBlock: accountPublicAccessBlock(ctx, resource, provider),
      acls: [...inlineAcl(resource), ...attached.acls],
      ownership: attached.ownership,
      policies,
      website,
      accessPoints: attached.accessPoints,
      distributions: attached.distributions,
      ...(unread.length > 0 && { unreadModules: unread }),
      unresolved: [...attached.unresolved, ...unreadDistributions(ctx, resource, policies)],
    },
  );
}

/** What the AWS provider's settings resources say of a bucket, of either provider. */
export interface AttachedControls {
  readonly publicAccessBlocks: readonly PublicAccessBlock[];
  readonly acls: readonly S3Acl[];
  readonly ownership?: S3Bucket['ownership'];
  readonly policies: readonly BucketPolicy[];
  readonly website?: Website;
  readonly accessPoints: readonly S3AccessPoint[];
  readonly distributions: readonly S3Distribution[];
  /** Settings resources of the bucket's module that configure a bucket not known before apply. */
  readonly unresolved: readonly Unresolved[];
}

export function attachedControls(
  ctx: AdapterContext,
  resource: ResourceInstance,
): AttachedControls {
  const { groups, objects, accessPointPolicies, multiRegionAccessPoints, distributions } =
    s3Controls(ctx);
  const of = (k: keyof typeof ATTACHMENTS) => groups[k].of(resource);
  return {
    publicAccessBlocks: of('pab').map((r) => publicAccessBlock(r, 'bucket')),
    acls: [...of('acl').map(bucketAcl), ...objects.of(resource).map(objectAcl)],
    ownership: first(of('ownership'), (r) => ({
      ...source(r),
      objectOwnership: stringAttr(r, 'rule.0.object_ownership'),
    })),
    policies: of('policy').flatMap((r) => policyOf(ctx, r)),
    website: website(of('website'), resource),
    accessPoints: [...of('accessPoint'), ...multiRegionAccessPoints.of(resource)].map((r) =>
      accessPoint(ctx, r, accessPointPolicies),
    ),
    distributions: distributions.of(resource),
    unresolved: [
      ...orphansNear(resource, [
        ...Object.values(groups),
        objects,
        accessPointPolicies,
        multiRegionAccessPoints,
      ]),
      ...distributions.unresolvedIn(resource, resource.module),
    ],
  };
}

export function s3Key(resource: ResourceInstance): BucketKey {
  return bucketKey(resource, 'bucket');
}

/** The website the split resources configure; one known to serve objects before an undecided one. */
function website(
  configurations: readonly ResourceInstance[],
  bucket: ResourceInstance,
): Website | undefined {
  const websites = configurations.flatMap((r) => configuredWebsite(r, bucket) ?? []);
  return websites.find((w) => w.unknown === undefined) ?? websites[0];
}

function first<T>(
  list: readonly ResourceInstance[],
  map: (r: ResourceInstance) => T,
): T | undefined {
  return list[0] === undefined ? undefined : map(list[0]);
}

function inlineAcl(bucket: ResourceInstance): S3Acl[] {
  const grants = grantBlocks(bucket);
  if (valueAt(bucket.values, 'acl') === undefined && grants.length === 0) return [];
  return [
    {
      ...source(bucket),
      kind: 'inline',
      canned: stringAttr(bucket, 'acl', S3_CANNED_ACLS),
      grants,
    },
  ];
}

/** A grantee's group as written, or unknown until apply; anything else names no group. */
function stringOrUnknown(value: Value | undefined): string | Unknown | undefined {
  return isUnknown(value) ? value : asString(value);
}

/**
 * `grant { type, uri, id, permissions = [...] }` blocks, a legacy inline bucket ACL's or an object
 * copy's: one fact per permission.
 */
function grantBlocks(owner: ResourceInstance): S3Grant[] {
  return grantsAt(owner, 'grant', (g, i) =>
    asArray(g.permissions).map((permission) => ({
      granteeType: asString(g.type),
      uri: stringOrUnknown(g.uri),
      id: asString(g.id),
      permission: asString(permission),
      range: rangeAt(owner, `grant.${i}`),
    })),
  );
}

function bucketAcl(acl: ResourceInstance): S3Acl {
  const path = 'access_control_policy.0.grant';
  const grants = grantsAt(acl, path, (g, i) => {
    const grantee = valueAt(g, 'grantee.0');
    const field = (k: string) => (isObject(grantee) ? asString(grantee[k]) : undefined);
    return [
      {
        granteeType: field('type'),
        // A grantee block not known before apply may name a public group.
        uri: isUnknown(grantee)
          ? grantee
          : isObject(grantee)
            ? stringOrUnknown(grantee.uri)
            : undefined,
        id: field('id'),
        permission: asString(g.permission),
        // At the `dynamic "grantee"` block that leaves it unknown, else at the grant.
        range: rangeAt(acl, `${path}.${i}${isUnknown(grantee) ? '.grantee' : ''}`),
      },
    ];
  });
  return {
    ...source(acl),
    kind: 'bucket-acl',
    canned: stringAttr(acl, 'acl', S3_CANNED_ACLS),
    grants,
  };
}

/**
 * The grants of the `grant` blocks at `path`, each read by `read`. Blocks not known before apply (a
 * `dynamic "grant"` over a collection known only then) are one grant of any permission to a
 * grantee not known, which may be a public group.
 */
function grantsAt(
  owner: ResourceInstance,
  path: string,
  read: (block: ValueObject, i: number) => S3Grant[],
): S3Grant[] {
  const blocks = valueAt(owner.values, path);
  if (isUnknown(blocks)) return [{ uri: blocks, range: rangeAt(owner, path) }];
  return asArray(blocks).filter(isObject).flatMap(read);
}

/** Whether an object has an ACL of its own: a canned `acl`, or a copy's `grant` blocks. */
function hasOwnAcl(object: ResourceInstance): boolean {
  return setting('acl')(object) || grantBlocks(object).length > 0;
}

/** An object's own ACL: S3 applies it to that object unless the bucket ignores ACLs. */
function objectAcl(object: ResourceInstance): S3Acl {
  return {
    ...source(object),
    kind: 'object',
    canned: stringAttr(object, 'acl', S3_CANNED_ACLS),
    grants: grantBlocks(object),
    key: stringAttr(object, 'key'),
  };
}

function policyOf(ctx: AdapterContext, owner: ResourceInstance): BucketPolicy[] {
  const policy = readPolicy(ctx, owner, 'policy');
  return policy ? [{ address: owner.address, range: rangeAt(owner, 'policy'), ...policy }] : [];
}

/**
 * Where each multi-region access point names a bucket, each region on its own (as it is joined): a
 * region that names by a literal a bucket no scanned Terraform declares names that bucket, which
 * gets a stand-in, rather than leaving the access point unresolved next to every other bucket.
 */
function multiRegionNaming(
  ctx: AdapterContext,
  fitsOf: (resource: ResourceInstance) => (bucket: BucketKey) => boolean,
): Naming[] {
  return ctx.managed(MULTI_REGION_ACCESS_POINT).flatMap((resource) => {
    const options = { alone: false, fits: fitsOf(resource) };
    return regionBuckets(resource).map((path) => ({ resource, path, options }));
  });
}

/**
 * Attachments that could not be joined to any bucket may configure this one: they leave its
 * exposure unproven. Only those of the same module are considered, the only place they could act,
 * and those of a module that declares no bucket, or whose bucket its caller passes, which act on a
 * bucket from outside it.
 * Each says what it can open, which the bucket's own settings may refuse. One joined to this bucket
 * as well (a multi-region access point, by another of its regions) is judged as joined already.
 */
export function orphansNear(resource: ResourceInstance, groups: readonly Grouped[]): Unresolved[] {
  return groups.flatMap((g) => {
    const joined = g.of(resource);
    return g
      .orphansIn(resource, resource.module)
      .filter((o) => !joined.includes(o))
      .map((o) => ({
        message: orphanMessage(o.address, g.missing(o)),
        range: rangeAt(o, 'bucket'),
        ...(g.opens && { opens: g.opens }),
      }));
  });
}

/**
 * Why an orphan's bucket is not known: not before apply, or because it names an instance the scan
 * does not have, a mistake (Terraform refuses a key its resource has not) or an instance the scan
 * did not see: either way, which bucket it is stays open.
 */
function orphanMessage(address: string, missing: MissingInstance | undefined): string {
  if (!missing) return `${address} configures a bucket that cannot be determined before apply`;
  // The key of each instance, or its whole address when a module call's key is what differs.
  const keys = missing.scanned.map((scanned) => /\[[^\]]*\]$/.exec(scanned)?.[0] ?? scanned);
  return `${address} configures ${missing.ref}, an instance that ${withoutKeys(missing.ref)} does not have in the scan (keys: ${keys.join(', ')}), so which bucket it configures cannot be determined`;
}
