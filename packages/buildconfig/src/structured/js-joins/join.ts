/**
 * Strings that JavaScript text joins, read as text and never run: a `+` chain of string literals,
 * templates and names (`"https://" + BUCKET + ".s3.amazonaws.com/" + key`, or its ES5 output
 * `"https://".concat(BUCKET, ".s3.amazonaws.com/").concat(key)`), and the names a file
 * declares strings (`const BUCKET = "acme-releases"`, `prod ? "acme-releases" : "acme-staging"`,
 * `const cfg = { bucket: "acme-releases" }`). For shipped bundles, which may be megabytes on one
 * line: every reading is a forward or backward walk over a bounded stretch of characters, and no
 * regular expression backtracks more than a bounded run.
 */

/**
 * A part of a joined string: its text, or a name (or member, `cfg.bucket`) to look up, or an
 * expression written in a template (`${process.env.B || "acme-assets"}`) with the strings it may be.
 */
export type JoinPart =
  string | { readonly name: string; readonly values?: readonly string[]; readonly bounded?: true };

export interface Join {
  /** Where the chain is written: offsets into the text, `end` exclusive. */
  readonly start: number;
  readonly end: number;
  readonly parts: readonly JoinPart[];
  /** How many operands are joined (a template alone is one). */
  readonly operands: number;
  /**
   * Up to where a place in the chain is read with CONTEXT operands after it: the end, or, when a
   * bound cut the reading, the start of the CONTEXT-th operand from the end. A storage anchor before
   * it is read with this chain and needs no chain of its own.
   */
  readonly through: number;
}

/** A chain longer than this, in characters or operands, is read no further. */
export const MAX_CHAIN = 2048;
export const MAX_OPERANDS = 32;
/** How many strings an expression, or a join of names, is read as at most. */
export const MAX_ALTERNATIVES = 8;
