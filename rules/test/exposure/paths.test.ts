import { describe, expect, it } from 'vitest';
import type { Bucket, GcsBucket, LinkForm, Unknown } from '@posture/model';
import { builtinRules, openPath, publicPaths } from '../../src/index.js';
import {
  ALL_USERS,
  attr,
  backendBucket,
  gcsAcl,
  gcsBucket,
  grant,
  iam,
  link,
  pab,
  policy,
  r2Bucket,
  r2Domain,
  range,
  LINE,
  s3Acl,
  s3Bucket,
  statement,
  unknown,
  website,
} from '../support/facts.js';
import { run } from '../support/tester.js';

const PUBLIC_S3 = {
  acls: [s3Acl('public-read', [grant(ALL_USERS, 0, 'FULL_CONTROL')])],
  policies: [policy([statement(), statement({ effect: 'Deny' }, 1)])],
  website: website(),
};

const BUCKETS: [string, Bucket][] = [
  ['an open S3 bucket', s3Bucket(PUBLIC_S3)],
  ['a neutralised S3 bucket', s3Bucket({ ...PUBLIC_S3, publicAccessBlock: pab() })],
  [
    'an S3 bucket with unknowns',
    s3Bucket({ acls: [s3Acl(unknown())], policies: [policy([], 'unknown')] }),
  ],
  [
    'an open R2 bucket',
    r2Bucket({
      managedDomain: r2Domain('managed', true),
      customDomains: [r2Domain('custom', undefined)],
    }),
  ],
  ['an undecided R2 bucket', r2Bucket({ managedDomain: r2Domain('managed', unknown()) })],
  [
    'an open GCS bucket',
    gcsBucket({
      iam: [iam(['allUsers'])],
      acls: [gcsAcl({ predefined: 'publicRead', entities: ['READER:allUsers'] })],
    }),
  ],
  [
    'a GCS bucket behind a load balancer, which prevention does not close',
    gcsBucket({ prevention: 'enforced', backendBuckets: [backendBucket()] }),
  ],
  [
    'a neutralised GCS bucket',
    gcsBucket({
      prevention: 'enforced',
      iam: [iam(['allUsers'])],
      acls: [gcsAcl({ predefined: 'publicRead' })],
    }),
  ],
];

const EXPOSURE_RULES = builtinRules.filter((rule) =>
  [
    's3-public-acl',
    's3-public-policy',
    's3-website',
    'r2-public-dev-url',
    'r2-public-custom-domain',
    'gcs-public-iam',
    'gcs-public-acl',
    'gcs-public-backend-bucket',
  ].includes(rule.meta.id),
);

describe('publicPaths', () => {
  it.each(BUCKETS)('agrees with the exposure rules on %s', (_name, bucket) => {
    // Every decided finding (not the medium "not provably private" ones) is a path, and back.
    const fromRules = EXPOSURE_RULES.flatMap((rule) =>
      run(rule, bucket as never)
        .filter((finding) => finding.severity !== 'medium')
        .map((finding) =>
          expect.objectContaining({
            rule: rule.meta.id,
            range: finding.location,
            neutralised: finding.severity === 'low',
          }),
        ),
    );
    expect(publicPaths(bucket)).toEqual(expect.arrayContaining(fromRules));
    expect(publicPaths(bucket)).toHaveLength(fromRules.length);
  });

  it('finds an open path only where one is un-neutralised', () => {
    const open = BUCKETS.filter(([, bucket]) => openPath(bucket, link())).map(([name]) => name);
    expect(open).toEqual([
      'an open S3 bucket',
      'an open R2 bucket',
      'an open GCS bucket',
      'a GCS bucket behind a load balancer, which prevention does not close',
    ]);
  });

  it('opens the S3 path of the first exposure: the ACL', () => {
    expect(openPath(s3Bucket(PUBLIC_S3), link())?.rule).toBe('s3-public-acl');
  });
});

