import { PUBLIC_ACCESS_BLOCK_FLAGS, aclAccess, couldBe, isUnknown } from '@posture/model';
import type {
  BucketPolicy,
  PublicAccessBlock,
  Range,
  PublicAccessBlockFlag,
  PolicyStatement,
  S3AccessPoint,
  S3Acl,
  S3Bucket,
  S3Distribution,
  S3Grant,
  Unknown,
  Website,
} from '@posture/model';
import { quote, unknownValue } from '../messages.js';
import { allowing, ONE_OBJECT, someObjects } from './access.js';
import { actionsAccess, keyPattern, readsSettingsOnly } from './actions.js';
import { controlKind, undecidedPath, type PathBase } from './control-kind.js';
import {
  allowsAnyone,
  anyDistributionStatements,
  CLOUDFRONT_SERVICE,
  granted,
  mayAdmitDistribution,
  publicStatements,
  statementName,
  type PublicStatement,
} from './policy.js';
import type { Exposure, Neutraliser } from './types.js';

export const PUBLIC_CANNED_ACLS: readonly string[] = [
  'public-read',
  'public-read-write',
  'authenticated-read',
];

/** Grantee groups that are everyone: AllUsers, and AuthenticatedUsers (any AWS account at all). */
export const PUBLIC_GRANTEE_URIS: readonly string[] = [
  'http://acs.amazonaws.com/groups/global/AllUsers',
  'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
];

/** Every canned ACL S3 has, public or not: the words an `acl` setting is judged by. */
export const S3_CANNED_ACLS: ReadonlySet<string> = new Set([
  ...PUBLIC_CANNED_ACLS,
  'private',
  'aws-exec-read',
  'bucket-owner-read',
  'bucket-owner-full-control',
  'log-delivery-write',
]);

export function isPublicCannedAcl(value: string): boolean {
  return PUBLIC_CANNED_ACLS.includes(value.trim().toLowerCase());
}

export function publicGrants(acl: S3Acl): S3Grant[] {
  return acl.grants.filter(
    (grant) => typeof grant.uri === 'string' && PUBLIC_GRANTEE_URIS.includes(grant.uri.trim()),
  );
}

/** Grants to a group not known before apply that may be a public one, each with that group. */
function undecidedGrants(acl: S3Acl): { readonly grant: S3Grant; readonly uri: Unknown }[] {
  return acl.grants.flatMap(({ uri, ...grant }) =>
    isUnknown(uri) && PUBLIC_GRANTEE_URIS.some((group) => couldBe(uri, group))
      ? [{ grant: { ...grant, uri }, uri }]
      : [],
  );
}

export interface EffectiveFlag {
  readonly flag: PublicAccessBlockFlag;
  /** On when any block sets it true; unknown when none does and a value is unknown; else off. */
  readonly state: 'on' | 'off' | 'unknown';
  /** The block that decides: the one that turns it on or leaves it unknown, else the bucket-level one. */
  readonly block?: PublicAccessBlock;
}

/** The public access blocks that apply to a bucket, bucket-level first. */
export function publicAccessBlocks(bucket: S3Bucket): PublicAccessBlock[] {
  return [bucket.publicAccessBlock, bucket.accountPublicAccessBlock].filter(
    (block): block is PublicAccessBlock => block !== undefined,
  );
}

/**
 * S3 applies the most restrictive of the bucket-level and account-level settings, so a flag is on
 * when either block turns it on. An omitted flag is off: Terraform's default is false.
 */
export function effectivePublicAccessBlock(bucket: S3Bucket): EffectiveFlag[] {
  const blocks = publicAccessBlocks(bucket);
  return PUBLIC_ACCESS_BLOCK_FLAGS.map((flag) => {
    const on = blocks.find((block) => block.flags[flag].value === true);
    if (on) return { flag, state: 'on', block: on };
    const unknown = blocks.find((block) => isUnknown(block.flags[flag].value));
    if (unknown) return { flag, state: 'unknown', block: unknown };
    return { flag, state: 'off', block: blocks[0] };
  });
}

