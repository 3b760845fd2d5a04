import { readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import packlist, { type PackEdge, type PackNode } from 'npm-packlist';

/**
 * The files `npm pack` would put in the tarball of a package directory, computed by npm-packlist —
 * the module npm itself packs with — so `files`, `.npmignore`, `.gitignore` and npm's always- and
 * never-included files follow npm exactly. npm hands it an Arborist tree; it reads only each node's
 * path, normalised manifest and bundled dependencies, so this builds those from package.json files
 * instead of loading Arborist and the whole dependency tree.
 */
export async function packFiles(dir: string): Promise<string[]> {
  return packlist(projectNode(dir));
}

type Manifest = Record<string, unknown>;

function projectNode(dir: string): PackNode {
  const nodes = new Map<string, PackNode>();
  return node(dir, readManifest(dir) ?? {}, true, nodes);
}

function node(
  path: string,
  manifest: Manifest,
  isProjectRoot: boolean,
  nodes: Map<string, PackNode>,
): PackNode {
  const self: PackNode = {
    path,
    package: manifest,
    isProjectRoot,
    isLink: false,
    get target() {
      return self;
    },
    get edgesOut() {
      return edgesOf(path, manifest, isProjectRoot, nodes);
    },
  };
  nodes.set(path, self);
  return self;
}

/** Edges to installed dependencies, resolved the way Node does: nearest `node_modules` upwards. */
function edgesOf(
  path: string,
  manifest: Manifest,
  isProjectRoot: boolean,
  nodes: Map<string, PackNode>,
): Map<string, PackEdge> {
  const edges = new Map<string, PackEdge>();
  const prod = { ...record(manifest.optionalDependencies), ...record(manifest.dependencies) };
  const dev = isProjectRoot ? record(manifest.devDependencies) : {};
  const peer = record(manifest.peerDependencies);
  for (const name of new Set([...Object.keys(prod), ...Object.keys(dev), ...Object.keys(peer)])) {
    const inProd = name in prod;
    edges.set(name, {
      to: resolveDependency(path, name, nodes),
      dev: !inProd && name in dev,
      peer: !inProd && !(name in dev) && name in peer,
    });
  }
  return edges;
}

function resolveDependency(from: string, name: string, nodes: Map<string, PackNode>) {
  for (let dir = from; ; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', name);
    const known = nodes.get(path);
    if (known) return known;
    const manifest = readManifest(path);
    if (manifest) return node(path, manifest, false, nodes);
    if (dirname(dir) === dir) return null;
  }
}

/** package.json as npm reads it (read-package-json-fast): `bin` and bundled dependencies normalised. */
export function readManifest(dir: string): Manifest | undefined {
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest))
    return undefined;
  const m = { ...(manifest as Manifest) };
  m.bin = normalBin(m.bin, m.name);
  if (m.bin === undefined) delete m.bin;
  const bundled = m.bundleDependencies ?? m.bundledDependencies;
  delete m.bundledDependencies;
  if (bundled === true) m.bundleDependencies = Object.keys(record(m.dependencies));
  else if (Array.isArray(bundled)) m.bundleDependencies = bundled;
  else delete m.bundleDependencies;
  return m;
}

/** As npm-normalize-package-bin: an object of names to paths inside the package, `./` dropped. */
function normalBin(bin: unknown, name: unknown): Record<string, string> | undefined {
  const entries =
    typeof bin === 'string'
      ? typeof name === 'string'
        ? [[name.replace(/^@[^/]+\//, ''), bin]]
        : []
      : Object.entries(record(bin));
  const clean = entries.flatMap(([key, path]) =>
    typeof path === 'string' ? [[posix.basename(key), posix.join('/', path).slice(1)]] : [],
  );
  return clean.length > 0 ? Object.fromEntries(clean) : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
