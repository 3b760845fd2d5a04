import type { GrantAccess, Range, RelatedLocation } from '@posture/model';

/**
 * One way a bucket can be read (or written) without credentials, found by the predicates of this
 * folder. The bucket rules report exposures; the link rules ask whether any of them holds.
 */
export interface Exposure {
  /** The id of the rule that reports this exposure. */
  readonly rule: string;
  /** The resource that opens it: `aws_s3_bucket_acl.releases`, `aws_s3_object.docs["a.tgz"]`. */
  readonly address: string;
  /** What opens the path: the attribute, policy statement, grant or block. */
  readonly range: Range;
  /** What opens the path, in words: `canned ACL "public-read" on aws_s3_bucket_acl.releases`. */
  readonly cause: string;
  /** The resource that holds the cause: the ACL, the policy, the domain. */
  readonly control: RelatedLocation;
  /** The control that keeps the path closed although it is declared. */
  readonly neutralisedBy?: Neutraliser;
  /** Set when the path depends on a value unknown before apply: why it cannot be decided. */
  readonly undecided?: string;
  /**
   * What would decide an undecided path, when no value known before apply would: a resource whose
   * rules Posture does not read. By default, giving the value one (`undecidedAdvice`).
   */
  readonly decidedBy?: string;
  /**
   * What the path lets everyone do, when a grant's permission or a policy's actions say so: a path
   * that only lists the bucket or reads an ACL is rated lower, and opens no link (`accessEffect`).
   * Unset when anything may be done, or what is not known.
   */
  readonly access?: readonly GrantAccess[];
  /** Where in the bucket the path opens, when not on all of it: `under managed folder "nightly/"`. */
  readonly within?: string;
  /** Set when the path opens only some of the bucket's objects: see `ObjectScope`. */
  readonly objects?: ObjectScope;
}

/**
 * The objects a path opens when it does not open them all, by IAM-style patterns of their names:
 * those of a managed folder, whose IAM grants on the objects whose names start with its name
 * (`nightly/*`), or those a policy statement's resources name (`public/*`, `releases/cli.tgz`,
 * `*.tgz`). The patterns are undefined when they are not known before apply (a managed folder's
 * name).
 */
export interface ObjectScope {
  readonly keys: readonly string[] | undefined;
}

export interface Neutraliser {
  /** `ignore_public_acls = true on aws_s3_bucket_public_access_block.releases`. */
  readonly what: string;
  readonly location: RelatedLocation;
}
