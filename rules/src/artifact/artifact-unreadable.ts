import { packThenCheck, type ArtifactObservation, type ArtifactRule } from '@posture/model';
import { sentences } from '../messages.js';

type Unreadable = Extract<ArtifactObservation, { kind: 'unreadable' }>;
type Cause = Unreadable['cause'];

/** What to do, by what stopped the reading: only a bound is the policy's to raise. */
const WHAT_TO_DO: Readonly<Record<Cause, string>> = {
  bound:
    'Rebuild the artifact and check it again, or raise artifact.limits in the policy if it is legitimately this large',
  unpackable: 'Fix what its packer refuses, as the packer itself would fail, and check it again',
  // Rebuilding changes nothing: the packer copies what the link leads to into the archive.
  link: 'Check the package as it ships: pack it (vsce package, npm pack) and check the archive it writes, in which nothing is a link; or put the file itself in place of the link',
  broken: 'Rebuild the artifact and check it again',
};

/** A file of a package directory is fixed where it is: there is no artifact to rebuild. */
const FIX_THE_FILE = 'Fix or remove the file, and check the directory again';

/** What to do, with the one packer named where the directory's is known. */
function whatToDo({ cause, packer, package: pkg, file }: Unreadable): string {
  if (file !== undefined && cause === 'broken') return FIX_THE_FILE;
  if (cause !== 'link' || packer === undefined) return WHAT_TO_DO[cause];
  return `Check the package as it ships: ${packThenCheck(packer, pkg)}, in which nothing is a link; or put the file itself in place of the link`;
}

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-unreadable',
    title: 'The artifact could not be read to the end',
    severity: 'high',
    why: 'A gate that passes what it could not read passes anything hidden behind the point where reading stopped: a truncated or corrupt tarball, an archive built to exhaust the scanner (a zip or gzip bomb, endless entries), an encrypted entry. Posture reads within fixed bounds of entries, bytes and compression ratio (artifact.limits in the policy), and fails closed: the artifact is a finding that fails the gate whatever its severity and the --fail-on threshold (but none, a run that only reports), and what was read before the failure is still reported.',
    fix: 'Rebuild the artifact (npm pack) and check it again. A package directory its packer would refuse to pack (a package.json without a name or version, say) is fixed where the message says, as is a file of a package directory that cannot be read (a .gz that is not gzip), whose other files are still checked. A symbolic link in a package directory, which its packer follows (vsce packs what it leads to) and Posture does not, is checked in the archive the packer writes (vsce package, npm pack), or replaced by the file itself. If a legitimate package is larger than the bounds, raise artifact.limits in the policy file, in the open, rather than skipping the check.',
    bad: {
      language: 'shell',
      code: `head -c 100000 acme-cli-1.0.0.tgz > truncated.tgz
posture artifact truncated.tgz`,
    },
    good: {
      language: 'shell',
      code: `npm pack
posture artifact acme-cli-1.0.0.tgz`,
    },
    tags: ['security', 'artifact', 'fail-closed', 'archive'],
    cwe: ['CWE-636', 'CWE-409'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'unreadable') return [];
    const { artifact, problem, stoppedAt, file, location } = observation;
    return [
      {
        location,
        message: sentences(
          file === undefined
            ? `${artifact} could not be checked: ${problem}`
            : `The package file ${file} could not be checked: ${problem}`,
          stoppedAt === undefined ? '' : `Reading stopped at the entry ${stoppedAt}`,
          'What could not be read was not checked, so the gate fails closed, at any --fail-on but none',
          whatToDo(observation),
        ),
      },
    ];
  },
};

export default rule;
