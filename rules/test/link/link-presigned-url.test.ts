import { describe, expect, it } from 'vitest';
import rule, { signedUntil } from '../../src/link/link-presigned-url.js';
import { LINE, link, s3Bucket } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const BASE = 'https://acme-releases.s3.amazonaws.com/cli.tgz';
/** Signed URLs as a build file's link keeps them: signatures and keys already redacted. */
const v2 = (expires: number) =>
  `${BASE}?AWSAccessKeyId=REDACTED&Expires=${expires}&Signature=REDACTED`;
const v4 = (date: string, seconds: number) =>
  `${BASE}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=REDACTED&X-Amz-Date=${date}&X-Amz-Expires=${seconds}&X-Amz-SignedHeaders=host&X-Amz-Signature=REDACTED`;
const signed = (url: string) => link({ url, usage: 'presigned' });
const at = { file: 'package.json', line: LINE.link };
const plain = s3Bucket({ name: 'acme-assets', release: [] });

testRule(rule, {
  valid: [
    { name: 'a plain download link', subject: { link: link(), bucket: s3Bucket() } },
    {
      name: 'a signed URL that is a source map link: link-source-map reports it',
      subject: { link: { ...signed(v2(4102444800)), sourceMap: true } },
    },
  ],
  invalid: [
    {
      name: 'a V2 URL signed until 2100, of a release bucket',
      subject: { link: signed(v2(4102444800)), bucket: s3Bucket() },
      findings: [
        {
          ...at,
          severity: 'critical',
          message:
            /carries a signed URL of release bucket "acme-releases".* works until 2100-01-01; while it works, anyone/,
        },
      ],
    },
    {
      name: 'a V4 URL still valid, of a bucket that is not release-use',
      subject: { link: signed(v4('20260531T120000Z', 604800)), bucket: plain },
      findings: [{ ...at, severity: 'high', message: /works until 2026-06-07/ }],
    },
    {
      name: 'an expired signed URL',
      subject: { link: signed(v4('20250101T000000Z', 3600)), bucket: s3Bucket() },
      findings: [{ ...at, severity: 'low', message: /expired on 2025-01-01/ }],
    },
    {
      name: 'a signed URL whose expiry cannot be read',
      subject: { link: signed(`${BASE}?X-Amz-Signature=REDACTED`) },
      findings: [{ ...at, severity: 'medium', message: /carries no expiry Posture can read/ }],
    },
  ],
});

describe('signedUntil', () => {
  it.each([
    [v2(4102444800), '2100-01-01T00:00:00.000Z'],
    [v4('20260101T000000Z', 86400), '2026-01-02T00:00:00.000Z'],
    [
      'https://storage.googleapis.com/b/o?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20260101T000000Z&X-Goog-Expires=60&X-Goog-Signature=REDACTED',
      '2026-01-01T00:01:00.000Z',
    ],
    [`${BASE}?Expires=soon`, undefined],
    [`${BASE}?X-Amz-Date=garbage&X-Amz-Expires=60`, undefined],
  ])('%s → %s', (url, expected) => {
    expect(signedUntil(url)).toBe(expected);
  });
});
