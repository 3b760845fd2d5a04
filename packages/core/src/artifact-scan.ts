import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  emptyInventory,
  formatRange,
  relativeInside,
  REPOSITORY_MODULE_UNREAD,
  REPOSITORY_UNREAD,
  type ArtifactObservation,
  type Facts,
  type ScanResult,
} from '@posture/model';
// Types only: the artifact package is loaded when an artifact is scanned, not at every start-up.
import type { Inspection, ManifestError, manifestText } from '@posture/artifact';
import { builtinRules } from '@posture/rules';
import { commonAncestor, findBaseDir, gitTopLevel } from './base-dir.js';
import { judge, policyInForce, scanResult } from './judge.js';
import { customDomains, LinkMatcher } from './link-match.js';
import { policyBucketGlob } from './release.js';
import { repositoryUnread } from './repository-unread.js';
import type { Policy } from './policy/policy.js';
import { scan } from './scan.js';

export interface ArtifactScanOptions {
  /** Tarballs (`.tgz`), zips or package directories about to be packed. */
  readonly paths: readonly string[];
  /**
   * Where the package's package.json, `files` and `.npmignore` are: findings about a file sit at
   * the configuration that let it in. A directory scanned is its own; for an archive, the first of
   * these whose package.json names the same package.
   */
  readonly packageDirs?: readonly string[];
  /** A repository to scan for Terraform buckets, which storage links in the artifact resolve to. */
  readonly repo?: string;
  /**
   * How `repo` was chosen, for the report to say: `named` (the default), or the git `checkout`
   * found around the package; with no `repo`, `declined` when the caller chose to read none.
   */
  readonly repoChosen?: 'named' | 'checkout' | 'declined';
  /** An approved manifest to compare the (single) artifact with. */
  readonly manifest?: string;
  readonly policyFile?: string;
  readonly policy?: Partial<Policy>;
  readonly today?: string;
  readonly commandLine?: readonly string[];
}

export interface ArtifactScanReport {
  readonly result: ScanResult;
  readonly policy: Policy;
  readonly inspections: readonly Inspection[];
}

/**
 * The shipped-artifact gate: opens each artifact, checks what it would ship against the policy's
 * allowlist and every file's content, resolves storage links against the repository's Terraform
 * buckets, compares with an approved manifest, and runs the artifact rules. Never throws on a bad
 * artifact (it becomes a finding); a bad policy file or manifest throws, as for `scan()`.
 */
export async function scanArtifacts(options: ArtifactScanOptions): Promise<ArtifactScanReport> {
  const startTime = new Date().toISOString();
  const { compareManifest, inspectArtifact } = await import('@posture/artifact');
  const paths = options.paths.map((p) => resolve(p));
  const repo = options.repo === undefined ? undefined : resolve(options.repo);
  const packageDirs = (options.packageDirs ?? []).map((d) => resolve(d));
  // Bucket ranges are relative to the repository scanned, so it is the root when there is one;
  // else what the reports name files from, so that JSON's paths (relative to the root) are the
  // text's and SARIF's, and do not change with where the gate runs, as the directory around the
  // package and the working directory (a candidate package directory) would make them.
  const baseDir = reportBase(repo, paths, packageDirs);
  const root = repo ?? commonAncestor([baseDir, ...paths.map(directoryOf)]);
  const rules = builtinRules.filter((r) => r.kind === 'artifact' || r.kind === 'diagnostic');
  const artifactRules = new Set(rules.filter((r) => r.kind === 'artifact').map((r) => r.meta.id));
  const inForce = policyInForce(options, new Set(builtinRules.map((r) => r.meta.id)));
  const { policy } = inForce;
  const facts = repo
    ? (
        await scan({
          root: repo,
          policy: options.policy,
          policyFile: options.policyFile,
          today: options.today,
        })
      ).facts
    : emptyFacts(root);

  const inspections: Inspection[] = [];
  for (const path of paths) {
    inspections.push(
      await inspectArtifact({
        root,
        path,
        packageDir: packageDirs,
        repository: repositoryOf(directoryOf(path), repo),
        allowlist: policy.artifact,
        limits: policy.artifact.limits,
        customDomains: customDomains(facts.buckets),
      }),
    );
  }
  const manifest = options.manifest;
  const mismatches =
    manifest === undefined
      ? []
      : inspections.flatMap((i) => compareManifest(i, resolve(manifest), root));
  const matcher = new LinkMatcher(facts.buckets, policyBucketGlob(policy.release));
  const observations = [...inspections.flatMap((i) => i.observations), ...mismatches].map((o) =>
    resolveBucket(o, matcher),
  );

  // The artifact's notices (hits past a file's cap) go in the report, and a note of each of the
  // repository's files that could not be read and module calls whose module was not, which may
  // declare the bucket of a link.
  const unread = repositoryUnread(facts.inventory.diagnostics);
  const notices = [...inspections.flatMap((i) => i.notices), ...unread];
  const gateFacts: Facts = { ...facts, inventory: { ...facts.inventory, diagnostics: notices } };
  const { findings, diagnostics } = judge({
    root,
    inForce,
    facts: gateFacts,
    rules,
    directives: [],
    artifacts: observations,
    today: options.today,
    // Every finding about the packages inspected is in this run, and only here do they arise.
    judgesPolicyExceptions: (rule) => artifactRules.has(rule),
  });
  const result = scanResult({
    root,
    baseDir,
    startTime,
    commandLine: options.commandLine,
    inForce,
    rules,
    findings,
    files: inspections.flatMap((i) => i.scanned),
    diagnostics,
    executionSuccessful: !observations.some((o) => o.kind === 'unreadable'),
    summary: {
      buckets: facts.buckets.length,
      releaseBuckets: facts.buckets.filter((b) => b.release.length > 0).length,
      links: observations.filter((o) => o.kind === 'storage-link').length,
      filesScanned: inspections.reduce((n, i) => n + i.files.length, 0),
    },
  });
  const unreadFiles = unread.filter((n) => n.code === REPOSITORY_UNREAD).map((n) => n.range.file);
  const read = {
    files: facts.inventory.files.filter((file) => !unreadFiles.includes(file.path)).length,
    buckets: facts.buckets.length,
    unread: unreadFiles,
    modules: unread
      .filter((note) => note.code === REPOSITORY_MODULE_UNREAD)
      .map((note) => formatRange(note.range)),
  };
  const terraform: ScanResult['terraform'] =
    repo !== undefined
      ? { root: repo, chosen: options.repoChosen === 'checkout' ? 'checkout' : 'named', ...read }
      : { chosen: options.repoChosen === 'declined' ? 'declined' : 'none', ...read };
  return { result: { ...result, terraform }, policy, inspections };
}

