import { closingQuote, type Value } from '@posture/model';
import { Inexact } from '../eval/unknowns.js';
import { heldExactly } from '../parser/exact-numbers.js';

/**
 * The numbers written in JSON `text` that a double does not hold as written, by the double each
 * is read as. Terraform keeps `12345678901234567890` exact; read as a double it is
 * `12345678901234567000`, as is `12345678901234567891`, so that two bucket names made of them
 * would be one, and neither the name Terraform gives. Each double is given with the numbers
 * written that it stands for. `text` is valid JSON.
 */
function roundedNumbers(text: string): Map<number, string[]> {
  const rounded = new Map<number, string[]>();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) break;
      continue;
    }
    if (c !== MINUS && (c < ZERO || c > NINE)) continue;
    NUMBER.lastIndex = i;
    const written = NUMBER.exec(text)?.[0] ?? '';
    const read = Number(written);
    if (!heldExactly(written, read)) {
      const alike = rounded.get(read);
      if (!alike) rounded.set(read, [written]);
      else if (!alike.includes(written)) alike.push(written);
    }
    i += written.length - 1;
  }
  return rounded;
}

/**
 * `value`, JSON.parse's reading of `text`, with each number a double does not hold as written
 * unknown, `why` it is naming the numbers written that it may be.
 */
export function withInexactUnknown(
  text: string,
  value: Value,
  why: (written: readonly string[]) => string,
): Value {
  const rounded = roundedNumbers(text);
  if (rounded.size === 0) return value;
  return JSON.parse(text, (_key, item: Value) => {
    const written = typeof item === 'number' ? rounded.get(item) : undefined;
    return written === undefined ? item : new Inexact([], why(written));
  }) as Value;
}

/** How a reason names the numbers written that one double stands for. */
export function writtenNumbers(written: readonly string[]): string {
  return written.length === 1 ? `the number ${written[0]}` : `one of ${written.join(', ')}`;
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
