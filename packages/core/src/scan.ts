import { statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import {
  addTo,
  emptyInventory,
  isUnreadInput,
  readDirectory,
  unlistedDirectory,
  type Bucket,
  type Diagnostic,
  type Facts,
  type Inventory,
  type ListDirectory,
  type Listing,
  type Rule,
  type ScanResult,
  type OnComments,
  type StorageLink,
  type Value,
} from '@posture/model';
import {
  excludedWithin,
  extractCommandLinks,
  extractLinks,
  isBuildFile,
  listBuildFiles,
  ParseAhead,
  ReadAhead,
  terraformRuns,
  type CustomDomain,
  type ExtractOptions,
} from '@posture/buildconfig';
import {
  LoadCache,
  loadTerraform,
  type LoadProgress,
  type LoadTerraformOptions,
} from '@posture/hcl';
import type { PlanText } from '@posture/plan';
import { builtinRules } from '@posture/rules';
import { adapt, ADAPTED } from './adapters/index.js';
import { findBaseDir } from './base-dir.js';
import {
  ciCommandLines,
  ciEnvironments,
  ciVariablesUnread,
  type CommandLines,
  type Environments,
} from './ci-environments.js';
import { judge, policyInForce, scanResult } from './judge.js';
import { customDomains, LinkMatcher } from './link-match.js';
import { commandTexts } from './terraform-commands.js';
import { DirectiveCollector } from './policy/directives.js';
import { exclusions } from './policy/exclusions.js';
import type { LoadedPolicy } from './policy/load.js';
import type { Policy } from './policy/policy.js';
import { ReleaseAnnotations } from './release-annotations.js';
import { classifyRelease, policyBucketGlob } from './release.js';
import { namedPaths } from './named-paths.js';
import { uploadedBuckets } from './uploaded-buckets.js';
import { withoutSiteDeploys } from './site-deploys.js';

export interface ScanOptions {
  /** Directory to scan; every reported path is relative to it. */
  readonly root: string;
  /** Parts of the root to read, relative to it (`['infra', 'app']`); the whole root by default. */
  readonly paths?: readonly string[];
  /**
   * `terraform show -json` plan or state files (or their text, e.g. read from standard input),
   * read instead of evaluating the HCL's resources.
   */
  readonly plans?: readonly (string | PlanText)[];
  /** Read `.tf` files under the root (default true). Off when only a plan is scanned. */
  readonly terraform?: boolean;
  /** Read build configurations for links (default true). */
  readonly buildConfigs?: boolean;
  readonly vars?: Readonly<Record<string, Value>>;
  readonly varFiles?: readonly string[];
  /** The Terraform workspace, for `terraform.workspace` (default: not known). */
  readonly workspace?: string;
  /**
   * A policy file to load (`posture.config.yaml`; a bad one throws `PolicyError`), or one loaded
   * already by `loadPolicyFile`.
   */
  readonly policyFile?: string | LoadedPolicy;
  /** Policy settings that override the file's (e.g. from command-line flags); then the defaults. */
  readonly policy?: Partial<Policy>;
  /** The day exceptions and signed URLs expire against, YYYY-MM-DD; today (UTC) by default. */
  readonly today?: string;
  /** Rules run in addition to the built-in catalogue (e.g. loaded from a user rules directory). */
  readonly extraRules?: readonly Rule[];
  /** Argument vector for the report's evidence, with secrets already removed. */
  readonly commandLine?: readonly string[];
  /** Called as the scan advances, for a progress display. */
  readonly onProgress?: (progress: ScanProgress) => void;
  /** Globs of paths not scanned, added to the policy's `exclude` (e.g. from `--exclude`). */
  readonly exclude?: readonly string[];
  /** The directory `exclude` is relative to: the working directory of `--exclude`, else the root. */
  readonly excludeBase?: string;
}

export interface ScanProgress {
  /** Reading Terraform, then build configurations, then running the rules. */
  readonly phase: 'terraform' | 'build-configs' | 'rules';
  /** Terraform files read so far. */
  readonly files: number;
  /** Terraform module instances evaluated so far. */
  readonly modules: number;
}

export interface ScanReport {
  readonly result: ScanResult;
  readonly facts: Facts;
  /** The policy in force: file, then overrides, then defaults. */
  readonly policy: Policy;
  /** Each directory's listing as the scan read it, for reporters, so they list none again. */
  readonly listDirectory: ListDirectory;
}

/**
 * Scans a repository: loads Terraform (HCL and plans) into one inventory, adapts it to bucket
 * facts, extracts build links, decides release-use, runs the rules. Never throws on bad input:
 * what cannot be read, a path named that is not there too, becomes a diagnostic and a finding, so
 * the gate fails closed.
 */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const startTime = new Date().toISOString();
  const root = resolve(options.root);
  const rules = [...builtinRules, ...(options.extraRules ?? [])];
  const inForce = policyInForce(options, new Set(rules.map((r) => r.meta.id)));
  const { policy } = inForce;
  let loaded = { files: 0, modules: 0 };
  const progress = (phase: ScanProgress['phase']) => options.onProgress?.({ phase, ...loaded });
  // Inline exceptions and release annotations are read from each file's comments as it is loaded,
  // not by reading it again.
  const directives = new DirectiveCollector();
  const releaseAnnotations = new ReleaseAnnotations();
  const onComments: OnComments = (path, text, comments) => {
    directives.onComments(path, text, comments);
    releaseAnnotations.onComments(path, text, comments);
  };
  const { excluded } = exclusions(root, options, { exclude: policy.exclude, file: inForce.file });
  const tree = { excluded, listDirectory: listingOnce() };
  const named = namedPaths(root, options.paths, excluded);
  const paths = named.read;
  const buildFiles = options.buildConfigs === false ? undefined : listBuild(root, paths, tree);
  // The CI steps that run Terraform give its roots variables, so they are read first; the files
  // read are handed to the read for links.
  const ahead = new ReadAhead(root);
  const parses = new ParseAhead();
  const ciRead = buildFiles && ciFiles(root, paths, buildFiles, tree);
  const ran = ciRead && terraformRuns(root, ciRead, ahead.read, parses.parse);
  const environment = ran && ciEnvironments(ran.runs);
  const commandLine = ran && ciCommandLines(ran.runs);
  const inventory = await loadInventory(
    root,
    { ...options, paths },
    { ...tree, environment, commandLine },
    onComments,
    (p) => {
      loaded = p;
      progress('terraform');
    },
  );
  const { buckets: adapted, diagnostics: adaptDiagnostics } = adapt(inventory);
  progress('build-configs');
  const domains = customDomains(adapted);
  const build =
    buildFiles &&
    readBuildLinks(
      root,
      paths,
      { ...buildFiles, read: ahead.take, parse: parses.take },
      tree,
      domains,
      directives.onComments,
    );
  const provisioned = extractCommandLinks(root, commandTexts(inventory.commands, adapted), {
    customDomains: domains,
  });
  const declared = new LinkMatcher(adapted);
  const extracted = withoutSiteDeploys([...(build?.links ?? []), ...provisioned.links], declared);
  const buckets = [...adapted, ...uploadedBuckets(extracted, declared)];
  const matcher = new LinkMatcher(buckets, policyBucketGlob(policy.release));
  const linkTargets = new Map<StorageLink, Bucket>();
  const links = extracted.map((found) => {
    const { link, bucket } = matcher.resolve(found);
    if (bucket) linkTargets.set(link, bucket);
    return link;
  });
  classifyRelease(buckets, uploadsByBucket(linkTargets), policy.release);
  const unusedAnnotations = policy.release.annotations ? releaseAnnotations.unused(buckets) : [];

  const files = [...inventory.files, ...(build?.files ?? []), ...provisioned.files];
  const said = saidOnce(inventory.diagnostics, build?.diagnostics ?? []);
  const facts: Facts = {
    inventory: {
      ...inventory,
      diagnostics: [
        ...named.unread,
        ...said.terraform,
        ...adaptDiagnostics,
        ...said.build,
        ...(ran?.diagnostics ?? []),
        ...(ran ? ciVariablesUnread(ran.runs, buckets) : []),
        ...provisioned.diagnostics,
        ...unusedAnnotations,
      ],
    },
    buckets,
    links,
  };
  progress('rules');
  const { findings, diagnostics } = judge({
    root,
    inForce,
    facts,
    rules,
    directives: directives.directives,
    linkTargets,
    today: options.today,
  });
  const result = scanResult({
    root,
    baseDir: findBaseDir(root),
    startTime,
    commandLine: options.commandLine,
    inForce,
    rules,
    findings,
    files,
    diagnostics,
    executionSuccessful: !diagnostics.some((d) => d.severity === 'error'),
    summary: {
      buckets: buckets.length,
      releaseBuckets: buckets.filter((b) => b.release.length > 0).length,
      links: links.length,
    },
  });
  return { result, facts, policy, listDirectory: tree.listDirectory };
}

