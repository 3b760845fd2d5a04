/** Integer arithmetic as Terraform does it: exactly, which a double past 2^53 cannot always do. */
import { Inexact } from './unknowns.js';

/**
 * `result`, a double computed from integers a double holds, when it is `exact()`, the integer
 * Terraform computes; else unknown, as a name made from a rounded number is not the name Terraform
 * gives (`9007199254740992 + 1` is 9007199254740992 in doubles). A double holds every integer below
 * 2^53, and rounding is monotonic, so a result below it is exact: only a larger one is checked.
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
  if (BigInt(result) === value) return result;
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

/** `digits` (`[-+]?[0-9a-z]+`, already checked for `radix`) in base `radix` as the integer they write. */
export function writtenInteger(digits: string, radix: number): bigint {
  const magnitude = [...digits.replace(/^[-+]/, '')].reduce(
    (n, digit) => n * BigInt(radix) + BigInt(parseInt(digit, 36)),
    0n,
  );
  return digits.startsWith('-') ? -magnitude : magnitude;
}
