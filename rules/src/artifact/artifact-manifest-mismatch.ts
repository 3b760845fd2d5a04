import type { ArtifactRule, ManifestChange } from '@posture/model';
import { sentences } from '../messages.js';

const CHANGE: Record<ManifestChange, string> = {
  added: 'ships but is not in the approved manifest',
  removed: 'is in the approved manifest but does not ship',
  size: 'differs in size from the approved manifest',
  content: 'differs in content (sha-256) from the approved manifest',
};

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-manifest-mismatch',
    title: 'The artifact differs from its approved manifest',
    severity: 'high',
    why: 'An approved manifest (posture artifact --write-manifest) is the release evidence of exactly which files, of which sizes and sha-256 hashes, were reviewed to ship. Any difference between it and the artifact — a file added by a build change, a file changed after review, or a published package that is not what was approved — means something shipped that nobody approved. Comparing the package downloaded back from the registry closes the loop after publishing.',
    fix: 'Find out why the artifact changed. If the change is intended, review it and write a new manifest (posture artifact PATH --write-manifest approved.json); if not, rebuild from the reviewed commit, or deprecate the published version.',
    bad: {
      language: 'shell',
      code: `posture artifact acme-cli-1.0.0.tgz --manifest approved.json
# dist/cli.js.map ships but is not in the approved manifest`,
    },
    good: {
      language: 'shell',
      code: `posture artifact . --write-manifest approved.json   # reviewed and committed
npm pack acme-cli@1.0.0                                 # after publishing
posture artifact acme-cli-1.0.0.tgz --manifest approved.json`,
    },
    tags: ['security', 'artifact', 'supply-chain', 'integrity', 'evidence'],
    cwe: ['CWE-353'],
    precision: 'very-high',
  },
  check(observation) {
    if (observation.kind !== 'manifest-mismatch') return [];
    const { artifact, packagePath, change, expected, actual, location } = observation;
    const sizes =
      change === 'size' && expected && actual
        ? `${expected.size} bytes approved, ${actual.size} shipped`
        : '';
    return [
      {
        location,
        message: sentences(
          `${packagePath} ${CHANGE[change]} (${artifact})`,
          sizes,
          'Review the difference: write a new manifest if it is intended, rebuild from the reviewed commit if not',
        ),
      },
    ];
  },
};

export default rule;