/** What both walks of the tree share: what is excluded, and each directory's listing. */
interface Tree {
  readonly excluded: (path: string) => boolean;
  readonly listDirectory: ListDirectory;
}

async function loadInventory(
  root: string,
  options: ScanOptions,
  {
    excluded,
    listDirectory,
    environment,
    commandLine,
  }: Tree & { environment?: Environments; commandLine?: CommandLines },
  onComments: OnComments,
  onProgress: (progress: LoadProgress) => void,
): Promise<Inventory> {
  // One cache for both loads: a plan's reload of its root reads and parses no file again.
  const cache = new LoadCache(root, ADAPTED);
  const load = (
    more: Omit<LoadTerraformOptions, 'root' | 'focus' | 'skip' | 'cache' | 'listDirectory'>,
  ) =>
    loadTerraform({
      root,
      focus: ADAPTED,
      skip: excluded,
      cache,
      listDirectory,
      workspace: options.workspace,
      ...more,
    });
  const config =
    options.terraform === false
      ? emptyInventory(root)
      : load({
          paths: options.paths,
          vars: options.vars,
          varFiles: options.varFiles?.map((f) => resolve(f)),
          environment,
          commandLine,
          onComments,
          onProgress,
        });
  if ((options.plans ?? []).length === 0) return config;
  // Imported only when a plan is given: its schema validator is a cost most scans do not need.
  const { withPlans } = await import('./plans.js');
  return withPlans(config, options.plans ?? [], {
    root,
    commandLineVariables:
      Object.keys(options.vars ?? {}).length > 0 || (options.varFiles ?? []).length > 0,
    reload: (paths, rootVars, rootInstances) => load({ paths, rootVars, rootInstances }),
  });
}

