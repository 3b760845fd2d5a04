/**
 * Characters that, written right before a host, show the host goes on to the left in a template:
 * `$BUCKET.s3…`, `${env}-releases.s3…`, `%NAME%.s3…`. A real host starts after `//`, `@`, a quote
 * or a space.
 */
const TEMPLATE_BEFORE_HOST = /[$\-.})%>\]]/;
/** PowerShell's `$env:` before a host: the host's first label is the name of a variable. */
const POWERSHELL_ENV_BEFORE_HOST = /\$env:$/i;

export function hostIsTemplated(text: string, hostStart: number): boolean {
  if (hostStart === 0) return false;
  if (TEMPLATE_BEFORE_HOST.test(text[hostStart - 1] ?? '')) return true;
  return POWERSHELL_ENV_BEFORE_HOST.test(text.slice(Math.max(0, hostStart - 5), hostStart));
}
