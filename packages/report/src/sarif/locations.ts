import type { Range } from '@posture/model';
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

  private uri(file: string): string {
    return artifactUri(this.paths.of(file));
  }

  physical(range: Range): PhysicalLocation {
    const uri = this.uri(range.file);
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
