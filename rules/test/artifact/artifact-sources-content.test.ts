import rule from '../../src/artifact/artifact-sources-content.js';
import { entry, FILES_LINE } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const map = entry('dist/cli.js.map', 'source-map');

testRule(rule, {
  valid: [
    {
      name: 'another observation',
      subject: { kind: 'not-allowed', entry: map, reason: 'denied-type' },
    },
  ],
  invalid: [
    {
      name: 'a map with sources: critical, at its origin',
      subject: { kind: 'sources-content', entry: map },
      findings: [
        {
          severity: 'critical',
          file: 'package.json',
          line: FILES_LINE,
          message:
            /^package\/dist\/cli\.js\.map in acme-cli-1\.0\.0\.tgz embeds the original source code/,
        },
      ],
    },
  ],
});
