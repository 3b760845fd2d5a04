// Fact builders for rule tests: sensible defaults (a bare bucket, as a lone aws_s3_bucket /
// cloudflare_r2_bucket / google_storage_bucket declares it), fake ranges on fixed lines so tests
// can assert where a finding points.
import { emptyInventory, unknown, Unknown } from '@posture/model';
import type {
  AccessApp,
  AccessPolicy,
  ArmorPolicy,
  ArmorRule,
  Attr,
  BucketPolicy,
  Diagnostic,
  Facts,
  GcsAcl,
  GcsBackendBucket,
  GcsBucket,
  GcsIam,
  PreventionPolicy,
  PolicyStatement,
  PublicAccessBlock,
  PublicAccessBlockFlag,
  R2Bucket,
  R2Domain,
  R2Worker,
  Range,
  S3AccessPoint,
  S3Acl,
  S3Bucket,
  S3Distribution,
  S3Grant,
  Source,
  StorageLink,
  Website,
  WorkerEntry,
} from '@posture/model';

export { unknown };

/** A value known only after apply that is one resource attribute and nothing else (`aws_iam_role.r.arn`). */
export function attribute(ref: string): Unknown {
  return new Unknown([ref], undefined, { reference: ref });
}

/** Lines that the builders put things on. */
export const LINE = {
  bucket: 1,
  name: 2,
  pab: 10,
  /** Flags follow on 11–14 in PUBLIC_ACCESS_BLOCK_FLAGS order. */
  accountPab: 20,
  acl: 30,
  canned: 31,
  /** Grants follow on 32, 33, … */
  ownership: 40,
  objectOwnership: 41,
  policy: 50,
  /** Statements follow on 51, 52, … */
  website: 60,
  managedDomain: 70,
  customDomain: 80,
  /** Its origin on the next line, its behaviours from the one after, two lines each. */
  distribution: 130,
  gcsSetting: 3,
  iam: 90,
  gcsAcl: 100,
  unresolved: 110,
  provider: 120,
  orgPolicy: 130,
  accessPoint: 150,
  /** Flags follow on 151–154, the access point policy on 160, its statements on 161, 162, … */
  accessPointPolicy: 160,
  /** Its edge_security_policy on the next line. */
  backendBucket: 170,
  /** Its rules follow on 181, 182, … */
  armorPolicy: 180,
  /** Its policies follow on 191, 192, … */
  accessApp: 190,
  /** Its R2 binding on the next line, its name on the one after. */
  worker: 200,
  /** Entries of it from here, five lines each: the host or `enabled` on the next line. */
  workerEntry: 210,
  link: 5,
} as const;

export function range(line: number, file = 'main.tf'): Range {
  return {
    file,
    start: { line, column: 1, offset: line * 100 },
    end: { line, column: 40, offset: line * 100 + 39 },
  };
}

/** An argument: written on `line`, or omitted (`undefined`) and then ranged at its block. */
export function attr<T>(value: T | Unknown | undefined, line: number, block: Range): Attr<T> {
  return { value, range: value === undefined ? block : range(line, block.file) };
}

function source(address: string, line: number, file = 'main.tf'): Source {
  return { address, range: range(line, file) };
}

const FLAG_ORDER: readonly PublicAccessBlockFlag[] = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

type Flags = Partial<Record<PublicAccessBlockFlag, boolean | Unknown | undefined>>;

/** A public access block; flags default to true, and a flag given as `undefined` is omitted. */
export function pab(flags: Flags = {}, level: 'bucket' | 'account' = 'bucket'): PublicAccessBlock {
  const account = level === 'account';
  const base = account
    ? source('aws_s3_account_public_access_block.this', LINE.accountPab, 'account.tf')
    : source('aws_s3_bucket_public_access_block.releases', LINE.pab);
  const entries = FLAG_ORDER.map((flag, i) => {
    const value = flag in flags ? flags[flag] : true;
    return [flag, attr<boolean>(value, base.range.start.line + 1 + i, base.range)] as const;
  });
  return {
    ...base,
    level,
    flags: Object.fromEntries(entries) as Record<PublicAccessBlockFlag, Attr<boolean>>,
  };
}

