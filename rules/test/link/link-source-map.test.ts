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
      name: 'hidden source maps beside the bundles a private bucket serves: medium, worded so',
      subject: {
        link: { ...maps, field: 'base', sourceMapHidden: true },
        bucket: s3Bucket({ publicAccessBlock: pab() }),
      },
      findings: [
        {
          severity: 'medium',
          ...at,
          message:
            /^vite-config \(base\) serves bundles from release bucket "acme-releases" \(aws_s3_bucket\.releases\), and the build writes source maps beside them\. No sourceMappingURL comment points at the maps, but uploaded with the bundles they can be fetched from https:\/\/acme-releases\.s3\.amazonaws\.com\/maps\/ under each bundle's name with \.map, carrying the original source code, published to anyone who can read the bucket\. Delete the maps/,
        },
      ],
    },
    {
      name: 'hidden source maps beside the bundles a public bucket serves: high',
      subject: {
        link: { ...maps, field: 'base', sourceMapHidden: true },
        bucket: s3Bucket({ policies: [policy([statement()])] }),
      },
      findings: [{ severity: 'high', ...at, message: /and the bucket is readable by anyone/ }],
    },
    {
      name: 'source maps a setting chosen by the mode links: as high, and said to depend on it',
      subject: { link: { ...maps, field: 'publicPath', sourceMapConditional: true } },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^vite-config \(publicPath\) points source maps at bucket "acme-releases" in the builds whose mode or environment chooses these settings\. Source maps fetched/,
        },
      ],
    },
    {
      name: 'hidden maps in some builds only: medium, said so',
      subject: {
        link: { ...maps, field: 'base', sourceMapHidden: true, sourceMapConditional: true },
      },
      findings: [
        {
          severity: 'medium',
          ...at,
          message:
            /^vite-config \(base\) serves bundles from bucket "acme-releases", and the builds whose mode or environment chooses these settings write source maps beside them\./,
        },
      ],
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
