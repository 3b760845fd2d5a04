import { realpathSync } from 'node:fs';
import packlist from 'npm-packlist';
import { ArtifactReadError } from './limits.js';
import { PackTree } from './pack-tree.js';

/**
 * The files `npm pack` would put in the tarball of a package directory, computed by npm-packlist —
 * the module npm itself packs with — so `files`, `.npmignore`, `.gitignore` and npm's always- and
 * never-included files follow npm exactly. npm hands it an Arborist tree; it reads only each node's
 * path, normalised manifest and bundled dependencies, so this builds those from package.json files
 * instead of loading Arborist and the whole dependency tree. A package npm would refuse to pack is
 * an `ArtifactReadError` saying why.
 */
export async function packFiles(dir: string): Promise<string[]> {
  const tree = new PackTree(realpathSync(dir));
  const files = await packlist(tree.project());
  const [problem] = tree.problems;
  if (problem) throw new ArtifactReadError(problem);
  return files;
}
