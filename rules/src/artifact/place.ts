import { directoryRange, fileRange } from '@posture/model';
import type { ArtifactEntry, ArtifactPlace, FindingDraft } from '@posture/model';

/**
 * Where artifact findings go and how they name what they are about. A finding about a file that
 * should not ship sits at the configuration that let it in (a `files` entry, `.npmignore`,
 * package.json) — where the fix goes. A finding about content sits on the line of the file on disk
 * when the package directory was scanned, else at that configuration too. The entry path as the
 * artifact holds it is always in the message.
 */

/** `dist/cli.js.map`, or `package/dist/cli.js.map in acme-cli-1.0.0.tgz` for an archive. */
export function entryName(entry: ArtifactEntry): string {
  return entry.source === undefined ? `${entry.path} in ${entry.artifact}` : entry.path;
}

/** `dist/cli.js:3:1`, or `package/dist/cli.js:3:1 in acme-cli-1.0.0.tgz`. */
export function contentName(entry: ArtifactEntry, at: ArtifactPlace): string {
  const where = `${entry.path}:${at.line}:${at.column}`;
  return entry.source === undefined ? `${where} in ${entry.artifact}` : where;
}

/**
 * A finding about a file (or a folder refused whole) as a whole: at its origin, with the file
 * itself related when on disk.
 */
export function atOrigin(entry: ArtifactEntry): Pick<FindingDraft, 'location' | 'related'> {
  const folder = entry.kind === 'directory';
  const label = folder ? 'shipped folder' : 'shipped file';
  if (entry.source === undefined) return { location: entry.origin.range, related: [] };
  const range = folder ? directoryRange(entry.source) : fileRange(entry.source);
  return { location: entry.origin.range, related: [{ label, range }] };
}

/** A finding about content: on its line when the file is on disk, with the origin related. */
export function atContent(
  entry: ArtifactEntry,
  at: ArtifactPlace,
): Pick<FindingDraft, 'location' | 'related'> {
  if (at.range === undefined) return { location: entry.origin.range, related: [] };
  return {
    location: at.range,
    related: [{ label: entry.origin.label, range: entry.origin.range }],
  };
}

/**
 * How to keep a file out, worded for the packer that decides what ships and the configuration that
 * let it in. `pattern` is in npm's terms, where a bare name matches at any depth.
 */
export function exclusionAdvice(entry: ArtifactEntry, pattern: string): string {
  const label = entry.origin.label;
  switch (entry.packer) {
    case 'vsce':
      if (label.startsWith('"files" entry'))
        return `narrow the ${label} in package.json: vsce packs what "files" lists`;
      if (label.endsWith('.vscodeignore')) return `add ${anywhere(pattern)} to ${label}`;
      return `add ${anywhere(pattern)} to .vscodeignore (or narrow the "files" list of package.json, if it has one: vsce takes one or the other)`;
    case 'electron':
      return `keep it out of the app's asar: add "!${anywhere(pattern)}" to the "files" of the electron-builder configuration, or match it with the "ignore" option of Electron Forge's packagerConfig`;
    case 'npm':
      if (BUNDLED.test(label)) return bundledAdvice(label);
      if (label.startsWith('"files" entry'))
        return `narrow the ${label} in package.json, or add "!${pattern}" after it`;
      if (label.endsWith('.npmignore')) return `add ${pattern} to ${label}`;
      if (label.startsWith('package.json'))
        return `list what ships in a "files" array in package.json, or add ${pattern} to .npmignore`;
      return `keep it out of the package ("files" in package.json, or .npmignore: ${pattern})`;
  }
}

/** The origin of a file npm packs with a bundled dependency (`"bundleDependencies" entry "dep"`). */
const BUNDLED = /"bundled?Dependencies"/;
/** `"bundleDependencies": true, which bundles "dep"`: every dependency is. */
const ALL_BUNDLED = /^("bundled?Dependencies"): true, which bundles (".+")$/;

/**
 * A bundled dependency is packed by its own package.json and .npmignore, which this package's
 * "files" and .npmignore do not reach: what keeps its files out is not bundling it.
 */
function bundledAdvice(label: string): string {
  const why =
    'npm packs a bundled dependency as its own "files" and .npmignore say, which this package\'s do not reach';
  const all = ALL_BUNDLED.exec(label);
  let drop = `remove the ${label} from package.json`;
  if (all)
    drop = `list the dependencies to bundle in ${all[1]} instead of true, leaving ${all[2]} out`;
  else if (label.startsWith('package.json'))
    drop = `it ships as a dependency of one of the bundled dependencies: drop the one that brings it in from ${label.slice('package.json '.length)} in package.json`;
  return `${drop} (${why}), or, if it must ship as it is, write that decision down in the policy (an exception with a reason)`;
}

/**
 * The path of a file as its packer sees it: for a file of an asar inside the artifact, the path
 * inside the asar (`dist/main.js`, not `resources/app.asar/dist/main.js`).
 */
export function packedPath(entry: ArtifactEntry): string {
  return entry.packer === 'electron'
    ? entry.packagePath.replace(/^.*\.asar\//i, '')
    : entry.packagePath;
}

/**
 * The pattern that keeps maps named like this one out: `*.map`, `*.map.json`, `*.map.gz`, or the
 * file itself when its name does not say it is a map.
 */
export function mapPattern(entry: ArtifactEntry): string {
  const path = packedPath(entry);
  const name = path.split('/').pop() ?? '';
  const at = name.toLowerCase().indexOf('.map');
  return at < 0 ? path : `*${name.slice(at)}`;
}

/** The folders coverage tools write to: Jest's, Vitest's and c8's reports, nyc's and its data. */
const COVERAGE_FOLDERS = new Set(['coverage', '.nyc_output']);

/**
 * The coverage folder a path lies in (`coverage` for `coverage/tmp/coverage-1.json`, where c8 keeps
 * Node's raw V8 coverage, or `packages/a/coverage`), up to the first such folder: what a tool
 * writes there is all coverage, kept out whole. None when no folder of the path is named so.
 */
export function coverageFolder(path: string): string | undefined {
  const segments = path.split('/').slice(0, -1);
  const at = segments.findIndex((segment) => COVERAGE_FOLDERS.has(segment.toLowerCase()));
  return at < 0 ? undefined : segments.slice(0, at + 1).join('/');
}

// A pattern for the globs vsce and electron-builder match with: minimatch, where a bare name
// (`*.map`) matches only at the root, unlike npm's, so it gets a leading `**/`.
function anywhere(pattern: string): string {
  return pattern.includes('/') ? pattern : `**/${pattern}`;
}
