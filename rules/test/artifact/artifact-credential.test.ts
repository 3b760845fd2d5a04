import rule from '../../src/artifact/artifact-credential.js';
import { CONTENT_LINE, entry, FILES_LINE, onDisk, place } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const bundle = entry('dist/config.js');
const local = onDisk(bundle);

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: bundle } }],
  invalid: [
    {
      name: 'an npm token in a tarball: at the origin, by type, never by value',
      subject: { kind: 'credential', entry: bundle, at: place(bundle), credential: 'npm-token' },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: FILES_LINE,
          message:
            /^package\/dist\/config\.js:3:1 in acme-cli-1\.0\.0\.tgz holds an npm access token\. .*its value is not shown here/,
        },
      ],
    },
    {
      name: 'a private key on disk: on its line',
      subject: { kind: 'credential', entry: local, at: place(local), credential: 'private-key' },
      findings: [
        {
          severity: 'critical',
          file: 'dist/config.js',
          line: CONTENT_LINE,
          message: /holds a private key/,
        },
      ],
    },
    {
      name: 'an R2 key on disk',
      subject: {
        kind: 'credential',
        entry: local,
        at: place(local),
        credential: 'cloudflare-r2-key',
      },
      findings: [
        {
          severity: 'critical',
          file: 'dist/config.js',
          line: CONTENT_LINE,
          message:
            /holds a Cloudflare R2 access key \(an S3 access key id or secret access key\)\./,
        },
      ],
    },
    {
      name: 'a Cloudflare API token on disk',
      subject: {
        kind: 'credential',
        entry: local,
        at: place(local),
        credential: 'cloudflare-api-token',
      },
      findings: [
        {
          severity: 'critical',
          file: 'dist/config.js',
          line: CONTENT_LINE,
          message: /holds a Cloudflare API token or key\./,
        },
      ],
    },
  ],
});
