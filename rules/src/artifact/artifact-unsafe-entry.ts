import type { ArtifactRule, Severity, UnsafeEntryProblem } from '@posture/model';
import { sentences } from '../messages.js';
import { atOrigin, entryName } from './place.js';

const PROBLEM: Record<UnsafeEntryProblem, { what: string; severity: Severity }> = {
  'parent-path': {
    what: 'climbs out of the package (a ../ segment): an extractor that trusts it writes outside its directory',
    severity: 'critical',
  },
  'absolute-path': {
    what: 'has an absolute path: an extractor that trusts it writes anywhere on the disk',
    severity: 'critical',
  },
  'control-characters': {
    what: 'has control characters in its name, which can rewrite terminal output and logs (shown escaped here)',
    severity: 'high',
  },
  symlink: {
    what: 'is a symbolic link: followed on extraction or install, it reads or writes outside the package',
    severity: 'high',
  },
  hardlink: {
    what: 'is a hard link: on extraction it can alias a file outside the package',
    severity: 'high',
  },
  device: { what: 'is a device file, which no package needs', severity: 'high' },
  duplicate: {
    what: 'appears twice: the copy an extractor keeps may not be the one that was reviewed',
    severity: 'medium',
  },
};

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-unsafe-entry',
    title: 'An archive entry is unsafe to extract',
    severity: 'high',
    why: 'An archive is a list of instructions to whoever extracts it. Entries that climb out with ../ or name an absolute path write outside the target directory (the "zip slip" family of flaws); symbolic and hard links point an extractor elsewhere; device files and names with control characters have no place in a package and can attack the tools that list it. npm itself never packs any of these, so finding one means the artifact was made or altered by something else. Posture reports them and never follows them.',
    fix: 'Rebuild the artifact with npm pack (or your packager) from a clean checkout, and find out what produced the unsafe entry: a hand-made or tampered archive must not be published.',
    bad: {
      language: 'shell',
      code: `tar -tzf acme-cli-1.0.0.tgz
package/package.json
package/../../.bashrc`,
    },
    good: {
      language: 'shell',
      code: `tar -tzf acme-cli-1.0.0.tgz
package/package.json
package/dist/cli.js`,
    },
    tags: ['security', 'artifact', 'archive', 'path-traversal', 'supply-chain'],
    cwe: ['CWE-22', 'CWE-59'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'unsafe-entry') return [];
    const { entry, problem, target } = observation;
    const { what, severity } = PROBLEM[problem];
    return [
      {
        ...atOrigin(entry),
        severity,
        message: sentences(
          `The entry ${entryName(entry)} ${what}`,
          target === undefined ? '' : `It points at ${target}; it was not followed`,
          'Rebuild the artifact with npm pack from a clean checkout, and find out what produced this entry',
        ),
      },
    ];
  },
};

export default rule;
