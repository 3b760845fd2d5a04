/**
 * GitHub's `primaryLocationLineHash`: a port of `hash` in github/codeql-action `src/fingerprints.ts`
 * (MIT, Copyright (c) 2020 GitHub), so results uploaded through the REST API, where nothing
 * computes fingerprints, match what `upload-sarif` would have computed.
 *
 * Each line's hash is a polynomial hash, modulo 2^64, over a 100-code-unit window of the text that
 * starts at the line, with spaces and tabs dropped and line endings normalised to LF. `BigInt` keeps
 * the arithmetic exact; `number` would lose bits above 2^53.
 */

const WINDOW = 100;
const BASE = 37n;
/** BASE^WINDOW: the weight of the code unit that leaves the window. */
const LEAVING = BigInt.asUintN(64, BASE ** BigInt(WINDOW));
const SENTINEL = 0xffff;
const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;

/**
 * `hex:n` for every line of `text`, in line order; `n` counts earlier lines with the same hex.
 * With `lines`, stops once that many are known: a line's hash needs only the text up to a window
 * past its start, and its `n` only the lines above it.
 */
export function lineHashes(text: string, lines = Infinity): string[] {
  const hashes: string[] = [];
  const seen = new Map<string, number>();
  const window = new Array<number>(WINDOW).fill(0);
  // The line that starts at each window slot, or 0 when none does.
  const startsAt = new Array<number>(WINDOW).fill(0);
  let slot = 0;
  let hash = 0n;
  let line = 0;
  let atLineStart = true;
  let previousWasCr = false;

  const emitIfLineLeaves = () => {
    const leaving = startsAt[slot] ?? 0;
    if (leaving === 0) return;
    const hex = hash.toString(16);
    const count = (seen.get(hex) ?? 0) + 1;
    seen.set(hex, count);
    hashes[leaving - 1] = `${hex}:${count}`;
    startsAt[slot] = 0;
  };

  const push = (code: number) => {
    hash = BigInt.asUintN(64, BASE * hash + BigInt(code) - LEAVING * BigInt(window[slot] ?? 0));
    window[slot] = code;
    slot = (slot + 1) % WINDOW;
  };

  const consume = (raw: number) => {
    // A space or tab between CR and LF makes them two line breaks, as in codeql-action.
    if (raw === SPACE || raw === TAB || (previousWasCr && raw === LF)) {
      previousWasCr = false;
      return;
    }
    previousWasCr = raw === CR;
    const code = raw === CR ? LF : raw;
    emitIfLineLeaves();
    if (atLineStart) {
      atLineStart = false;
      startsAt[slot] = ++line;
    }
    if (code === LF) atLineStart = true;
    push(code);
  };

  for (let i = 0; i < text.length && hashes.length < lines; i++) consume(text.charCodeAt(i));
  if (hashes.length < lines) {
    consume(SENTINEL);
    for (let i = 0; i < WINDOW; i++) {
      emitIfLineLeaves();
      push(0);
    }
  }
  return hashes.length > lines ? hashes.slice(0, lines) : hashes;
}
