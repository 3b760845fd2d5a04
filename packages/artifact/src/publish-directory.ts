import { join, resolve } from 'node:path';
import { leadsOutOf, printable, relativeInside, type ArtifactOrigin } from '@posture/model';
import { isDirectory, isThere } from './file-checks.js';
import { UnpackableError } from './limits.js';
import type { ManifestTree } from './manifest-tree.js';

/** The directory pnpm packs in place of the package's own. */
export interface PublishDirectory {
  readonly dir: string;
  /** As package.json writes it, made printable. */
  readonly value: string;
  /** Where package.json names it. */
  readonly field: ArtifactOrigin;
  /** What pnpm needs of it that is not there (often built by a pack-time script). */
  readonly missing?: 'directory' | 'package.json';
}

/**
 * The directory `pnpm pack` and `pnpm publish` pack for a package whose package.json names one in
 * `publishConfig.directory`, with that directory's own package.json (pnpm refuses one without).
 * It is read only inside the package directory: one `..` or a symbolic link leads out of is an
 * `UnpackableError`, and is to be checked on its own. npm and vsce ignore the field.
 */
export function publishDirectory(
  packageDir: string,
  manifest: ManifestTree,
): PublishDirectory | undefined {
  const node = manifest.find(['publishConfig', 'directory']);
  // pnpm takes any truthy value, and fails on one that is not a path.
  if (node === undefined || (node.type !== 'object' && node.type !== 'array' && !node.value))
    return undefined;
  const field = { range: manifest.rangeOf(node), label: 'package.json "publishConfig.directory"' };
  if (node.type !== 'string')
    throw new UnpackableError(
      'package.json "publishConfig.directory" is not a path, so pnpm cannot pack it',
      undefined,
      field.range,
    );
  const value = printable(String(node.value));
  const dir = resolve(packageDir, String(node.value));
  if (dir === packageDir) return undefined;
  if (relativeInside(packageDir, dir) === undefined || leadsOutOf(packageDir, dir))
    throw new UnpackableError(
      `package.json "publishConfig.directory" names ${value}, which pnpm would pack instead, but it leads out of the package directory, so it was not read: check it on its own (posture artifact on that directory, or on the tarball pnpm pack writes)`,
      undefined,
      field.range,
    );
  const missing = !isDirectory(dir)
    ? 'directory'
    : !isThere(join(dir, 'package.json'))
      ? 'package.json'
      : undefined;
  return { dir, value, field, ...(missing && { missing }) };
}
