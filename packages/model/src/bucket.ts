import type { Annotation, ResourceInstance, Unexpanded } from './inventory.js';
import type { Range } from './source.js';
import type { Unknown } from './value.js';

/**
 * Bucket facts: what adapters make of the inventory, and all that bucket rules ever see.
 * Every fact carries the range of the source that causes it, so a finding can point at it.
 */
export type Bucket = S3Bucket | R2Bucket | GcsBucket;
export type BucketService = Bucket['service'];

/** An argument's evaluated value and where it was written; `range` is the owning block when absent. */
export interface Attr<T> {
  /** `undefined` when the argument is not written (the provider default applies). */
  readonly value: T | Unknown | undefined;
  readonly range: Range;
}

/** A Terraform object that contributes to a bucket's exposure: a resource, or a module call input. */
export interface Source {
  readonly address: string;
  readonly range: Range;
}

/**
 * A website configuration of a bucket that may serve its objects: one known to (no redirect of
 * every request), or one that `unknown` leaves undecided.
 */
export interface Website extends Source {
  /**
   * What is not known before apply of whether it serves the bucket's objects: its blocks (a
   * `dynamic "website"` over a collection known only then, a plan's after_unknown), which may be
   * none, or its `redirect_all_requests_to`, which may be none. Unset when it serves them.
   */
  readonly unknown?: { readonly what: string; readonly value: Unknown };
}

export interface ReleaseEvidence {
  /**
   * What makes the bucket release-use; `pipeline` a release step's upload to it, `deploy` only a
   * deploy step's (`ReleaseStep`), which says it holds what the build deploys, not that it holds
   * releases.
   */
  readonly kind: 'tag' | 'label' | 'name' | 'annotation' | 'pipeline' | 'deploy' | 'policy';
  /** For messages: `tag purpose = "release-artifacts"`, `name matches *-dist`. */
  readonly detail: string;
  readonly range?: Range;
}

export interface EffectiveTag {
  readonly key: string;
  readonly value: string;
  readonly range: Range;
  /** Resource tags win over provider `default_tags` / `default_labels`. */
  readonly from: 'resource' | 'provider-default';
}

export interface Endpoint {
  /** Hostname, or hostname/path prefix for path-style forms, lower case. */
  readonly host: string;
  readonly path?: string;
  readonly form: EndpointForm;
  /** A URL of this form is readable without credentials when the bucket allows it. */
  readonly publicForm: boolean;
  readonly range?: Range;
}

export type EndpointForm =
  | 's3-virtual-hosted'
  | 's3-path'
  | 's3-website'
  | 's3-dualstack'
  | 's3-accelerate'
  | 'gcs-path'
  | 'gcs-virtual-hosted'
  | 'r2-dev'
  | 'r2-s3-api'
  | 'custom-domain';

export interface BucketBase {
  /** The bucket resource address, or the module call address for a bucket made by a registry module. */
  readonly address: string;
  /** `undefined` when the name cannot be known before apply. */
  readonly name: string | undefined;
  /**
   * A name known only in part before apply, as its known text and unknown gaps (`null`) in order:
   * `"acme-${var.env}-releases"` is `["acme-", null, "-releases"]`, `bucket_prefix = "acme-"` is
   * `["acme-", null]`.
   */
  readonly nameParts?: readonly (string | null)[];
  readonly nameRange: Range;
  /** The bucket's block (or module call). */
  readonly range: Range;
  /** Set when the bucket comes from a known registry module read by its inputs, not by its code. */
  readonly viaModule?: Source & { readonly source: string };
  /**
   * Directory of the root module whose evaluation produced it (see `ResourceInstance`): addresses
   * repeat across root modules.
   */
  readonly rootModule?: string;
  /**
   * Set for a bucket that no scanned Terraform declares, known from the settings resources that
   * name it (`bucket = "acme-releases"`), or, with origin `build`, from a release step of the build
   * that uploads to it: what they do to it is judged, its own settings are not known. Its `address`
   * is `bucket "<name>"` and its `range` the first such resource, or upload.
   */
  readonly declaredElsewhere?: true;
  /** The resource type that declares it (`aws_s3_bucket`, `awscc_s3_bucket`…); none for `viaModule`. */
  readonly resourceType?: string;
  /** Module call blocks between the root and the bucket, outermost first: related locations. */
  readonly moduleCalls: readonly Source[];
  readonly tags: readonly EffectiveTag[];
  readonly annotations: readonly Annotation[];
  readonly endpoints: readonly Endpoint[];
  /**
   * What the facts were read from: the configuration, or a plan or state (which knows more); `build`
   * for a bucket no Terraform names, known only as where a release step uploads.
   */
  readonly origin: ResourceInstance['origin'] | 'build';
  /** Why the bucket is release-use; empty when it is not. Filled by the engine from the policy. */
  release: ReleaseEvidence[];
  /** Facts that could not be evaluated and leave exposure unproven: unknown values, missing modules. */
  readonly unresolved: readonly Unresolved[];
  /**
   * Set for a bucket that stands for instances not known (`module.bucket[*].aws_s3_bucket.this`):
   * how many buckets it is, and their names and tags, are not known. Its facts are those every
   * instance shares.
   */
  readonly unexpanded?: Unexpanded;
}

