import { ownEntry, type Severity, type ShippedType } from '@posture/model';

/**
 * The release policy: what "release" means, what the gate fails on, and the exceptions. Every
 * field has a default, so a repository with no policy file gets the rule the product exists for.
 */
export interface Policy {
  /** Who is accountable for the policy; shown in every report. */
  readonly owner?: string;
  readonly release: ReleaseSelectors;
  /** `release`: bucket rules apply to release-use buckets; `all`: to every bucket. */
  readonly scope: 'release' | 'all';
  /** `none`: the gate never fails on findings (a report-only run). */
  readonly failOn: Severity | 'none';
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Hosts meant to be public (a CDN in front of a bucket): links to them are not findings. */
  readonly allowedPublicDomains: readonly string[];
  /**
   * Globs over paths that are not scanned (`examples/**`, `test/fixtures/**`), relative to the
   * policy file's directory (the scan root without a file): no root module, Terragrunt unit or
   * build configuration is read there. A module that a scanned root calls is still read, to
   * evaluate the call.
   */
  readonly exclude: readonly string[];
  readonly exceptions: readonly PolicyException[];
  /** What a package may ship (`posture artifact`). */
  readonly artifact: ArtifactPolicy;
}

/**
 * The shipped-artifact allowlist. With neither `allow` nor `allowTypes`, everything ships except the
 * types that must not (source maps, declaration maps, env files, credentials files, keys,
 * certificates, `.npmrc`, archives, and TypeScript sources beside built code). With either, a file ships only if a glob or a type admits it; the
 * dangerous types only ever by type.
 */
export interface ArtifactPolicy {
  /** Globs over paths inside the package (`dist/**`). */
  readonly allow: readonly string[];
  readonly allowTypes: readonly ShippedType[];
  /** Bounds on reading one artifact; the rest keep their defaults. */
  readonly limits: {
    readonly maxEntries?: number;
    readonly maxEntryBytes?: number;
    readonly maxTotalBytes?: number;
    readonly maxRatio?: number;
  };
}

/** A justified exception from the policy file: it suppresses matching findings until it expires. */
export interface PolicyException {
  readonly rule: string;
  /** Globs; every one given must match the finding. `file` is relative to the policy's directory. */
  readonly target: { readonly address?: string; readonly bucket?: string; readonly file?: string };
  readonly reason: string;
  readonly approvedBy?: string;
  /** YYYY-MM-DD: the exception applies through this day. */
  readonly expires?: string;
  /** Where it is written (absolute path and line), for findings about the exception itself. */
  readonly file?: string;
  readonly line?: number;
}

export interface RuleSetting {
  readonly enabled?: boolean;
  readonly severity?: Severity;
}

export interface TagSelector {
  readonly key: string;
  /** The tag's value equals one of these (case-insensitive)… */
  readonly values?: readonly string[];
  /** …or contains this text (case-insensitive). */
  readonly contains?: string;
}

export interface ReleaseSelectors {
  /** Applied to AWS tags and GCS labels, after merging provider defaults. */
  readonly tags: readonly TagSelector[];
  /** Globs over bucket names, case-insensitive. */
  readonly names: readonly string[];
  /** Honour `# posture:release` annotations (the only way to mark an R2 bucket explicitly). */
  readonly annotations: boolean;
  /** A bucket a release/publish step uploads to is release-use. */
  readonly pipeline: boolean;
  /** Bucket names or addresses (globs) declared release-use by the policy itself. */
  readonly buckets: readonly string[];
}

export const DEFAULT_POLICY: Policy = {
  release: {
    tags: [
      { key: 'release', values: ['true', 'yes', '1'] },
      { key: 'purpose', contains: 'release' },
      { key: 'usage', contains: 'release' },
      { key: 'role', contains: 'release' },
    ],
    // `dist` as the last word or one before a suffix: acme-dist, acme-dist-prod, acme-dist-${env}.
    names: ['*release*', '*releases*', '*-dist', '*-dist-*', '*downloads*', '*artifacts*'],
    annotations: true,
    pipeline: true,
    buckets: [],
  },
  scope: 'release',
  failOn: 'high',
  rules: {},
  allowedPublicDomains: [],
  exclude: [],
  exceptions: [],
  artifact: { allow: [], allowTypes: [], limits: {} },
};

/**
 * The policy's setting for a rule, read as the table's own key: a user rule may be named
 * `constructor`, which every object inherits.
 */
export function ruleSetting(policy: Pick<Policy, 'rules'>, id: string): RuleSetting | undefined {
  return ownEntry(policy.rules, id);
}
