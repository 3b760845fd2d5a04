import { realpathSync } from 'node:fs';
import packlist from 'npm-packlist';
import { UnpackableError } from './limits.js';
import { PackTree } from './pack-tree.js';
import { workspaceRootOf } from './workspaces.js';

/**
 * The files `npm pack` would put in the tarball of a package directory, computed by npm-packlist —
 * the module npm itself packs with — so `files`, `.npmignore`, `.gitignore` and npm's always- and
 * never-included files follow npm exactly. npm hands it an Arborist tree; it reads only each node's
 * path, normalised manifest and bundled dependencies, so this builds those from package.json files
 * instead of loading Arborist and the whole dependency tree. A workspace member is packed as npm
 * packs it in its workspace, with the ignore files of the workspace root (looked for no higher than
 * `repository`) and of the directories between. A package npm would refuse to pack is an
 * `UnpackableError` saying why.
 */
export async function packFiles(dir: string, repository = dir): Promise<string[]> {
  const path = realpathSync(dir);
  const tree = new PackTree(path);
  const project = tree.project();
  const prefix = workspaceRootOf(path, realpathSync(repository));
  const files = await packlist(project, { path, ...(prefix && { prefix, workspaces: [path] }) });
  const [problem] = tree.problems;
  if (problem) throw new UnpackableError(problem);
  return files;
}
