import { closeSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import {
  commonAncestor,
  gitTopLevel,
  isBuildFile,
  isModuleFile,
  relativeInside,
  STANDARD_INPUT,
  unreadableReason,
} from '@posture/core';
import { UsageError } from './exit-codes.js';
import { refuseLeaving } from './input-file.js';
import { checkoutTrees } from './checkout-trees.js';

export interface Targets {
  readonly root: string;
  /** Where the policy file is looked for: the directory named, or the one holding all named. */
  readonly start: string;
  readonly plans: string[];
  /** False when only plan files were named: there is no configuration directory to read. */
  readonly terraform: boolean;
  /** The named directories and files relative to the root, when not the whole root. */
  readonly paths?: string[];
  /** Each named directory and file relative to the root, with its path as typed (the first). */
  readonly typed: ReadonlyMap<string, string>;
}

/**
 * Turns `posture scan [paths..] --plan F` into a scan root and plan files (`-` for standard input).
 * A JSON file named as a path is a plan when its content says so, whatever its name. Terraform
 * reads a whole directory, so a Terraform or Terragrunt file names its directory; any other file
 * is a build configuration, read alone. The root is the git checkout holding the named paths
 * (else their common ancestor), and only the named paths under it are read: a module they call
 * from elsewhere in the repository (`../modules/bucket`) is the repository's own and is read,
 * where outside the root it could not be. A file named inside the working directory, or a plan
 * named inside the root, is read only from inside it (`refuseLeaving`).
 */
export function resolveTargets(
  paths: readonly string[],
  plans: readonly string[],
  cwd: string,
): Targets {
  /** Each directory (a Terraform file names its own) and build file, with its path as typed. */
  const dirs = new Map<string, string>();
  const typedFiles = new Map<string, string>();
  /** Each plan file, with how errors name it. */
  const typedPlans = new Map<string, string>();
  // The root depends on the paths named; until it is known, the working directory confines them.
  const inCwd = checkoutTrees(cwd, cwd);
  const planFiles = plans.map((p) => {
    if (p === STANDARD_INPUT) return p;
    const path = existing(cwd, p);
    // Said so, as for --var-file: read, it would be unreadable input, a finding that fails the gate.
    if (statSync(path).isDirectory()) throw new UsageError(`--plan ${p} is a directory.`);
    refuseLeaving(path, `--plan ${p}`, inCwd);
    return addNew(typedPlans, path, `--plan ${p}`);
  });
  for (const typed of paths) {
    const path = existing(cwd, typed);
    if (statSync(path).isDirectory()) addNew(dirs, path, typed);
    else if (isModuleFile(path)) addNew(dirs, dirname(path), typed);
    else {
      refuseLeaving(path, typed, inCwd);
      if (looksLikePlan(path)) planFiles.push(addNew(typedPlans, path, typed));
      else typedFiles.set(path, typed);
    }
  }
  const buildFiles = [...typedFiles.keys()];
  if (dirs.size === 0 && buildFiles.length === 0) {
    const onDisk = planFiles.filter((f) => f !== STANDARD_INPUT);
    const root = onDisk.length > 0 ? commonAncestor(onDisk.map((f) => dirname(f))) : cwd;
    return {
      root,
      start: root,
      plans: planFiles,
      terraform: planFiles.length === 0,
      typed: new Map(),
    };
  }
  const start = commonAncestor([...dirs.keys(), ...buildFiles.map((f) => dirname(f))]);
  // Outside a checkout, a build file keeps its path from the current directory holding it, so
  // that `.github/workflows/` still makes a workflow.
  const root =
    gitTopLevel(start) ??
    (buildFiles.length > 0 && relativeInside(cwd, start) !== undefined ? cwd : start);
  for (const [plan, as] of typedPlans) refuseLeaving(plan, as, checkoutTrees(cwd, root));
  const fromRoot = (path: string) => relative(root, path).split(sep).join('/') || '.';
  const unread = buildFiles.find((file) => !isBuildFile(root, fromRoot(file)));
  if (unread !== undefined)
    throw new UsageError(
      `${typedFiles.get(unread)} is not a file Posture scans: name a directory, a Terraform or build configuration file, or a plan/state JSON file.`,
    );
  const typed = new Map([...dirs, ...typedFiles].map(([path, as]) => [fromRoot(path), as]));
  const named = [...typed.keys()];
  const whole = named.includes('.');
  return { root, start, plans: planFiles, terraform: true, typed, ...(!whole && { paths: named }) };
}

/** Adds an entry unless its key is there (the first path typed names a directory); the key. */
function addNew(map: Map<string, string>, key: string, value: string): string {
  if (!map.has(key)) map.set(key, value);
  return key;
}

/**
 * The absolute path of a path typed, or a usage error (exit 2) naming it as typed when nothing is
 * there, it cannot be reached (a directory on the way that may not be entered), or it is neither a
 * directory nor a regular file: a named pipe or a device (`/dev/zero`) is never read, as reading it
 * may never end.
 */
export function existing(cwd: string, typed: string): string {
  const path = resolve(cwd, typed);
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${typed} does not exist.`);
    throw new UsageError(`${typed} cannot be read (${unreadableReason(error)}).`);
  }
  if (!stats.isDirectory() && !stats.isFile())
    throw new UsageError(`${typed} is neither a directory nor a regular file.`);
  return path;
}

/** A JSON file named as a scan path that holds a plan's or a state's keys, whatever its name. */
function looksLikePlan(path: string): boolean {
  const head = headOf(path);
  return /^\s*\{/.test(head) && /"(format_version|terraform_version|planned_values)"/.test(head);
}

/**
 * Whether a file is `terraform show -json` output, a plan or a state, which opens with its
 * `format_version` (a raw state file too has a `terraform_version`, but so may a variables file).
 */
export function isShownJson(path: string): boolean {
  return /^\s*\{\s*"format_version"\s*:/.test(headOf(path));
}

/** A file's first bytes only, as text: plans can be hundreds of megabytes. */
function headOf(path: string): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
