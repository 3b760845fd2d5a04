import { describe, expect, it } from 'vitest';
import { isR2S3Endpoint, markPlaceholders, r2AccountId, r2S3HostPattern } from '../src/index.js';

const ACCOUNT = '023e105f4ecef8ad9ca31a8372d0c353';

describe('the R2 S3 API host', () => {
  it.each([
    [`https://${ACCOUNT}.r2.cloudflarestorage.com`, true],
    [`https://${ACCOUNT}.eu.r2.cloudflarestorage.com`, true],
    [`${ACCOUNT}.fedramp.r2.cloudflarestorage.com`, true],
    ['https://my-account.r2.cloudflarestorage.com', true],
    ['https://bucket.my-account.r2.cloudflarestorage.com:443/key', true],
    ['https://${{ secrets.R2_ACCOUNT_ID }}.r2.cloudflarestorage.com', true],
    ['https://$R2_ACCOUNT_ID.eu.r2.cloudflarestorage.com', true],
    ['https://{{ .Env.R2_ACCOUNT }}.r2.cloudflarestorage.com', true],
    ['https://acme-${ENV}.r2.cloudflarestorage.com', true],
    ['https://r2.cloudflarestorage.com', false],
    [`https://${ACCOUNT}.r2.cloudflarestorage.com.example.net`, false],
    ['https://s3.us-east-1.amazonaws.com', false],
    ['${{ secrets.R2_ENDPOINT }}', false],
  ])('%s is R2: %s', (endpoint, r2) => {
    expect(isR2S3Endpoint(endpoint)).toBe(r2);
  });

  it.each([
    [`https://${ACCOUNT}.eu.r2.cloudflarestorage.com`, ACCOUNT, ACCOUNT, 'eu'],
    ['https://my-account.r2.cloudflarestorage.com', 'my-account', undefined, undefined],
    ['https://\u2063.fedramp.r2.cloudflarestorage.com', '\u2063', undefined, 'fedramp'],
  ])('%s has label %s, account id %s, jurisdiction %s', (endpoint, label, id, jurisdiction) => {
    const match = r2S3HostPattern('\u2063').exec(endpoint);
    expect(match?.groups?.acct).toBe(label);
    expect(r2AccountId(label)).toBe(id);
    expect(match?.groups?.jur).toBe(jurisdiction);
  });

  it('marks each placeholder whole, and an unclosed one at its start', () => {
    expect(markPlaceholders('a-${{ secrets.X }}.b/$C/${D}/%E%/{{ .F }}/${', '*')).toBe(
      'a-*.b/*/*/*/*/*',
    );
  });
});
