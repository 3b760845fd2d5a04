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
        cause: 'broken',
        stoppedAt: 'package/dist/cli.js',
      },
      findings: [
        {
          severity: 'high',
          file: TARBALL,
          line: 1,
          message:
            /^acme-cli-1\.0\.0\.tgz could not be checked: the gzip stream ends early: the tarball is truncated\. Reading stopped at the entry package\/dist\/cli\.js\. .*fails closed.*\. Rebuild the artifact and check it again\.$/,
        },
      ],
    },
    {
      name: 'one file of a package directory, named, to fix where it is: no artifact to rebuild',
      subject: {
        kind: 'unreadable',
        artifact: '.',
        location: range(1, 'dist/a.js.gz'),
        problem: 'a file named as gzip-compressed does not unpack as gzip',
        cause: 'broken',
        file: 'dist/a.js.gz',
      },
      findings: [
        {
          severity: 'high',
          file: 'dist/a.js.gz',
          line: 1,
          message:
            /^The package file dist\/a\.js\.gz could not be checked: a file named as gzip-compressed does not unpack as gzip\. .*fails closed.*\. Fix or remove the file, and check the directory again\.$/,
        },
      ],
    },
    {
      name: 'past a bound, which the policy may raise',
      subject: {
        kind: 'unreadable',
        artifact: TARBALL,
        location: range(1, TARBALL),
        problem: 'it holds more than 10000 entries (the bound); the rest were not read',
        cause: 'bound',
      },
      findings: [
        {
          severity: 'high',
          file: TARBALL,
          line: 1,
          message: /or raise artifact\.limits in the policy if it is legitimately this large\.$/,
        },
      ],
    },
    {
      name: 'a package its packer refuses, to fix where it is refused, not by a bound',
      subject: {
        kind: 'unreadable',
        artifact: 'my-lib',
        location: range(1, 'package.json'),
        problem: 'package.json has no "version", so npm cannot pack it',
        cause: 'unpackable',
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 1,
          message:
            /no "version", so npm cannot pack it\. .*\. Fix what its packer refuses, as the packer itself would fail, and check it again\.$/,
        },
      ],
    },
    {
      name: "a link in an extension's directory, which vsce follows: the .vsix vsce writes to check, not a rebuild",
      subject: {
        kind: 'unreadable',
        artifact: 'my-ext',
        location: range(1, 'package.json'),
        problem:
          'extension.js is a symbolic link: vsce would pack what it leads to in its place, and links are not followed here, so it was not read',
        cause: 'link',
        stoppedAt: 'extension.js',
        packer: 'vsce',
        package: { name: 'my-ext', version: '1.0.0' },
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 1,
          message:
            /\. Check the package as it ships: vsce package, then posture artifact my-ext-1\.0\.0\.vsix, in which nothing is a link; or put the file itself in place of the link\.$/,
        },
      ],
    },
    {
      name: 'a link out of the repository in a directory npm packs, of a package without a version: the .tgz npm writes',
      subject: {
        kind: 'unreadable',
        artifact: 'my-lib',
        location: range(1, 'package.json'),
        problem:
          'node_modules/dep leads out of the repository through a symbolic link, so it was not read',
        cause: 'link',
        packer: 'npm',
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 1,
          message:
            /\. Check the package as it ships: npm pack, then posture artifact the \.tgz it writes, in which nothing is a link; or put the file itself in place of the link\.$/,
        },
      ],
    },
    {
      name: "a link in the directory pnpm packs (publishConfig.directory): pnpm's tarball, named as pnpm names a scoped package's",
      subject: {
        kind: 'unreadable',
        artifact: 'cli',
        location: range(1, 'cli/dist/package.json'),
        problem:
          'cli/dist/node_modules/dep leads out of the repository through a symbolic link, so it was not read',
        cause: 'link',
        packer: 'pnpm',
        package: { name: '@acme/cli', version: '2.0.0' },
      },
      findings: [
        {
          severity: 'high',
          file: 'cli/dist/package.json',
          line: 1,
          message:
            /\. Check the package as it ships: pnpm pack, then posture artifact acme-cli-2\.0\.0\.tgz, in which nothing is a link; or put the file itself in place of the link\.$/,
        },
      ],
    },
    {
      name: 'a link where who packs is not known: both packers',
      subject: {
        kind: 'unreadable',
        artifact: 'my-ext',
        location: range(1, 'package.json'),
        problem:
          'extension.js is a symbolic link: vsce would pack what it leads to in its place, and links are not followed here, so it was not read',
        cause: 'link',
        stoppedAt: 'extension.js',
      },
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 1,
          message:
            /\. Check the package as it ships: pack it \(vsce package, npm pack\) and check the archive it writes, in which nothing is a link; or put the file itself in place of the link\.$/,
        },
      ],
    },
  ],
});