export interface Unresolved {
  readonly message: string;
  readonly range: Range;
  /**
   * Set for a settings resource whose bucket cannot be determined, which may be this one, and for
   * a registry module's input not known before apply (its `grant`): the access it can open, which
   * the bucket's own settings may refuse whatever bucket it configures.
   */
  readonly opens?: AccessKind;
}

/** What a settings resource can open on a bucket: an ACL (of the bucket or an object), a policy… */
export type AccessKind = 'acl' | 'policy' | 'iam' | 'website';

export type PublicAccessBlockFlag =
  'block_public_acls' | 'block_public_policy' | 'ignore_public_acls' | 'restrict_public_buckets';

export const PUBLIC_ACCESS_BLOCK_FLAGS: readonly PublicAccessBlockFlag[] = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
];

export interface PublicAccessBlock extends Source {
  readonly level: 'bucket' | 'account' | 'access-point';
  readonly flags: Readonly<Record<PublicAccessBlockFlag, Attr<boolean>>>;
}

export interface S3Grant {
  readonly granteeType?: string;
  /** The grantee group; unknown before apply, when it may be a public one. */
  readonly uri?: string | Unknown;
  readonly id?: string;
  readonly permission?: string;
  readonly range: Range;
}

export interface S3Acl extends Source {
  /**
   * Where the ACL is set: inline on the bucket (legacy `acl`/`grant`), in an `aws_s3_bucket_acl`,
   * or on one object Terraform uploads (`aws_s3_object`, legacy `aws_s3_bucket_object`).
   */
  readonly kind: 'inline' | 'bucket-acl' | 'object';
  readonly canned: Attr<string>;
  readonly grants: readonly S3Grant[];
  /** For an object's own ACL: the key of the object, the only one the ACL opens. */
  readonly key?: Attr<string>;
}

export interface PolicyStatement {
  readonly sid?: string;
  readonly effect: string;
  /** `"*"`, or a map such as `{ AWS: ["*"] }`; `undefined` with `NotPrincipal` or no principal. */
  readonly principal: unknown;
  readonly notPrincipal?: unknown;
  /** The actions it names; with `actionsExcluded` (`NotAction`), every action but these. */
  readonly actions: readonly string[];
  readonly actionsExcluded: boolean;
  /** The resources it names; with `resourcesExcluded` (`NotResource`), every resource but these. */
  readonly resources: readonly string[];
  readonly resourcesExcluded: boolean;
  /** `{ StringEquals: { "aws:SourceVpce": ["vpce-1"] } }`: those known, see `unknownConditions`. */
  readonly conditions: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * Set when conditions of it are not known before apply, which may narrow it: its `condition`
   * blocks (a `dynamic "condition"`), one whose test or variable is not known, its whole
   * `Condition` or what one operator tests (`StringEquals = var.x`).
   */
  readonly unknownConditions?: Unknown;
  readonly range: Range;
}

