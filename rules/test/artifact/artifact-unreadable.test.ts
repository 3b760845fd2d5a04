import rule from '../../src/artifact/artifact-unreadable.js';
import { entry, TARBALL } from '../support/artifact.js';
import { range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: entry() } }],
  invalid: [
    {
      name: 'a truncated tarball, at the tarball, naming where reading stopped',
      subject: {
        kind: 'unreadable',
        artifact: TARBALL,
        location: range(1, TARBALL),
        problem: 'the gzip stream ends early: the tarball is truncated',
        stoppedAt: 'package/dist/cli.js',
      },
      findings: [
        {
          severity: 'high',
          file: TARBALL,
          line: 1,
          message:
            /^acme-cli-1\.0\.0\.tgz could not be checked: the gzip stream ends early: the tarball is truncated\. Reading stopped at the entry package\/dist\/cli\.js\. .*fails closed/,
        },
      ],
    },
  ],
});
