import rule from '../../src/artifact/artifact-storage-link.js';
import { CONTENT_LINE, entry, onDisk, place } from '../support/artifact.js';
import { link, pab, policy, R2_DEV_URL, s3Bucket, statement } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const bundle = onDisk(entry());
const at = { file: 'dist/cli.js', line: CONTENT_LINE };
const s3 = link();

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: bundle } }],
  invalid: [
    {
      name: 'an r2.dev URL: critical',
      subject: {
        kind: 'storage-link',
        entry: bundle,
        at: place(bundle),
        link: link({ url: R2_DEV_URL, form: 'r2-dev', service: 'r2', bucket: undefined }),
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message: /^dist\/cli\.js:3:1 points at a public r2\.dev bucket\. Anyone can read it/,
        },
      ],
    },
    {
      name: 'an S3 website endpoint: critical',
      subject: {
        kind: 'storage-link',
        entry: bundle,
        at: place(bundle),
        link: link({
          url: 'http://acme-docs.s3-website.eu-west-1.amazonaws.com/x.js',
          form: 's3-website',
          bucket: 'acme-docs',
        }),
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message: /points at a bucket served as a public S3 website\. Anyone can read it/,
        },
      ],
    },
    {
      name: 'a public Terraform bucket: critical',
      subject: {
        kind: 'storage-link',
        entry: bundle,
        at: place(bundle),
        link: s3,
        bucket: s3Bucket({ policies: [policy([statement()])] }),
      },
      findings: [{ severity: 'critical', ...at }],
    },
    {
      name: 'a private release bucket: high',
      subject: {
        kind: 'storage-link',
        entry: bundle,
        at: place(bundle),
        link: s3,
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      findings: [{ severity: 'high', ...at, message: /ties itself to release storage/ }],
    },
    {
      name: 'a bucket Terraform does not declare: medium',
      subject: { kind: 'storage-link', entry: bundle, at: place(bundle), link: s3 },
      findings: [
        {
          severity: 'medium',
          ...at,
          message: /points at bucket "acme-releases"\. The package reveals where this storage is/,
        },
      ],
    },
  ],
});
