import type { CredentialType } from '@posture/model';

/**
 * High-confidence credential patterns only: fixed prefixes and lengths that real tokens have and
 * prose or code rarely does, or a generic shape in a setting whose name says what it is, the value
 * its `key` group. A shape too generic even so counts only where the entry's third pattern matches
 * within `NEAR` characters of it. A placeholder (`isPlaceholder`) is no credential. A match is
 * reported by type and place; its text never leaves here.
 */
export const CREDENTIAL_PATTERNS: readonly (readonly [CredentialType, RegExp, RegExp?])[] = [
  ['aws-access-key-id', /\b(?:AKIA|ASIA)[A-Z2-7]{16}\b/g],
  // A PEM header followed by key material (raw or in a string with `\n` escapes), not a header alone.
  [
    'private-key',
    /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:\s|\\[rn])+(?:[A-Za-z0-9+/=]|\\[rn]|\s){64}/g,
  ],
  ['npm-token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{82})\b/g],
  // A registry-scoped `.npmrc` auth setting (`//registry.npmjs.org/:_authToken=…`) with a literal
  // value, wherever it is written (an `.npmrc`, a heredoc, an `echo` into one): no code has this
  // shape. `${NPM_TOKEN}` is a reference, not a secret.
  [
    'npmrc-auth',
    /\/\/[^\s"'`/]+(?:\/[^\s"'`/]+)*\/:_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)(?<key>[^\s"'`$]{8,})/g,
  ],
  // R2's S3 credentials are an access key id of 32 hex digits and a secret of 64, as common a shape
  // as any hash: a literal counts in a setting named for R2 (R2_ACCESS_KEY_ID, r2SecretAccessKey,
  // CLOUDFLARE_R2_SECRET_KEY)...
  [
    'cloudflare-r2-key',
    /r2[_-]?(?:access[_-]?key(?:[_-]?id)?|key[_-]?id|secret(?:[_-]?access)?(?:[_-]?key)?)["'`]?[ \t]*[:=][ \t]*["'`]?(?<key>[a-f0-9]{64}|[a-f0-9]{32})(?![a-z0-9])/gi,
  ],
  // ...or in an S3 setting (aws_secret_access_key, accessKeyId) beside an R2 endpoint or an rclone
  // remote of provider Cloudflare.
  [
    'cloudflare-r2-key',
    /(?<!r2[_-]?)(?:aws[_-]?)?(?:access[_-]?key[_-]?id|secret[_-]?access[_-]?key)["'`]?[ \t]*[:=][ \t]*["'`]?(?<key>[a-f0-9]{64}|[a-f0-9]{32})(?![a-z0-9])/gi,
    /\.r2\.cloudflarestorage\.com|^[ \t]*provider[ \t]*=[ \t]*Cloudflare[ \t]*$/im,
  ],
  // Cloudflare's self-identifying API tokens (cfut_ for a user's, cfat_ for an account's: 40
  // characters and an 8-hex checksum), as TruffleHog's CloudflareApiToken v2 detector has them.
  ['cloudflare-api-token', /\bcf[ua]t_[A-Za-z0-9]{40}[a-f0-9]{8}\b/g],
  // An Origin CA key, as gitleaks' cloudflare-origin-ca-key has it.
  ['cloudflare-api-token', /\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b/g],
  // An older API token (40 characters) or a Global API Key (37 hex digits) in a setting named for
  // Cloudflare, as gitleaks' cloudflare-api-key and cloudflare-global-api-key have them.
  [
    'cloudflare-api-token',
    /cloudflare[\w.-]{0,20}["'`]?[ \t]*[:=][ \t]*["'`]?(?<key>[a-z0-9_-]{40}|[a-f0-9]{37})(?![\w-])/gi,
  ],
];

/**
 * A key written in documentation and examples, never issued: AWS's AKIAIOSFODNN7EXAMPLE and its
 * kin, and one character repeated (the all-zero R2 key id and secret of examples and test fixtures).
 */
function isPlaceholderKey(key: string): boolean {
  return /EXAMPLE$/.test(key) || /^(.)\1*$/.test(key);
}

/**
 * A setting's value (a pattern's `key` group) that names what belongs there rather than holding
 * it, as documentation writes it: npm's own npmrc docs ship `//somewhere-else.com/:_authToken=MYTOKEN1`,
 * and `YOUR_NPM_TOKEN` and `<token>` are as common. Issued tokens are random letters of both cases,
 * hex or base64, never a word in capitals about a token. Only a setting's value is read so: an AWS
 * key id is capitals too, and may hold `KEY` by chance.
 */
function isPlaceholderValue(value: string): boolean {
  return /^<[^<>]*>$|^[A-Z0-9_-]*(?:TOKEN|PASSWORD|SECRET|AUTH|KEY)[A-Z0-9_-]*$/.test(value);
}

/** A credential pattern's match that is a placeholder: its key, or the value of its setting. */
export function isPlaceholder(match: RegExpMatchArray): boolean {
  const value = match.groups?.key;
  return isPlaceholderKey(value ?? match[0]) || (value !== undefined && isPlaceholderValue(value));
}

/**
 * How far around a match the text that makes it a credential may be: less than the context a
 * window keeps before the matches it reports, so the answer never depends on where windows fall.
 */
export const NEAR = 1000;

/**
 * An unscoped `.npmrc` auth setting (`_auth=…`, `_authToken=…`, `_password=…`) alone at the start
 * of a line. It is a credential only in an npmrc file or in text that also holds a registry-scoped
 * setting (a heredoc writing one): elsewhere the same shape is code, such as
 * `this._password = options.password` or a minified `_auth=e.auth`. The match starts at the line's
 * start, the setting is its `setting` group: a lookbehind over the indentation would scan a line of
 * blanks back to its start from each of them, hours for a few megabytes of spaces.
 */
export const NPMRC_SETTING =
  /^[ \t]*(?<setting>_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)(?<key>[^\s"'`$]{8,}))/gm;
