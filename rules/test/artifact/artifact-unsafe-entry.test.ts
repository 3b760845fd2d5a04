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
      name: 'a symbolic link that stays inside the archive: low, and no advice to rebuild',
      subject: {
        kind: 'unsafe-entry',
        entry: unsafe('Frameworks/X.framework/Versions/Current'),
        problem: 'symlink-inside',
        target: 'A',
      },
      findings: [
        {
          severity: 'low',
          ...at,
          message:
            /is a symbolic link that stays inside the archive, so it cannot reach outside; .* It points at A; it was not followed\. Such links are expected in an app bundle/,
        },
      ],
    },
    {
      name: 'a hard link to a file of the package, as npm pack writes one: medium, read as that file',
      subject: {
        kind: 'unsafe-entry',
        entry: unsafe('dist/index.js'),
        problem: 'hardlink-inside',
        target: 'package/dist/index.cjs',
      },
      findings: [
        {
          severity: 'medium',
          ...at,
          message:
            /is a hard link to another file of the package, .*E415.* It points at package\/dist\/index\.cjs\. Pack from copies/,
        },
      ],
    },
    {
      name: 'a hard link out of the package',
      subject: {
        kind: 'unsafe-entry',
        entry: unsafe('dist/hard'),
        problem: 'hardlink',
        target: '/etc/passwd',
      },
      findings: [
        {
          severity: 'high',
          ...at,
          message:
            /alias a file outside the package\. It points at \/etc\/passwd; it was not followed\. Rebuild/,
        },
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
