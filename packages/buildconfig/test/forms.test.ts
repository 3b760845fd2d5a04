/**
 * Every URL form of §4.1, one per line of a script, found with the exact range of the reference
 * (scheme to end of path) and the form's captures; then the escaped and encoded spellings.
 */
import { describe, expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

type Form = [line: string, reference: string, facts: Record<string, unknown>];

const FORMS: Form[] = [
  [
    'curl -O https://my-bucket.s3.us-east-1.amazonaws.com/x.zip',
    'https://my-bucket.s3.us-east-1.amazonaws.com/x.zip',
    { form: 's3-virtual-hosted', service: 's3', bucket: 'my-bucket', usage: 'download' },
  ],
  [
    'curl -O https://my.dotted.bucket.s3-us-west-2.amazonaws.com/key',
    'https://my.dotted.bucket.s3-us-west-2.amazonaws.com/key',
    { form: 's3-virtual-hosted', bucket: 'my.dotted.bucket' },
  ],
  [
    'curl -O https://releases.s3.amazonaws.com/app.dmg',
    'https://releases.s3.amazonaws.com/app.dmg',
    { form: 's3-virtual-hosted', bucket: 'releases', host: 'releases.s3.amazonaws.com' },
  ],
  [
    'curl -O https://rel.s3.dualstack.eu-west-1.amazonaws.com/a',
    'https://rel.s3.dualstack.eu-west-1.amazonaws.com/a',
    { form: 's3-virtual-hosted', bucket: 'rel' },
  ],
  [
    'curl -O https://s3.us-west-2.amazonaws.com/doc-example/puppy.jpg',
    'https://s3.us-west-2.amazonaws.com/doc-example/puppy.jpg',
    { form: 's3-path', bucket: 'doc-example', host: 's3.us-west-2.amazonaws.com' },
  ],
  [
    'curl -O https://s3-eu-west-1.amazonaws.com/bucket.with.dots/x',
    'https://s3-eu-west-1.amazonaws.com/bucket.with.dots/x',
    { form: 's3-path', bucket: 'bucket.with.dots' },
  ],
  [
    'curl -O https://bucket.s3.amazonaws.com.cn/k',
    'https://bucket.s3.amazonaws.com.cn/k',
    { form: 's3-virtual-hosted', bucket: 'bucket' },
  ],
  [
    'open http://example-bucket.s3-website.us-west-2.amazonaws.com/photo.jpg',
    'http://example-bucket.s3-website.us-west-2.amazonaws.com/photo.jpg',
    { form: 's3-website', bucket: 'example-bucket', usage: 'download' },
  ],
  [
    'open http://example-bucket.s3-website-us-east-1.amazonaws.com/',
    'http://example-bucket.s3-website-us-east-1.amazonaws.com/',
    { form: 's3-website', bucket: 'example-bucket' },
  ],
  [
    'curl https://bucket.s3-accelerate.amazonaws.com/k',
    'https://bucket.s3-accelerate.amazonaws.com/k',
    { form: 's3-accelerate', bucket: 'bucket', usage: 'download' },
  ],
  [
    'curl https://example-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k',
    'https://example-123456789012.s3-accesspoint.us-west-2.amazonaws.com/k',
    { form: 's3-access-point', usage: 'api' },
  ],
  [
    'curl https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k',
    'https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/k',
    { form: 's3-access-point', usage: 'api' },
  ],
  [
    'spark-submit --input s3a://data-lake/raw/ job.py',
    's3a://data-lake/raw/',
    { form: 's3-uri', bucket: 'data-lake', usage: 'api' },
  ],
  [
    'echo arn:aws:s3:::my-release-bucket/*',
    'arn:aws:s3:::my-release-bucket/*',
    { form: 's3-arn', bucket: 'my-release-bucket', usage: 'api' },
  ],
  [
    'gsutil ls gs://my-rel_bucket/path',
    'gs://my-rel_bucket/path',
    { form: 'gcs-uri', service: 'gcs', bucket: 'my-rel_bucket', usage: 'api' },
  ],
  [
    'curl https://storage.googleapis.com/chrome-for-testing-public/x.zip',
    'https://storage.googleapis.com/chrome-for-testing-public/x.zip',
    { form: 'gcs-path', bucket: 'chrome-for-testing-public', usage: 'download' },
  ],
  [
    'curl http://commondatastorage.googleapis.com/gtv-videos-bucket/sample/a.mp4',
    'http://commondatastorage.googleapis.com/gtv-videos-bucket/sample/a.mp4',
    { form: 'gcs-path', bucket: 'gtv-videos-bucket' },
  ],
  [
    'open https://storage.cloud.google.com/my-bucket/obj',
    'https://storage.cloud.google.com/my-bucket/obj',
    { form: 'gcs-path', bucket: 'my-bucket', usage: 'api' },
  ],
  [
    'curl https://storage.googleapis.com/download/storage/v1/b/my-bucket/o/obj?alt=media',
    'https://storage.googleapis.com/download/storage/v1/b/my-bucket/o/obj?alt=media',
    { form: 'gcs-json-api', bucket: 'my-bucket', usage: 'download' },
  ],
  [
    'wget "https://www.googleapis.com/download/storage/v1/b/my-bucket/o/chrome-mac.zip?generation=1&alt=media"',
    'https://www.googleapis.com/download/storage/v1/b/my-bucket/o/chrome-mac.zip?generation=1&alt=media',
    { form: 'gcs-json-api', service: 'gcs', bucket: 'my-bucket', usage: 'download' },
  ],
  [
    'curl https://www.googleapis.com/storage/v1/b/my-bucket/o/obj?alt=media',
    'https://www.googleapis.com/storage/v1/b/my-bucket/o/obj?alt=media',
    { form: 'gcs-json-api', bucket: 'my-bucket', usage: 'download' },
  ],
  [
    'curl https://storage.googleapis.com/storage/v1/b/my-bucket/o/obj',
    'https://storage.googleapis.com/storage/v1/b/my-bucket/o/obj',
    { form: 'gcs-json-api', bucket: 'my-bucket', usage: 'api' },
  ],
  [
    'curl -X POST https://storage.googleapis.com/upload/storage/v1/b/my-bucket/o?uploadType=media&name=a',
    'https://storage.googleapis.com/upload/storage/v1/b/my-bucket/o?uploadType=media&name=a',
    { form: 'gcs-json-api', bucket: 'my-bucket', usage: 'api' },
  ],
  [
    'curl https://www.googleapis.com/storage/v1/b/my-bucket?alt=media',
    'https://www.googleapis.com/storage/v1/b/my-bucket?alt=media',
    { form: 'gcs-json-api', bucket: 'my-bucket', usage: 'api' },
  ],
  [
    'curl https://pendo-io-static.storage.googleapis.com/x',
    'https://pendo-io-static.storage.googleapis.com/x',
    { form: 'gcs-virtual-hosted', bucket: 'pendo-io-static', usage: 'download' },
  ],
  [
    'curl https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip',
    'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev/src.zip',
    {
      form: 'r2-dev',
      service: 'r2',
      r2DevId: 'aea8527898604c1bbb12468b1581d95e',
      usage: 'download',
    },
  ],
  [
    'curl https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com/my-bucket/key',
    'https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com/my-bucket/key',
    { form: 'r2-s3-api', bucket: 'my-bucket', usage: 'api' },
  ],
  [
    'curl https://my-bucket.023e105f4ecef8ad9ca31a8372d0c353.eu.r2.cloudflarestorage.com/key',
    'https://my-bucket.023e105f4ecef8ad9ca31a8372d0c353.eu.r2.cloudflarestorage.com/key',
    { form: 'r2-s3-api', bucket: 'my-bucket', usage: 'api' },
  ],
  // The account is usually kept out of the file: a placeholder in its place is R2's host still.
  [
    'curl "https://${ACCOUNT_ID}.r2.cloudflarestorage.com/acme-r2/cli.tgz"',
    'https://${ACCOUNT_ID}.r2.cloudflarestorage.com/acme-r2/cli.tgz',
    { form: 'r2-s3-api', service: 'r2', bucket: 'acme-r2', usage: 'api' },
  ],
  [
    'curl -O https://$R2_ACCOUNT.r2.cloudflarestorage.com/acme-r2/cli.tgz',
    'https://$R2_ACCOUNT.r2.cloudflarestorage.com/acme-r2/cli.tgz',
    { form: 'r2-s3-api', service: 'r2', bucket: 'acme-r2', usage: 'api' },
  ],
  [
    'duckdb -c "SELECT * FROM read_parquet(\'r2://r2-bucket-name/file\')"',
    'r2://r2-bucket-name/file',
    { form: 'r2-uri', bucket: 'r2-bucket-name', usage: 'api' },
  ],
  [
    'npx wrangler r2 object get "transrio/${key}" --file=x',
    'transrio/${key}',
    { form: 'wrangler', bucket: 'transrio', usage: 'api' },
  ],
  [
    'aws --profile prod s3api put-object --bucket api-bucket --key a.tgz --acl public-read',
    'api-bucket',
    { form: 's3-uri', service: 's3', bucket: 'api-bucket', usage: 'public-upload' },
  ],
  [
    'aws s3api put-bucket-policy --bucket="policy-bucket" --policy file://p.json',
    'policy-bucket',
    { form: 's3-uri', bucket: 'policy-bucket', usage: 'opens' },
  ],
  // Spellings: protocol-relative, upper case, userinfo.
  [
    'curl //cdn-bucket.s3.amazonaws.com/app.js',
    '//cdn-bucket.s3.amazonaws.com/app.js',
    { form: 's3-virtual-hosted', bucket: 'cdn-bucket', host: 'cdn-bucket.s3.amazonaws.com' },
  ],
  [
    'curl HTTPS://UPPER-BUCKET.S3.AMAZONAWS.COM/App.zip',
    'HTTPS://UPPER-BUCKET.S3.AMAZONAWS.COM/App.zip',
    { bucket: 'upper-bucket', host: 'upper-bucket.s3.amazonaws.com' },
  ],
  [
    'curl https://AKIAEXAMPLEKEY:s3cr3tPa55@creds-bucket.s3.amazonaws.com/x',
    'https://AKIAEXAMPLEKEY:s3cr3tPa55@creds-bucket.s3.amazonaws.com/x',
    { bucket: 'creds-bucket', url: 'https://REDACTED@creds-bucket.s3.amazonaws.com/x' },
  ],
];

describe('URL forms in a script', () => {
  const text = FORMS.map(([line]) => line).join('\n') + '\n';
  const { links } = scanText('forms.sh', text);

  it.each(FORMS.map((form, i) => [i + 1, ...form] as const))(
    'line %i: %s',
    (line, source, reference, facts) => {
      const column = source.indexOf(reference) + 1;
      const found = links.filter((l) => l.range.start.line === line);
      expect(found).toHaveLength(1);
      expect(where(found[0]!)).toBe(`${line}:${column}-${line}:${column + reference.length}`);
      expect(found[0]).toMatchObject({ url: reference, fileType: 'shell', ...facts });
    },
  );

  it('keeps userinfo out of the result', () => {
    expect(JSON.stringify(links)).not.toMatch(/s3cr3tPa55|AKIAEXAMPLEKEY/);
  });
});

describe('escaped and encoded URLs', () => {
  it('finds a JSON-escaped URL, with the range of the escaped text', () => {
    const text =
      '{\n  "config": { "cdn": "https:\\/\\/s3.amazonaws.com\\/escaped-bucket\\/app.js" }\n}\n';
    const [link] = scanText('package.json', text).links;
    const escaped = 'https:\\/\\/s3.amazonaws.com\\/escaped-bucket\\/app.js';
    const column = text.split('\n')[1]!.indexOf(escaped) + 1;
    expect(where(link!)).toBe(`2:${column}-2:${column + escaped.length}`);
    expect(link).toMatchObject({
      form: 's3-path',
      bucket: 'escaped-bucket',
      url: 'https://s3.amazonaws.com/escaped-bucket/app.js',
      field: 'config.cdn',
    });
  });

  // What JSON parsers and JavaScript read as the character: the link is the decoded URL, at the
  // line and column of the escaped text, however many escapes come before it on its line.
  it.each([
    [
      'package.json',
      '{ "config": { "a": "\\u0041\\u0042\\u0043", "cdn": "https:\\u002F\\u002Facme-releases.s3.amazonaws.com/x.tgz" } }',
      'https:\\u002F\\u002Facme-releases.s3.amazonaws.com/x.tgz',
    ],
    [
      'tsconfig.json',
      '{ "x": "\\u00e9\\u00e9", "y": "https://\\u0061cme-releases.s3.amazonaws.com/x.tgz" }',
      'https://\\u0061cme-releases.s3.amazonaws.com/x.tgz',
    ],
    [
      'webpack.config.js',
      "const a = '\\x41'; fetch('https://\\x61cme-releases.s3.amazonaws.com/x.tgz');",
      'https://\\x61cme-releases.s3.amazonaws.com/x.tgz',
    ],
    [
      'vite.config.ts',
      'fetch(`https://\\u{61}cme-releases\\u002es3.amazonaws.com\\u{2F}x.tgz`);',
      'https://\\u{61}cme-releases\\u002es3.amazonaws.com\\u{2F}x.tgz',
    ],
  ])('reads the \\u and \\x escapes of %s as the character', (path, line, reference) => {
    const [link, ...more] = scanText(path, `\n${line}\n`).links;
    expect(more).toEqual([]);
    const column = line.indexOf(reference) + 1;
    expect(where(link!)).toBe(`2:${column}-2:${column + reference.length}`);
    expect(link).toMatchObject({
      bucket: 'acme-releases',
      url: 'https://acme-releases.s3.amazonaws.com/x.tgz',
    });
  });

  it('reads an escaped backslash before u as no escape', () => {
    const text = '{ "cdn": "https://\\\\u0061cme-releases.s3.amazonaws.com/x.tgz" }\n';
    expect(scanText('package.json', text).links.map((l) => l.bucket)).not.toContain(
      'acme-releases',
    );
  });

  it('finds a URL-encoded URL inside a query parameter', () => {
    const encoded = 'https%3A%2F%2Fencoded-bucket.s3.amazonaws.com%2Fapp.zip';
    const line = `curl "https://redirect.example/go?to=${encoded}"`;
    const [link] = scanText('x.sh', `${line}\n`).links;
    const column = line.indexOf(encoded) + 1;
    expect(where(link!)).toBe(`1:${column}-1:${column + encoded.length}`);
    expect(link).toMatchObject({
      bucket: 'encoded-bucket',
      url: 'https://encoded-bucket.s3.amazonaws.com/app.zip',
    });
  });

  // What every WHATWG URL parser (new URL, fetch, browsers, Electron) reads as the bucket's host.
  it.each([
    ['fullwidth letters', 'https://\uff41\uff43\uff4d\uff45-releases.s3.amazonaws.com/cli.tgz'],
    ['an ideographic full stop', 'https://acme-releases\u3002s3.amazonaws.com/cli.tgz'],
    ['fullwidth full stops', 'https://acme-releases\uff0es3\uff0eamazonaws\uff0ecom/cli.tgz'],
    ['a halfwidth ideographic full stop', 'https://acme-releases\uff61s3.amazonaws.com/cli.tgz'],
    ['a soft hyphen', 'https://acme-rel\u00adeases.s3.amazonaws.com/cli.tgz'],
    ['a percent-escaped dot', 'https://acme-releases%2Es3.amazonaws.com/cli.tgz'],
    ['capitals and userinfo', 'https://u@ACME-RELEASES\u3002S3.amazonaws.com/cli.tgz'],
  ])('reads a host written with %s as the parser does', (_, url) => {
    const line = `curl -fsSLO "${url}"`;
    const [link, ...more] = scanText('x.sh', `${line}\n`).links;
    expect(more).toEqual([]);
    const column = line.indexOf('https') + 1;
    expect(where(link!)).toBe(`1:${column}-1:${column + url.length}`);
    expect(link).toMatchObject({
      form: 's3-virtual-hosted',
      bucket: 'acme-releases',
      host: 'acme-releases.s3.amazonaws.com',
    });
  });

  it('leaves a host the parser refuses as written', () => {
    // `%RE` is no escape: the parser refuses the host, and the template before `.s3` stays one.
    const text = 'curl https://%RELEASE_BUCKET%.s3.amazonaws.com/cli.tgz\n';
    expect(scanText('x.sh', text).links).toEqual([]);
  });

  it('stops a URL at a quote, a space, sentence punctuation or a template cut by a space, not in a command substitution', () => {
    const text = [
      'echo "see https://docs-bucket.s3.amazonaws.com/readme.txt."',
      'echo s3://ci-reports/${{ github.sha }}/x',
      'echo "(https://paren-bucket.s3.amazonaws.com/x)"',
      'echo https://tpl-bucket.s3.amazonaws.com/$(VERSION)/app.tgz',
      'curl -O "https://cmd-bucket.s3.amazonaws.com/acme_$(uname -s)_$(uname -m | tr A-Z a-z).tgz"',
      'curl -O https://open-bucket.s3.amazonaws.com/acme_$(uname -s',
    ].join('\n');
    const urls = scanText('x.sh', text).links.map((l) => l.url);
    expect(urls).toEqual([
      'https://docs-bucket.s3.amazonaws.com/readme.txt',
      's3://ci-reports/',
      'https://paren-bucket.s3.amazonaws.com/x',
      'https://tpl-bucket.s3.amazonaws.com/$(VERSION)/app.tgz',
      'https://cmd-bucket.s3.amazonaws.com/acme_$(uname -s)_$(uname -m | tr A-Z a-z).tgz',
      'https://open-bucket.s3.amazonaws.com/acme_$(uname',
    ]);
  });
});

// Seen: kubernetes' install docs, curl -LO "https://storage.googleapis.com/…/release/$(curl -L -s
// https://storage.googleapis.com/…/release/stable.txt)/bin/linux/amd64/kubectl".
describe('a URL in a command substitution of another', () => {
  const STABLE = 'https://storage.googleapis.com/acme-cli-releases/release/stable.txt';
  it.each([
    [
      'of the same bucket',
      'https://storage.googleapis.com/acme-cli-releases/release/',
      [
        'https://storage.googleapis.com/acme-cli-releases/release/$(curl -s ' + STABLE + ')/cli',
        STABLE,
      ],
    ],
    [
      'of another bucket',
      'https://storage.googleapis.com/acme-mirror/release/',
      ['https://storage.googleapis.com/acme-mirror/release/$(curl -s ' + STABLE + ')/cli', STABLE],
    ],
    ['of no bucket', 'https://dl.acme.example/release/', [STABLE]],
  ])('is a link of its own, %s', (_name, outer, expected) => {
    const text = `curl -LO "${outer}$(curl -s ${STABLE})/cli"\n`;
    expect(scanText('install.sh', text).links.map((l) => l.url)).toEqual(expected);
  });
});

describe('custom domains', () => {
  const options = {
    customDomains: [
      { host: 'downloads.acme.example', bucket: 'acme-r2-releases', service: 'r2' as const },
    ],
  };

  it('links any URL on a custom domain, with its bucket', () => {
    const line = "  publicPath: 'https://downloads.acme.example/app/',";
    const [link] = scanText(
      'webpack.config.js',
      `module.exports = {\n${line}\n};\n`,
      options,
    ).links;
    const column = line.indexOf('https') + 1;
    expect(where(link!)).toBe(
      `2:${column}-2:${column + 'https://downloads.acme.example/app/'.length}`,
    );
    expect(link).toMatchObject({
      form: 'custom-domain',
      service: 'r2',
      bucket: 'acme-r2-releases',
      host: 'downloads.acme.example',
      usage: 'download',
      field: 'publicPath',
    });
  });

  it('ignores longer hosts and hosts outside a URL', () => {
    const text =
      'curl https://downloads.acme.example.evil.test/x https://evil-downloads.acme.example/x\necho downloads.acme.example\n';
    expect(scanText('x.sh', text, options).links).toEqual([]);
  });
  // A CloudFront alias may be a wildcard: a link to a host on it was no link to its bucket.
  it.each([
    ['https://downloads.cdn.acme.example/cli.tgz', 'downloads.cdn.acme.example'],
    ['https://user@Builds-2.CDN.acme.example/x', 'builds-2.cdn.acme.example'],
    ['https://cdn.acme.example/x', undefined],
    ['https://a.b.cdn.acme.example/x', undefined],
    ['https://downloads.cdn.acme.example.evil.test/x', undefined],
  ])('links a URL on a wildcard custom domain, one label deep: %s', (url, host) => {
    const wildcard = {
      customDomains: [
        { host: '*.cdn.acme.example', bucket: 'acme-releases', service: 's3' as const },
      ],
    };
    const links = scanText('x.sh', `curl ${url}\n`, wildcard).links;
    expect(links.map((l) => [l.host?.toLowerCase(), l.bucket])).toEqual(
      host === undefined ? [] : [[host, 'acme-releases']],
    );
  });
});