export interface BucketPolicy extends Source {
  /** Parsed statements; empty when the document is unknown or unreadable (see `unknownReason`). */
  readonly statements: readonly PolicyStatement[];
  readonly unknownReason?: string;
  /** Where what cannot be read is written, when not at `range` (see `ParsedPolicy`). */
  readonly unknownRange?: Range;
}

export interface S3Bucket extends BucketBase {
  readonly service: 's3';
  readonly publicAccessBlock?: PublicAccessBlock;
  readonly accountPublicAccessBlock?: PublicAccessBlock;
  readonly acls: readonly S3Acl[];
  readonly ownership?: Source & { readonly objectOwnership: Attr<string> };
  readonly policies: readonly BucketPolicy[];
  readonly website?: Website;
  /** Access points of the bucket (`aws_s3_access_point`), each a way in with its own policy. */
  readonly accessPoints: readonly S3AccessPoint[];
  /**
   * The CloudFront distributions with the bucket as an origin: each is an endpoint of the bucket,
   * as an R2 custom domain is of an R2 bucket (its aliases and domain are in `endpoints`).
   */
  readonly distributions: readonly S3Distribution[];
  /**
   * The module calls of its root module whose modules were not read (not installed, outside the
   * scan root), but for those known to set nothing on a bucket declared elsewhere: a policy of the
   * bucket may be among what they declare. Absent when there are none.
   */
  readonly unreadModules?: readonly Source[];
}

/** A CloudFront distribution, as it serves one S3 bucket that is one of its origins. */
export interface S3Distribution extends Source {
  /** `false` serves nothing; required by the provider. */
  readonly enabled: Attr<boolean>;
  /**
   * How it reads the bucket: with its own identity, an origin access control or a legacy origin
   * access identity, which a private bucket's policy can allow; or anonymously (`none`), which
   * reads only what the bucket's own controls make public.
   */
  readonly originAccess: 'oac' | 'oai' | 'none';
  /** The origin block that names the bucket. */
  readonly origin: Range;
  /** The hosts it serves the bucket on, where known: its aliases and its `*.cloudfront.net` name. */
  readonly hosts: readonly string[];
  /** The cache behaviours that serve the bucket's origin, directly or through an origin group. */
  readonly behaviours: readonly DistributionBehaviour[];
}

export interface DistributionBehaviour {
  /** `default cache behaviour`, `cache behaviour "downloads/*"`. */
  readonly name: string;
  readonly range: Range;
  /**
   * Whether viewers need a signed URL or cookie: `trusted_key_groups` or `trusted_signers` is set;
   * unknown when the list is not known before apply.
   */
  readonly signed: boolean | Unknown;
}

/**
 * An S3 access point: a network endpoint for one bucket whose own policy grants access through it.
 * A request through it is judged by its policy, the bucket's policy, and the Block Public Access
 * settings of the access point, the bucket and the account.
 */
export interface S3AccessPoint extends Source {
  readonly name: Attr<string>;
  /**
   * Its own block (level `access-point`). S3 turns every flag on when the access point is made
   * without one, and no flag can change afterwards: a flag not written is on.
   */
  readonly publicAccessBlock: PublicAccessBlock;
  /** Its inline `policy`, and the `aws_s3control_access_point_policy` attached to it. */
  readonly policies: readonly BucketPolicy[];
}

export interface R2Domain extends Source {
  readonly enabled: Attr<boolean>;
  readonly domain: Attr<string>;
  /**
   * The Cloudflare Access self-hosted applications whose hostnames cover the whole of a custom
   * domain (`downloads.acme.dev`, `*.acme.dev`; not `downloads.acme.dev/private`): Access asks
   * every visitor to pass one of their policies before the bucket is served.
   */
  readonly accessApps?: readonly AccessApp[];
}

/**
 * A Cloudflare Worker script that binds an R2 bucket: its code reads and writes the bucket with
 * the Worker's own rights, whoever sends the request. What the code serves is not read.
 */
