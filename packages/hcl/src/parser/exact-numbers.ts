/** Numbers as Terraform reads them from text: exactly, which a double cannot always do. */

/** A number literal's value, and its text when a double does not hold it as Terraform does. */
export function numberLiteral(written: string): { value: number; inexact?: string } {
  const value = Number(written);
  return heldExactly(written, value) ? { value } : { value, inexact: written };
}

/**
 * Whether the double `read` is the number `written` in decimal (`-1.50e2`, `+.5`, `0.1`): Terraform
 * holds every number written exactly, so a name made of one a double rounds is not the name it gives.
 * `0.1` is held: a double writes it back as written.
 */
export function heldExactly(written: string, read = Number(written)): boolean {
  return decimal(written.replace(/^\+/, '')) === decimal(read.toExponential());
}

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
