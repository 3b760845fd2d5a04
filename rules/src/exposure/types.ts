import type { GrantAccess, Range, RelatedLocation } from '@posture/model';

/**
 * One way a bucket can be read (or written) without credentials, found by the predicates of this
 * folder. The bucket rules report exposures; the link rules ask whether any of them holds.
 */
export interface Exposure {
  /** The id of the rule that reports this exposure. */
  readonly rule: string;
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
   * What the path lets everyone do, when a grant's permission or a policy's actions say so: a path
   * that only lists the bucket or reads an ACL is rated lower, and opens no link (`accessEffect`).
   * Unset when anything may be done, or what is not known.
   */
  readonly access?: readonly GrantAccess[];
  /** Where in the bucket the path opens, when not on all of it: `under "nightly/"`. */
  readonly within?: string;
  /** Set when the path opens only the objects of a managed folder: see `FolderScope`. */
  readonly folder?: FolderScope;
}

/**
 * A managed folder, whose IAM grants on the objects whose names start with its name (`nightly/`,
 * ending with `/`); the name is undefined when it is not known before apply.
 */
export interface FolderScope {
  readonly name: string | undefined;
}

export interface Neutraliser {
  /** `ignore_public_acls = true on aws_s3_bucket_public_access_block.releases`. */
  readonly what: string;
  readonly location: RelatedLocation;
}
