import { join } from 'node:path';
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { jsonTooDeepAt, LineIndex, type ArtifactOrigin, type Range } from '@posture/model';
import { packageJsonText, PackageJsonError } from './package-json.js';
import { rootRelative } from './paths.js';

/**
 * A package directory's package.json as written, for findings at the field they are about: its
 * parse tree, and ranges named from the scan root.
 */
export interface ManifestTree {
  /** The node at a JSON path (`['publishConfig', 'directory']`), if there is one. */
  find(path: readonly (string | number)[]): Node | undefined;
  /** Where a node is written, labelled; undefined for no node. */
  at(node: Node | undefined, label: string): ArtifactOrigin | undefined;
  rangeOf(node: Node): Range;
  /** The file's first character: package.json as a whole. */
  readonly whole: ArtifactOrigin;
}

const MAX_MANIFEST_DEPTH = 256;

/**
 * The package.json of `dir`, or undefined when there is none to read, it is not JSON or a link
 * leads it out of the package (its pack fails on it, with its own finding).
 */
export function readManifestTree(root: string, dir: string): ManifestTree | undefined {
  let text: string;
  try {
    text = packageJsonText(dir);
  } catch (error) {
    if (error instanceof PackageJsonError) return undefined;
    throw error;
  }
  // jsonc-parser recurses per level: a manifest nested deeper is not read (as one not JSON).
  const tree = jsonTooDeepAt(text, MAX_MANIFEST_DEPTH) < 0 ? parseTree(text) : undefined;
  if (!tree) return undefined;
  const lines = new LineIndex(text);
  const file = rootRelative(root, join(dir, 'package.json'));
  const rangeOf = (node: Node): Range => lines.range(file, node.offset, node.offset + node.length);
  return {
    find: (path) => findNodeAtLocation(tree, [...path]),
    at: (node, label) => (node ? { range: rangeOf(node), label } : undefined),
    rangeOf,
    whole: { range: lines.range(file, 0, Math.min(1, text.length)), label: 'package.json' },
  };
}

/** The targets a `bin` field names: the one path it is, or each value of its object. */
export function binTargets(bin: Node | undefined): (Node | undefined)[] {
  return bin?.type === 'object' ? (bin.children ?? []).map((p) => p.children?.[1]) : [bin];
}
