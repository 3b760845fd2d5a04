import rule from '../../src/artifact/artifact-source-map-url.js';
import { CONTENT_LINE, entry, onDisk, place } from '../support/artifact.js';
import { link, policy, R2_DEV_URL, s3Bucket, statement } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const bundle = onDisk(entry());
const at = { file: 'dist/cli.js', line: CONTENT_LINE };
const r2 = link({
  url: R2_DEV_URL,
  form: 'r2-dev',
  service: 'r2',
  bucket: undefined,
  sourceMap: true,
});
const s3 = link({ sourceMap: true });

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: bundle } }],
  invalid: [
    {
      name: 'a map that ships beside the file: medium',
      subject: {
        kind: 'source-map-url',
        entry: bundle,
        at: place(bundle),
        url: 'cli.js.map',
        map: 'dist/cli.js.map',
      },
      findings: [
        {
          severity: 'medium',
          ...at,
          message: /points at its source map dist\/cli\.js\.map, which ships/,
        },
      ],
    },
    {
      name: 'an external URL: high',
      subject: {
        kind: 'source-map-url',
        entry: bundle,
        at: place(bundle),
        url: 'https://maps.acme.example/cli.js.map',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message: /fetches its source map from https:\/\/maps\.acme\.example\/cli\.js\.map/,
        },
      ],
    },
    {
      name: 'an r2.dev URL: critical',
      subject: {
        kind: 'source-map-url',
        entry: bundle,
        at: place(bundle),
        url: R2_DEV_URL,
        link: r2,
      },
      findings: [
        {
          severity: 'critical',
          ...at,
          message: /from a public r2\.dev bucket\. Anyone can read https:\/\/pub-/,
        },
      ],
    },
    {
      name: 'a Terraform bucket with an open path: critical, the bucket related',
      subject: {
        kind: 'source-map-url',
        entry: bundle,
        at: place(bundle),
        url: s3.url,
        link: s3,
        bucket: s3Bucket({ policies: [policy([statement()])] }),
      },
      findings: [{ severity: 'critical', ...at, message: /from release bucket "acme-releases"/ }],
    },
  ],
});
