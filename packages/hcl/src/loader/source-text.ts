import { isUtf8 } from 'node:buffer';

/** A configuration file's text, and where bytes that are not UTF-8 were in it. */
export interface SourceText {
  readonly text: string;
  /** Offsets in `text` of the U+FFFD written for each ill-formed byte sequence, ascending. */
  readonly notUtf8: readonly number[];
  /** Whether the bytes opened with a byte-order mark, which Terraform refuses in a JSON file. */
  readonly bom: boolean;
}

/**
 * The text of a file's bytes, without a byte-order mark, which an editor does not show and columns
 * do not count (Terraform skips it in native syntax, and refuses a JSON file that has one).
 * Terraform refuses bytes that are not UTF-8 outside comments (the parser says where they are);
 * each ill-formed sequence reads as U+FFFD (one per maximal subpart, as the WHATWG decoder does),
 * and its offset is kept, because a U+FFFD written as UTF-8 is a character like any other.
 */
export function sourceText(bytes: Buffer): SourceText {
  const bom = hasBom(bytes);
  const body = bom ? bytes.subarray(3) : bytes;
  if (isUtf8(body)) return { text: body.toString('utf8'), notUtf8: [], bom };
  const notUtf8: number[] = [];
  let text = '';
  let run = 0;
  for (let i = 0; i < body.length;) {
    const length = sequenceAt(body, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += body.toString('utf8', run, i);
    notUtf8.push(text.length);
    text += '\uFFFD';
    i -= length;
    run = i;
  }
  return { text: text + body.toString('utf8', run), notUtf8, bom };
}

function hasBom(bytes: Buffer): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * The length of the well-formed UTF-8 sequence at `i`, or minus the length of the ill-formed
 * bytes there: its lead byte and the continuation bytes that fit it before the one that does not.
 */
function sequenceAt(bytes: Buffer, i: number): number {
  const lead = bytes[i]!;
  if (lead < 0x80) return 1;
  let needed: number;
  // The second byte's range rules out overlong forms, surrogates and code points past U+10FFFF.
  let lower = 0x80;
  let upper = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    needed = 2;
    if (lead === 0xe0) lower = 0xa0;
    if (lead === 0xed) upper = 0x9f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    needed = 3;
    if (lead === 0xf0) lower = 0x90;
    if (lead === 0xf4) upper = 0x8f;
  } else return -1;
  for (let k = 1; k <= needed; k++) {
    const next = bytes[i + k];
    if (next === undefined || next < lower || next > upper) return -k;
    lower = 0x80;
    upper = 0xbf;
  }
  return needed + 1;
}
