import {
  decodeText,
  jsonRefusal,
  LineIndex,
  observedEntry,
  readRegularFile,
  unreadableReason,
  type ArtifactObservation,
  type Range,
} from '@posture/model';
import { packageFileOf, type Inspection, type ShippedFile } from './inspect.js';
import { rootRelative } from './paths.js';

/**
 * Release evidence: the approved list of what a package ships (path, size, sha-256). Written before
 * publishing, compared with the artifact — or with the package downloaded back from the registry —
 * to prove that what shipped is exactly what was approved. Paths are package paths, so a directory,
 * its tarball and the published package all compare equal.
 */
export const MANIFEST_VERSION = 'posture-artifact-manifest/v1';

export interface ArtifactManifest {
  readonly version: typeof MANIFEST_VERSION;
  readonly package?: { readonly name?: string; readonly version?: string };
  readonly files: readonly ShippedFile[];
}

/** A manifest that cannot be used: the CLI exits 2, as for a bad policy file. */
export class ManifestError extends Error {
  constructor(
    readonly file: string,
    private readonly says: (name: string) => string,
  ) {
    super(says(file));
  }

  /** The message with the file named `name`: as the user typed it, not by its absolute path. */
  naming(name: string): string {
    return this.says(name);
  }
}

/** The manifest of an inspected artifact, one file per line so that reviews diff line by line. */
export function manifestText(inspection: Inspection): string {
  const head = {
    version: MANIFEST_VERSION,
    ...(inspection.package && { package: inspection.package }),
  };
  const files = inspection.files.map(
    (f) => `    ${JSON.stringify({ path: f.path, size: f.size, sha256: f.sha256 })}`,
  );
  const opening = JSON.stringify(head, null, 2).replace(/\n}$/, ',\n  "files": [');
  return `${opening}\n${files.join(',\n')}\n  ]\n}\n`;
}

/** Every difference between the artifact and an approved manifest, each at the line to review. */
export function compareManifest(
  inspection: Inspection,
  manifestPath: string,
  root: string,
): ArtifactObservation[] {
  const text = readText(manifestPath);
  const approved = parseManifest(manifestPath, text);
  const lines = new LineIndex(text);
  const file = rootRelative(root, manifestPath);
  const lineOf = (path: string): Range => {
    const at = Math.max(0, text.indexOf(JSON.stringify(path)));
    const start = lines.lineStart(lines.position(at).line);
    return lines.range(file, start, at + JSON.stringify(path).length);
  };
  const origins = new Map(
    inspection.observations.flatMap((o) => {
      const entry = observedEntry(o);
      return entry ? [[entry.packagePath, entry.origin.range] as const] : [];
    }),
  );
  const actual = new Map(inspection.files.map((f) => [f.path, f]));
  const expected = new Map(approved.files.map((f) => [f.path, f]));
  const base = { kind: 'manifest-mismatch' as const, artifact: inspection.artifact };
  const packageFile = (path: string) => {
    const file = packageFileOf(inspection.packageDir, path);
    return file === undefined ? {} : { packageFile: file };
  };
  const observations: ArtifactObservation[] = [];
  for (const [path, found] of actual) {
    const want = expected.get(path);
    const facts = { actual: { size: found.size, sha256: found.sha256 } };
    if (!want) {
      const location = origins.get(path) ?? inspection.origin.range;
      observations.push({
        ...base,
        packagePath: path,
        ...packageFile(path),
        change: 'added',
        location,
        ...facts,
      });
      continue;
    }
    if (want.size === found.size && want.sha256 === found.sha256) continue;
    const change = want.size !== found.size ? 'size' : 'content';
    const expectedFacts = { expected: { size: want.size, sha256: want.sha256 } };
    observations.push({
      ...base,
      packagePath: path,
      ...packageFile(path),
      change,
      location: lineOf(path),
      ...facts,
      ...expectedFacts,
    });
  }
  for (const [path, want] of expected) {
    if (actual.has(path)) continue;
    const expectedFacts = { expected: { size: want.size, sha256: want.sha256 } };
    observations.push({
      ...base,
      packagePath: path,
      ...packageFile(path),
      change: 'removed',
      location: lineOf(path),
      ...expectedFacts,
    });
  }
  return observations;
}

function readText(path: string): string {
  try {
    return decodeText(readRegularFile(path));
  } catch (error) {
    throw new ManifestError(
      path,
      (name) => `cannot read the manifest ${name}: ${unreadableReason(error)}`,
    );
  }
}

function parseManifest(path: string, text: string): ArtifactManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const { line, column, message } = jsonRefusal(text, error);
    throw new ManifestError(path, (name) => `${name}:${line}:${column} is not JSON: ${message}`);
  }
  const manifest = value as Partial<ArtifactManifest>;
  if (manifest?.version !== MANIFEST_VERSION || !Array.isArray(manifest.files))
    throw new ManifestError(
      path,
      (name) =>
        `${name} is not a Posture artifact manifest (expected "version": "${MANIFEST_VERSION}" and "files").`,
    );
  manifest.files.forEach((f, i) => {
    if (
      typeof f?.path !== 'string' ||
      typeof f.size !== 'number' ||
      typeof f.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(f.sha256)
    )
      throw new ManifestError(
        path,
        (name) => `${name}: files[${i}] needs "path", "size" and a hex "sha256".`,
      );
  });
  return manifest as ArtifactManifest;
}
