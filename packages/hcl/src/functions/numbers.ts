import { exactInteger, writtenInteger, writtenNumber } from '../eval/exact-integers.js';
import { fail, fn, int, list, num, str, type FunctionTable } from './function.js';

export const numberFunctions: FunctionTable = {
  // Folded, not spread into Math.min: `min(local.ids...)` may pass more arguments than a call takes.
  min: fn((args) =>
    args.length > 0
      ? args.map(num).reduce((a, b) => Math.min(a, b))
      : fail('min needs an argument'),
  ),
  max: fn((args) =>
    args.length > 0
      ? args.map(num).reduce((a, b) => Math.max(a, b))
      : fail('max needs an argument'),
  ),
  sum: fn(([l]) => {
    const items = list(l).map(num);
    if (items.length === 0) fail('sum of an empty list');
    const total = items.reduce((a, b) => a + b, 0);
    if (!items.every(Number.isInteger)) return total;
    const exact = (): bigint => items.reduce((a, b) => a + BigInt(b), 0n);
    return exactInteger(total, exact, () => `sum([${items.join(', ')}])`);
  }),
  abs: fn(([n]) => Math.abs(num(n))),
  ceil: fn(([n]) => Math.ceil(num(n))),
  floor: fn(([n]) => Math.floor(num(n))),
  signum: fn(([n]) => Math.sign(num(n))),
  pow: fn(([base, exponent]) => {
    const [b, e] = [num(base), num(exponent)];
    if (!Number.isInteger(b) || !Number.isInteger(e) || e < 0) return b ** e;
    return exactInteger(
      b ** e,
      () => BigInt(b) ** BigInt(e),
      () => `pow(${b}, ${e})`,
    );
  }),
  log: fn(([n, base]) => Math.log(num(n)) / Math.log(num(base))),
  parseint: fn(([text, base]) => {
    const radix = int(base);
    const digits = str(text);
    if (radix < 2 || radix > 62) fail('base must be a whole number between 2 and 62');
    const parsed =
      writtenNumber(digits, radix) ?? fail(`cannot parse "${digits}" as a base ${radix} integer`);
    return exactInteger(
      parsed,
      () => writtenInteger(digits, radix),
      () => `parseint("${digits}", ${radix})`,
    );
  }),
};
