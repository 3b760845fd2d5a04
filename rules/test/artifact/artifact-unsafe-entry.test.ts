import rule from '../../src/artifact/artifact-unsafe-entry.js';
import { entry, FILES_LINE } from '../support/artifact.js';
import { testRule } from '../support/tester.js';

const at = { file: 'package.json', line: FILES_LINE };
const unsafe = (packagePath: string) => ({ ...entry(packagePath), path: `package/${packagePath}` });

testRule(rule, {
  valid: [{ name: 'another observation', subject: { kind: 'sources-content', entry: entry() } }],
  invalid: [
    {
      name: 'a climb out',
      subject: { kind: 'unsafe-entry', entry: unsafe('../../.bashrc'), problem: 'parent-path' },
      findings: [
        {
          severity: 'critical',
          ...at,
          message: /^The entry package\/\.\.\/\.\.\/\.bashrc in acme-cli-1\.0\.0\.tgz climbs out/,
        },
      ],
    },
    {
      name: 'an absolute path',
      subject: { kind: 'unsafe-entry', entry: unsafe('/etc/passwd'), problem: 'absolute-path' },
      findings: [{ severity: 'critical', ...at }],
    },
    {
      name: 'a symbolic link names its target, not followed',
      subject: {
        kind: 'unsafe-entry',
        entry: unsafe('dist/link'),
        problem: 'symlink',
        target: '/etc/passwd',
      },
      findings: [
        { severity: 'high', ...at, message: /It points at \/etc\/passwd; it was not followed\./ },
      ],
    },
    {
      name: 'control characters, escaped',
      subject: {
        kind: 'unsafe-entry',
        entry: unsafe('dist/a\\u001b[2Jb.js'),
        problem: 'control-characters',
      },
      findings: [
        { severity: 'high', ...at, message: /a\\u001b\[2Jb\.js .*has control characters/ },
      ],
    },
    {
      name: 'a duplicate: medium',
      subject: { kind: 'unsafe-entry', entry: entry(), problem: 'duplicate' },
      findings: [{ severity: 'medium', ...at, message: /appears twice/ }],
    },
  ],
});
