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
  // `.npmrc` auth settings with a literal value; `${NPM_TOKEN}` is a reference, not a secret.
  ['npmrc-auth', /(?<![\w-])_(?:authToken|auth|password)[ \t]*=[ \t]*(?!\$\{)[^\s"'`$]{8,}/g],
];
