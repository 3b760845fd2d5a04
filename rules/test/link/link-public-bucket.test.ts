import type { BucketOpening } from '@posture/model';
import { expect, it } from 'vitest';
import rule from '../../src/link/link-public-bucket.js';
import {
  LINE,
  R2_DEV_URL,
  gcsBucket,
  iam,
  link,
  range,
  pab,
  policy,
  r2Bucket,
  r2Domain,
  s3Acl,
  s3Bucket,
  statement,
} from '../support/facts.js';
import { run, testRule } from '../support/tester.js';

const publicBucket = s3Bucket({
  name: 'acme-assets',
  release: [],
  policies: [policy([statement()])],
});
const assets = s3Bucket({ name: 'acme-assets', release: [] });
/** `gsutil iam ch allUsers:objectViewer`. */
const READ_GRANT: BucketOpening = { kind: 'grant', through: 'iam', access: ['read', 'list'] };
const opener = (opening: BucketOpening) =>
  link({
    range: range(7, '.github/workflows/docs.yml'),
    url: 'gs://acme-releases',
    usage: 'opens',
    opening,
    fileType: 'github-workflow',
    field: 'jobs.docs.steps[1].run',
  });
/** A bucket whose only public grant is on its managed folder `public/`. */
const folderBucket = gcsBucket({
  name: 'acme-assets',
  release: [],
  iam: [{ ...iam(['allUsers']), managedFolder: { value: 'public/', range: range(LINE.iam) } }],
});
const gcsLink = (key: string) =>
  link({
    url: `https://storage.googleapis.com/acme-assets/${key}`,
    service: 'gcs',
    form: 'gcs-path',
    bucket: 'acme-assets',
  });
/** A bucket whose only public grant is a policy reading the objects under `public/`. */
const prefixBucket = s3Bucket({
  name: 'acme-assets',
  release: [],
  policies: [policy([statement({ resources: ['arn:aws:s3:::acme-assets/public/*'] })])],
});
const s3Link = (key: string) =>
  link({ url: `https://acme-assets.s3.amazonaws.com/${key}`, bucket: 'acme-assets' });
const neutralised = s3Bucket({ policies: [policy([statement()])], publicAccessBlock: pab() });
const r2Dev = link({
  url: R2_DEV_URL,
  service: 'r2',
  form: 'r2-dev',
  bucket: undefined,
  r2DevId: '0123456789abcdef0123456789abcdef',
});

