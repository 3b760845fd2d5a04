import type { Range } from '@posture/model';

/**
 * Bounds on what one artifact may cost to read. An artifact past a bound is not read further and
 * fails the gate with a clear message: an archive built to exhaust the scanner (a zip or gzip bomb,
 * a tar of endless entries) must not pass, nor take the CI job down with it.
 */
export interface ArtifactLimits {
  /** Entries (files, directories, links) in one artifact. */
  readonly maxEntries: number;
  /** Uncompressed bytes of one entry. */
  readonly maxEntryBytes: number;
  /** Uncompressed bytes of the whole artifact. */
  readonly maxTotalBytes: number;
  /** Uncompressed bytes per compressed byte, once past `RATIO_FLOOR_BYTES`. */
  readonly maxRatio: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: ArtifactLimits = {
  maxEntries: 10_000,
  maxEntryBytes: 1024 * MiB,
  maxTotalBytes: 2048 * MiB,
  // Minified JavaScript compresses 3–6×, source maps up to ~20×; gzip's own maximum is ~1,032×.
  maxRatio: 100,
};

/** Small inputs may compress absurdly well (a file of zeros) without being a bomb. */
export const RATIO_FLOOR_BYTES = 16 * MiB;

/**
 * How many times `packed` bytes `unpacked` is, rounded down, when that is past the ratio bound and
 * `unpacked` past the floor under which any ratio is allowed: a decompression bomb. Else undefined.
 */
export function bombRatio(
  unpacked: number,
  packed: number,
  limits: ArtifactLimits,
): number | undefined {
  const ratio = unpacked / Math.max(1, packed);
  return unpacked > RATIO_FLOOR_BYTES && ratio > limits.maxRatio ? Math.floor(ratio) : undefined;
}

/**
 * An artifact that cannot be read to the end: why, the entry being read, if any, and where the
 * configuration that stopped it is written, if one did.
 */
export class ArtifactReadError extends Error {
  constructor(
    message: string,
    readonly entry?: string,
    readonly at?: Range,
  ) {
    super(message);
  }
}

/** Reading stopped at one of the `ArtifactLimits`, which a legitimate package may need raised. */
export class ArtifactBoundError extends ArtifactReadError {}

/**
 * A symbolic link in a package directory, which its packer would follow (vsce packs what a link
 * leads to; npm what a bundled dependency's linked folder holds) and Posture does not.
 */
export class LinkNotFollowedError extends ArtifactReadError {}

/** A package directory its packer (npm, vsce) would refuse to pack: its package.json is to fix. */
export class UnpackableError extends ArtifactReadError {}
