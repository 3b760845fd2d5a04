import type { ArtifactRule, Severity, UnsafeEntryProblem } from '@posture/model';
import { sentences } from '../messages.js';
import { atOrigin, entryName } from './place.js';

const REBUILD =
  'Rebuild the artifact with npm pack from a clean checkout, and find out what produced this entry';

/** What is wrong with each kind of entry, how bad it is and, where rebuilding is not the answer, what to do. */
const PROBLEM: Record<UnsafeEntryProblem, { what: string; severity: Severity; fix?: string }> = {
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
    what: 'is a symbolic link that leads out of the package: followed on extraction or install, it reads or writes outside it',
    severity: 'high',
  },
  'symlink-inside': {
    what: 'is a symbolic link that stays inside the archive, so it cannot reach outside; what it points at is checked as an entry of its own',
    severity: 'low',
    fix: "Such links are expected in an app bundle (a macOS framework's Versions/Current); an npm package cannot hold one, since npm install leaves links out, so ship the file itself there",
  },
  hardlink: {
    what: 'is a hard link to something other than a file the archive holds before it: on extraction it can alias a file outside the package',
    severity: 'high',
  },
  'hardlink-inside': {
    what: 'is a hard link to another file of the package, as npm pack writes one for files that share an inode (installed by pnpm or bun, copied with cp -l); its content was checked as that file. The npm registry refuses to publish a tarball that holds one (E415 Hard link is not allowed), and npm install leaves the file out',
    severity: 'medium',
    fix: "Pack from copies rather than hard links (pnpm's package-import-method=copy, cp rather than cp -l in the build), so that each file is packed as itself",
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
    title: 'An archive entry is unsafe to extract, or is a link',
    severity: 'high',
    why: 'An archive is a list of instructions to whoever extracts it. Entries that climb out with ../ or name an absolute path write outside the target directory (the "zip slip" family of flaws); symbolic and hard links point an extractor elsewhere; device files and names with control characters have no place in a package and can attack the tools that list it. npm pack writes none of these but one: a hard link between two files of the package, for files that share an inode. Posture reads that link as the file it names and reports it at medium severity, because the npm registry refuses it and npm install leaves it out. Any other entry of these kinds means the artifact was made or altered by something else. A symbolic link is resolved within the archive, through its other links: one that stays inside (as in a macOS app bundle) is reported at low severity, one that leads out at high. Posture never follows a link.',
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
    const { what, severity, fix = REBUILD } = PROBLEM[problem];
    const followed = problem === 'hardlink-inside' ? '' : '; it was not followed';
    return [
      {
        ...atOrigin(entry),
        severity,
        message: sentences(
          `The entry ${entryName(entry)} ${what}`,
          target === undefined ? '' : `It points at ${target}${followed}`,
          fix,
        ),
      },
    ];
  },
};

export default rule;
