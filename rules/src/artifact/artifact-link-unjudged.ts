import { REPOSITORY_UNREAD } from '@posture/model';
import type { ArtifactRule } from '@posture/model';
import { publicForm } from '../link/public-forms.js';
import { sentences } from '../messages.js';
import { storageTarget } from './exposure.js';
import { atContent, contentName } from './place.js';

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-link-unjudged',
    title: "A shipped link's bucket may be declared in Terraform that could not be read",
    severity: 'high',
    why: "A storage link in a package is critical when its bucket is public and high when it is a release bucket, which only the Terraform that declares the bucket says. When a file of the repository read for buckets (--repo, or the git checkout around the package) could not be read — a syntax error, a named pipe, a symbolic link that leads nowhere — a link to no bucket the rest declares may be to one that file declares, public or for release: judged as a link to an unknown bucket, it would pass a gate it should fail. Posture fails closed on it: the finding fails the gate whatever its severity and the --fail-on threshold (but none, a run that only reports). The unreadable files alone are notes (repository-unread), not findings: they fail the repository's own gate, posture scan, and a package with no such link is judged in full without them. A link whose judgement nothing unread can change is not reported: one already public by its form (an r2.dev URL), or one to storage no Terraform bucket can be (an S3-compatible endpoint of another provider).",
    fix: 'Fix the files the notes name, so that terraform validate accepts them, or exclude them in the policy if they are not part of the configuration; or name the repository that declares the bucket with --repo. To check the package without the repository, --no-repo reads none, and says that links were not judged against release buckets.',
    bad: {
      language: 'shell',
      code: `# infra/main.tf: resource "aws_s3_bucket" "releases"   <- brace on the next line
posture artifact pkg   # dist/index.js links to acme-releases`,
    },
    good: {
      language: 'shell',
      code: `terraform -chdir=infra validate
posture artifact pkg`,
    },
    tags: ['security', 'artifact', 'link', 'fail-closed'],
    cwe: ['CWE-636'],
    precision: 'very-high',
  },
  check(observation, facts) {
    if (observation.kind !== 'storage-link' && observation.kind !== 'source-map-url') return [];
    const { entry, at, link, bucket } = observation;
    if (link === undefined || link.service === 'unknown' || publicForm(link)) return [];
    if (bucket !== undefined && !bucket.declaredElsewhere) return [];
    const unread = facts.inventory.diagnostics.filter((d) => d.code === REPOSITORY_UNREAD);
    if (unread.length === 0) return [];
    const place = atContent(entry, at);
    // The related locations name every file; the message, the first.
    const [first] = unread.map((note) => note.range.file);
    const others = unread.length - 1;
    const files =
      others === 0 ? first : `${first} and ${others} other file${others === 1 ? '' : 's'}`;
    return [
      {
        ...place,
        related: [
          ...(place.related ?? []),
          ...unread.map((note) => ({ label: 'could not be read', range: note.range })),
        ],
        message: sentences(
          `${contentName(entry, at)} points at ${storageTarget(link, bucket)}${bucket ? '' : ', which no Terraform read declares,'} and ${files} could not be read`,
          'The bucket may be declared there, public or for release, so the link was not judged and the gate fails closed: this fails the gate at any --fail-on but none',
          'Fix or exclude the files that could not be read, or name the Terraform that declares the bucket with --repo',
        ),
      },
    ];
  },
};

export default rule;
