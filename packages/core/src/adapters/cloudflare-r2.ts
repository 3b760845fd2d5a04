import {
  addTo,
  asArray,
  asString,
  isUnknown,
  type Endpoint,
  type R2Bucket,
  type R2Domain,
  type ResourceInstance,
  type Source,
} from '@posture/model';
import { domainMayOpen } from '@posture/rules';
import { boolAttr, rangeAt, source, stringAttr } from './attrs.js';
import { orphansNear, s3Controls, S3_READS, s3Key } from './aws-s3.js';
import { bucketBase, nameParts } from './bucket-base.js';
import { bucketKey, type AdapterContext, type BucketKey } from './context.js';
import { declaredElsewhere, standInsNamed, withStandIns } from './external.js';
import { groupByBucket, type Grouped } from './group.js';
import { r2EndpointOf } from './r2-endpoint.js';
import { ACCESS_READS, accessAppsCovering } from './cloudflare-access.js';
import { reachedWorkers, WORKER_READS } from './cloudflare-workers.js';

/** Every resource type `adaptR2` reads: R2 through the AWS provider reads what S3 does. */
export const R2_READS: readonly string[] = [
  'cloudflare_r2_bucket',
  'cloudflare_r2_managed_domain',
  'cloudflare_r2_custom_domain',
  ...ACCESS_READS,
  ...WORKER_READS,
  ...S3_READS,
];

/**
 * R2 buckets, declared with the Cloudflare provider or through the AWS provider pointed at an R2
 * endpoint. Exposure on R2 is only the r2.dev managed domain and custom domains; S3 access controls
 * written against R2 have no effect and are recorded as such.
 */
export function adaptR2(ctx: AdapterContext): R2Bucket[] {
  const native = ctx.managed('cloudflare_r2_bucket');
  const onR2 = (b: ResourceInstance) => r2EndpointOf(ctx, b) !== undefined;
  const viaAws = ctx.managed('aws_s3_bucket').filter(onR2);
  // A bucket on R2 that only the AWS provider's settings resources name (`bucket = "acme-releases"`
  // on `aws.r2`): the stand-in `s3Controls` makes for it, which the S3 adapter leaves to R2.
  const namedViaAws = s3Controls(ctx).external.filter(onR2);
  const declared: BucketKey[] = [
    ...native.map((r) => bucketKey(r, 'name')),
    ...[...viaAws, ...namedViaAws].map(s3Key),
  ];
  const accessApps = accessAppsCovering(ctx);
  const workers = reachedWorkers(ctx, accessApps);
  const naming = [
    ...DOMAIN_TYPES.flatMap((t) => ctx.managed(t)).map((resource) => ({
      resource,
      path: 'bucket_name',
    })),
    ...workers.naming,
  ];
  const external = standInsNamed(ctx, naming, declared, {
    type: 'cloudflare_r2_bucket',
    namePath: 'name',
  });
  const keys = withStandIns(declared, external, (r) => bucketKey(r, 'name'));
  const enabled = { mayLoosen: (r: ResourceInstance) => domainMayOpen(domain(r)) };
  const managed = groupByBucket(
    ctx,
    ['cloudflare_r2_managed_domain'],
    'bucket_name',
    keys,
    enabled,
  );
  const custom = groupByBucket(ctx, ['cloudflare_r2_custom_domain'], 'bucket_name', keys, enabled);
  const configures = inOwnNamespace(
    ctx,
    [managed, custom],
    [...native, ...viaAws, ...namedViaAws, ...external],
  );
  const workersOf = workers.binding(keys);
  const customDomain = (resource: ResourceInstance): R2Domain => {
    const written = domain(resource);
    const host = written.domain.value;
    const apps = typeof host === 'string' ? accessApps(host) : [];
    return apps.length > 0 ? { ...written, accessApps: apps } : written;
  };
  // The S3 settings written against a bucket on R2, from the one join of them (`s3Controls`).
  const controls = Object.values(s3Controls(ctx).groups);

  const r2Bucket = (resource: ResourceInstance): R2Bucket => {
    const isNative = resource.type === 'cloudflare_r2_bucket';
    const name = asString(resource.values[isNative ? 'name' : 'bucket']);
    const endpoint = isNative ? undefined : r2EndpointOf(ctx, resource);
    const ofIt = (d: ResourceInstance) => configures(d, resource);
    const managedDomain = managed.of(resource).filter(ofIt).map(domain)[0];
    const customDomains = custom.of(resource).filter(ofIt).map(customDomain);
    const accountId = asString(resource.values.account_id) ?? endpoint?.accountId;
    const bound = workersOf(resource);
    return Object.assign(
      bucketBase(ctx, resource, {
        name,
        namePath: isNative ? 'name' : 'bucket',
        nameParts: nameParts(resource.values[isNative ? 'name' : 'bucket']),
      }),
      {
        service: 'r2' as const,
        accountId,
        jurisdiction: asString(resource.values.jurisdiction) ?? endpoint?.jurisdiction,
        managedDomain,
        customDomains,
        endpoints: r2Endpoints(name, accountId, managedDomain, customDomains),
        ...(bound.length > 0 && { workers: bound }),
        viaAwsProvider: endpoint && {
          providerRange: endpoint.range,
          ineffectiveControls: [
            ...inlineControls(resource),
            ...controls.flatMap((group) => group.of(resource)).map(source),
          ],
        },
        unresolved: orphansNear(resource, [managed, custom]),
      },
    );
  };
  return [
    ...[...native, ...viaAws].map(r2Bucket),
    ...[...namedViaAws, ...external].map((r) => declaredElsewhere(r2Bucket(r))),
  ];
}

