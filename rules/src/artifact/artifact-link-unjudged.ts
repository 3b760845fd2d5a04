import { REPOSITORY_MODULE_UNREAD, REPOSITORY_UNREAD } from '@posture/model';
import type { ArtifactRule, Diagnostic } from '@posture/model';
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
    why: 'A storage link in a package is critical when its bucket is public and high when it is a release bucket, which only the Terraform that declares the bucket says. When a file of the repository read for buckets (--repo, or the git checkout around the package) could not be read — a syntax error, a named pipe, a symbolic link that leads nowhere or out of the repository — or a module it calls was not (a registry module not installed in .terraform/modules, a git source, a local directory missing or outside the repository; not a well-known module read by its inputs, or known to make no bucket), a link to no bucket the rest declares may be to one that file or module declares, public or for release: judged as a link to an unknown bucket, it would pass a gate it should fail. Posture fails closed on it: the finding fails the gate whatever its severity and the --fail-on threshold (but none, a run that only reports). The unreadable files and modules alone are notes (repository-unread, repository-module-unread), not findings: posture scan reports them (input-unreadable, which fails its gate; module-unresolved), and a package with no such link is judged in full without them. A link whose judgement nothing unread can change is not reported: one already public by its form (an r2.dev URL), or one to storage no Terraform bucket can be (an S3-compatible endpoint of another provider).',
    fix: 'Fix the files the notes name, so that terraform validate accepts them, or exclude them in the policy if they are not part of the configuration; run terraform init (terraform init -backend=false in CI) before the gate so that the modules the notes name are installed in .terraform/modules, or vendor them into the repository; or name the repository that declares the bucket with --repo. To check the package without the repository, --no-repo reads none, and says that links were not judged against release buckets.',
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
    const unread = facts.inventory.diagnostics.filter(
      (d) => d.code === REPOSITORY_UNREAD || d.code === REPOSITORY_MODULE_UNREAD,
    );
    if (unread.length === 0) return [];
    const place = atContent(entry, at);
    // The related locations name every file and module call; the message, the first.
    const [first] = unread.map(unreadName);
    const others = unread.length - 1;
    const files = others === 0 ? first : `${first} and ${others} more`;
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
          advice(unread),
        ),
      },
    ];
  },
};

/** `Fix or exclude the files …, install the modules …, or name …`: for what the notes say. */
function advice(unread: readonly Diagnostic[]): string {
  const codes = new Set(unread.map((note) => note.code));
  const ways = [
    ...(codes.has(REPOSITORY_UNREAD) ? ['fix or exclude the files that could not be read'] : []),
    ...(codes.has(REPOSITORY_MODULE_UNREAD)
      ? ['install the modules (terraform init) or vendor them into the repository']
      : []),
    'name the Terraform that declares the bucket with --repo',
  ];
  const text = `${ways.slice(0, -1).join(', ')}, or ${ways.at(-1)}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** What a note says was not read: a file, or the module of a call (`REPOSITORY_MODULE_UNREAD`). */
function unreadName({ code, range }: Diagnostic): string {
  return code === REPOSITORY_MODULE_UNREAD
    ? `the module called at ${range.file}:${range.start.line}`
    : range.file;
}

export default rule;