describe('openPath by what a path lets anyone do', () => {
  const object = { ...s3Acl('public-read'), kind: 'object' as const };
  it.each<[string, Bucket, boolean]>([
    [
      'canned public-read on the bucket, which lists it',
      s3Bucket({ acls: [s3Acl('public-read')] }),
      false,
    ],
    ['canned public-read on an object', s3Bucket({ acls: [object] }), true],
    ...(
      [
        ['READ', false],
        ['WRITE', false],
        ['READ_ACP', false],
        ['WRITE_ACP', true],
        ['FULL_CONTROL', true],
        ['a permission Posture does not know', true],
      ] as const
    ).map(([permission, open]): [string, Bucket, boolean] => [
      `a bucket grant of ${permission} to AllUsers`,
      s3Bucket({ acls: [s3Acl(undefined, [grant(ALL_USERS, 0, permission)])] }),
      open,
    ]),
    ...(
      [
        [['s3:ListBucket'], false],
        [['s3:GetBucketAcl'], false],
        [['s3:GetObject'], true],
        [['s3:GetObjectTagging'], true],
      ] as const
    ).map(([actions, open]): [string, Bucket, boolean] => [
      `a public policy allowing ${actions.join(', ')}`,
      s3Bucket({
        policies: [
          policy([
            statement({
              actions: [...actions],
              resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'],
            }),
          ]),
        ],
      }),
      open,
    ]),
    ...(
      [
        ['roles/storage.legacyBucketReader', false],
        ['roles/storage.objectCreator', false],
        ['roles/storage.objectViewer', true],
      ] as const
    ).map(([role, open]): [string, Bucket, boolean] => [
      `${role} to allUsers`,
      gcsBucket({ iam: [{ ...iam([]), members: [{ ...iam(['allUsers']).members[0]!, role }] }] }),
      open,
    ]),
    [
      'predefined publicRead on a GCS bucket',
      gcsBucket({ acls: [gcsAcl({ predefined: 'publicRead' })] }),
      false,
    ],
    [
      'predefined publicRead as the default object ACL',
      gcsBucket({ acls: [gcsAcl({ predefined: 'publicRead', scope: 'default-object' })] }),
      true,
    ],
  ])('%s: %s', (_name, bucket, open) => {
    expect(openPath(bucket, link()) !== undefined).toBe(open);
  });
});

describe('openPath through a public policy on some objects', () => {
  const readable = (...resources: string[]) =>
    s3Bucket({ policies: [policy([statement({ resources })])] });
  const s3Link = (url: string, form: LinkForm) => link({ url, form });
  const HOST = 'https://acme-releases.s3.us-east-1.amazonaws.com';

  it.each<[string, LinkForm, boolean]>([
    [`${HOST}/public/logo.png`, 's3-virtual-hosted', true],
    [`${HOST}/private/app.tar.gz`, 's3-virtual-hosted', false],
    [`${HOST}/public-old/logo.png`, 's3-virtual-hosted', false],
    // The bucket is not the prefix; the prefix is, as a base for names.
    [HOST, 's3-virtual-hosted', false],
    [`${HOST}/public`, 's3-virtual-hosted', true],
    [`${HOST}/public%2Flogo.png?x=1`, 's3-virtual-hosted', true],
    // A name written with a placeholder is one of them unless what is known of it says otherwise.
    [`${HOST}/$DIR/app.tar.gz`, 's3-virtual-hosted', true],
    [`${HOST}/public/\${VERSION}/app.tar.gz`, 's3-virtual-hosted', true],
    [`${HOST}/private/\${VERSION}/app.tar.gz`, 's3-virtual-hosted', false],
    ['https://s3.amazonaws.com/acme-releases/public/a.js', 's3-path', true],
    ['https://s3.amazonaws.com/acme-releases/private/a.js', 's3-path', false],
    ['s3://acme-releases/public/a.js', 's3-uri', true],
    ['s3://acme-releases/private/a.js', 's3-uri', false],
    ['http://acme-releases.s3-website-us-east-1.amazonaws.com/private/a', 's3-website', false],
    ['https://acme-releases.s3-accelerate.amazonaws.com/private/a', 's3-accelerate', false],
    // A form whose object names are not read may be to them.
    ['https://ap-123456789012.s3-accesspoint.us-east-1.amazonaws.com/x', 's3-access-point', true],
  ])('under public/*, %s (%s): %s', (url, form, open) => {
    const bucket = readable('arn:aws:s3:::acme-releases/public/*');
    expect(openPath(bucket, s3Link(url, form)) !== undefined).toBe(open);
  });

  it.each<[string, string[], boolean]>([
    ['one object', ['arn:aws:s3:::acme-releases/releases/cli.tgz'], false],
    ['a base above one object', ['arn:aws:s3:::acme-releases/private/app.tar.gz/x'], true],
    ['objects of a pattern', ['arn:aws:s3:::acme-releases/*.tar.gz'], true],
    [
      'two prefixes, one of them',
      ['arn:aws:s3:::acme-releases/docs/*', 'arn:aws:s3:::acme-releases/private/*'],
      true,
    ],
    ['every object', ['arn:aws:s3:::acme-releases/*'], true],
    // A part known only after apply may be any name.
    ['a prefix not known before apply', ['${aws_s3_bucket.releases.arn}/${var.prefix}/*'], true],
    ['a prefix known after the bucket ARN', ['${aws_s3_bucket.releases.arn}/public/*'], false],
  ])('%s: %j opens private/app.tar.gz: %s', (_name, resources, open) => {
    const url = 'https://acme-releases.s3.amazonaws.com/private/app.tar.gz';
    expect(openPath(readable(...resources), s3Link(url, 's3-virtual-hosted')) !== undefined).toBe(
      open,
    );
  });
});

