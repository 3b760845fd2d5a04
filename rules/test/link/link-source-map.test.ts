import rule from '../../src/link/link-source-map.js';
import { LINE, R2_DEV_URL, link, pab, policy, s3Bucket, statement } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const maps = link({
  url: 'https://acme-releases.s3.amazonaws.com/maps/',
  sourceMap: true,
  fileType: 'vite-config',
  field: 'build.sourcemapBaseUrl',
});
const at = { file: 'package.json', line: LINE.link };

testRule(rule, {
  valid: [
    { name: 'a link that does not set source maps', subject: { link: link(), bucket: s3Bucket() } },
  ],
  invalid: [
    {
      name: 'source maps at a private bucket: high',
      subject: { link: maps, bucket: s3Bucket({ publicAccessBlock: pab() }) },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^vite-config \(build\.sourcemapBaseUrl\) points source maps at release bucket "acme-releases" \(aws_s3_bucket\.releases\)\. Source maps fetched from .* carry the original source code, published to anyone who can read the bucket\./,
        },
      ],
    },
    {
      name: 'source maps at a public bucket: critical',
      subject: { link: maps, bucket: s3Bucket({ policies: [policy([statement()])] }) },
      findings: [{ severity: 'critical', ...at, message: /and the bucket is readable by anyone/ }],
    },
    {
      name: 'source maps at a bucket whose exposure is neutralised: high',
      subject: {
        link: maps,
        bucket: s3Bucket({ policies: [policy([statement()])], publicAccessBlock: pab() }),
      },
      findings: [{ severity: 'high', ...at }],
    },
    {
      name: 'source maps at an r2.dev URL: critical, with no Terraform bucket',
      subject: {
        link: { ...maps, url: R2_DEV_URL, form: 'r2-dev', service: 'r2', bucket: undefined },
      },
      findings: [{ severity: 'critical', ...at, message: /points source maps at https:\/\/pub-/ }],
    },
    {
      name: 'source maps at an undeclared bucket: high',
      subject: { link: maps },
      findings: [
        { severity: 'high', ...at, message: /points source maps at bucket "acme-releases"/ },
      ],
    },
  ],
});
