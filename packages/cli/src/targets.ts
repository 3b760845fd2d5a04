import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { commonAncestor, findBaseDir, STANDARD_INPUT } from '@posture/core';
import { UsageError } from './exit-codes.js';

export interface Targets {
  readonly root: string;
  /** Where the policy file is looked for: the directory named, or the one holding all named. */
  readonly start: string;
  readonly plans: string[];
  /** False when only plan files were named: there is no configuration directory to read. */
  readonly terraform: boolean;
  /** The named directories relative to the root, when several share it; else the whole root. */
  readonly paths?: string[];
}

/**
 * Turns `posture scan [paths..] --plan F` into a scan root and plan files (`-` for standard input).
 * A JSON file named as a path is a plan when its content says so, whatever its name. The root is
 * the git checkout holding the named directories (else their common ancestor), and only the named
 * directories under it are walked: a module they call from elsewhere in the repository
 * (`../modules/bucket`) is the repository's own and is read, where outside the root it could not be.
 */
export function resolveTargets(
  paths: readonly string[],
  plans: readonly string[],
  cwd: string,
): Targets {
  const dirs: string[] = [];
  const planFiles = plans.map((p) => (p === STANDARD_INPUT ? p : existing(resolve(cwd, p))));
  for (const path of paths.map((p) => existing(resolve(cwd, p)))) {
    if (statSync(path).isDirectory()) dirs.push(path);
    else if (looksLikePlan(path)) planFiles.push(path);
    else
      throw new UsageError(`${path} is neither a directory nor a Terraform plan/state JSON file.`);
  }
  if (dirs.length === 0) {
    const onDisk = planFiles.filter((f) => f !== STANDARD_INPUT);
    const root = onDisk.length > 0 ? commonAncestor(onDisk.map((f) => dirname(f))) : cwd;
    return { root, start: root, plans: planFiles, terraform: planFiles.length === 0 };
  }
  const start = commonAncestor(dirs);
  const root = findBaseDir(start);
  const named = dirs.map((d) => relative(root, d).split(sep).join('/') || '.');
  const whole = named.includes('.');
  return { root, start, plans: planFiles, terraform: true, ...(!whole && { paths: named }) };
}

/** The path, or a usage error (exit 2) naming it when nothing is there. */
export function existing(path: string): string {
  try {
    statSync(path);
    return path;
  } catch {
    throw new UsageError(`${path} does not exist.`);
  }
}

/** Reads the first bytes only: plans can be hundreds of megabytes. */
function looksLikePlan(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const head = buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0)).toString('utf8');
    return /^\s*\{/.test(head) && /"(format_version|terraform_version|planned_values)"/.test(head);
  } finally {
    closeSync(fd);
  }
}
