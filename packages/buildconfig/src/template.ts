/**
 * Characters that, written right before a host, show the host goes on to the left in a template:
 * `$BUCKET.s3…`, `${env}-releases.s3…`, `%NAME%.s3…`. A real host starts after `//`, `@`, a quote
 * or a space.
 */
const TEMPLATE_BEFORE_HOST = /[$\-.})%>\]]/;

export function hostIsTemplated(text: string, hostStart: number): boolean {
  return hostStart > 0 && TEMPLATE_BEFORE_HOST.test(text[hostStart - 1] ?? '');
}