const DOMAIN_TYPES = ['cloudflare_r2_managed_domain', 'cloudflare_r2_custom_domain'];

/** Where an R2 bucket name is unique: an account and a jurisdiction; undefined where not known. */
interface Namespace {
  readonly account: string | undefined;
  readonly jurisdiction: string | undefined;
}

/**
 * Whether domain `d` configures `bucket`, one of those it was joined to by name. R2 bucket names
 * are unique only within an account and a jurisdiction, and a domain resource configures the
 * bucket of its name in its own `account_id` and `jurisdiction` (`default` when omitted): of
 * `acme-releases` in the default jurisdiction and in `eu`, or in two accounts, the one it can be.
 * When it can be none of them, all: a domain is never dropped. A part not known can be any.
 */
function inOwnNamespace(
  ctx: AdapterContext,
  groups: readonly Grouped[],
  buckets: readonly ResourceInstance[],
): (d: ResourceInstance, bucket: ResourceInstance) => boolean {
  const joined = new Map<ResourceInstance, ResourceInstance[]>();
  for (const group of groups) {
    for (const bucket of buckets) for (const d of group.of(bucket)) addTo(joined, d, bucket);
  }
  const fits = (d: ResourceInstance, bucket: ResourceInstance) => {
    const own = writtenNamespace(d);
    const its = bucketNamespace(ctx, bucket);
    return same(own.account, its.account) && same(own.jurisdiction, its.jurisdiction);
  };
  return (d, bucket) => fits(d, bucket) || !(joined.get(d) ?? []).some((b) => fits(d, b));
}

function bucketNamespace(ctx: AdapterContext, bucket: ResourceInstance): Namespace {
  if (bucket.type === 'cloudflare_r2_bucket') return writtenNamespace(bucket);
  // Through the AWS provider, the endpoint's host says both: `<account>.eu.r2.cloudflarestorage…`.
  const endpoint = r2EndpointOf(ctx, bucket);
  return {
    account: endpoint?.accountId?.toLowerCase(),
    jurisdiction: endpoint?.jurisdiction?.toLowerCase() ?? 'default',
  };
}

/** The namespace a resource writes, as an R2 bucket and its domains do. */
function writtenNamespace(resource: ResourceInstance): Namespace {
  return {
    account: asString(resource.values.account_id)?.toLowerCase(),
    jurisdiction: jurisdictionOf(resource),
  };
}

function jurisdictionOf(resource: ResourceInstance): string | undefined {
  const value = resource.values.jurisdiction;
  if (isUnknown(value)) return undefined;
  return (asString(value) ?? 'default').toLowerCase();
}

/** Two parts of a namespace that may be the same: equal, or one not known. */
function same(a: string | undefined, b: string | undefined): boolean {
  return a === undefined || b === undefined || a === b;
}

function domain(resource: ResourceInstance): R2Domain {
  return {
    ...source(resource),
    enabled: boolAttr(resource, 'enabled'),
    domain: stringAttr(resource, 'domain'),
  };
}

/** Legacy inline `acl`, `grant`, `policy` and `website` on an R2 bucket do nothing either. */
function inlineControls(bucket: ResourceInstance): Source[] {
  return ['acl', 'grant', 'policy', 'website']
    .filter((k) => asArray(bucket.values[k]).length > 0)
    .map((k) => ({ address: `${bucket.address}.${k}`, range: rangeAt(bucket, k) }));
}

function r2Endpoints(
  name: string | undefined,
  accountId: string | undefined,
  managedDomain: R2Domain | undefined,
  customDomains: readonly R2Domain[],
): Endpoint[] {
  const endpoints: Endpoint[] = [];
  const dev =
    typeof managedDomain?.domain.value === 'string' ? managedDomain.domain.value : undefined;
  if (dev) endpoints.push({ host: dev.toLowerCase(), form: 'r2-dev', publicForm: true });
  for (const d of customDomains) {
    if (typeof d.domain.value === 'string') {
      endpoints.push({
        host: d.domain.value.toLowerCase(),
        form: 'custom-domain',
        publicForm: true,
        range: d.domain.range,
      });
    }
  }
  if (name && accountId) {
    endpoints.push({
      host: `${accountId}.r2.cloudflarestorage.com`,
      path: `/${name}`,
      form: 'r2-s3-api',
      publicForm: false,
    });
  }
  return endpoints;
}
