import { describe, expect, it } from 'vitest';
import { URL_PATTERNS } from '../src/url-patterns.js';

/** storage-domain.md §4.2: each sample matches exactly its pattern, with these captures. */
const SAMPLES: [string, string | null, Record<string, string>][] = [
  [
    'https://my-bucket.s3.us-east-1.amazonaws.com/x.zip',
    's3_vhost',
    { bucket: 'my-bucket', region: 'us-east-1' },
  ],
  [
    'https://my.dotted.bucket.s3-us-west-2.amazonaws.com/key',
    's3_vhost',
    { bucket: 'my.dotted.bucket', region: 'us-west-2' },
  ],
  ['https://releases.s3.amazonaws.com/app.dmg', 's3_vhost', { bucket: 'releases' }],
  [
    'https://rel.s3.dualstack.eu-west-1.amazonaws.com/a',
    's3_vhost',
    { bucket: 'rel', region: 'eu-west-1' },
  ],
  [
    'https://s3.us-west-2.amazonaws.com/doc-example/puppy.jpg',
    's3_path',
    { bucket: 'doc-example', region: 'us-west-2' },
  ],
  [
    'https://s3.amazonaws.com/dumb-init-dist/v1.2.0/dumb-init',
    's3_path',
    { bucket: 'dumb-init-dist' },
  ],
  [
    'https://s3-eu-west-1.amazonaws.com/bucket.with.dots/x',
    's3_path',
    { bucket: 'bucket.with.dots', region: 'eu-west-1' },
  ],
  [
    'http://example-bucket.s3-website.us-west-2.amazonaws.com/photo.jpg',
    's3_website',
    { bucket: 'example-bucket', region: 'us-west-2' },
  ],
  [
    'http://example-bucket.s3-website-us-east-1.amazonaws.com/',
    's3_website',
    { bucket: 'example-bucket', region: 'us-east-1' },
  ],
  ['https://bucket.s3-accelerate.amazonaws.com/k', 's3_accel', { bucket: 'bucket' }],
  // The legacy endpoints: us-east-1's s3-external-1, dualstack, accelerate over dualstack.
  ['https://rel.s3-external-1.amazonaws.com/a', 's3_vhost', { bucket: 'rel' }],
  ['https://s3-external-1.amazonaws.com/rel/a', 's3_path', { bucket: 'rel' }],
  ['https://s3.dualstack.us-east-1.amazonaws.com/rel/a', 's3_path', { bucket: 'rel' }],
  ['https://bucket.s3-accelerate.dualstack.amazonaws.com/k', 's3_accel', { bucket: 'bucket' }],
  [
    'example-123456789012.s3-accesspoint.us-west-2.amazonaws.com',
    's3_accesspt',
    { ap: 'example', acct: '123456789012', region: 'us-west-2' },
  ],
  [
    'mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com',
    's3_mrap',
    { alias: 'mfzwi23gnjvgw.mrap' },
  ],
  [
    'aws s3 sync dist s3://my-release-bucket/v1 --acl public-read',
    's3_uri',
    { bucket: 'my-release-bucket' },
  ],
  ['"Resource": "arn:aws:s3:::my-release-bucket/*"', 's3_arn', { bucket: 'my-release-bucket' }],
  ['gsutil cp out.tgz gs://my-rel_bucket/path', 'gs_uri', { bucket: 'my-rel_bucket' }],
  [
    'https://storage.googleapis.com/chrome-for-testing-public/x.zip',
    'gcs_path',
    { bucket: 'chrome-for-testing-public' },
  ],
  ['https://storage.cloud.google.com/my-bucket/obj', 'gcs_path', { bucket: 'my-bucket' }],
  [
    'http://commondatastorage.googleapis.com/gtv-videos-bucket/sample/BigBuckBunny.mp4',
    'gcs_path',
    { bucket: 'gtv-videos-bucket' },
  ],
  [
    'https://storage.googleapis.com/storage/v1/b/example-bucket/o/foo',
    'gcs_json',
    { bucket: 'example-bucket' },
  ],
  [
    'https://storage.googleapis.com/download/storage/v1/b/my-bucket/o/obj?alt=media',
    'gcs_json',
    { bucket: 'my-bucket' },
  ],
  ['https://pendo-io-static.storage.googleapis.com/x', 'gcs_vhost', { bucket: 'pendo-io-static' }],
  [
    'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip',
    'r2_dev',
    { id: 'aea8527898604c1bbb12468b1581d95e' },
  ],
  [
    'https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: '023e105f4ecef8ad9ca31a8372d0c353', bucket: 'my-bucket' },
  ],
  [
    'https://my-bucket.023e105f4ecef8ad9ca31a8372d0c353.eu.r2.cloudflarestorage.com/key',
    'r2_s3_vhost',
    { bucket: 'my-bucket', acct: '023e105f4ecef8ad9ca31a8372d0c353', jur: 'eu' },
  ],
  // Any label makes the host R2's; the account id is only a 32-hex one (read by the caller).
  [
    'https://my-account.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: 'my-account', bucket: 'my-bucket' },
  ],
  [
    'https://my-account.fedramp.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: 'my-account', jur: 'fedramp', bucket: 'my-bucket' },
  ],
  // `account.eu.r2…` is an account's endpoint in a jurisdiction, not a bucket named for the account.
  [
    'https://my-account.eu.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: 'my-account', jur: 'eu', bucket: 'my-bucket' },
  ],
  [
    'https://my-bucket.my-account.eu.r2.cloudflarestorage.com/key',
    'r2_s3_vhost',
    { bucket: 'my-bucket', acct: 'my-account', jur: 'eu' },
  ],
  // An account written as a placeholder, as it is usually kept: the host is R2's all the same.
  [
    'https://$R2_ACCOUNT.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: '$R2_ACCOUNT', bucket: 'my-bucket' },
  ],
  [
    'https://${ACCOUNT_ID}.eu.r2.cloudflarestorage.com/my-bucket/key',
    'r2_s3_path',
    { acct: '${ACCOUNT_ID}', jur: 'eu', bucket: 'my-bucket' },
  ],
  [
    'endpoint: https://${{ secrets.R2_ACCOUNT_ID }}.r2.cloudflarestorage.com/my-bucket',
    'r2_s3_path',
    { acct: '${{ secrets.R2_ACCOUNT_ID }}', bucket: 'my-bucket' },
  ],
  [
    'https://my-bucket.${ACCOUNT_ID}.r2.cloudflarestorage.com/key',
    'r2_s3_vhost',
    { bucket: 'my-bucket', acct: '${ACCOUNT_ID}' },
  ],
  // Only a whole label: a placeholder after other characters of one is no account.
  ['https://x$R2_ACCOUNT.r2.cloudflarestorage.com/my-bucket/key', null, {}],
  [
    "SELECT * FROM read_parquet('r2://r2-bucket-name/file');",
    'r2_uri',
    { bucket: 'r2-bucket-name' },
  ],
  ['npx wrangler r2 object put "transrio/${key}" --file=x', 'wrangler_obj', { bucket: 'transrio' }],
  // The S3 API's XML namespace and schema names AWS's documents, not a bucket; "doc" elsewhere is one.
  ['<CORSConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/">', null, {}],
  // A port after the host of a path-style URL leaves the bucket the first part of the path.
  ['https://s3.amazonaws.com:443/acme-releases/cli.tgz', 's3_path', { bucket: 'acme-releases' }],
  [
    'https://s3.eu-west-1.amazonaws.com:443/rel/a',
    's3_path',
    { bucket: 'rel', region: 'eu-west-1' },
  ],
  ['https://storage.googleapis.com:443/acme-releases/a', 'gcs_path', { bucket: 'acme-releases' }],
  [
    'https://storage.googleapis.com:443/storage/v1/b/acme-releases/o/a',
    'gcs_json',
    { bucket: 'acme-releases' },
  ],
  [
    'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com:443/acme-releases/a',
    'r2_s3_path',
    { bucket: 'acme-releases' },
  ],
  ['http://s3.amazonaws.com:80/doc/2006-03-01/', null, {}],
  ["xmlns: 'http://s3.amazonaws.com/doc/2006-03-01/'", null, {}],
  ['http://s3.amazonaws.com/doc/2006-03-01/AmazonS3.wsdl', null, {}],
  ['<Owner xmlns="http://doc.s3.amazonaws.com/2006-03-01/">', null, {}],
  ['https://s3.amazonaws.com/doc/manual.pdf', 's3_path', { bucket: 'doc' }],
  ['https://doc.s3.amazonaws.com/manual.pdf', 's3_vhost', { bucket: 'doc' }],
  ['c.storage.googleapis.com', null, {}],
  ['https://d111111abcdef8.cloudfront.net/x', null, {}],
];

describe('§4.2 URL patterns', () => {
  it.each(SAMPLES)('%s matches %s only', (sample, expected, captures) => {
    const matching = URL_PATTERNS.filter((p) => [...sample.matchAll(p.regex)].length > 0).map(
      (p) => p.name,
    );
    expect(matching).toEqual(expected === null ? [] : [expected]);
    if (expected === null) return;
    const pattern = URL_PATTERNS.find((p) => p.name === expected)!;
    const matches = [...sample.matchAll(pattern.regex)];
    expect(matches).toHaveLength(1);
    const groups = Object.fromEntries(
      Object.entries(matches[0]!.groups ?? {}).filter(([, v]) => v !== undefined),
    );
    expect(groups).toMatchObject(captures);
  });

  it('has global patterns with capture offsets', () => {
    for (const pattern of URL_PATTERNS) {
      expect(pattern.regex.flags).toContain('g');
      expect(pattern.regex.flags).toContain('d');
    }
  });
});
