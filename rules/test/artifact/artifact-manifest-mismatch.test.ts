import rule from '../../src/artifact/artifact-manifest-mismatch.js';
import { entry, TARBALL } from '../support/artifact.js';
import { range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const base = { kind: 'manifest-mismatch' as const, artifact: TARBALL, packagePath: 'dist/cli.js' };
const approved = { size: 10, sha256: 'a'.repeat(64) };

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: entry() } }],
  invalid: [
    {
      name: 'a file the manifest lacks, at its origin',
      subject: {
        ...base,
        packagePath: 'dist/cli.js.map',
        change: 'added',
        location: range(4, 'package.json'),
        actual: approved,
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /^dist\/cli\.js\.map ships but is not in the approved manifest \(acme-cli-1\.0\.0\.tgz\)\./,
        },
      ],
    },
    {
      name: 'a changed size, at the manifest line',
      subject: {
        ...base,
        change: 'size',
        location: range(7, 'approved.json'),
        expected: approved,
        actual: { size: 12, sha256: 'b'.repeat(64) },
      },
      findings: [
        {
          severity: 'high',
          file: 'approved.json',
          line: 7,
          message: /10 bytes approved, 12 shipped/,
        },
      ],
    },
    {
      name: 'a removed file',
      subject: {
        ...base,
        change: 'removed',
        location: range(8, 'approved.json'),
        expected: approved,
      },
      findings: [
        {
          severity: 'high',
          file: 'approved.json',
          line: 8,
          message: /is in the approved manifest but does not ship/,
        },
      ],
    },
  ],
});