/**
 * An `aws_s3_access_point` of the bucket whose block writes `flags` (all off by default; `omitted`
 * for none written, which S3 makes all on) and whose `aws_s3control_access_point_policy` holds
 * `statements`, by default Principal "*" reading every object through it.
 */
export function accessPoint(
  flags: Flags | 'omitted' = {},
  statements: readonly PolicyStatement[] = [
    statement({
      resources: ['arn:aws:s3:us-east-1:111122223333:accesspoint/releases/object/*'],
      range: range(LINE.accessPointPolicy + 1),
    }),
  ],
): S3AccessPoint {
  const base = source('aws_s3_access_point.releases', LINE.accessPoint);
  const written = flags === 'omitted' ? undefined : { restrict_public_buckets: false, ...flags };
  const entries = FLAG_ORDER.map((flag, i) => {
    const value = written && (flag in written ? written[flag] : false);
    return [flag, attr<boolean>(value, LINE.accessPoint + 1 + i, base.range)] as const;
  });
  const policy = source('aws_s3control_access_point_policy.releases', LINE.accessPointPolicy);
  return {
    ...base,
    name: attr('releases', LINE.accessPoint, base.range),
    publicAccessBlock: {
      ...base,
      level: 'access-point',
      flags: Object.fromEntries(entries) as Record<PublicAccessBlockFlag, Attr<boolean>>,
    },
    policies: [{ ...policy, statements }],
  };
}

export function accountPab(flags: Flags = {}): PublicAccessBlock {
  return pab(flags, 'account');
}

export function grant(uri: string | Unknown, index = 0, permission = 'READ'): S3Grant {
  return { granteeType: 'Group', uri, permission, range: range(LINE.canned + 1 + index) };
}

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

export function s3Acl(canned?: string | Unknown, grants: readonly S3Grant[] = []): S3Acl {
  const base = source('aws_s3_bucket_acl.releases', LINE.acl);
  return { ...base, kind: 'bucket-acl', canned: attr(canned, LINE.canned, base.range), grants };
}

export function ownership(value: string | Unknown | undefined): S3Bucket['ownership'] {
  const base = source('aws_s3_bucket_ownership_controls.releases', LINE.ownership);
  return { ...base, objectOwnership: attr(value, LINE.objectOwnership, base.range) };
}

export function statement(over: Partial<PolicyStatement> = {}, index = 0): PolicyStatement {
  return {
    sid: 'PublicRead',
    effect: 'Allow',
    principal: '*',
    actions: ['s3:GetObject'],
    actionsExcluded: false,
    resources: ['arn:aws:s3:::acme-releases/*'],
    resourcesExcluded: false,
    conditions: {},
    range: range(LINE.policy + 1 + index),
    ...over,
  };
}

export function policy(
  statements: readonly PolicyStatement[],
  unknownReason?: string,
): BucketPolicy {
  return { ...source('aws_s3_bucket_policy.releases', LINE.policy), statements, unknownReason };
}

/**
 * A CloudFront distribution serving the bucket through an origin access control, on
 * `downloads.example.com`; each behaviour given by whether it requires signed URLs.
 */
export function distribution(
  over: Partial<Pick<S3Distribution, 'originAccess' | 'hosts'>> & {
    enabled?: boolean | Unknown;
    signed?: readonly (boolean | Unknown)[];
  } = {},
): S3Distribution {
  const { enabled = true, signed = [false], ...rest } = over;
  const base = source('aws_cloudfront_distribution.releases', LINE.distribution);
  return {
    ...base,
    enabled: attr(enabled, LINE.distribution, base.range),
    originAccess: 'oac',
    origin: range(LINE.distribution + 1),
    hosts: ['downloads.example.com'],
    behaviours: signed.map((value, i) => ({
      name: i === 0 ? 'its default cache behaviour' : `its cache behaviour "b${i}/*"`,
      range: range(LINE.distribution + 2 + 2 * i),
      signed: value,
    })),
    ...rest,
  };
}

/** A website configuration; one whose existence or redirect is not known with `unknown`. */
export function website(unknown?: Website['unknown']): Website {
  const site = source('aws_s3_bucket_website_configuration.releases', LINE.website);
  return unknown ? { ...site, unknown } : site;
}

const RELEASE = [{ kind: 'name' as const, detail: 'name matches *releases*' }];

