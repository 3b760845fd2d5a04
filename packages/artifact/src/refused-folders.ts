import {
  versionControlFolder,
  type ArtifactEntry,
  type ArtifactObservation,
  type NotAllowedReason,
} from '@posture/model';

/** The files a folder's observation names, of the many it may hold. */
const NAMED = 3;

/**
 * The observations of the files the allowlist refuses: one each, but one for a whole version
 * control folder, whose files a checkout's `.git` holds by the thousand. One finding per file made
 * a report no one reads; the folder is what the fix keeps out and what a baseline accepts, so its
 * path is the finding's identity, however many objects the next commit adds.
 */
export function refusals(
  verdicts: ReadonlyMap<ArtifactEntry, NotAllowedReason>,
): ArtifactObservation[] {
  const observations: ArtifactObservation[] = [];
  const folders = new Map<string, ArtifactEntry[]>();
  for (const [entry, reason] of verdicts) {
    const folder =
      reason === 'denied-type' && entry.type === 'version-control'
        ? versionControlFolder(entry.packagePath)
        : undefined;
    if (folder === undefined) observations.push({ kind: 'not-allowed', entry, reason });
    else if (folders.has(folder)) folders.get(folder)?.push(entry);
    else folders.set(folder, [entry]);
  }
  for (const [folder, files] of folders) observations.push(folderRefusal(folder, files));
  return observations;
}

/** A version control folder refused whole: at the origin of its first file, sized by all of them. */
function folderRefusal(folder: string, files: readonly ArtifactEntry[]): ArtifactObservation {
  const [first] = files as [ArtifactEntry];
  // The first file's path below the folder, cut from each of its names to name the folder.
  const below = first.packagePath.slice(folder.length);
  const { byContent: _byContent, source: _source, packageFile: _packageFile, ...rest } = first;
  const source = cut(first.source, below);
  const packageFile = cut(first.packageFile, below);
  const entry: ArtifactEntry = {
    ...rest,
    path: cut(first.path, below) ?? folder,
    packagePath: folder,
    kind: 'directory',
    size: files.reduce((sum, file) => sum + file.size, 0),
    ...(source !== undefined && { source }),
    ...(packageFile !== undefined && { packageFile }),
  };
  const names = files.map((file) => file.packagePath.slice(folder.length + 1)).sort();
  return {
    kind: 'not-allowed',
    entry,
    reason: 'denied-type',
    folder: { files: files.length, names: names.slice(0, NAMED) },
  };
}

/** `path` without its ending `below`, when it ends so (an archive's name written with `\` does not). */
function cut(path: string | undefined, below: string): string | undefined {
  return path?.endsWith(below) ? path.slice(0, path.length - below.length) : undefined;
}
