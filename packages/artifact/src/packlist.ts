import { dirname, join } from 'node:path';
import packlist, { type PackEdge, type PackNode } from 'npm-packlist';
import { ArtifactReadError } from './limits.js';
import {
  packProblem,
  PackageJsonError,
  projectManifest,
  readManifest,
  record,
  type Manifest,
} from './package-json.js';
import { rootRelative } from './paths.js';

/**
 * The files `npm pack` would put in the tarball of a package directory, computed by npm-packlist —
 * the module npm itself packs with — so `files`, `.npmignore`, `.gitignore` and npm's always- and
 * never-included files follow npm exactly. npm hands it an Arborist tree; it reads only each node's
 * path, normalised manifest and bundled dependencies, so this builds those from package.json files
 * instead of loading Arborist and the whole dependency tree. A package npm would refuse to pack is
 * an `ArtifactReadError` saying why.
 */
export async function packFiles(dir: string): Promise<string[]> {
  const tree = new PackTree(dir);
  const files = await packlist(tree.project());
  const [problem] = tree.problems;
  if (problem) throw new ArtifactReadError(problem);
  return files;
}

/** The package and the dependencies it may bundle, as Arborist models them for npm-packlist. */
class PackTree {
  /** Bundled dependencies npm could not pack, found while npm-packlist walks. */
  readonly problems: string[] = [];
  private readonly nodes = new Map<string, PackNode>();

  constructor(private readonly dir: string) {}

  project(): PackNode {
    try {
      return this.node(this.dir, projectManifest(this.dir), true);
    } catch (error) {
      if (error instanceof PackageJsonError)
        throw new ArtifactReadError(cannotPack('package.json', error.message));
      throw error;
    }
  }

  private node(path: string, manifest: Manifest, isProjectRoot: boolean): PackNode {
    const edgesOf = () => this.edgesOf(path, manifest, isProjectRoot);
    const self: PackNode = {
      path,
      package: manifest,
      isProjectRoot,
      isLink: false,
      get target() {
        return self;
      },
      get edgesOut() {
        return edgesOf();
      },
    };
    this.nodes.set(path, self);
    return self;
  }

  /** Edges to installed dependencies, resolved the way Node does: nearest `node_modules` upwards. */
  private edgesOf(path: string, manifest: Manifest, isProjectRoot: boolean) {
    const edges = new Map<string, PackEdge>();
    const prod = { ...record(manifest.optionalDependencies), ...record(manifest.dependencies) };
    const dev = isProjectRoot ? record(manifest.devDependencies) : {};
    const peer = record(manifest.peerDependencies);
    for (const name of new Set([...Object.keys(prod), ...Object.keys(dev), ...Object.keys(peer)])) {
      const inProd = name in prod;
      edges.set(name, {
        to: this.resolve(path, name),
        dev: !inProd && name in dev,
        peer: !inProd && !(name in dev) && name in peer,
      });
    }
    return edges;
  }

  private resolve(from: string, name: string): PackNode | null {
    for (let dir = from; ; dir = dirname(dir)) {
      const path = join(dir, 'node_modules', name);
      const found = this.nodes.get(path) ?? this.dependency(path);
      if (found) return found;
      if (dirname(dir) === dir) return null;
    }
  }

  private dependency(path: string): PackNode | undefined {
    const manifest = readManifest(path);
    if (!manifest) return undefined;
    // npm-packlist would throw where no caller can catch it (npm itself stops there): it gets no
    // `files`, and the problem is raised once it is done.
    const problem = packProblem(manifest);
    if (!problem) return this.node(path, manifest, false);
    this.problems.push(cannotPack(rootRelative(this.dir, join(path, 'package.json')), problem));
    return this.node(path, { ...manifest, files: undefined }, false);
  }
}

function cannotPack(file: string, problem: string): string {
  return `${file} ${problem}, so npm cannot pack it`;
}
