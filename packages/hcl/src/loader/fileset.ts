/**
 * `fileset`'s walk, as doublestar (version 1, which Terraform globs with) makes it: from the
 * directory its pattern names before its first glob, each part matched against the names of a
 * directory, `**` entering every directory below (symlinked ones too), and the matches that are
 * regular files (symlinks taken where they lead) kept. Bounded: a pattern over a large tree (a
 * `node_modules`, or symlinks in a loop) is not walked past `MAX_FILESET_ENTRIES` entries.
 */
import path from 'node:path';
import type { GlobPart } from '../functions/fileset-pattern.js';

/** Directory entries one `fileset` call looks at, at most; its result is unknown past them. */
export const MAX_FILESET_ENTRIES = 20_000;

/** What is at a path: a symlink leading out of the root is `outside`, not followed. */
export type EntryKind = 'file' | 'directory' | 'other' | 'outside';

export interface GlobTree {
  /** What is at a path (from the root); undefined when nothing is. */
  kind(rel: string): EntryKind | undefined;
  /** The names in a directory (from the root), each with what it is. */
  entries(rel: string): readonly (readonly [name: string, kind: EntryKind])[];
}

/** Why the walk stopped: a path a match leads out of the root by, or too many entries. */
export type Unwalked = { readonly outside: string } | { readonly tooMany: true };

/** The regular files under `base` (from the root) that the parts match, as paths from the root. */
export function globFiles(
  tree: GlobTree,
  base: string,
  parts: readonly GlobPart[],
): string[] | Unwalked {
  const found: string[] = [];
  let seen = 0;
  const stop = (why: Unwalked): never => {
    throw new Stopped(why);
  };

  /** Each entry that `part` matches in `dir` is taken on to the parts after index `i`. */
  const walk = (dir: string, i: number): void => {
    const part = parts[i];
    if (part === undefined) return;
    if (typeof part === 'object' && 'name' in part) {
      take(join(dir, part.name), tree.kind(join(dir, part.name)), i);
      return;
    }
    const entries = tree.entries(dir);
    seen += entries.length;
    if (seen > MAX_FILESET_ENTRIES) stop({ tooMany: true });
    let next: GlobPart | undefined = part;
    let at = i;
    if (part === '**') {
      // Here and in every directory below, the parts after it are matched in turn.
      for (const [name, kind] of entries) {
        if (kind === 'outside') stop({ outside: join(dir, name) });
        if (kind === 'directory') walk(join(dir, name), i);
        else if (i === parts.length - 1 && kind === 'file') found.push(join(dir, name));
      }
      at = i + 1;
      next = parts[at];
    }
    if (next === undefined) return;
    for (const [name, kind] of entries) if (matches(next, name)) take(join(dir, name), kind, at);
  };

  /** A path the part at `i` matched: a file kept at the last part, a directory entered before it. */
  const take = (rel: string, kind: EntryKind | undefined, i: number): void => {
    if (kind === 'outside') stop({ outside: rel });
    if (i === parts.length - 1) {
      if (kind === 'file') found.push(rel);
    } else if (kind === 'directory') walk(rel, i + 1);
  };

  try {
    if (tree.kind(base) === 'directory') walk(base, 0);
    else if (parts.length === 0 && tree.kind(base) === 'file') found.push(base);
  } catch (error) {
    if (error instanceof Stopped) return error.why;
    throw error;
  }
  return found;
}

class Stopped extends Error {
  constructor(readonly why: Unwalked) {
    super();
  }
}

/** A part matches a name; `**` after `**` is two stars, any name, as doublestar reads it. */
function matches(part: GlobPart, name: string): boolean {
  if (part === '**') return true;
  return 'name' in part ? part.name === name : part.test(name);
}

function join(dir: string, name: string): string {
  return dir === '.' ? name : path.posix.join(dir, name);
}
