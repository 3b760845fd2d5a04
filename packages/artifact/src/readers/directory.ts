import { createReadStream, lstatSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactReadError, type ArtifactLimits } from '../limits.js';
import { packFiles } from '../packlist.js';
import type { EntryVisitor } from './entry.js';

/**
 * Reads a package directory as npm would pack it: the packlist's files, each streamed from disk.
 * A workspace root is looked for up to `repository`.
 */
export async function readDirectory(
  dir: string,
  repository: string,
  limits: ArtifactLimits,
  visit: EntryVisitor,
): Promise<void> {
  let files: string[];
  try {
    files = await packFiles(dir, repository);
  } catch (error) {
    if (error instanceof ArtifactReadError) throw error;
    throw new ArtifactReadError(
      `npm's file list could not be computed (${(error as Error).message})`,
    );
  }
  if (files.length > limits.maxEntries)
    throw new ArtifactReadError(
      `npm would pack ${files.length} files, more than the bound of ${limits.maxEntries}`,
    );
  for (const name of files) {
    const file = join(dir, name);
    // The packlist holds regular files only: npm never packs links.
    const { size } = lstatSync(file);
    await visit({ name, kind: 'file', size, file, content: createReadStream(file) });
  }
}
