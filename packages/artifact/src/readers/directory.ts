import { createReadStream, lstatSync, realpathSync } from 'node:fs';
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
 */
export async function readDirectory(
  dir: string,
  repository: string,
  packer: DirectoryPacker,
  limits: ArtifactLimits,
  visit: EntryVisitor,
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
  const inside = insideTree(repository);
  for (const name of files) {
    const file = join(dir, name);
    // npm never packs a link; vsce packs what one leads to, which is not followed here. Nor is
    // any file a linked folder leads out of the repository to read.
    const stats = lstatSync(file);
    if (stats.isSymbolicLink())
      throw new LinkNotFollowedError(
        `${name} is a symbolic link: ${packer} would pack what it leads to in its place, and links are not followed here, so it was not read`,
        name,
      );
    if (!inside(dirname(file)))
      throw new LinkNotFollowedError(
        `${name} leads out of the repository through a symbolic link, so it was not read`,
        name,
      );
    const { size } = stats;
    await visit({ name, kind: 'file', size, file, content: createReadStream(file) });
  }
}

/**
 * Whether a folder is inside `tree` where its links lead: one `realpath` per folder, not per file.
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
