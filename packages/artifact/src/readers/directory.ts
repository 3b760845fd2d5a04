import { createReadStream, lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { resolvesInside } from '@posture/model';
import {
  ArtifactBoundError,
  ArtifactReadError,
  LinkNotFollowedError,
  type ArtifactLimits,
} from '../limits.js';
import { packFiles } from '../packlist.js';
import { vscePackFiles, type DirectoryPacker } from '../vsce-files.js';
import type { EntryVisitor } from './entry.js';

/**
 * Reads a package directory as its packer would pack it: npm's packlist (a workspace root looked
 * for up to `repository`) or, for a VS Code extension, vsce's file list; each file streamed from disk.
 * A file that is not read, as a link is not followed, is `refused`, and the others are read on.
 */
export async function readDirectory(
  dir: string,
  repository: string,
  packer: DirectoryPacker,
  limits: ArtifactLimits,
  visit: EntryVisitor,
  refused: (error: LinkNotFollowedError, file: string) => void,
): Promise<void> {
  let files: string[];
  try {
    files = packer === 'vsce' ? vscePackFiles(dir) : await packFiles(dir, repository);
  } catch (error) {
    if (error instanceof ArtifactReadError) throw error;
    throw new ArtifactReadError(
      `${packer}'s file list could not be computed (${(error as Error).message})`,
    );
  }
  if (files.length > limits.maxEntries)
    throw new ArtifactBoundError(
      `${packer} would pack ${files.length} files, more than the bound of ${limits.maxEntries}`,
    );
  const inRepository = insideTree(repository);
  const inPackage = insideTree(dir);
  for (const name of files) {
    const file = join(dir, name);
    // No file is read that a linked folder leads out of the repository to.
    if (!inRepository(dirname(file)))
      throw new LinkNotFollowedError(
        `${name} leads out of the repository through a symbolic link, so it was not read`,
        name,
      );
    let size: number;
    try {
      size = sizeToRead(file, name, packer, inPackage);
    } catch (error) {
      if (!(error instanceof LinkNotFollowedError)) throw error;
      refused(error, file);
      continue;
    }
    await visit({ name, kind: 'file', size, file, content: createReadStream(file) });
  }
}

/**
 * The size of a listed file, read where its packer would read it. npm never packs a link; vsce
 * packs what one leads to in its place, which is read so when it is a file of the package
 * directory. A link anywhere else, or to a folder, is not followed: a `LinkNotFollowedError`.
 */
function sizeToRead(
  file: string,
  name: string,
  packer: DirectoryPacker,
  inPackage: (path: string) => boolean,
): number {
  const stats = lstatSync(file);
  if (!stats.isSymbolicLink()) return stats.size;
  const target = statSync(file, { throwIfNoEntry: false });
  if (target === undefined)
    throw new LinkNotFollowedError(
      `${name} is a symbolic link to nothing, so it was not read`,
      name,
    );
  if (!inPackage(file))
    throw new LinkNotFollowedError(
      `${name} is a symbolic link leading out of the package directory: ${packer} would pack what it leads to in its place, and links out of it are not followed here, so it was not read`,
      name,
    );
  if (target.isDirectory())
    throw new LinkNotFollowedError(
      `${name} is a symbolic link to a folder: ${packer} would pack the files in it, and links to folders are not followed here, so it was not read`,
      name,
    );
  if (!target.isFile())
    throw new LinkNotFollowedError(
      `${name} is a symbolic link to what is no regular file, so it was not read`,
      name,
    );
  return target.size;
}

/**
 * Whether a path is inside `tree` where its links lead: one `realpath` per folder, not per file.
 * Not `leadsOutOf`, which passes a folder outside `tree` by name: none of the package's is read.
 */
function insideTree(tree: string): (dir: string) => boolean {
  const real = realpathSync.native(tree);
  const known = new Map<string, boolean>();
  return (dir) => {
    let inside = known.get(dir);
    if (inside === undefined) {
      inside = resolvesInside(real, dir);
      known.set(dir, inside);
    }
    return inside;
  };
}