/** The public access block flags that together close a path, when all of them are on. */
export function neutralisingFlags(
  bucket: S3Bucket,
  flags: readonly PublicAccessBlockFlag[],
): Neutraliser | undefined {
  const effective = effectivePublicAccessBlock(bucket).filter((f) => flags.includes(f.flag));
  const blocks = [...new Set(effective.map((f) => (f.state === 'on' ? f.block : undefined)))];
  const [first] = blocks;
  if (first === undefined || blocks.includes(undefined)) return undefined;
  return {
    what: `${flags.join(' and ')} = true on ${blocks.map((block) => block?.address).join(' and ')}`,
    location: { label: 'public access block', range: first.range },
  };
}

/** Ownership controls that disable ACLs. */
export function ownershipNeutraliser(bucket: S3Bucket): Neutraliser | undefined {
  const ownership = bucket.ownership;
  if (ownership?.objectOwnership.value !== 'BucketOwnerEnforced') return undefined;
  return {
    what: `object_ownership = "BucketOwnerEnforced" on ${ownership.address}, which disables ACLs`,
    location: { label: 'ownership controls', range: ownership.range },
  };
}

function aclNeutraliser(bucket: S3Bucket): Neutraliser | undefined {
  return ownershipNeutraliser(bucket) ?? neutralisingFlags(bucket, ['ignore_public_acls']);
}

function policyNeutraliser(bucket: S3Bucket): Neutraliser | undefined {
  return neutralisingFlags(bucket, ['restrict_public_buckets']);
}

/** With both public ACLs ignored and public policies restricted, no object is readable. */
function websiteNeutraliser(bucket: S3Bucket): Neutraliser | undefined {
  return neutralisingFlags(bucket, ['ignore_public_acls', 'restrict_public_buckets']);
}

/**
 * Public canned ACLs and public grants: inline, in `aws_s3_bucket_acl`, or on an uploaded object.
 * Each says what its permission lets everyone do there: READ lists a bucket but reads an object.
 * An ACL that is `private`, or grants to accounts only, opens none.
 */
export const S3_ACLS = controlKind({
  rule: 's3-public-acl',
  label: 'ACL',
  opens: 'acl',
  controls: (bucket: S3Bucket) => bucket.acls,
  closedBy: aclNeutraliser,
  paths: aclPaths,
});

function aclPaths(acl: S3Acl, base: PathBase): Exposure[] {
  const key = acl.key?.value;
  const scoped = {
    ...base,
    // An object's own ACL opens that object, not the links to others (a leading `/` or not).
    ...(typeof key === 'string' && { objects: { keys: [key.replace(/^\/+/, '')] } }),
  };
  const target = acl.kind === 'object' ? 'objects' : 'bucket';
  const some = acl.kind === 'object' ? ONE_OBJECT : undefined;
  const granting = (permission: string | undefined, range: Range, what: string): Exposure => {
    const access = permission === undefined ? undefined : aclAccess(permission, target);
    return { ...scoped, range, ...allowing(what, access, some) };
  };
  const canned = acl.canned.value;
  const exposures: Exposure[] = publicGrants(acl).map((grant) =>
    granting(
      grant.permission,
      grant.range,
      `${acl.address} grants ${grant.permission ?? 'access'} to ${grant.uri}`,
    ),
  );
  for (const { grant, uri } of undecidedGrants(acl)) {
    const what = `the grantee of a grant of ${grant.permission ?? 'access'} on ${acl.address}`;
    const cause = unknownValue(what, uri);
    exposures.push({ ...granting(grant.permission, grant.range, what), cause, undecided: cause });
  }
  if (typeof canned === 'string' && isPublicCannedAcl(canned)) {
    exposures.unshift(
      granting(
        canned,
        acl.canned.range,
        acl.kind === 'object'
          ? `${acl.address} uploads an object with the canned ACL ${quote(canned)}`
          : `${acl.address} sets the canned ACL ${quote(canned)}`,
      ),
    );
  } else if (isUnknown(canned)) {
    const cause = unknownValue(`the canned ACL on ${acl.address}`, canned);
    exposures.unshift(undecidedPath(scoped, acl.canned.range, cause));
  }
  return exposures;
}

/**
 * Policy statements that allow anyone, and policies whose document is unknown. A policy that
 * grants only named accounts, or only denies, opens none.
 */
export const S3_POLICIES = controlKind({
  rule: 's3-public-policy',
  label: 'policy',
  opens: 'policy',
  controls: (bucket: S3Bucket): readonly ReachedPolicy[] => [
    ...bucket.policies,
    ...accessPointPolicies(bucket),
  ],
  closedBy: policyNeutraliser,
  paths: policyPaths,
});

