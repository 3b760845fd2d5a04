import { describe, expect, it } from 'vitest';
import type { Bucket, GcsBucket, LinkForm, Unknown } from '@posture/model';
import { builtinRules, openPath, publicPaths } from '../../src/index.js';
import {
  ALL_USERS,
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
    expect(open).toEqual(['an open S3 bucket', 'an open R2 bucket', 'an open GCS bucket']);
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
  ])('%s: %s', (_name, bucket, open) => {
    expect(openPath(bucket, link()) !== undefined).toBe(open);
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