function base(address: string) {
  return {
    address,
    name: 'acme-releases',
    nameRange: range(LINE.name),
    range: range(LINE.bucket),
    moduleCalls: [],
    tags: [],
    annotations: [],
    endpoints: [],
    origin: 'hcl' as const,
    release: [...RELEASE],
    unresolved: [],
  };
}

export function s3Bucket(over: Partial<S3Bucket> = {}): S3Bucket {
  return {
    ...base('aws_s3_bucket.releases'),
    service: 's3',
    acls: [],
    policies: [],
    accessPoints: [],
    distributions: [],
    ...over,
  };
}

export function r2Domain(
  kind: 'managed' | 'custom',
  enabled: boolean | Unknown | undefined,
  domain: string | Unknown = 'downloads.example.com',
  index = 0,
): R2Domain {
  const line = (kind === 'managed' ? LINE.managedDomain : LINE.customDomain) + index * 5;
  const block = source(
    kind === 'managed'
      ? 'cloudflare_r2_managed_domain.releases'
      : `cloudflare_r2_custom_domain.releases[${index}]`,
    line,
  );
  return {
    ...block,
    enabled: attr(enabled, line + 1, block.range),
    domain: attr(domain, line + 2, block.range),
  };
}

/** A policy of an Access application: it allows those its include rules name, by default. */
export function accessPolicy(
  over: Partial<Omit<AccessPolicy, 'decision'>> & {
    decision?: string | Unknown;
  } = {},
  index = 0,
): AccessPolicy {
  const { decision = 'allow', ...rest } = over;
  const block = source(`cloudflare_zero_trust_access_policy.p${index}`, LINE.accessApp + 1 + index);
  return {
    ...block,
    decision: { value: decision, range: block.range },
    includesEveryone: false,
    requiresMore: false,
    ...rest,
  };
}

/** A custom domain behind an Access application of these policies (undefined: not known). */
export function behindAccess(policies: readonly AccessPolicy[] | undefined): R2Domain {
  return { ...r2Domain('custom', true), accessApps: [accessApp(policies)] };
}

/**
 * A route, custom domain or workers.dev URL of a Worker: the `index`th, behind the Access
 * applications given, with the host or `enabled` given.
 */
export function workerEntry(
  kind: WorkerEntry['kind'],
  value: string | boolean | Unknown | undefined = kind === 'workers-dev'
    ? true
    : 'downloads.example.com/*',
  { index = 0, accessApps }: { index?: number; accessApps?: readonly AccessApp[] } = {},
): WorkerEntry {
  const type = {
    route: 'cloudflare_workers_route',
    'custom-domain': 'cloudflare_workers_custom_domain',
    'workers-dev': 'cloudflare_workers_script_subdomain',
  }[kind];
  const line = LINE.workerEntry + index * 5;
  const block = source(`${type}.downloads`, line);
  const at = { range: range(line + 1) };
  if (kind === 'workers-dev') {
    const enabled = { ...at, value: value as boolean | Unknown | undefined };
    return { ...block, kind, enabled, ...(accessApps && { accessApps }) };
  }
  const host = { ...at, value: value as string | Unknown | undefined };
  return { ...block, kind, host, ...(accessApps && { accessApps }) };
}

/** A Worker that binds the bucket as RELEASES, reached by the entries given. */
export function r2Worker(entries: readonly WorkerEntry[]): R2Worker {
  const block = source('cloudflare_workers_script.downloads', LINE.worker);
  return {
    ...block,
    binding: source(block.address, LINE.worker + 1),
    bindingName: { value: 'RELEASES', range: range(LINE.worker + 2) },
    entries,
  };
}

/** An Access application of these policies (undefined: not known). */
export function accessApp(policies: readonly AccessPolicy[] | undefined): AccessApp {
  return {
    ...source('cloudflare_zero_trust_access_application.downloads', LINE.accessApp),
    policies,
  };
}

export function r2Bucket(over: Partial<R2Bucket> = {}): R2Bucket {
  return { ...base('cloudflare_r2_bucket.releases'), service: 'r2', customDomains: [], ...over };
}