/** How a finding names the access point a policy opens the bucket through. */
export const ACCESS_POINT_LABEL = 'access point';

/** A policy, and for an access point's, the access point and what else closes it. */
type ReachedPolicy = BucketPolicy & { readonly through?: AccessPointPath };

interface AccessPointPath {
  readonly accessPoint: S3AccessPoint;
  /** Its own block, or a bucket policy that does not let access points in. */
  readonly closedBy?: Neutraliser;
}

/**
 * The policies of the bucket's access points. S3 judges a request through an access point by the
 * Block Public Access settings of the account, the bucket and the access point: any that restricts
 * public policies refuses it (restrict_public_buckets; block_public_policy only refuses putting a
 * public policy, as for a bucket). It also needs both the access point's policy and the bucket's
 * to allow it: the bucket's must delegate to access points (an Allow to every principal narrowed by
 * s3:DataAccessPointAccount or s3:DataAccessPointArn, AWS's documented pattern) or allow the same
 * itself. A bucket policy with no Allow to every principal lets no anonymous caller in through
 * any access point; one not known (a bucket declared elsewhere, a document read at apply) may.
 */
function accessPointPolicies(bucket: S3Bucket): ReachedPolicy[] {
  const closed = undelegated(bucket);
  return bucket.accessPoints.flatMap((accessPoint) => {
    const through = { accessPoint, closedBy: accessPointRestricts(accessPoint) ?? closed };
    return accessPoint.policies.map((policy) => ({ ...policy, through }));
  });
}

/** An access point's own restrict_public_buckets: on unless written off, as S3 creates it. */
function accessPointRestricts(accessPoint: S3AccessPoint): Neutraliser | undefined {
  const { value, range } = accessPoint.publicAccessBlock.flags.restrict_public_buckets;
  if (value !== true && value !== undefined) return undefined;
  const how = value === undefined ? ' (the default, as no block turns it off)' : '';
  return {
    what: `restrict_public_buckets = true${how} on ${accessPoint.address}`,
    location: { label: 'access point public access block', range },
  };
}

/** The bucket's policy, when it is known to allow no one through its access points. */
function undelegated(bucket: S3Bucket): Neutraliser | undefined {
  if (bucket.declaredElsewhere) return undefined;
  if (bucket.unresolved.some((u) => u.opens === 'policy')) return undefined;
  if (
    bucket.policies.some((p) => p.unknownReason !== undefined || p.statements.some(allowsAnyone))
  ) {
    return undefined;
  }
  return {
    what: `the bucket's policy, which allows no one through its access points`,
    location: { label: 'bucket', range: bucket.range },
  };
}

function policyPaths(policy: ReachedPolicy, kindBase: PathBase): Exposure[] {
  const { through } = policy;
  const base: PathBase = through
    ? {
        ...kindBase,
        control: { label: ACCESS_POINT_LABEL, range: through.accessPoint.range },
        neutralisedBy: kindBase.neutralisedBy ?? through.closedBy,
      }
    : kindBase;
  if (policy.unknownReason !== undefined) {
    const cause = `the policy document of ${policy.address} cannot be read (${policy.unknownReason})`;
    return [undecidedPath(base, policy.unknownRange ?? policy.range, cause)];
  }
  return statementPaths(policy, base, publicStatements(policy), 'with no narrowing condition');
}

/**
 * Policy statements that let any AWS account's CloudFront distribution read the bucket: whoever
 * points a distribution of their own at it (with its own origin access control) serves what it
 * holds. S3 counts a fixed service principal as not public, so no public access block closes the
 * path. It opens none of the bucket's own URLs, so links to them are not judged by it. A policy
 * that cannot be read is `S3_POLICIES`' to report.
 */
export const S3_ANY_DISTRIBUTION = controlKind({
  rule: 's3-cloudfront-unscoped',
  label: 'policy',
  controls: (bucket: S3Bucket) => bucket.policies,
  paths: (policy, base) =>
    statementPaths(
      policy,
      base,
      anyDistributionStatements(policy),
      'with no condition on aws:SourceArn or aws:SourceAccount that names your distribution or account',
    ),
});

