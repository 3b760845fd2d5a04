import type { ArtifactObservation } from './artifact.js';
import type { Bucket, BucketService } from './bucket.js';
import type { RelatedLocation, Severity } from './finding.js';
import type { Diagnostic, Inventory } from './inventory.js';
import type { StorageLink } from './link.js';
import type { Range } from './source.js';

/**
 * Rule metadata: the single source of the engine's behaviour, the rule docs, `posture explain` and
 * the SARIF rule descriptors.
 */
export interface RuleMeta {
  /** Stable id, kebab-case, prefixed by the area: `s3-public-policy`, `link-release-bucket`. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  /** Why it matters, in a paragraph. */
  readonly why: string;
  /** How to fix it, in a paragraph. */
  readonly fix: string;
  readonly bad: Example;
  readonly good: Example;
  readonly tags: readonly string[];
  readonly cwe: readonly string[];
  readonly precision: 'very-high' | 'high' | 'medium' | 'low';
  /**
   * Set for a rule loaded from `--rules-dir`: Posture hosts no page for it, so its help link is the
   * one the rule file names, or none.
   */
  readonly user?: { readonly helpUri?: string };
}

export interface Example {
  /** `hcl`, `yaml`, `json`, `shell`, … */
  readonly language: string;
  readonly code: string;
}

/** What a rule reports; the engine adds the rule id, severity, bucket address and release evidence. */
export interface FindingDraft {
  readonly message: string;
  readonly location: Range;
  readonly related?: readonly RelatedLocation[];
  /** The resources besides the bucket that cause it (`Finding.resources`). */
  readonly resources?: readonly string[];
  /** Lower the rule's severity, e.g. for exposure neutralised by another control. */
  readonly severity?: Severity;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface Facts {
  readonly inventory: Inventory;
  readonly buckets: readonly Bucket[];
  readonly links: readonly StorageLink[];
  /** The day the scan judges against (YYYY-MM-DD): what expires before it has expired. */
  readonly today?: string;
}

export interface BucketRule<S extends BucketService = BucketService> {
  readonly kind: 'bucket';
  readonly meta: RuleMeta;
  readonly services: readonly S[];
  /** Runs for buckets in scope (release-use, or all with `--scope all`). */
  check(bucket: Extract<Bucket, { service: S }>, facts: Facts): FindingDraft[];
}

export interface LinkRule {
  readonly kind: 'link';
  readonly meta: RuleMeta;
  /** `bucket` is the Terraform bucket the link resolves to, if any. */
  check(link: StorageLink, bucket: Bucket | undefined, facts: Facts): FindingDraft[];
}

export interface DiagnosticRule {
  readonly kind: 'diagnostic';
  readonly meta: RuleMeta;
  /** Turns loader diagnostics into findings, so unreadable input fails the gate. */
  check(diagnostic: Diagnostic, facts: Facts): FindingDraft[];
}

export interface ArtifactRule {
  readonly kind: 'artifact';
  readonly meta: RuleMeta;
  /**
   * Runs on every observation of the shipped-artifact gate and reports the kinds it owns. `facts`
   * are the repository's, when it was scanned too (buckets that storage links resolve to).
   */
  check(observation: ArtifactObservation, facts: Facts): FindingDraft[];
}

export type Rule =
  | BucketRule<'s3'>
  | BucketRule<'r2'>
  | BucketRule<'gcs'>
  | BucketRule
  | LinkRule
  | DiagnosticRule
  | ArtifactRule;
