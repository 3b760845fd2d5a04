import type { Range } from './source.js';

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Higher is worse; for sorting and for `--fail-on`. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(severity);
}

export interface RelatedLocation {
  /** Short text for the link in the message: "bucket block", "public access block". */
  readonly label: string;
  readonly range: Range;
}

export interface Suppression {
  readonly kind: 'inline' | 'policy' | 'baseline';
  readonly reason: string;
  readonly approvedBy?: string;
  readonly expires?: string;
  readonly range?: Range;
}

export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  /** First sentence is the alert title; the rest explains and names the fix. */
  readonly message: string;
  /** The attribute that causes the finding, or the block when the cause is an absence. */
  readonly location: Range;
  readonly related: readonly RelatedLocation[];
  /** The bucket or resource address the finding is about, when there is one. */
  readonly address?: string;
  /**
   * The resources besides `address` that cause it, as its message names them: the bucket policy,
   * ACL, website configuration or domain that opens the bucket. An exception above one covers it.
   */
  readonly resources?: readonly string[];
  readonly properties?: Readonly<Record<string, unknown>>;
  suppression?: Suppression;
}