/** The build files of the scan, and the directories that could not be listed for them. */
interface BuildFiles {
  readonly files: readonly string[];
  readonly unlisted: readonly Diagnostic[];
}

function listBuild(
  root: string,
  paths: readonly string[] | undefined,
  { excluded, listDirectory }: Tree,
): BuildFiles {
  const under = paths?.map((p) => (isDirectory(join(root, p)) ? p : posix.dirname(p)));
  const unlisted: Diagnostic[] = [];
  const onUnlisted = (dir: string, reason: string) => {
    unlisted.push(unlistedDirectory(dir, reason));
  };
  const files = listBuildFiles(root, { excluded, listDirectory, under, onUnlisted }).filter((f) =>
    within(f, paths),
  );
  return { files, unlisted };
}

/**
 * The build files whose CI steps may run Terraform on the roots scanned: those of a scan of parts
 * of the root, and the CI files of the repository's top (`.github/workflows`, `.gitlab-ci.yml`),
 * which run Terraform wherever the part is.
 */
function ciFiles(
  root: string,
  paths: readonly string[] | undefined,
  { files }: BuildFiles,
  { excluded, listDirectory }: Tree,
): string[] {
  if (paths === undefined) return [...files];
  const top = listDirectory(root)
    .filter((entry) => !entry.isDirectory() && !excluded(entry.name))
    .map((entry) => entry.name)
    .filter((name) => isBuildFile(root, name));
  const github = listBuildFiles(root, { excluded, listDirectory, under: ['.github'] });
  return [...new Set([...files, ...top, ...github])];
}

function readBuildLinks(
  root: string,
  paths: readonly string[] | undefined,
  { files, unlisted, read, parse }: BuildFiles & Pick<ExtractOptions, 'read' | 'parse'>,
  { excluded }: Tree,
  domains: readonly CustomDomain[],
  onComments: OnComments,
) {
  const extracted = extractLinks(root, files, {
    customDomains: domains,
    onComments,
    // A script a build file runs is read where it is, unless that is excluded.
    followScripts: (f) => within(f, paths) && !excludedWithin(f, excluded),
    excluded: (f) => excludedWithin(f, excluded),
    read,
    parse,
  });
  return { ...extracted, diagnostics: [...unlisted, ...extracted.diagnostics] };
}

/**
 * The diagnostics of the Terraform walk and of the build-file walk, what both say said once: they
 * list the same directories, and both say what they could not read there (a directory they could
 * not list; a symlink out of the root to a directory, which a `.npmrc` may be). It is said where
 * the Terraform walk says it, in the build-file walk's words, which may say more: what a `.npmrc`
 * not read left unlearned.
 */
function saidOnce(terraform: readonly Diagnostic[], build: readonly Diagnostic[]) {
  const inBuild = new Map(build.map((d) => [saying(d), d]));
  const inTerraform = new Set(terraform.map(saying));
  return {
    terraform: terraform.map((d) => inBuild.get(saying(d)) ?? d),
    build: build.filter((d) => !inTerraform.has(saying(d))),
  };
}

/**
 * What a diagnostic says where, as two walks that find the same thing say it. That input at a
 * place was not read is one thing however a walk words it (the Terraform walk's
 * `path-outside-root`, the build-file read's `build-file-unreadable`, which may say more): it is
 * told by its place alone. Anything else by its words.
 */
function saying(diagnostic: Diagnostic): string {
  const { file, start, end } = diagnostic.range;
  return isUnreadInput(diagnostic)
    ? `unread\0${file}\0${start.offset}\0${end.offset}`
    : `${diagnostic.severity}\0${file}\0${diagnostic.message}`;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function within(file: string, paths: readonly string[] | undefined): boolean {
  return (
    paths === undefined || paths.some((p) => p === '.' || file === p || file.startsWith(`${p}/`))
  );
}

function uploadsByBucket(targets: ReadonlyMap<StorageLink, Bucket>): Map<Bucket, StorageLink[]> {
  const map = new Map<Bucket, StorageLink[]>();
  for (const [link, bucket] of targets) addTo(map, bucket, link);
  return map;
}

/**
 * Lists each directory once for the whole scan: the Terraform walk and build-file discovery both
 * walk the tree.
 */
function listingOnce(): ListDirectory {
  const listings = new Map<string, Listing>();
  return (dir) => {
    let entries = listings.get(dir);
    if (!entries) {
      entries = readDirectory(dir);
      listings.set(dir, entries);
    }
    return entries;
  };
}
