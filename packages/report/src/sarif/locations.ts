import { identifyingPath, namesDirectory, type Finding, type Range } from '@posture/model';
import type { PhysicalLocation, Region } from 'sarif';
import { compact } from '../compact.js';
import type { RepoPaths } from '../paths.js';
import { artifactUri, SRCROOT } from './uris.js';

/** Builds physical locations that point into `run.artifacts` when the file was scanned. */
export class Locator {
  private readonly artifactIndex: ReadonlyMap<string, number>;

  /** `artifactUris` in `run.artifacts` order. */
  constructor(
    private readonly paths: RepoPaths,
    artifactUris: readonly string[],
  ) {
    this.artifactIndex = new Map(artifactUris.map((uri, index) => [uri, index]));
  }

  /**
   * A related location, or a notification's. A directory (a shipped folder) has no lines: SARIF
   * lets a location be its artifact alone, and GitHub wants a region only on a result's own
   * location, which it fingerprints and which keeps one whatever it is.
   */
  physical(range: Range): PhysicalLocation {
    const location = this.at(artifactUri(this.paths.of(range.file)), range);
    return namesDirectory(range) ? { artifactLocation: location.artifactLocation } : location;
  }

  /**
   * A result's own location, at the path its finding is known by across releases: GitHub keys an
   * alert by rule, path and line hash, so a finding at `acme-cli-1.0.1.tgz` itself is at
   * `acme-cli-<version>.tgz`, or every release would close its alert as fixed and open another
   * (a dismissal lost with it). The archive's own name is the result's `artifact` property.
   */
  primary(finding: Finding): PhysicalLocation {
    const named = identifyingPath(finding, this.paths.of(finding.location.file));
    return this.at(artifactUri(named), finding.location);
  }

  private at(uri: string, range: Range): PhysicalLocation {
    return {
      artifactLocation: compact({ uri, uriBaseId: SRCROOT, index: this.artifactIndex.get(uri) }),
      region: region(range),
    };
  }
}

/**
 * A SARIF region from a model range; both use 1-based lines and columns with an exclusive end.
 * An empty or inverted range becomes one column wide, because GitHub wants all four fields and
 * the schema reads a zero-width region as an insertion point.
 */
export function region(range: Range): Region {
  const { start, end } = range;
  const nonEmpty = end.line > start.line || (end.line === start.line && end.column > start.column);
  return {
    startLine: start.line,
    startColumn: start.column,
    endLine: nonEmpty ? end.line : start.line,
    endColumn: nonEmpty ? end.column : start.column + 1,
  };
}