/**
 * The repository a package lives in, which nothing read for its file list may lead out of and a
 * workspace root is looked for no higher than: its git checkout; else --repo (`named`) when the
 * package is in it. The directory around a checkout (`posture artifact .` run in it) holds the
 * runner's files, not the package's. A package in no checkout, nor in --repo, is its own
 * directory: what is above it is nobody's the gate was told of (a shared /tmp, the runner's
 * work directory), and an `.npmignore` there would hide the files it names; nor is it bounded
 * by the working directory, which would make the files judged depend on where the gate runs.
 */
function repositoryOf(dir: string, named: string | undefined): string {
  const inNamed = named !== undefined && relativeInside(named, dir) !== undefined;
  return gitTopLevel(dir) ?? (inNamed ? named : dir);
}

/**
 * What report paths are relative to: the repository scanned, or the one the package lives in,
 * wherever the tarball is; outside any checkout, the package directory or the archive's, so that
 * the paths, SARIF URIs and fingerprints of one package do not change with where it is checked.
 */
function reportBase(
  repo: string | undefined,
  paths: readonly string[],
  packageDirs: readonly string[],
): string {
  if (repo !== undefined) return findBaseDir(repo);
  const near = directoryOf(paths[0] ?? '.');
  return gitTopLevel(near) ?? packageDirs.map(gitTopLevel).find((top) => top) ?? near;
}

/** Storage links found in shipped files, resolved to the Terraform bucket they name. */
function resolveBucket(
  observation: ArtifactObservation,
  matcher: LinkMatcher,
): ArtifactObservation {
  if (observation.kind !== 'storage-link' && observation.kind !== 'source-map-url')
    return observation;
  if (!observation.link) return observation;
  const { link, bucket } = matcher.resolve(observation.link);
  return { ...observation, link, ...(bucket && { bucket }) };
}

function emptyFacts(root: string): Facts {
  return {
    inventory: emptyInventory(root),
    buckets: [],
    links: [],
  };
}

function directoryOf(path: string): string {
  try {
    return statSync(path).isDirectory() ? path : dirname(path);
  } catch {
    return dirname(path);
  }
}

/** What the CLI needs to write an artifact's manifest and to tell a bad one from other errors. */
export interface ManifestSupport {
  readonly manifestText: typeof manifestText;
  readonly ManifestError: typeof ManifestError;
}

/**
 * Manifest support from the artifact package, loaded on first use: re-exporting it statically would
 * load the whole package (archive readers and all) for every repository scan too.
 */
export async function manifestSupport(): Promise<ManifestSupport> {
  const { manifestText, ManifestError } = await import('@posture/artifact');
  return { manifestText, ManifestError };
}
