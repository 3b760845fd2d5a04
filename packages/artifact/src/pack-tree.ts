import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { PackEdge, PackNode } from 'npm-packlist';
import { LinkNotFollowedError, UnpackableError, type ArtifactReadError } from './limits.js';
import {
  packProblem,
  PackageJsonError,
  PackageJsonLinkError,
  projectManifest,
  readManifest,
  record,
  type Manifest,
} from './package-json.js';
import { leadsOutOf, relativeInside } from '@posture/model';
import { rootRelative } from './paths.js';
import { workspaceDirs } from './workspaces.js';

/**
 * The package and the dependencies it may bundle, as npm's Arborist models them for npm-packlist:
 * a directory in `node_modules` is a node; a symlink there is a link node (npm-packlist walks it
 * where it is linked, with npm's default rules and its own `.npmignore`) whose target, at its real
 * path, holds the manifest and the dependencies. A dependency resolves as Arborist's actual tree
 * does: from the real path up through each `node_modules`, no higher than the directory the real
 * path shares with the project (so a pnpm store's siblings are found, and nothing above the
 * project is).
 */
export class PackTree {
  /**
   * Bundled dependencies npm could not pack, globs it would take too long on, and links it would
   * follow out of the repository, found while npm-packlist walks.
   */
  readonly problems: ArtifactReadError[] = [];
  /** Nodes by path: a link where it is, a directory (or a link's target) at its real path. */
  private readonly nodes = new Map<string, PackNode | null>();

  /**
   * `root`: the project's real path, so that every path below it is real too. `bound`: the real
   * path of the repository the project lives in, which nothing read for the pack may lead out of.
   */
  constructor(
    readonly root: string,
    readonly bound = root,
  ) {}

  /**
   * Whether an ignore file npm would read is not to be read: a symbolic link leads it out of the
   * repository (`.npmignore -> ~/.ssh/config` would have a file of the machine read), or it is
   * there but is no regular file (npm would wait on a named pipe forever, and fails on a folder).
   * Either is a problem of the pack, which then fails closed.
   */
  refusesIgnoreFile(path: string): boolean {
    if (this.leadsOut(path)) return true;
    if (!isIrregular(path)) return false;
    this.problems.push(
      new UnpackableError(
        `${rootRelative(this.root, path)} is not a regular file, so it was not read`,
      ),
    );
    return true;
  }

  /**
   * Whether a symbolic link leads `path` out of the repository: a committed `node_modules/dep ->
   * ~/src/dep` would have files of the machine read, and packed by npm. It is a problem of the
   * pack, which then fails closed, and is not read.
   */
  leadsOut(path: string): boolean {
    const out = leadsOutOf(this.bound, path);
    if (out) this.refuseLink(path);
    return out;
  }

  private refuseLink(path: string): void {
    this.problems.push(
      new LinkNotFollowedError(
        `${rootRelative(this.root, path)} leads out of the repository through a symbolic link, so it was not read`,
      ),
    );
  }

  project(): PackNode {
    let manifest: Manifest;
    let workspaces: Map<string, string>;
    try {
      manifest = projectManifest(this.root);
      workspaces = workspaceDirs(this.root, manifest);
    } catch (error) {
      // npm packs through the link (npm pack 11 writes a tarball without package.json): its
      // tarball is to be checked, not a package directory to be fixed.
      if (error instanceof PackageJsonLinkError)
        throw new LinkNotFollowedError(
          `${error.file} ${error.message}: npm would read the package's name, "files" and scripts from what it leads to, and pack no package.json, so it was not read`,
        );
      if (error instanceof PackageJsonError)
        throw new UnpackableError(cannotPack(error.file, error.message));
      throw error;
    }
    // With workspaces, npm-packlist lets the package.json of any subdirectory shadow its
    // .npmignore and .gitignore.
    const node = this.node(this.root, manifest, {
      isProjectRoot: true,
      isTop: true,
      ...(workspaces.size > 0 && { workspaces }),
    });
    this.nodes.set(this.root, node);
    return node;
  }

  /** The node installed at `path`, if any: a directory, or a link to one. */
  private installed(path: string): PackNode | null {
    const known = this.nodes.get(path);
    if (known !== undefined) return known;
    const found = isDirectory(path) ? this.dependency(path, false) : this.linked(path);
    this.nodes.set(path, found);
    return found;
  }

