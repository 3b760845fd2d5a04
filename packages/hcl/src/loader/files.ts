/** Where Terraform files are, and the one rule for reading: nothing outside the scan root. */
import { statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import {
  resolvesInside,
  SKIPPED_DIRECTORIES,
  type FileKind,
  type ListDirectory,
} from '@posture/model';

/** The file that makes a directory a Terragrunt unit (see `terragrunt/unit.ts`). */
export const TERRAGRUNT_FILE = 'terragrunt.hcl';

/**
 * The values `terragrunt stack generate` writes beside a unit it generates, which Terragrunt reads
 * as the unit's `values` when it runs there (see `terragrunt/unit.ts`).
 */
export const VALUES_FILE = 'terragrunt.values.hcl';

/** The file that makes a directory a Terragrunt stack, a blueprint of units (see `stacks.ts`). */
export const STACK_FILE = 'terragrunt.stack.hcl';

/**
 * Where `terragrunt stack generate` writes the units of the stack file beside it. Its contents are
 * copies of what the stack file names, read where they are written (see `stacks.ts`): a checked-in
 * one is not walked, or each of its units would be scanned twice, once without its values.
 */
export const GENERATED_STACK_DIR = '.terragrunt-stack';

/** Terraform's `.tf` and `.tf.json`, and OpenTofu's `.tofu` and `.tofu.json`. */
const CONFIG_FILE = /\.(?:tf|tofu)(?:\.json)?$/;

export function isTerraformFile(name: string): boolean {
  return CONFIG_FILE.test(name);
}

/** A file Terraform or Terragrunt reads only with the rest of its directory, which it stands for. */
export function isModuleFile(file: string): boolean {
  const name = path.basename(file);
  return isTerraformFile(file) || name === TERRAGRUNT_FILE || name === STACK_FILE;
}

/** The configuration files of one directory, `.tofu` ones included (see `readByTool`). */
function configFiles<T extends { readonly name: string }>(entries: readonly T[]): T[] {
  return entries.filter((e) => isTerraformFile(e.name));
}

/** The lock file `terraform init` and `tofu init` write beside a root module. */
export const LOCK_FILE = '.terraform.lock.hcl';

/**
 * Which of a directory's configuration files the tool that applies it reads. OpenTofu reads a
 * `.tofu` file in place of the `.tf` file of the same name (`main.tofu` over `main.tf`,
 * `x.tofu.json` over `x.tf.json`), so that one module serves both tools; Terraform never reads a
 * `.tofu` file. Unless the repository is OpenTofu's (`openTofu`), a `.tofu` file that would replace
 * a `.tf` is not read, so that adding one cannot hide what Terraform applies; other `.tofu` files
 * are read all the same, as what they declare can only add findings.
 */
export function readByTool(
  names: readonly string[],
  openTofu: boolean,
): { read: string[]; ignored: string[] } {
  const present = new Set(names);
  const tfOf = (tofu: string) => tofu.replace(/\.tofu(\.json)?$/, '.tf$1');
  const shadowing = names.filter(
    (name) => /\.tofu(\.json)?$/.test(name) && present.has(tfOf(name)),
  );
  const ignored = openTofu ? shadowing.map(tfOf) : shadowing;
  const skip = new Set(ignored);
  return { read: names.filter((name) => !skip.has(name)), ignored };
}

/** `override.tf` and `*_override.tf` change other files' blocks (see `overrides.ts`). */
export function isOverrideFile(name: string): boolean {
  return /(^|_)override\.(?:tf|tofu)(\.json)?$/.test(name);
}

export function fileKind(name: string): FileKind {
  if (name.endsWith('.tfvars') || name.endsWith('.tfvars.json')) return 'tfvars';
  return name.endsWith('.json') ? 'terraform-json' : 'terraform';
}

/**
 * Whether the real path (symlinks resolved) of an existing `abs` is inside `realRoot`. The native
 * `realpath` is one system call; the default one `lstat`s every component of the path, which was
 * 2% of a corpus scan.
 */
export function realInside(realRoot: string, abs: string): boolean {
  try {
    return resolvesInside(realRoot, abs);
  } catch {
    return false;
  }
}

export interface DirectoryWalk {
  /** Directory (relative, POSIX) → names of its Terraform files, for every directory that has any. */
  readonly terraformDirs: Map<string, string[]>;
  /**
   * The Terraform files found (relative) that are regular files by their directory entry: no
   * symlinks, so where their directory is, and no pipes or devices, so safe to open.
   */
  readonly regularFiles: Set<string>;
  /** Symlinks skipped because they lead outside the root. */
  readonly outside: string[];
  /** Directories holding a `terragrunt.hcl`: a file, or a symlink to no directory. */
  readonly terragruntDirs: string[];
  /** Directories holding a `terragrunt.stack.hcl` file. */
  readonly stackDirs: string[];
  /**
   * The lock files (`LOCK_FILE`) found: a symlink too, read as a `.tf` file is, where it leads
   * when that is inside the root, else refused with an error.
   */
  readonly lockFiles: string[];
  /**
   * Whether the start's real path is inside the root. The walk enters no symlink, so every
   * directory it found is inside exactly when its start is.
   */
  readonly inside: boolean;
}

/**
 * Walks from `start` (relative to the root), passing by the directories `skip` names, and the
 * directories all of whose Terraform files it names: a module is read whole, as Terraform reads
 * it, or not at all, so `infra/*` (or `**` from infra) leaves infra out where naming one of its
 * files changes nothing. Symlinked directories are not walked: those inside the root are found at
 * their real path, those outside are reported.
 */
export function walkTerraformDirs(
  { root, realRoot, list }: { root: string; realRoot: string; list: ListDirectory },
  start: string,
  skip: (dir: string) => boolean = () => false,
): DirectoryWalk {
  const walk: DirectoryWalk = {
    terraformDirs: new Map(),
    regularFiles: new Set(),
    outside: [],
    terragruntDirs: [],
    stackDirs: [],
    lockFiles: [],
    inside: realInside(realRoot, path.join(root, start)),
  };
  const visit = (rel: string): void => {
    const abs = path.join(root, rel);
    const entries = sortedEntries(list, abs);
    const at = (name: string) => (rel === '.' ? name : `${rel}/${name}`);
    const fileEntries = entries.filter((e) => !isDirectoryEntry(abs, e));
    const files = configFiles(fileEntries);
    if (files.length > 0 && !files.every((file) => skip(at(file.name))))
      walk.terraformDirs.set(
        rel,
        files.map((e) => e.name),
      );
    for (const file of files) if (file.isFile()) walk.regularFiles.add(at(file.name));
    // A unit, stack or lock file is read as the `.tf` files are, whatever its entry: a symlink where
    // it leads if inside, else refused; a named pipe or a device is refused by the read, an error,
    // where passing it by would leave the unit unread without a word.
    const named = (name: string) => fileEntries.some((e) => e.name === name);
    if (named(TERRAGRUNT_FILE) && !skip(at(TERRAGRUNT_FILE))) walk.terragruntDirs.push(rel);
    const stackFile = named(STACK_FILE);
    if (stackFile && !skip(at(STACK_FILE))) walk.stackDirs.push(rel);
    if (named(LOCK_FILE)) walk.lockFiles.push(at(LOCK_FILE));
    for (const entry of entries) {
      if (SKIPPED_DIRECTORIES.has(entry.name) || !isDirectoryEntry(abs, entry)) continue;
      if (stackFile && entry.name === GENERATED_STACK_DIR) continue;
      const child = rel === '.' ? entry.name : `${rel}/${entry.name}`;
      if (skip(child)) continue;
      if (!entry.isSymbolicLink()) visit(child);
      else if (!realInside(realRoot, path.join(abs, entry.name))) walk.outside.push(child);
    }
  };
  visit(start);
  return walk;
}

/** The Terraform file names of one directory, in name order; empty when it cannot be read. */
export function terraformFilesIn(absDir: string, list: ListDirectory): string[] {
  const entries = sortedEntries(list, absDir).filter((e) => !isDirectoryEntry(absDir, e));
  return configFiles(entries).map((e) => e.name);
}

function isDirectoryEntry(dir: string, entry: Dirent): boolean {
  if (entry.isDirectory()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path.join(dir, entry.name)).isDirectory();
  } catch {
    return false;
  }
}

/** Entries in name order (a copy: a listing may be shared). */
function sortedEntries(list: ListDirectory, abs: string): Dirent[] {
  return [...list(abs)].sort((a, b) => (a.name < b.name ? -1 : 1));
}