export interface R2Worker extends Source {
  /** The binding that names the bucket: an `r2_bucket_binding` block (v4), a `bindings` item (v5). */
  readonly binding: Source;
  /** The variable the code reads the bucket by (`DOWNLOADS`). */
  readonly bindingName: Attr<string>;
  /** Where the Worker is reached: its routes, custom domains and workers.dev URL. */
  readonly entries: readonly WorkerEntry[];
  /**
   * Set when which bucket it binds is not known before apply, at `path`: its bindings
   * (`bindings = var.bindings`, a `dynamic` block over a variable), one binding, its type, or an R2
   * binding's `bucket_name`. It may bind any bucket of its module, as a settings resource whose
   * bucket is not known may configure one.
   */
  readonly mayBind?: { readonly path: string; readonly value: Unknown };
}

/** One way requests reach a Worker. */
export type WorkerEntry = WorkerHost | WorkersDevUrl;

/** A route (`cloudflare_workers_route`) or custom domain (`cloudflare_workers_custom_domain`). */
export interface WorkerHost extends Source {
  readonly kind: 'route' | 'custom-domain';
  /** A route's `pattern` (`downloads.acme.dev/*`), a custom domain's `hostname`. */
  readonly host: Attr<string>;
  /** The Access self-hosted applications that cover the whole of the host (as for `R2Domain`). */
  readonly accessApps?: readonly AccessApp[];
}

/** The Worker's workers.dev URL, as a `cloudflare_workers_script_subdomain` turns it on or off. */
export interface WorkersDevUrl extends Source {
  readonly kind: 'workers-dev';
  readonly enabled: Attr<boolean>;
  /**
   * The Access self-hosted applications that cover its host, `<script>.<subdomain>.workers.dev`,
   * when the scan declares the account's subdomain (`cloudflare_workers_subdomain`).
   */
  readonly accessApps?: readonly AccessApp[];
}

export interface AccessApp extends Source {
  /**
   * The policies it applies: those it lists (`policies`) and those that name it
   * (`application_id`); undefined when some are not known before apply, or a policy that names no
   * application the scan declares may be one of them.
   */
  readonly policies: readonly AccessPolicy[] | undefined;
  /**
   * Set when its `type` is not known before apply: it protects the hostnames it names only if it
   * is self-hosted, so its policies cannot be shown to turn visitors away.
   */
  readonly typeUnknown?: Unknown;
}

export interface AccessPolicy extends Source {
  /** `allow`, `deny`, `non_identity` (service auth) or `bypass` (Access not enforced). */
  readonly decision: Attr<string>;
  /**
   * Whether its include rules let in everyone (`everyone`, an `ip` of `0.0.0.0/0` or `::/0`);
   * undefined when not known: a value not known before apply, or an Access group, whose members
   * are not read.
   */
  readonly includesEveryone: boolean | undefined;
  /**
   * Whether it has require rules that narrow whom it lets in, which every visitor must also meet;
   * undefined when they are not known before apply.
   */
  readonly requiresMore: boolean | undefined;
}

export interface R2Bucket extends BucketBase {
  readonly service: 'r2';
  readonly accountId?: string;
  readonly jurisdiction?: string;
  readonly managedDomain?: R2Domain;
  readonly customDomains: readonly R2Domain[];
  /** The Workers that bind the bucket (an R2 binding) and are reached from the internet. */
  readonly workers?: readonly R2Worker[];
  /**
   * Set for an `aws_s3_bucket` whose AWS provider points at an R2 endpoint. S3 access controls
   * declared on it have no effect on R2 and are listed here, not applied.
   */
  readonly viaAwsProvider?: {
    readonly providerRange: Range;
    readonly ineffectiveControls: readonly Source[];
  };
}

export interface GcsMember {
  readonly member: string;
  readonly role?: string;
  readonly range: Range;
}

export interface GcsIam extends Source {
  readonly members: readonly GcsMember[];
  /** Members that could not be evaluated. */
  readonly unknown: boolean;
  /** Where they are written, when not at `range`: the `dynamic "binding"` block of its policy. */
  readonly unknownRange?: Range;
  /**
   * Set for IAM on a managed folder, which grants on the objects whose names start with the
   * folder's name (`nightly/`), not on the whole bucket.
   */
  readonly managedFolder?: Attr<string>;
}

