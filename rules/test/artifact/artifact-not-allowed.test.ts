import rule from '../../src/artifact/artifact-not-allowed.js';
import { entry, FILES_LINE, onDisk } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const map = entry('dist/cli.js.map', 'source-map');
const at = { file: 'package.json', line: FILES_LINE };

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: map } }],
  invalid: [
    {
      name: 'a source map, at the "files" entry that let it in, the entry path in the message',
      subject: { kind: 'not-allowed', entry: map, reason: 'denied-type' },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^package\/dist\/cli\.js\.map in acme-cli-1\.0\.0\.tgz is a source map and would ship: it is let in by "files" entry "dist"\..*add "!\*\.map" after it\.$/,
        },
      ],
    },
    {
      name: 'a private key is critical',
      subject: {
        kind: 'not-allowed',
        entry: entry('deploy.pem', 'private-key'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'critical', ...at, message: /is a private key/ }],
    },
    {
      name: 'a certificate is medium',
      subject: {
        kind: 'not-allowed',
        entry: entry('ca.crt', 'certificate'),
        reason: 'denied-type',
      },
      findings: [{ severity: 'medium', ...at }],
    },
    {
      name: 'TypeScript sources beside the build',
      subject: {
        kind: 'not-allowed',
        entry: onDisk(entry('src/cli.ts', 'typescript-source')),
        reason: 'source-beside-build',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /^src\/cli\.ts is TypeScript source .*ships built JavaScript.*"!src\/\*\*\/\*\.ts"/,
        },
      ],
    },
    {
      name: 'outside an explicit allowlist',
      subject: {
        kind: 'not-allowed',
        entry: entry('docs/guide.md', 'markdown'),
        reason: 'outside-allowlist',
      },
      findings: [
        { severity: 'high', ...at, message: /matches no glob and no type of the allowlist/ },
      ],
    },
    {
      name: 'let in by .npmignore: the advice is an .npmignore line',
      subject: {
        kind: 'not-allowed',
        entry: {
          ...entry('.env', 'env'),
          origin: { range: { ...entry().origin.range, file: '.npmignore' }, label: '.npmignore' },
        },
        reason: 'denied-type',
      },
      findings: [
        {
          severity: 'high',
          file: '.npmignore',
          line: FILES_LINE,
          message: /add \.env\* to \.npmignore\.$/,
        },
      ],
    },
  ],
});
