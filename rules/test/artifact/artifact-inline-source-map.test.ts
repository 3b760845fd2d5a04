import rule from '../../src/artifact/artifact-inline-source-map.js';
import { CONTENT_LINE, entry, FILES_LINE, onDisk, place } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const bundle = entry();
const local = onDisk(bundle);

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: bundle } }],
  invalid: [
    {
      name: 'with sources: critical; in a tarball, at the origin',
      subject: {
        kind: 'inline-source-map',
        entry: bundle,
        at: place(bundle),
        bytes: 18_360_183,
        sourcesContent: true,
      },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: FILES_LINE,
          message:
            /^package\/dist\/cli\.js:3:1 in acme-cli-1\.0\.0\.tgz carries an inline source map \(18\.4 million characters\)\. The map embeds the original sources/,
        },
      ],
    },
    {
      name: 'without sources: high; on disk, on its line',
      subject: {
        kind: 'inline-source-map',
        entry: local,
        at: place(local),
        bytes: 120,
        sourcesContent: false,
      },
      findings: [
        {
          severity: 'high',
          file: 'dist/cli.js',
          line: CONTENT_LINE,
          message: /\(120 characters\)/,
        },
      ],
    },
  ],
});
