import rule from '../../src/link/link-public-upload.js';
import { gcsBucket, LINE, link, ownership, r2Bucket, s3Bucket } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const upload = link({
  url: 's3://acme-releases/cli.tgz',
  form: 's3-uri',
  usage: 'public-upload',
  fileType: 'github-workflow',
  field: 'jobs.publish.steps[2].run',
});
const plain = s3Bucket({ name: 'acme-assets', release: [] });
/** The upload to a bucket written as a placeholder, `s3://${DEPLOY_BUCKET}`. */
const { bucket: _none, ...anyBucket } = upload;
const unnamed = { ...anyBucket, url: 's3://${DEPLOY_BUCKET}', bucketUnresolved: true as const };

testRule(rule, {
  valid: [
    {
      name: 'a public upload to a bucket that is not release-use, outside a release step',
      subject: { link: upload, bucket: plain },
    },
    {
      name: 'a private upload to a release bucket',
      subject: { link: { ...upload, usage: 'upload' }, bucket: s3Bucket() },
    },
    {
      name: 'a public upload to an undeclared bucket outside a release step',
      subject: { link: upload },
    },
    {
      name: 'a public upload to a bucket named only by a placeholder, outside a release step',
      subject: { link: unnamed },
    },
  ],
  invalid: [
    {
      name: 'a public upload to a release bucket',
      subject: { link: upload, bucket: s3Bucket() },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: LINE.link,
          message:
            /^github-workflow \(jobs\.publish\.steps\[2\]\.run\) uploads to release bucket "acme-releases" \(aws_s3_bucket\.releases\) and makes the objects public\./,
        },
      ],
    },
    {
      name: 'a public upload in a release step, to any bucket',
      subject: { link: { ...upload, releaseStep: 'release' }, bucket: plain },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: LINE.link,
          message: /runs in a release step/,
        },
      ],
    },
    {
      name: 'a public upload in a deploy step, said so, to a bucket only a deploy step uploads to',
      subject: {
        link: { ...upload, releaseStep: 'deploy' as const },
        bucket: s3Bucket({ release: [{ kind: 'deploy', detail: 'a deploy step uploads to it' }] }),
      },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: LINE.link,
          message:
            /uploads to bucket "acme-releases" \(aws_s3_bucket\.releases\) and makes the objects public\. The upload to s3:\/\/acme-releases\/cli\.tgz runs in a deploy step and/,
        },
      ],
    },
    {
      name: 'a public upload in a release step to a bucket named only by a placeholder, one level lower',
      subject: { link: { ...unnamed, releaseStep: 'release' } },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: LINE.link,
          message:
            // The placeholder is said once, where the bucket is named.
            /^github-workflow \(jobs\.publish\.steps\[2\]\.run\) uploads to a bucket named only as s3:\/\/\$\{DEPLOY_BUCKET\} and makes the objects public\. The upload runs in a release step and sets a public ACL, so every artifact it writes is readable by anyone\. Which bucket that is cannot be read from the files scanned, so whether it refuses public ACLs \(which would stop the upload\) cannot be checked\. (?!.*DEPLOY_BUCKET)/,
        },
      ],
    },
    {
      name: 'a public upload to a release bucket whose ACLs are disabled is low: S3 refuses it',
      subject: { link: upload, bucket: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }) },
      findings: [
        {
          severity: 'low',
          file: 'package.json',
          line: LINE.link,
          message: /It is blocked by object_ownership = "BucketOwnerEnforced"/,
        },
      ],
    },
    {
      name: 'a public gsutil upload to a bucket with uniform bucket-level access is low',
      subject: {
        link: { ...upload, url: 'gs://acme-releases/cli.tgz', form: 'gcs-uri', service: 'gcs' },
        bucket: gcsBucket({ uniform: true }),
      },
      findings: [{ severity: 'low', file: 'package.json', line: LINE.link, message: /uniform/ }],
    },
    {
      name: 'a public upload to an R2 bucket is low: R2 has no ACLs',
      subject: { link: upload, bucket: r2Bucket() },
      findings: [
        {
          severity: 'low',
          file: 'package.json',
          line: LINE.link,
          message: /R2, which has no ACLs/,
        },
      ],
    },
    {
      name: 'a public upload is critical again once the same build turns ACLs back on',
      subject: {
        link: upload,
        bucket: s3Bucket({ ownership: ownership('BucketOwnerEnforced') }),
        otherLinks: [
          link({
            url: 's3://acme-releases',
            usage: 'opens',
            opening: { kind: 'acls-enabled' },
          }),
        ],
      },
      findings: [{ severity: 'critical', file: 'package.json', line: LINE.link }],
    },
    {
      name: 'a public upload in a release step to an undeclared bucket names the bucket',
      subject: { link: { ...upload, releaseStep: 'release' } },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: LINE.link,
          message: /uploads to bucket "acme-releases" and makes/,
        },
      ],
    },
  ],
});
