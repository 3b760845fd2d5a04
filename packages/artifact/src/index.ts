/**
 * @posture/artifact — the shipped-artifact gate's reading side: npm tarballs, zips, Electron asars
 * and package directories (through npm's own packlist, or vsce's rules for a VS Code extension) as
 * entry streams, content checks in bounded memory, the allowlist and release manifests. It never
 * extracts to disk, follows a link or runs anything.
 */
export {
  inspectArtifact,
  type Inspection,
  type InspectOptions,
  type ShippedFile,
} from './inspect.js';
export type { Allowlist } from './allowlist.js';
export { DEFAULT_LIMITS, type ArtifactLimits } from './limits.js';
export { packFiles } from './packlist.js';
export {
  compareManifest,
  manifestText,
  ManifestError,
  MANIFEST_VERSION,
  type ArtifactManifest,
} from './manifest.js';
