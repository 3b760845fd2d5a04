import type { ArtifactObservation } from '@posture/model';
import rule from '../../src/artifact/artifact-target-missing.js';
import { entry } from '../support/artifact.js';
import { range } from '../support/facts.js';
import { testRule } from '../support/tester.js';

type Missing = Extract<ArtifactObservation, { kind: 'missing-target' }>;

function missing(fields: Partial<Missing>): Missing {
  return {
    kind: 'missing-target',
    artifact: '.',
    location: range(4, 'package.json'),
    field: '"main"',
    target: 'dist/index.js',
    missing: 'not-packed',
    packer: 'npm',
    package: { name: 'acme-cli', version: '1.0.0' },
    buildScripts: [],
    ...fields,
  };
}

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: entry() } }],
  invalid: [
    {
      name: '"main" before a prepack build, with the tarball to check instead',
      subject: missing({ buildScripts: ['prepack', 'prepare'] }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /^Package "acme-cli" is not what ships: package\.json "main" names dist\/index\.js, but nothing npm would pack from this directory matches it\. package\.json runs "prepack" and "prepare" before npm packs it, which may build it then: the directory as it is now is not what ships\. .*fails closed.*\. Check the package as it ships: npm pack, then posture artifact acme-cli-1\.0\.0\.tgz \(or build it first and check the directory\)\.$/,
        },
      ],
    },
    {
      name: 'a "files" entry built by hand, in a scoped package',
      subject: missing({
        field: '"files" entry "dist"',
        target: 'dist',
        package: { name: '@acme/cli', version: '2.0.0' },
      }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /"files" entry "dist" names dist, .*Nothing in package\.json builds it when the package is packed: .*npm pack, then posture artifact acme-cli-2\.0\.0\.tgz /,
        },
      ],
    },
    {
      name: "a VS Code extension's main, before vscode:prepublish",
      subject: missing({ packer: 'vsce', buildScripts: ['vscode:prepublish'] }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /nothing vsce would pack .* before vsce packs it, which may build it then: .*vsce package, then posture artifact acme-cli-1\.0\.0\.vsix /,
        },
      ],
    },
    {
      name: "pnpm's publishConfig.directory, not there, of a package without a version",
      subject: missing({
        field: '"publishConfig.directory"',
        target: 'dist',
        missing: 'not-there',
        packer: 'pnpm',
        package: undefined,
      }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /^The package directory is not what ships: package\.json "publishConfig\.directory" names dist, the directory pnpm packs and publishes in place of this one, but it is not there\. .*pnpm pack, then posture artifact the \.tgz it writes /,
        },
      ],
    },
    {
      name: 'a package name that is one lower-case word, quoted as written',
      subject: missing({ package: { name: 'hk', version: '1.0.0' }, artifact: 'hk' }),
      findings: [{ severity: 'high', file: 'package.json', line: 4, message: /^Package "hk" is/ }],
    },
    {
      name: 'an unnamed package in a directory of one lower-case word',
      subject: missing({ package: undefined, artifact: 'pkg' }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message: /^The package directory pkg is not what ships: /,
        },
      ],
    },
    {
      name: '"main" that is a symbolic link: said, with the file itself to ship',
      subject: missing({ target: 'main.js', symlink: 'main.js', buildScripts: ['prepack'] }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /^Package "acme-cli" would ship without what package\.json "main" names: main\.js is a symbolic link, which npm does not pack \(npm packs no links, nor what a linked folder holds\), so it is missing whatever is built\. The gate fails, at any --fail-on but none\. Ship the file itself: put what main\.js leads to in its place \(copy it there, or have the build write it there\), then check the package again\.$/,
        },
      ],
    },
    {
      name: 'a "files" entry below a linked folder, packed by pnpm',
      subject: missing({
        field: '"files" entry "./dist/cli.js"',
        target: './dist/cli.js',
        symlink: 'dist',
        packer: 'pnpm',
      }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message:
            /names: \.\/dist\/cli\.js is below dist, a symbolic link, which pnpm does not pack \(pnpm packs no links, .* put what dist leads to in its place /,
        },
      ],
    },
    {
      name: "pnpm's publishConfig.directory without its package.json",
      subject: missing({
        field: '"publishConfig.directory"',
        target: 'dist/package.json',
        missing: 'not-there',
        packer: 'pnpm',
      }),
      findings: [
        {
          severity: 'high',
          file: 'package.json',
          line: 4,
          message: /but dist\/package\.json is not there, and pnpm refuses to pack it without\./,
        },
      ],
    },
  ],
});