testRule(rule, {
  valid: [
    {
      name: 'a link to a private bucket',
      subject: { link: link(), bucket: s3Bucket({ publicAccessBlock: pab() }) },
    },
    {
      name: 'a link to a bucket whose exposure is neutralised',
      subject: { link: link(), bucket: neutralised },
    },
    { name: 'a link to a bucket Terraform does not declare', subject: { link: link() } },
    {
      name: 'an upload to a public bucket',
      subject: { link: link({ usage: 'upload' }), bucket: publicBucket },
    },
    {
      name: 'an API form of a public bucket',
      subject: { link: link({ usage: 'api' }), bucket: publicBucket },
    },
    { name: 'an r2.dev upload is not a link', subject: { link: { ...r2Dev, usage: 'upload' } } },
    {
      name: 'a signed URL of a public bucket: link-presigned-url reports it',
      subject: { link: link({ usage: 'presigned' }), bucket: publicBucket },
    },
    {
      name: 'a link to a bucket whose build only turns off a control',
      subject: {
        link: link(),
        bucket: assets,
        otherLinks: [opener({ kind: 'access-block-removed' })],
      },
    },
    {
      name: 'a link to a bucket whose build lets everyone list it, but not read it',
      subject: {
        link: link(),
        bucket: assets,
        otherLinks: [opener({ kind: 'grant', through: 'iam', access: ['list'] })],
      },
    },
    {
      name: 'a link to an object outside the managed folder whose IAM is public',
      subject: { link: gcsLink('nightly/app.tgz'), bucket: folderBucket },
    },
    {
      name: 'a link to an object outside the prefix a public policy reads',
      subject: { link: s3Link('private/app.tar.gz'), bucket: prefixBucket },
    },
    {
      name: 'a link to a bucket whose ACL only lets everyone list it',
      subject: { link: link(), bucket: s3Bucket({ acls: [s3Acl('public-read')] }) },
    },
    {
      name: 'a link to a bucket whose build lets everyone write to it by a policy, but not read it',
      subject: {
        link: link(),
        bucket: assets,
        otherLinks: [
          opener({
            kind: 'policy',
            policy: { statements: [statement({ actions: ['s3:PutObject'] })] },
          }),
        ],
      },
    },
    {
      name: 'a link to a bucket whose Terraform refuses the build command opening it',
      subject: {
        link: link(),
        bucket: gcsBucket({ release: [], prevention: 'enforced' }),
        otherLinks: [opener(READ_GRANT)],
      },
    },
  ],
  invalid: [
    {
      name: 'a download link to a public bucket, release-use or not',
      subject: {
        link: link({ url: 'https://acme-assets.s3.amazonaws.com/a.css' }),
        bucket: publicBucket,
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /^package\.json \(scripts\.postinstall\) links to publicly readable bucket "acme-assets" \(aws_s3_bucket\.releases\)\. .* is a download URL of it; the bucket is public \(s3-public-policy\)\./,
        },
      ],
    },
    ...['public/app.tar.gz', '$DIR/app.tar.gz'].map((key) => ({
      name: `a download link to ${key}, which a public policy on public/* reads or may read`,
      subject: { link: s3Link(key), bucket: prefixBucket },
      findings: [
        {
          severity: 'high' as const,
          file: 'package.json',
          line: LINE.link,
          message:
            /links to publicly readable bucket "acme-assets" .*the bucket is public for the objects under "public\/" \(s3-public-policy\)/,
        },
      ],
    })),
    {
      name: 'a download link to an object under a managed folder whose IAM is public',
      subject: { link: gcsLink('public/logo.png'), bucket: folderBucket },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to publicly readable bucket "acme-assets" .*the bucket is public under managed folder "public\/" \(gcs-public-iam\)/,
        },
      ],
    },
    {
      name: 'a download link to a bucket that a command of the build opens to everyone',
      subject: {
        link: link(),
        bucket: assets,
        otherLinks: [opener(READ_GRANT)],
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to bucket "acme-assets" .*, which a build command makes publicly readable\. .*; github-workflow \(jobs\.docs\.steps\[1\]\.run\) opens the bucket to everyone\./,
        },
      ],
    },
    {
      name: 'an r2.dev URL with no Terraform bucket is public by construction',
      subject: { link: r2Dev },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to a public r2\.dev URL\. https:\/\/pub-.*\.r2\.dev\/cli\.tgz works only while/,
        },
      ],
    },
    {
      name: 'an S3 website endpoint with no Terraform bucket is public by construction',
      subject: {
        link: link({
          url: 'http://acme-docs.s3-website-us-east-1.amazonaws.com/install.sh',
          form: 's3-website',
          bucket: 'acme-docs',
        }),
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            /links to an S3 website endpoint\. http:\/\/acme-docs\.s3-website-us-east-1\.amazonaws\.com\/install\.sh is served by S3 static website hosting, which serves only objects anyone can read\./,
        },
      ],
    },
    {
      name: 'an r2.dev URL of a declared bucket names it',
      subject: {
        link: r2Dev,
        bucket: r2Bucket({ managedDomain: r2Domain('managed', true), release: [] }),
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message: /r2\.dev URL of bucket "acme-releases"/,
        },
      ],
    },
  ],
});

it('relates the bucket and the exposure that makes it public', () => {
  const [finding] = run(rule, { link: link(), bucket: publicBucket });
  expect(finding?.related?.map((r) => [r.label, r.range.start.line])).toEqual([
    ['bucket', 1],
    ['public exposure', 51],
  ]);
});
