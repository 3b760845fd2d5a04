/**
 * CloudFront distributions with an S3 bucket as an origin. A distribution is an endpoint of the
 * bucket, as an R2 custom domain is of an R2 bucket: its aliases and its `*.cloudfront.net` name
 * serve what the bucket holds, to anyone unless its cache behaviours require signed URLs.
 */
import {
  asArray,
  asString,
  isObject,
  isUnknown,
  splitAddress,
  type BucketPolicy,
  type DistributionBehaviour,
  type Endpoint,
  type ModuleCall,
  type ResourceInstance,
  type S3Distribution,
  type Unknown,
  type Unresolved,
  type Value,
  type ValueObject,
} from '@posture/model';
import { reasonAt } from '@posture/hcl';
import {
  awsPrincipals,
  distributionArns,
  S3_DISTRIBUTIONS,
  statementName,
  unknownValue,
} from '@posture/rules';
import { boolAttr, isOneReference, rangeAt, source, valueAt } from './attrs.js';
import type { AdapterContext, BucketKey, TargetOptions } from './context.js';
import type { Naming } from './external.js';
import type { GroupOptions, Grouped } from './group.js';
import { RootedLists, type Rooted } from './module-tree.js';
import { UnresolvedByModule } from './unresolved-by-module.js';
import { unreadCallOf } from './unread-modules.js';

const ORIGIN_ACCESS_CONTROL = 'aws_cloudfront_origin_access_control';

export const CLOUDFRONT_READS: readonly string[] = [
  'aws_cloudfront_distribution',
  ORIGIN_ACCESS_CONTROL,
];

/** The distributions that serve each bucket, by bucket. */
export interface Distributions {
  of(bucket: Rooted & { readonly address: string }): readonly S3Distribution[];
  /** The distribution resources that serve it, as `Grouped` has them: for `moduleStandIns`. */
  readonly resources: Pick<Grouped, 'of'>;
  /**
   * The origins of distributions that may be any bucket of module `module` of `near`'s root module:
   * their bucket is not known before apply, and they would serve it publicly. Those declared in it,
   * those read from it, and those that may be any bucket of the root module (`UnresolvedByModule`).
   */
  unresolvedIn(near: Rooted, module: string): readonly Unresolved[];
}

/**
 * Joins every distribution's origins to the buckets they read, by the origin's `domain_name`: a
 * reference to the bucket (`aws_s3_bucket.r.bucket_regional_domain_name`), or a known S3 host of
 * it (`acme-releases.s3.us-east-1.amazonaws.com`, as a plan or state has it). A distribution that
 * logs to a bucket refers to that one too, so no reference elsewhere in it names an origin.
 */
export function joinDistributions(
  ctx: AdapterContext,
  keys: readonly BucketKey[],
  fitsOf: FitsOf,
): Distributions {
  const byBucket = new RootedLists<S3Distribution>();
  const resources = new RootedLists<ResourceInstance>();
  const unresolved = new UnresolvedByModule<Unresolved>(ctx, keys);
  for (const { resource, path, options, origin, i } of distributionOrigins(ctx, fitsOf)) {
    const targets = ctx.targets(resource, path, keys, options);
    const served = distribution(ctx, resource, origin, i);
    for (const target of targets) {
      byBucket.add(target, target.address, served);
      resources.add(target, target.address, resource);
    }
    const domain = isUnknown(origin) ? origin : origin.domain_name;
    if (targets.length > 0 || !mayBeBucket(domain)) continue;
    // Like a settings resource whose bucket is not known, it may serve any bucket of its module:
    // what it serves is judged as though it were joined, so one that would not open it is none.
    if (!S3_DISTRIBUTIONS.mayOpen(served)) continue;
    const range = rangeAt(resource, path);
    // Said for the attribute the message is at: an error written there is not placed again.
    const why = unknownValue(`its ${path}`, domain, reasonAt(domain, range));
    unresolved.add(resource, [path], {
      message: `${resource.address} serves to anyone a bucket that cannot be determined before apply: ${why}`,
      range,
    });
  }
  return {
    of: (bucket) => byBucket.get(bucket, bucket.address),
    resources: { of: (bucket) => resources.get(bucket, bucket.address) },
    unresolvedIn: (near, module) => unresolved.in(near, module),
  };
}

/**
 * The distributions a bucket's policy lets in by an ARN that an output of a module not read holds
 * (`aws:SourceArn = module.cloudfront.cloudfront_distribution_arn`, the module not installed), or
 * by the origin access identities such a module makes (`identifiers =
 * module.cloudfront.cloudfront_origin_access_identity_iam_arns`, the output of
 * terraform-aws-modules/cloudfront that names them; another output may be any role): the
 * distribution is never seen, so whether it serves the bucket to anyone is not known. An ARN read
 * from a variable or a data source names a distribution of another configuration, judged there.
 */
