import { describe, expect, it, vi } from 'vitest';
import { redactText } from '@posture/model';
import { threadCpuMs } from '../../../test/support/cpu-time.js';

// Written in pieces, so that no scanner of this repository takes them for real credentials.
const github = ['gh', 'p_', 'R7xQ2mZ9vK4wT1yB6nC3dF8gH5jL0pS2aE4u'].join('');
const fineGrained = ['github', '_pat_', '11ABCDEFG0', 'x'.repeat(72)].join('');
const aws = ['AK', 'IA', 'Z7QX4MBN2VLC3KJD'].join('');
const key = ['-----BEGIN ', 'PRIVATE KEY-----\n', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n'].join('');

describe('redactText', () => {
  // [what, text, what the report shows]
  const CASES: [string, string, string][] = [
    ['a GitHub token alone', github, 'REDACTED'],
    [
      "a parser's quote of a token",
      `expected '{' after the labels of block type '${github}', found newline`,
      "expected '{' after the labels of block type 'REDACTED', found newline",
    ],
    [
      'the first 40 characters of a fine-grained token',
      `found identifier '${fineGrained.slice(0, 40)}'`,
      "found identifier 'REDACTED'",
    ],
    [
      "a token as a URL's path segment",
      `s3://acme-releases/${github}/x`,
      's3://acme-releases/REDACTED/x',
    ],
    [
      "a token as a URL's fragment",
      `https://acme-releases.s3.amazonaws.com/x#${github}.`,
      'https://acme-releases.s3.amazonaws.com/x#REDACTED.',
    ],
    [
      'userinfo of a URL in a sentence',
      `module "m" (source "git::https://bot:hunter22@github.com/acme/m.git") is not read`,
      'module "m" (source "git::https://REDACTED@github.com/acme/m.git") is not read',
    ],
    [
      'presign parameters',
      `https://b.s3.amazonaws.com/x?X-Amz-Credential=${aws}%2F2026&X-Amz-Signature=abc&v=1`,
      'https://b.s3.amazonaws.com/x?X-Amz-Credential=REDACTED&X-Amz-Signature=REDACTED&v=1',
    ],
    [
      'a GCS signature',
      'https://storage.googleapis.com/b/x?X-Goog-Signature=0a1b2c',
      'https://storage.googleapis.com/b/x?X-Goog-Signature=REDACTED',
    ],
    [
      'a signature outside a URL',
      '--query X-Amz-Signature=0a1b2c3d4e',
      '--query X-Amz-Signature=REDACTED',
    ],
    ['an AWS access key id', `key id ${aws} in use`, 'key id REDACTED in use'],
    [
      'GitLab, Slack and npm tokens',
      [
        'glpat-',
        'Ab3dEf6hIj9kLm2nOp5q',
        ' xoxb-',
        '1234567890-abcdefghij',
        ' npm_',
        'q8Wm2ZrT5yLp0XcV',
      ].join(''),
      'REDACTED REDACTED REDACTED',
    ],
    [
      'npm auth in an .npmrc line',
      '//registry.npmjs.org/:_authToken=abcdef123456',
      '//registry.npmjs.org/:_authToken=REDACTED',
    ],
    [
      'private key material',
      `${key}-----END PRIVATE KEY-----`,
      '-----BEGIN PRIVATE KEY-----REDACTED-----END PRIVATE KEY-----',
    ],
    [
      'a secret setting',
      'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG',
      'AWS_SECRET_ACCESS_KEY=REDACTED',
    ],
    [
      'a setting that reads a reference',
      'R2_SECRET_ACCESS_KEY=${{ secrets.R2 }}',
      'R2_SECRET_ACCESS_KEY=${{ secrets.R2 }}',
    ],
    [
      'a message without credentials',
      'Release bucket "acme-releases" (aws_s3_bucket.rel) is public: token ids are not shown.',
      'Release bucket "acme-releases" (aws_s3_bucket.rel) is public: token ids are not shown.',
    ],
  ];

  it.each(CASES)('%s', (_what, text, shown) => {
    expect(redactText(text)).toBe(shown);
    expect(redactText(shown)).toBe(shown);
  });
});

describe('redactText searches text only for the shapes it can hold', () => {
  // [text, the searches made: one for prefixed tokens, the others only where their mark is]
  const SEARCHES: [string, number][] = [
    ['Release bucket "acme-releases" (aws_s3_bucket.rel) has no public access block.', 1],
    // A setting's sign without a secret's name in it: most messages (80,000 findings of unmatched
    // "files" globs spent 350 ms in the secret-setting search, which can match none of them).
    ['cannot be read: EACCES', 1],
    [
      'Package "p" is not what ships: package.json "files" entry "lib/x/**/*.js" names lib/x/**/*.js, but nothing npm would pack from this directory matches it.',
      1,
    ],
    ['the token ids are not shown: see the policy', 2],
    ['AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG', 2],
    ['s3://acme-releases/x', 3],
    ['//registry.npmjs.org/:_authToken=abcdef123456', 3],
    [key, 2],
  ];

  it.each(SEARCHES)('%s: %i searches', (text, searches) => {
    const replace = vi.spyOn(RegExp.prototype, Symbol.replace);
    try {
      redactText(text);
      expect(replace).toHaveBeenCalledTimes(searches);
    } finally {
      replace.mockRestore();
    }
  });
});

describe('redactText in linear time on adversarial text', () => {
  const MB = 1_000_000;
  const INPUTS: [string, string][] = [
    ['a word of a million letters', 'a'.repeat(MB)],
    ["'a.' × 500000", 'a.'.repeat(MB / 2)],
    ["'token' × 200000", 'token'.repeat(MB / 5)],
    ["'secret_' × 140000", 'secret_'.repeat(MB / 7)],
    ["a URL of 500000 '&'", `https://x/?${'a&'.repeat(MB / 2)}`],
    ["'https://' × 125000", 'https://'.repeat(MB / 8)],
    ['private key headers', '-----BEGIN PRIVATE KEY-----x'.repeat(MB / 28)],
    ["'AKIA' × 250000", 'AKIA'.repeat(MB / 4)],
  ];

  it.each(INPUTS)('%s', (_what, text) => {
    const start = threadCpuMs();
    redactText(text);
    expect(threadCpuMs() - start).toBeLessThan(2_000);
  });
});
