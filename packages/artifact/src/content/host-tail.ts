import type { TextLink } from '@posture/buildconfig';

/**
 * A string that ends in a URL whose host is not finished (`"https://acme-releases"`,
 * `"https://acme-releases."`), then `+`, `,` or `.concat(` before the string the link starts.
 * A host is at most 253 characters and a scheme a few: the look back is bounded.
 */
const UNFINISHED_HOST =
  /[a-z][a-z0-9+.-]{0,15}:\/\/[a-z0-9.-]{0,253}["'`]\s*(?:[+,]|\.concat\()\s*$/i;
const LOOK_BACK = 300;

/**
 * Whether a link written without a scheme, at the start of a string, is the end of a host that the
 * string before begins: `["https://acme-releases", "s3.amazonaws.com/app.tgz"].join(".")`, or the
 * same joined with `+`. Read alone it names a wrong bucket (path-style, `app.tgz`); its host goes on
 * from the string before, so it names none that can be told. An assembly (`+`, `.concat`) reads the
 * whole URL when it can, and its link is the one reported.
 */
export function continuesAHost(text: string, link: TextLink): boolean {
  if (!/^["'`]$/.test(text[link.start - 1] ?? '')) return false;
  if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(text.slice(link.start, link.start + 17))) return false;
  const before = text.slice(Math.max(0, link.start - 1 - LOOK_BACK), link.start - 1);
  return UNFINISHED_HOST.test(before);
}