export function unreadDistributions(
  ctx: AdapterContext,
  near: Rooted,
  policies: readonly BucketPolicy[],
): Unresolved[] {
  return policies.flatMap((policy) => {
    const letIn = [
      ...distributionArns(policy).map(({ statement, arns }) => ({
        statement,
        refs: refsIn(arns),
        what: 'CloudFront distribution',
      })),
      ...awsPrincipals(policy).map(({ statement, ids }) => ({
        statement,
        refs: refsIn(ids).filter((ref) => IDENTITY_OUTPUT.test(ref)),
        what: 'CloudFront origin access identity',
      })),
    ];
    return letIn.flatMap(({ statement, refs, what }) => {
      const unread = new Map<ModuleCall, string>();
      for (const ref of refs) {
        const call = unreadCallOf(ctx, ref, near);
        if (call && !unread.has(call)) unread.set(call, ref);
      }
      return [...unread].map(([call, ref]) => ({
        message: `${statementName(statement)} of ${policy.address} lets in the ${what} ${ref} names, an output of ${call.address} (source ${JSON.stringify(call.source)}), a module the scan did not read: whether that distribution serves the bucket to anyone is not known`,
        range: statement.range,
      }));
    });
  });
}

/** terraform-aws-modules/cloudfront's output of its origin access identities' IAM users. */
const IDENTITY_OUTPUT = /\.cloudfront_origin_access_identity_iam_arns(?:\[|$)/;

function refsIn(values: readonly unknown[]): string[] {
  return values.flatMap((value) => (isUnknown(value) ? value.refs : []));
}

interface Origin extends Naming {
  /** An origin block; or the origins, when they are not known before apply (`dynamic` ones). */
  readonly origin: ValueObject | Unknown;
  readonly i: number;
}

/**
 * Every origin of every distribution, as it names a bucket: by its host, an S3 one of the bucket,
 * or a reference to the bucket. A known S3 host of a bucket no scanned Terraform declares names a
 * bucket declared elsewhere (`standInsNamed`), as a settings resource's `bucket` does.
 */
export function distributionOrigins(ctx: AdapterContext, fitsOf: FitsOf): Origin[] {
  return ctx.managed('aws_cloudfront_distribution').flatMap((resource): Origin[] => {
    // By its host, or the bucket a reference names, of the service of its provider only: a bucket
    // of its name on R2 is another one (`fitsOf`).
    const options: TargetOptions = { nameOf: s3BucketOfHost, alone: false, fits: fitsOf(resource) };
    const origins = resource.values.origin;
    // Origins not known are one whose bucket cannot be determined, as an unknown `domain_name` is.
    if (isUnknown(origins)) return [{ resource, path: 'origin', options, origin: origins, i: 0 }];
    return asArray(origins).flatMap((origin, i) =>
      isObject(origin) ? [{ resource, path: `origin.${i}.domain_name`, options, origin, i }] : [],
    );
  });
}

/** Which buckets a resource of the AWS provider can name at all (`GroupOptions.fitsOf`). */
type FitsOf = NonNullable<GroupOptions['fitsOf']>;

/**
 * Whether an origin not joined to a bucket may still be one: its host is not known before apply,
 * and is not read from resources that are known not to be buckets (a load balancer's `dns_name`, a
 * Lambda function URL), as a variable with no value, a data source or a module output may be.
 */
function mayBeBucket(domain: Value | undefined): domain is Unknown {
  if (!isUnknown(domain)) return false;
  const types = domain.resources.map(resourceType);
  return types.length === 0 || types.some((type) => type === undefined || type.includes('s3'));
}

/** `aws_lb` of `module.api.aws_lb.public[0]` or `data.aws_lb.public`; none of `var.x`, `module.a.out`. */
function resourceType(address: string): string | undefined {
  const parts = splitAddress(address);
  let i = 0;
  while (parts[i] === 'module') i += 2;
  if (parts[i] === 'data') i++;
  const type = parts[i];
  return parts.length === i + 2 && type?.includes('_') ? type : undefined;
}

/** The hosts of the distributions that serve a bucket: what a build link to it can look like. */
export function distributionEndpoints(distributions: readonly S3Distribution[]): Endpoint[] {
  // A host Terraform declares in front of a bucket is matched as an R2 custom domain is.
  return distributions.flatMap((d) =>
    d.hosts.map((host) => ({ host, form: 'custom-domain', publicForm: true, range: d.range })),
  );
}

/** `acme-releases.s3.amazonaws.com`, `…s3.us-east-1…`, `…s3-website-us-east-1…`: the bucket's name. */
const S3_HOST = /^(.+?)\.s3(?:-website)?(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?\.?$/i;

function s3BucketOfHost(host: string): string | undefined {
  return S3_HOST.exec(host.trim())?.[1]?.toLowerCase();
}

function distribution(
  ctx: AdapterContext,
  resource: ResourceInstance,
  origin: ValueObject | Unknown,
  i: number,
): S3Distribution {
  const known = !isUnknown(origin);
  return {
    ...source(resource),
    enabled: boolAttr(resource, 'enabled'),
    // Origins not known may read the bucket with an identity of the distribution's.
    originAccess: known ? originAccess(ctx, resource, origin) : 'oac',
    origin: rangeAt(resource, known ? `origin.${i}` : 'origin'),
    hosts: hosts(resource),
    behaviours: behaviours(
      resource,
      servingIds(resource, known ? asString(origin.origin_id) : undefined),
    ),
  };
}

/**
 * An OAC's id, or an OAI in `s3_origin_config`; written, even if known only after apply. An OAC
 * shown not to sign requests to S3 — one for another kind of origin
 * (`origin_access_control_origin_type = "mediastore"`), or one that never signs — leaves the
 * bucket read anonymously, as none does.
 */
function originAccess(
  ctx: AdapterContext,
  resource: ResourceInstance,
  origin: ValueObject,
): S3Distribution['originAccess'] {
  const control = origin.origin_access_control_id;
  if (isSet(control))
    return notSigningForS3(accessControl(ctx, resource, control)) ? 'none' : 'oac';
  return isSet(valueAt(origin, 's3_origin_config.0.origin_access_identity')) ? 'oai' : 'none';
}

/**
 * The `aws_cloudfront_origin_access_control` an origin's id is: a reference to its `id` and
 * nothing else, or the id a plan or state knows it by.
 */
function accessControl(
  ctx: AdapterContext,
  near: ResourceInstance,
  id: Value | undefined,
): ResourceInstance | undefined {
  if (!isUnknown(id)) {
    const known = ctx
      .managed(ORIGIN_ACCESS_CONTROL)
      .filter((c) => c.rootModule === near.rootModule && c.values.id === id);
    return known.length === 1 ? known[0] : undefined;
  }
  const [address, ...others] = id.resources;
  const target = address === undefined ? undefined : ctx.resource(address, near);
  if (target?.type !== ORIGIN_ACCESS_CONTROL || others.length > 0) return undefined;
  const reads = id.refs.every((ref) => ref === `${target.address}.id`);
  return reads && (id.pieces ?? []).length === 0 && isOneReference(id, near) ? target : undefined;
}

function notSigningForS3(control: ResourceInstance | undefined): boolean {
  const type = asString(control?.values.origin_access_control_origin_type)?.toLowerCase();
  const signing = asString(control?.values.signing_behavior)?.toLowerCase();
  return (type !== undefined && type !== 's3') || signing === 'never';
}

function isSet(value: Value | undefined): boolean {
  return isUnknown(value) || (typeof value === 'string' && value.trim() !== '');
}

/** Its aliases and its own name, where known, in lower case. */
function hosts(resource: ResourceInstance): string[] {
  const names = [...asArray(resource.values.aliases), resource.values.domain_name];
  return [
    ...new Set(
      names
        .map((name) => asString(name)?.trim().toLowerCase().replace(/\.$/, ''))
        .filter((name): name is string => name !== undefined && name !== ''),
    ),
  ];
}

/** The ids a cache behaviour targets the origin by: its own, and those of groups it is in. */
function servingIds(resource: ResourceInstance, id: string | undefined): ReadonlySet<string> {
  if (id === undefined) return new Set();
  const groups = asArray(resource.values.origin_group)
    .filter(isObject)
    .filter((group) =>
      asArray(group.member).some((m) => isObject(m) && asString(m.origin_id) === id),
    )
    .flatMap((group) => asString(group.origin_id) ?? []);
  return new Set([id, ...groups]);
}

/**
 * The cache behaviours that serve the origin. One whose target is not known before apply may be
 * one of them; a distribution with one origin serves it from all of them, and so may one whose
 * origins or origin groups are not known. Cache behaviours not known may serve it unsigned.
 */
function behaviours(resource: ResourceInstance, ids: ReadonlySet<string>): DistributionBehaviour[] {
  const { origin, origin_group: groups, ordered_cache_behavior: ordered } = resource.values;
  const single = isUnknown(origin) || isUnknown(groups) || asArray(origin).length === 1;
  const blocks = [
    { path: 'default_cache_behavior.0', name: 'its default cache behaviour' },
    ...(isUnknown(ordered)
      ? [{ path: 'ordered_cache_behavior', name: 'each of its ordered cache behaviours' }]
      : asArray(ordered).map((block, i) => ({
          path: `ordered_cache_behavior.${i}`,
          name: `its cache behaviour ${JSON.stringify(isObject(block) ? (asString(block.path_pattern) ?? '?') : '?')}`,
        }))),
  ];
  return blocks.flatMap(({ path, name }) => {
    const block = valueAt(resource.values, path);
    // Cache behaviours not known before apply may serve it, signed or not.
    if (isUnknown(block)) return [{ name, range: rangeAt(resource, path), signed: block }];
    if (!isObject(block)) return [];
    const target = block.target_origin_id;
    const serves = single || isUnknown(target) || ids.has(asString(target) ?? '');
    return serves ? [{ name, range: rangeAt(resource, path), signed: signed(block) }] : [];
  });
}

/** Whether viewers need a signed URL or cookie: a key group or a signer is trusted. */
function signed(block: ValueObject): DistributionBehaviour['signed'] {
  const lists = [block.trusted_key_groups, block.trusted_signers];
  const unknown = lists.find(isUnknown);
  if (lists.some((list) => asArray(list).length > 0 && !isUnknown(list))) return true;
  return unknown ?? false;
}
