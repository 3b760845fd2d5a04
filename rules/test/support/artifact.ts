// Observation builders for artifact rule tests: an entry of a tarball whose package.json "files"
// entry (line 4) let it in, or the same entry read from the package directory on disk.
import type { ArtifactEntry, ArtifactPlace, ShippedType } from '@posture/model';
import { range } from './facts.js';

export const TARBALL = 'acme-cli-1.0.0.tgz';
export const FILES_LINE = 4;
export const CONTENT_LINE = 3;

export function entry(
  packagePath = 'dist/cli.js',
  type: ShippedType = 'javascript',
): ArtifactEntry {
  return {
    artifact: TARBALL,
    path: `package/${packagePath}`,
    packagePath,
    kind: 'file',
    type,
    size: 1000,
    packer: 'npm',
    origin: { range: range(FILES_LINE, 'package.json'), label: '"files" entry "dist"' },
  };
}

/** The entry as read from the package directory: its file is on disk. */
export function onDisk(e: ArtifactEntry): ArtifactEntry {
  return { ...e, artifact: '.', path: e.packagePath, source: e.packagePath };
}

/** A place on CONTENT_LINE; with a range into the file when it is on disk. */
export function place(e: ArtifactEntry): ArtifactPlace {
  return {
    line: CONTENT_LINE,
    column: 1,
    ...(e.source && { range: range(CONTENT_LINE, e.source) }),
  };
}