  /**
   * The link at `path` to a directory, resolved once: its target is read at that real path, which
   * must be in the repository (`bound` is real, and `path` is in it by name).
   */
  private linked(path: string): PackNode | null {
    const real = realDirectory(path);
    if (real === undefined) return null;
    if (relativeInside(this.bound, real) === undefined) {
      this.refuseLink(path);
      return null;
    }
    return this.owned(link(path, this.target(real)));
  }

  /** A link's target: a tree top of its own (Arborist loads its devDependencies too). */
  private target(real: string): PackNode {
    const known = this.nodes.get(real);
    if (known) return known;
    const node = this.dependency(real, true);
    this.nodes.set(real, node);
    return node;
  }

  /** A package.json npm cannot read makes a node without a manifest, which npm packs whole. */
  private dependency(path: string, isTop: boolean): PackNode {
    const manifest = readManifest(path) ?? {};
    // npm-packlist would throw where no caller can catch it (npm itself stops there): it gets no
    // `files`, and the problem is raised once it is done.
    const problem = packProblem(manifest);
    if (problem)
      this.problems.push(
        new UnpackableError(
          cannotPack(rootRelative(this.root, join(path, 'package.json')), problem),
        ),
      );
    const packed = problem ? { ...manifest, files: undefined } : manifest;
    return this.node(path, packed, { isProjectRoot: false, isTop });
  }

  private node(
    path: string,
    manifest: Manifest,
    {
      isProjectRoot,
      isTop,
      workspaces,
    }: { isProjectRoot: boolean; isTop: boolean; workspaces?: Map<string, string> },
  ): PackNode {
    let edges: Map<string, PackEdge> | undefined;
    const edgesOf = () => (edges ??= this.edgesOf(path, manifest, isTop));
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
      ...(workspaces && { workspaces }),
    };
    return this.owned(self);
  }

  private owned(node: PackNode): PackNode {
    trees.set(node, this);
    return node;
  }

  /**
   * Arborist's edges, each type overriding the one before: peer, prod, optional, then dev for a
   * tree top — so a dependency also in devDependencies is dev, and npm does not bundle it.
   */
  private edgesOf(path: string, manifest: Manifest, isTop: boolean): Map<string, PackEdge> {
    const types = new Map<string, string>();
    const lists = [
      ['peer', manifest.peerDependencies],
      ['prod', manifest.dependencies],
      ['optional', manifest.optionalDependencies],
      ['dev', isTop ? manifest.devDependencies : undefined],
    ] as const;
    for (const [type, deps] of lists)
      for (const name of Object.keys(record(deps))) types.set(name, type);
    const edges = new Map<string, PackEdge>();
    for (const [name, type] of types) {
      let to: PackNode | null | undefined;
      const resolve = () => (to === undefined ? (to = this.resolve(path, name)) : to);
      edges.set(name, {
        dev: type === 'dev',
        peer: type === 'peer',
        get to() {
          return resolve();
        },
      });
    }
    return edges;
  }

  private resolve(from: string, name: string): PackNode | null {
    const stop = commonAncestor(from, this.root);
    for (let dir = from; ; dir = dirname(dir)) {
      const found = this.installed(join(dir, 'node_modules', name));
      if (found) return found;
      if (dir === stop || dirname(dir) === dir) return null;
    }
  }
}

/** The tree each node was made by, for what npm-packlist's walker finds in the node's files. */
const trees = new WeakMap<PackNode, PackTree>();

export function packTreeOf(node: PackNode): PackTree | undefined {
  return trees.get(node);
}

function link(path: string, target: PackNode): PackNode {
  return {
    path,
    package: target.package,
    isProjectRoot: false,
    isLink: true,
    target,
    edgesOut: new Map(),
  };
}

/** A directory itself, not a link to one. */
function isDirectory(path: string): boolean {
  try {
    return lstatSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Whether `path` is there, and is not a regular file. */
function isIrregular(path: string): boolean {
  try {
    return !statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The real path `path` leads to, when that is a directory. */
function realDirectory(path: string): string | undefined {
  try {
    const real = realpathSync(path);
    return statSync(real).isDirectory() ? real : undefined;
  } catch {
    return undefined;
  }
}

function commonAncestor(a: string, b: string): string {
  let dir = a;
  while (/^\.\.(?:[\\/]|$)/.test(relative(dir, b)) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function cannotPack(file: string, problem: string): string {
  return `${file} ${problem}, so npm cannot pack it`;
}
