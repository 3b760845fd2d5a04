/** Integer arithmetic as Terraform does it: exactly, which a double past 2^53 cannot always do. */
import { Inexact } from './unknowns.js';

/**
 * `result`, a double computed from integers a double holds, when it is `exact()`, the integer
 * Terraform computes; else unknown, as a name made from a rounded number is not the name Terraform
 * gives (`9007199254740992 + 1` is 9007199254740992 in doubles). A double holds every integer below
 * 2^53, and rounding is monotonic, so a result below it is exact: only a larger one is checked,
 * against the double nearest the exact value (a result folded digit by digit may be rounded twice).
 */
export function exactInteger(
  result: number,
  exact: () => bigint,
  what: () => string,
): number | Inexact {
  if (Math.abs(result) <= Number.MAX_SAFE_INTEGER) return result;
  // An overflow to Infinity is never the number, and its exact value may be too large to build.
  if (!Number.isFinite(result)) return new Inexact([], `${what()} is larger than a double holds`);
  const value = exact();
  const nearest = Number(value);
  if (BigInt(nearest) === value) return nearest;
  return new Inexact([], `${what()} is ${value}, which a double does not hold exactly`);
}

/**
 * `a / b` for integers: a quotient that is no integer yet rounds to one (`18014398509481988 / 3` is
 * 6004799503160663 in doubles, Terraform gives 6004799503160662.666…) is unknown. `%` is exact in
 * doubles, and a quotient that divides evenly a double holds (its odd part is no more than the
 * dividend's). A fractional quotient is left as a double gives it, as all non-integer arithmetic is.
 */
export function exactQuotient(a: number, b: number, what: () => string): number | Inexact {
  const quotient = a / b;
  if (!Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(quotient)) return quotient;
  if (a % b === 0) return quotient;
  return new Inexact([], `${what()} is no whole number, yet a double rounds it to ${quotient}`);
}

/**
 * `digits` (`[-+]?` then digits of `radix`, 2 to 62) as a double, folded digit by digit (so maybe
 * rounded more than once, and Infinity when too large), as Go's `big.Int.SetString` reads them, which
 * Terraform's `parseint` calls; undefined when they write no integer. Up to base 36 a letter is 10 to
 * 35 in either case; past it, lower case is 10 to 35 and upper case 36 to 61 (`parseint("Z", 62)` is
 * 61, `parseint("B", 37)` an error).
 */
export function writtenNumber(digits: string, radix: number): number | undefined {
  const values = digitValues(digits, radix);
  if (values.length === 0 || !values.every((v) => v < radix)) return undefined;
  const magnitude = values.reduce((n, v) => n * radix + v, 0);
  return digits.startsWith('-') ? -magnitude : magnitude;
}

/** The integer `digits` (already read by `writtenNumber`) write, exactly. */
export function writtenInteger(digits: string, radix: number): bigint {
  const magnitude = digitValues(digits, radix).reduce((n, v) => n * BigInt(radix) + BigInt(v), 0n);
  return digits.startsWith('-') ? -magnitude : magnitude;
}

/** The value of each digit after the sign; NaN for a character that is no digit. */
function digitValues(digits: string, radix: number): number[] {
  return [...digits.replace(/^[-+]/, '')].map((digit) => {
    const value = /^[0-9a-zA-Z]$/.test(digit) ? parseInt(digit, 36) : NaN;
    return radix > 36 && digit >= 'A' && digit <= 'Z' ? value + 26 : value;
  });
}
