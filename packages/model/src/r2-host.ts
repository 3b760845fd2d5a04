import { CLOSED_PLACEHOLDER, markPlaceholders } from './placeholder.js';

/**
 * The host of Cloudflare R2's S3 API: `<account>.r2.cloudflarestorage.com`, or
 * `<account>.<jurisdiction>.r2.cloudflarestorage.com` for a bucket kept in a jurisdiction. Whatever
 * label stands before it, the host is R2's: an endpoint written with a variable whose default is a
 * stand-in (`my-account`) or with a placeholder still points at R2, not at AWS. Only a 32-hex label
 * is an account id Cloudflare issues (`r2AccountId`).
 */
export const R2_JURISDICTIONS = ['eu', 'fedramp', 'us'] as const;

const JURISDICTION = `(?:${R2_JURISDICTIONS.join('|')})`;

/**
 * The host as a regular-expression source, for the `i` flag, with the label in group `acct` and
 * the jurisdiction in `jur`. `extra` adds characters a label may hold: a caller that writes an
 * unknown part of the host as one character passes it. With `templated`, the label may be a
 * placeholder too (`${ACCOUNT_ID}`, `$R2_ACCOUNT`, `${{ secrets.R2_ACCOUNT }}`), as an account id
 * is usually kept. The label is bounded (63 characters, as DNS bounds it, and a placeholder as
 * `CLOSED_PLACEHOLDER` bounds it), so a pattern built on it stays linear.
 */
export function r2S3HostSource(extra = '', templated = false): string {
  const chars = `a-z0-9${extra}`;
  const literal = `[${chars}](?:[${chars}-]{0,61}[${chars}])?`;
  const label = templated ? `${literal}|${CLOSED_PLACEHOLDER}` : literal;
  return String.raw`(?<acct>${label})(?:\.(?<jur>${JURISDICTION}))?\.r2\.cloudflarestorage\.com`;
}

/**
 * Before a label in a virtual-hosted URL (`bucket.account.r2…`): the label is not a jurisdiction,
 * so `account.eu.r2…` is read as the account's endpoint, not as a bucket named after the account.
 */
export const NOT_R2_JURISDICTION = String.raw`(?!${JURISDICTION}\.r2\.)`;

/** The account id a host's label is, when it is one: 32 hexadecimal digits. */
export function r2AccountId(label: string): string | undefined {
  return /^[0-9a-f]{32}$/i.test(label) ? label : undefined;
}

/**
 * The host within an endpoint URL (or a bare host), whole: after the scheme, userinfo or a bucket's
 * label, and not going on into another domain (`….r2.cloudflarestorage.com.example`).
 */
export function r2S3HostPattern(extra = ''): RegExp {
  return new RegExp(String.raw`(?:^|[/.@])${r2S3HostSource(extra)}(?![a-z0-9.-])`, 'i');
}

/** Stands for a placeholder, which may be all or part of the account label. */
const PLACEHOLDER_MARK = '\u2063';
const R2_S3_HOST = r2S3HostPattern(PLACEHOLDER_MARK);

/**
 * Whether an endpoint URL (or a bare host) is R2's S3 API. An account written as a placeholder
 * (`https://${{ secrets.R2_ACCOUNT_ID }}.r2.cloudflarestorage.com`, as an account id is usually
 * kept) still makes it R2's.
 */
export function isR2S3Endpoint(endpoint: string): boolean {
  return R2_S3_HOST.test(markPlaceholders(endpoint, PLACEHOLDER_MARK));
}