/**
 * One path per statement found, on the objects its resources name; none for one that only reads
 * the bucket's settings, which opens nothing of it.
 */
function statementPaths(
  policy: ReachedPolicy,
  base: PathBase,
  statements: readonly PublicStatement[],
  unnarrowed: string,
): Exposure[] {
  const { through } = policy;
  const inline = through?.accessPoint.address === policy.address;
  const via = through && !inline ? ` through access point ${through.accessPoint.address}` : '';
  const opening = statements.filter((found) => !readsSettingsOnly(found.statement));
  return opening.map((found) => {
    const { range } = found.statement;
    const grant = `${statementName(found.statement)} of ${policy.address} grants ${granted(found.statement)} to ${found.principal}${via}`;
    const undecided = found.undecided && `${grant}, and ${found.undecided}`;
    const statement = through ? asBucketResources(found.statement) : found.statement;
    const { access, keys } = actionsAccess([statement]);
    const cause = `${grant} ${unnarrowed}`;
    // A statement on `b/public/*` opens those objects only.
    const some = someObjects(keys);
    const scope = some &&
      keys && { objects: { keys: keys.map(keyPattern) }, within: `for ${some.them}` };
    return { ...base, range, cause, undecided, ...(access && { access }), ...scope };
  });
}

/**
 * An access point policy's resources as a bucket policy's: the access point
 * (`arn:aws:s3:us-east-1:123456789012:accesspoint/releases`, or its ARN known after apply) for the
 * bucket, and `<access point>/object/<key>` for the objects of that key.
 */
function asBucketResources(statement: PolicyStatement): PolicyStatement {
  const resources = statement.resources.map((resource) => {
    const match = ACCESS_POINT_RESOURCE.exec(resource.trim());
    if (!match) return resource;
    return match[1] === undefined
      ? 'arn:aws:s3:::access-point'
      : `arn:aws:s3:::access-point/${match[1]}`;
  });
  return { ...statement, resources };
}

const ACCESS_POINT_RESOURCE =
  /^(?:arn:[^:]*:s3:[^:]*:[^:]*:accesspoint\/[^/]+|\$\{[^}]*\}|\(unknown\))(?:\/object\/(.*))?$/i;

/** Website endpoints serve objects to anyone when the objects are readable. */
export const S3_WEBSITE = controlKind({
  rule: 's3-website',
  label: 'website configuration',
  opens: 'website',
  controls: (bucket: S3Bucket) => (bucket.website ? [bucket.website] : []),
  closedBy: websiteNeutraliser,
  paths: websitePaths,
});

/** One path; undecided when the configuration, or whether it redirects every request, is not known. */
function websitePaths(website: Website, base: PathBase): Exposure[] {
  const serves = 'static website hosting, whose HTTP endpoint serves objects without credentials';
  const { unknown } = website;
  if (unknown === undefined) {
    return [{ ...base, range: website.range, cause: `${website.address} configures ${serves}` }];
  }
  // Not `…credentials: <value>`, which reads as a secret setting and is masked.
  const cause = `${unknownValue(unknown.what, unknown.value)}, so ${website.address} may configure ${serves}`;
  return [undecidedPath(base, website.range, cause)];
}

/**
 * A CloudFront distribution that reads the bucket with its own identity (origin access control, or
 * a legacy origin access identity) serves what it holds to anyone, unless every cache behaviour
 * that serves it requires a signed URL or cookie. One that reads anonymously serves only what the
 * bucket's own controls make public, and one written `enabled = false` nothing. No setting of the
 * bucket closes the path but its policy, when it is known to let that identity read nothing.
 */
export const S3_DISTRIBUTIONS = controlKind({
  rule: 's3-public-cloudfront',
  label: 'CloudFront distribution',
  controls: (bucket: S3Bucket): readonly ReachedDistribution[] =>
    bucket.distributions.map((distribution) => {
      const refusedBy = refusingPolicy(bucket, distribution.originAccess);
      if (refusedBy) return { ...distribution, refusedBy };
      const unread = bucket.policies.find((policy) => policy.unknownReason !== undefined);
      return unread ? { ...distribution, unreadPolicy: unread } : distribution;
    }),
  paths: distributionPaths,
});

/**
 * A distribution, and the bucket's policy when it lets the distribution read nothing; else a
 * policy of the bucket that cannot be read, which may or may not let it in.
 */
