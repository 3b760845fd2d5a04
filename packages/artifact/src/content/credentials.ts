import type { CredentialType } from '@posture/model';

/**
 * High-confidence credential patterns only: fixed prefixes and lengths that real tokens have and
 * prose or code rarely does. A match is reported by type and place; its text never leaves here.
 */
export const CREDENTIAL_PATTERNS: readonly (readonly [CredentialType, RegExp])[] = [
  // AWS access key ids; the documentation's AKIAIOSFODNN7EXAMPLE and its kin are not keys.
  ['aws-access-key-id', /\b(?:AKIA|ASIA)(?![A-Z2-7]{9}EXAMPLE)[A-Z2-7]{16}\b/g],
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
    /\/\/[^\s"'`/]+(?:\/[^\s"'`/]+)*\/:_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)[^\s"'`$]{8,}/g,
  ],
];

/**
 * An unscoped `.npmrc` auth setting (`_auth=…`, `_authToken=…`, `_password=…`) alone at the start
 * of a line. It is a credential only in an npmrc file or in text that also holds a registry-scoped
 * setting (a heredoc writing one): elsewhere the same shape is code, such as
 * `this._password = options.password` or a minified `_auth=e.auth`.
 */
export const NPMRC_SETTING =
  /(?<=^[ \t]*)_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)[^\s"'`$]{8,}/gm;
