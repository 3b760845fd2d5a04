import { describe, expect, it } from 'vitest';
import type { ShippedType } from '@posture/model';
import { ContentScanner, type ContentFindings } from '../src/content/scanner.js';

/** Streams `text` through a scanner in pieces. */
function scanned(text: string, type: ShippedType = 'javascript'): ContentFindings {
  const scanner = new ContentScanner({ type, packagePath: 'file' }, []);
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += 4099) scanner.push(bytes.subarray(at, at + 4099));
  return scanner.end();
}

/** The storage links of `text`: line, bucket, URL. */
function links(text: string, type?: ShippedType): [number, string?, string?][] {
  return scanned(text, type)
    .links.map(({ span, link }): [number, string?, string?] => [
      span.start.line,
      link.bucket,
      link.url,
    ])
    .sort((a, b) => a[0] - b[0]);
}

const B = 'const B = "acme-releases";\n';

describe('storage links assembled in shipped JavaScript', () => {
  // [what, the file's text, its links: line, bucket, URL]
  const FOUND: [string, string, [number, string?, string?][]][] = [
    [
      'an S3 host in a template, its bucket a constant',
      `${B}fetch(\`https://\${B}.s3.amazonaws.com/\${key}\`);\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${key}']],
    ],
    [
      'a GCS path in a template',
      `${B}fetch(\`https://storage.googleapis.com/\${B}/x\`);\n`,
      [[2, 'acme-releases', 'https://storage.googleapis.com/acme-releases/x']],
    ],
    [
      'an R2 path whose account is unknown: the bucket, not a link without one',
      `${B}fetch(\`https://\${acct}.r2.cloudflarestorage.com/\${B}\`);\n`,
      [[2, 'acme-releases', 'https://${acct}.r2.cloudflarestorage.com/acme-releases']],
    ],
    [
      'strings and a constant joined with +',
      `${B}fetch("https://" + B + ".s3.us-east-1.amazonaws.com/app.tgz");\n`,
      [[2, 'acme-releases', 'https://acme-releases.s3.us-east-1.amazonaws.com/app.tgz']],
    ],
    [
      'two strings joined',
      `fetch("https://acme-releases" + ".s3.amazonaws.com");\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com']],
    ],
    [
      'a join over several lines, at the line it starts',
      `${B}const url =\n  "https://" +\n  B +\n  '.s3.amazonaws.com/' + key;\n`,
      [[3, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${key}']],
    ],
    [
      'a constant declared below the function that uses it',
      `function get(k) {\n  return fetch(\`https://\${B}.s3.amazonaws.com/\${k}\`);\n}\n${B}`,
      [[2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}']],
    ],
    [
      'a minified declaration list',
      `var a=1,b="acme-releases";fetch("https://"+b+".s3.amazonaws.com/"+k);\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/${k}']],
    ],
    [
      "the AWS SDK v3's command naming its bucket",
      `s3.send(new PutObjectCommand({ Bucket: "acme-releases", Key, Body }));\n`,
      [[1, 'acme-releases', 's3://acme-releases']],
    ],
    [
      "the AWS SDK v2's call, single-quoted",
      `s3.getObject({ Bucket: 'acme-releases' }).promise();\n`,
      [[1, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'an SDK bucket given by a constant, with a quoted key',
      `${B}const params = { "Bucket": B, Key: k };\n`,
      [[2, 'acme-releases', 's3://acme-releases']],
    ],
    [
      'a bucket the code falls back to from the environment',
      `const B = process.env.B ?? "acme-releases";\nfetch(\`https://\${B}.s3.amazonaws.com/x\`);\nnew GetObjectCommand({ Bucket: process.env.S3_BUCKET || 'acme-assets' });\n`,
      [
        [2, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/x'],
        [3, 'acme-assets', 's3://acme-assets'],
      ],
    ],
    [
      "Google Cloud Storage's client",
      `${B}storage.bucket("acme-downloads");\nnew Storage().bucket(B);\ne.bucket("acme-assets").file(k).save(x);\n`,
      [
        [2, 'acme-downloads', 'gs://acme-downloads'],
        [3, 'acme-releases', 'gs://acme-releases'],
        [4, 'acme-assets', 'gs://acme-assets'],
      ],
    ],
    [
      'a constant a megabyte above its use, windows apart',
      `${B}${'x();\n'.repeat(300_000)}fetch(\`https://\${B}.s3.amazonaws.com/a\`);\n`,
      [[300_002, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/a']],
    ],
    [
      'a URL written whole in a join, once',
      `fetch("https://acme-releases.s3.amazonaws.com/" + key);\n`,
      [[1, 'acme-releases', 'https://acme-releases.s3.amazonaws.com/']],
    ],
  ];
  it.each(FOUND)('finds %s', (_what, text, expected) => {
    expect(links(text)).toEqual(expected);
  });

  // [what, the file's text]
  const NONE: [string, string, ShippedType?][] = [
    ['a bucket name alone', `${B}const label = "acme-releases";\n`],
    ['a bucket the file does not state', 'fetch(`https://${bucket}.s3.amazonaws.com/${key}`);\n'],
    [
      'a name declared with two values (scopes are not told apart)',
      `${B}function f() {\n  const B = "other-bucket";\n}\nfetch(\`https://\${B}.s3.amazonaws.com/\`);\n`,
    ],
    ['a computed operand', `fetch("https://" + bucket() + ".s3.amazonaws.com/x");\n`],
    ['an SDK bucket from the environment', 'new GetObjectCommand({ Bucket: process.env.B });\n'],
    ['a bucket of another client (Couchbase)', 'cluster.bucket("travel-sample").scope("x");\n'],
    ['a key other than the SDK parameter', `const o = { bucket: "acme-releases" };\n`],
    ['a join in a text file', `${B}"https://" + B + ".s3.amazonaws.com"\n`, 'text'],
  ];
  it.each(NONE)('finds nothing in %s', (_what, text, type) => {
    expect(links(text, type)).toEqual([]);
  });

  /** Far above the well under a second these take, far below what a backtracking reading takes. */
  const BLOW_UP_MS = 10_000;
  const ADVERSARIAL: [string, string][] = [
    ['many anchors in quotes', '"amazonaws.com'.repeat(200_000)],
    ['a long join', `${'"a"+'.repeat(300_000)}".s3.amazonaws.com"`],
    ['a long string before an anchor', `"${'a'.repeat(1_000_000)}.s3.amazonaws.com"`],
    ['declarations of long near-values', `const a = "${'a'.repeat(255)}+";\n`.repeat(20_000)],
    ['SDK keys without values', 'Bucket: Bucket: .bucket( '.repeat(100_000)],
    ['templates left open', '`${B}.s3.amazonaws.com/${'.repeat(100_000)],
  ];
  it.each(ADVERSARIAL)('reads %s in bounded time', (_what, text) => {
    const start = performance.now();
    links(text);
    expect(performance.now() - start).toBeLessThan(BLOW_UP_MS);
  });

  it.each([
    ['a file within the bounds', `${B}fetch(\`https://\${B}.s3.amazonaws.com/\`);\n`, false],
    [
      'more strings waiting for names than are kept',
      'f(`https://${x}.s3.amazonaws.com/`);\n'.repeat(1001),
      true,
    ],
    [
      'more names declared than are kept',
      Array.from({ length: 50_001 }, (_, i) => `const n${i} = "v${i}";\n`).join(''),
      true,
    ],
  ])('says when a bound may have hidden an assembled link: %s', (_what, text, bounded) => {
    expect(scanned(text).assemblyBounded).toBe(bounded);
  });
});
