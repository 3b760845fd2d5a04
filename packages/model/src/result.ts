import type { Finding } from './finding.js';
import type { Diagnostic, ScannedFile } from './inventory.js';
import type { RuleMeta } from './rule.js';

/** Everything a reporter needs, and nothing it must compute: reporters only format. */
export interface ScanResult {
  readonly tool: { readonly name: 'posture'; readonly version: string };
  /** Absolute scan root. */
  readonly root: string;
  /** Absolute directory that report paths are relative to: the git top level, else the root. */
  readonly baseDir: string;
  /** Findings sorted by severity, then location; suppressed ones carry `suppression`. */
  readonly findings: readonly Finding[];
  /** Metadata of every rule that ran, at the severity it ran at: the policy's, if it sets one. */
  readonly rules: readonly RuleMeta[];
  readonly files: readonly ScannedFile[];
  readonly diagnostics: readonly Diagnostic[];
  readonly policy?: {
    /** Absolute: each report names it as it names files (`RepoPaths`, `reportedPath`). */
    readonly path?: string;
    readonly sha256?: string;
    readonly owner?: string;
  };
  readonly invocation: {
    readonly startTime: string;
    readonly endTime: string;
    /** Argument vector with secrets removed. */
    readonly commandLine?: readonly string[];
    /** False when the scan could not read some input; the gate then fails closed. */
    readonly executionSuccessful: boolean;
  };
  /**
   * The shipped-artifact gate's Terraform, which storage links were judged against: the repository
   * scanned for buckets, absolute, and how it was chosen: `named` by the caller (`--repo`), the git
   * `checkout` found around the package; none read because the caller `declined` (`--no-repo`),
   * or because there was `none` to find. Then what came of reading it (`TerraformRead`).
   */
  readonly terraform?: (
    | { readonly root: string; readonly chosen: 'named' | 'checkout' }
    | { readonly root?: undefined; readonly chosen: 'declined' | 'none' }
  ) &
    TerraformRead;
  readonly summary: {
    readonly buckets: number;
    readonly releaseBuckets: number;
    readonly links: number;
    /**
     * How many files were checked, when not one for each of `files`: the files an artifact ships,
     * which an archive holds while `files` lists the archive alone, its hash the evidence.
     */
    readonly filesScanned?: number;
  };
}

/**
 * How much of the artifact gate's Terraform was read: a repository with no bucket judges no link
 * against a release bucket, and one whose files could not all be read may declare the bucket of a
 * link it judged as one to no bucket.
 */
export interface TerraformRead {
  /** Terraform files read (`.tf`, `.tf.json`, tfvars, Terragrunt units), but those unread. */
  readonly files: number;
  /** Buckets found there: declared in Terraform, or uploaded to by a build step. */
  readonly buckets: number;
  /** Files (or directories) that could not be read, relative to the scan root. */
  readonly unread: readonly string[];
  /**
   * Module calls whose module was not read (not installed, a git source, outside the root), as
   * `file:line` of the call.
   */
  readonly modules: readonly string[];
}
