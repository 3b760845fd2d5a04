import { closingQuote } from '@posture/model';

/**
 * The numbers written in JSON `text` that a double does not hold as written, by the double each
 * is read as. Terraform keeps `12345678901234567890` exact; read as a double it is
 * `12345678901234567000`, as is `12345678901234567891`, so that two bucket names made of them
 * would be one, and neither the name Terraform gives. Each double is given with the numbers
 * written that it stands for. `text` is valid JSON.
 */
export function roundedNumbers(text: string): Map<number, string[]> {
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
    if (decimal(written) !== decimal(read.toExponential())) {
      const alike = rounded.get(read);
      if (!alike) rounded.set(read, [written]);
      else if (!alike.includes(written)) alike.push(written);
    }
    i += written.length - 1;
  }
  return rounded;
}

const QUOTE = 0x22;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;
const NUMBER = /-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

/**
 * A number written in decimal (`1.50e2`, or `1.5e+2` as `toExponential` writes the shortest that
 * reads back as the same double), as one text for each value: `15e1`. Infinity is none.
 */
function decimal(written: string): string | undefined {
  const parts = /^(-?)(\d*)\.?(\d*)(?:e([-+]?\d+))?$/i.exec(written);
  if (!parts) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = parts;
  const significant = `${whole}${fraction}`.replace(/^0+/, '');
  const digits = significant.replace(/0+$/, '');
  if (digits === '') return '0';
  const power = Number(exponent) - fraction.length + (significant.length - digits.length);
  return `${sign}${digits}e${power}`;
}