export interface GcsAcl extends Source {
  readonly predefined: Attr<string>;
  /** `READER:allUsers`-style entries, or entity/role pairs of the access-control resources. */
  readonly entities: readonly {
    readonly entity: string;
    readonly role?: string;
    readonly range: Range;
  }[];
  /** Entries not known before apply that could grant everyone (`entity = var.entity`). */
  readonly undecided?: readonly {
    readonly entity: Unknown;
    readonly role?: string;
    readonly range: Range;
  }[];
  readonly scope: 'bucket' | 'default-object' | 'object';
}

/**
 * An organization policy that enforces `constraints/storage.publicAccessPrevention` where it is
 * set, which a bucket whose `public_access_prevention` is "inherited" follows: the GCS twin of
 * S3's account-level public access block.
 */
export interface PreventionPolicy extends Source {
  /** Where it is set: `projects/acme-prod`, `folders/123`, `organizations/456`. */
  readonly parent: string;
}

export interface GcsBucket extends BucketBase {
  readonly service: 'gcs';
  readonly publicAccessPrevention: Attr<string>;
  /**
   * The policy in the scanned Terraform that enforces public access prevention on the bucket's
   * project (or on the folder or organization Terraform shows the project in), when it is the one
   * the project's effective policy comes from.
   */
  readonly organizationPrevention?: PreventionPolicy;
  readonly uniformBucketLevelAccess: Attr<boolean>;
  readonly iam: readonly GcsIam[];
  readonly acls: readonly GcsAcl[];
  readonly website?: Website;
  /**
   * The `google_storage_managed_folder`s in the bucket. Cloud Storage creates managed folders
   * only in buckets with uniform bucket-level access on.
   */
  readonly managedFolders?: readonly Source[];
  /**
   * The `google_compute_backend_bucket`s that serve the bucket through a load balancer: each is an
   * endpoint of the bucket, as a CloudFront distribution is of an S3 bucket.
   */
  readonly backendBuckets?: readonly GcsBackendBucket[];
}

/**
 * A load balancer's backend bucket, as it serves one Cloud Storage bucket. It reads the bucket with
 * a Google service account (the Cloud CDN fill account), which a private bucket can grant, and
 * serves it to anyone who reaches the load balancer: signed URL keys do not refuse unsigned
 * requests. Only a Cloud Armor edge security policy can turn viewers away.
 */
export interface GcsBackendBucket extends Source {
  /** `edge_security_policy`: a Cloud Armor policy whose rules may refuse some viewers. */
  readonly edgeSecurityPolicy: Attr<string>;
  /**
   * The `google_compute_security_policy` that `edgeSecurityPolicy` is, when the scan declares it:
   * by a reference to it alone, or by its name or self link.
   */
  readonly edgePolicy?: ArmorPolicy;
}

/** A Cloud Armor security policy: the first of its enforced rules that matches a request decides. */
export interface ArmorPolicy extends Source {
  /**
   * `type`: only a `CLOUD_ARMOR_EDGE` policy filters the requests to a backend bucket; one of
   * another type (`CLOUD_ARMOR`, the default when omitted) is a backend policy, for backend
   * services, and turns no viewer of the bucket away.
   */
  readonly type: Attr<string>;
  /**
   * Its `rule` blocks and the `google_compute_security_policy_rule` resources that name it;
   * undefined when some are not known before apply (a `dynamic "rule"`, a rule resource whose
   * policy is not known). Cloud Armor adds a default rule (priority 2147483647) that allows every
   * request to a policy created with none.
   */
  readonly rules: readonly ArmorRule[] | undefined;
}

export interface ArmorRule extends Source {
  /** `allow`, `deny(403)`, `throttle`, `rate_based_ban`, `redirect`. */
  readonly action: Attr<string>;
  /** From 0, evaluated first, to 2147483647, the default rule that matches every request. */
  readonly priority: Attr<number>;
  /** `preview = true`: Cloud Armor logs what the rule would do and does not enforce it. */
  readonly preview: Attr<boolean>;
}