type ReachedDistribution = S3Distribution & {
  readonly refusedBy?: Neutraliser;
  readonly unreadPolicy?: BucketPolicy;
};

/**
 * The bucket's policy, when it is known whole and grants the identity a distribution reads with
 * nothing, so that CloudFront is refused every object. Known whole: the one policy of a bucket
 * Terraform declares (`aws_s3_bucket_policy`, or the bucket's own `policy`), read to the end (no
 * document, effect or principal known only at apply), with nothing unresolved about the bucket
 * (a settings resource whose bucket is not known may add a policy) and no module call left unread
 * that may declare one. An ACL that grants others than the owner may let the distribution read
 * objects too (a public grant, or a legacy identity's canonical user id), unless ACLs are
 * disabled. Any doubt leaves the distribution reading the bucket.
 */
function refusingPolicy(
  bucket: S3Bucket,
  access: S3Distribution['originAccess'],
): Neutraliser | undefined {
  if (access === 'none' || bucket.resourceType !== 'aws_s3_bucket' || bucket.declaredElsewhere)
    return undefined;
  if (bucket.unresolved.length > 0 || (bucket.unreadModules ?? []).length > 0) return undefined;
  const [policy, ...others] = bucket.policies;
  if (!policy || others.length > 0 || policy.unknownReason !== undefined) return undefined;
  if (policy.statements.some((statement) => mayAdmitDistribution(statement, access)))
    return undefined;
  if (!ownershipNeutraliser(bucket) && bucket.acls.some(grantsOthers)) return undefined;
  const identity =
    access === 'oac'
      ? `the service principal ${CLOUDFRONT_SERVICE} that origin access control signs as`
      : 'an origin access identity';
  // An inline policy is named by its bucket: `the policy of aws_s3_bucket.releases`.
  const named =
    policy.address === bucket.address ? `the policy of ${bucket.address}` : policy.address;
  return {
    what: `${named}, the bucket's only policy, which lets in neither everyone nor ${identity}: as the policy stands, the distribution cannot read the bucket`,
    location: { label: 'policy', range: policy.range },
  };
}

/** An ACL that may grant anyone but the owner: any grant, or a canned ACL other than `private`. */
function grantsOthers(acl: S3Acl): boolean {
  const canned = acl.canned.value;
  return acl.grants.length > 0 || (canned !== undefined && canned !== 'private');
}

function distributionPaths(distribution: ReachedDistribution, kindBase: PathBase): Exposure[] {
  const { enabled, originAccess, behaviours, address, refusedBy, unreadPolicy } = distribution;
  if (originAccess === 'none' || enabled.value === false) return [];
  const base = { ...kindBase, neutralisedBy: kindBase.neutralisedBy ?? refusedBy };
  const serves = refusedBy ? 'would serve' : 'serves';
  const served = `${address} ${serves} the bucket publicly at ${distributionHosts(distribution)}`;
  // Only the policy could close the path; one not read may, but almost always lets CloudFront in.
  const unread = unreadPolicy
    ? `; the policy document of ${unreadPolicy.address}, which could refuse it every object, cannot be read (${unreadPolicy.unknownReason})`
    : '';
  const open = behaviours.find((b) => b.signed === false);
  if (open) {
    const cause = `${served}: ${open.name} requires no signed URL or cookie (no trusted_key_groups or trusted_signers)${unread}`;
    const path = { ...base, range: open.range, cause };
    if (!isUnknown(enabled.value)) return [path];
    return [{ ...path, undecided: unknownValue(`enabled on ${address}`, enabled.value) }];
  }
  const unsure = behaviours.find((b) => isUnknown(b.signed));
  if (!unsure || !isUnknown(unsure.signed)) return [];
  const what = `its trusted_key_groups and trusted_signers`;
  const cause = `${served} unless ${unsure.name} requires signed URLs or cookies: ${unknownValue(what, unsure.signed)}`;
  return [undecidedPath(base, unsure.range, cause)];
}

/** `"downloads.acme.example"`, or the distribution's own domain when no name is known. */
function distributionHosts({ hosts }: S3Distribution): string {
  return hosts.length === 0 ? 'its *.cloudfront.net domain' : hosts.map(quote).join(' and ');
}
