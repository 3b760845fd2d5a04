import type { ArtifactOrigin, DirectoryPackCommand } from '@posture/model';
import type { ManifestTree } from './manifest-tree.js';

/**
 * The scripts each packer runs before it packs, in the package directory: npm's `prepack` and
 * `prepare` (`npm pack` and `npm publish`) and `prepublishOnly` (`npm publish`), which pnpm runs
 * too, in the directory that names a `publishConfig.directory`; vsce's `vscode:prepublish`.
 */
const BUILD_SCRIPTS: Readonly<Record<DirectoryPackCommand, readonly string[]>> = {
  npm: ['prepack', 'prepare', 'prepublishOnly'],
  pnpm: ['prepack', 'prepare', 'prepublishOnly'],
  vsce: ['vscode:prepublish'],
};

/** The pack-time scripts package.json defines, and where the first is written. */
export interface PackScripts {
  readonly names: readonly string[];
  readonly origin: ArtifactOrigin;
}

export function packScripts(
  manifest: ManifestTree,
  packer: DirectoryPackCommand,
): PackScripts | undefined {
  const found = BUILD_SCRIPTS[packer].flatMap((name) => {
    const node = manifest.find(['scripts', name]);
    return node?.type === 'string' && String(node.value).trim() !== '' ? [{ name, node }] : [];
  });
  const [first] = found;
  if (!first) return undefined;
  const origin = manifest.at(first.node.parent?.children?.[0], `package.json "scripts"`);
  return origin && { names: found.map((s) => s.name), origin };
}