describe("openPath through an uploaded object's own public ACL", () => {
  const uploading = (key: string | Unknown) =>
    s3Bucket({
      acls: [
        {
          ...s3Acl('public-read'),
          kind: 'object',
          address: 'aws_s3_object.cli',
          key: attr(key, LINE.canned + 1, range(LINE.acl)),
        },
      ],
    });
  const to = (key: string) => link({ url: `https://acme-releases.s3.amazonaws.com/${key}` });

  it.each<[string, string | Unknown, string, boolean]>([
    ['the object', 'releases/cli.tgz', 'releases/cli.tgz', true],
    ['the folder above it, as a base', 'releases/cli.tgz', 'releases', true],
    ['another object', 'releases/cli.tgz', 'releases/cli.zip', false],
    [
      'the object, its key written with a leading slash',
      '/releases/cli.tgz',
      'releases/cli.tgz',
      true,
    ],
    ['any object, when the key is not known', unknown(), 'releases/cli.zip', true],
  ])('a link to %s (key %j, link %s): %s', (_name, key, linked, open) => {
    expect(openPath(uploading(key), to(linked)) !== undefined).toBe(open);
  });
});

describe('openPath through IAM on a managed folder', () => {
  const onFolder = (name: string | Unknown): GcsBucket =>
    gcsBucket({
      iam: [{ ...iam(['allUsers']), managedFolder: { value: name, range: range(LINE.iam) } }],
    });
  const gcsLink = (url: string, form: LinkForm) =>
    link({ url, form, service: 'gcs', bucket: 'acme-releases' });
  const PATH = 'https://storage.googleapis.com/acme-releases';

  it.each<[string, LinkForm, boolean]>([
    [`${PATH}/public/logo.png`, 'gcs-path', true],
    [`${PATH}/nightly/app.tgz`, 'gcs-path', false],
    [`${PATH}/public-old/logo.png`, 'gcs-path', false],
    // The whole bucket is not the folder; the folder is, as a base for names.
    [PATH, 'gcs-path', false],
    [`${PATH}/public`, 'gcs-path', true],
    [`${PATH}/public%2Flogo.png?x=1`, 'gcs-path', true],
    ['https://acme-releases.storage.googleapis.com/public/a.js', 'gcs-virtual-hosted', true],
    ['https://acme-releases.storage.googleapis.com/nightly/a.js', 'gcs-virtual-hosted', false],
    ['gs://acme-releases/public/a.js', 'gcs-uri', true],
    ['gs://acme-releases/nightly/a.js', 'gcs-uri', false],
    [
      'https://storage.googleapis.com/storage/v1/b/acme-releases/o/public%2Fa.js?alt=media',
      'gcs-json-api',
      true,
    ],
    ['https://storage.googleapis.com/storage/v1/b/acme-releases/o/a.js', 'gcs-json-api', false],
    ['https://downloads.acme.dev/public/a.js', 'custom-domain', true],
    ['https://downloads.acme.dev/a.js', 'custom-domain', false],
    // A name written with a placeholder may be in the folder, unless what is known of it says not.
    [`${PATH}/$DIR/logo.png`, 'gcs-path', true],
    [`${PATH}/nightly/$DIR/app.tgz`, 'gcs-path', false],
  ])('%s (%s): %s', (url, form, open) => {
    expect(openPath(onFolder('public/'), gcsLink(url, form)) !== undefined).toBe(open);
  });

  it('reads a folder written without its trailing slash as the folder', () => {
    expect(openPath(onFolder('public'), gcsLink(`${PATH}/public/a`, 'gcs-path'))).toBeDefined();
    expect(openPath(onFolder('public'), gcsLink(`${PATH}/publicity`, 'gcs-path'))).toBeUndefined();
  });

  it('opens no link through a folder whose name is not known, and every link through the bucket', () => {
    const nightly = gcsLink(`${PATH}/public/a`, 'gcs-path');
    expect(openPath(onFolder(unknown()), nightly)).toBeUndefined();
    const both = onFolder('public/');
    const wide = gcsBucket({ iam: [...both.iam, iam(['allUsers'])] });
    expect(openPath(wide, gcsLink(`${PATH}/nightly/a`, 'gcs-path'))).toBeDefined();
  });
});