export function gcsBucket(
  over: Partial<GcsBucket> & {
    prevention?: string | Unknown;
    uniform?: boolean | Unknown;
  } = {},
): GcsBucket {
  const { prevention, uniform, ...rest } = over;
  const bucket = base('google_storage_bucket.releases');
  return {
    ...bucket,
    service: 'gcs',
    publicAccessPrevention: attr(prevention, LINE.gcsSetting, bucket.range),
    uniformBucketLevelAccess: attr(uniform, LINE.gcsSetting + 1, bucket.range),
    iam: [],
    acls: [],
    ...rest,
  };
}

/** A load balancer backend bucket serving the bucket, with the edge security policy given. */
export function backendBucket(
  edgeSecurityPolicy?: string | Unknown,
  edgePolicy?: ArmorPolicy,
): GcsBackendBucket {
  const block = source('google_compute_backend_bucket.releases', LINE.backendBucket);
  return {
    ...block,
    edgeSecurityPolicy: attr(edgeSecurityPolicy, LINE.backendBucket + 1, block.range),
    ...(edgePolicy && { edgePolicy }),
  };
}

type RuleValues = readonly [
  action: string | Unknown,
  priority: number | Unknown,
  preview?: boolean | Unknown,
];

/**
 * A Cloud Armor policy with a rule block per entry, each on its own line; undefined rules are not
 * known. An edge policy unless `type` says otherwise (null: written without one).
 */
export function armorPolicy(
  rules: readonly RuleValues[] | undefined,
  type: string | Unknown | null = 'CLOUD_ARMOR_EDGE',
): ArmorPolicy {
  const block = source('google_compute_security_policy.edge', LINE.armorPolicy);
  const ruleOf = ([action, priority, preview]: RuleValues, i: number): ArmorRule => {
    const at = range(LINE.armorPolicy + 1 + i);
    return {
      address: block.address,
      range: at,
      action: { value: action, range: at },
      priority: { value: priority, range: at },
      preview: { value: preview, range: at },
    };
  };
  return {
    ...block,
    type: { value: type ?? undefined, range: block.range },
    rules: rules?.map(ruleOf),
  };
}

/** An organization policy enforcing public access prevention on the bucket's project. */
export function orgPolicy(parent = 'projects/acme-prod'): PreventionPolicy {
  return { ...source('google_org_policy_policy.pap', LINE.orgPolicy, 'org.tf'), parent };
}

export function iam(members: readonly string[], isUnknown = false): GcsIam {
  const base = source('google_storage_bucket_iam_member.public', LINE.iam);
  return {
    ...base,
    unknown: isUnknown,
    members: members.map((member, i) => ({
      member,
      role: 'roles/storage.objectViewer',
      range: range(LINE.iam + 1 + i),
    })),
  };
}

export function gcsAcl(
  over: {
    predefined?: string | Unknown;
    entities?: readonly string[];
    scope?: GcsAcl['scope'];
  } = {},
): GcsAcl {
  const base = source('google_storage_bucket_acl.releases', LINE.gcsAcl);
  return {
    ...base,
    scope: over.scope ?? 'bucket',
    predefined: attr(over.predefined, LINE.gcsAcl + 1, base.range),
    entities: (over.entities ?? []).map((entity, i) => ({
      entity,
      range: range(LINE.gcsAcl + 2 + i),
    })),
  };
}

export function link(over: Partial<StorageLink> = {}): StorageLink {
  return {
    range: range(LINE.link, 'package.json'),
    url: 'https://acme-releases.s3.amazonaws.com/cli.tgz',
    service: 's3',
    form: 's3-virtual-hosted',
    bucket: 'acme-releases',
    usage: 'download',
    fileType: 'package.json',
    field: 'scripts.postinstall',
    sourceMap: false,
    releaseStep: false,
    ...over,
  };
}

export const R2_DEV_URL = 'https://pub-0123456789abcdef0123456789abcdef.r2.dev/cli.tgz';

export function diagnostic(over: Partial<Diagnostic> = {}): Diagnostic {
  return {
    severity: 'error',
    code: 'hcl-syntax',
    message: 'Unclosed block: expected "}"',
    range: range(7, 'broken.tf'),
    ...over,
  };
}

export function facts(links: readonly StorageLink[] = []): Facts {
  return {
    inventory: emptyInventory('/repo'),
    buckets: [],
    links,
    today: TODAY,
  };
}

/** The day rule tests judge against. */
export const TODAY = '2026-06-01';
