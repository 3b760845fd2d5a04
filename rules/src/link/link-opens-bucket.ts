import type { BucketOpening, LinkRule, Severity, StorageLink } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { openingGuard } from '../exposure/openings.js';
import { granted, publicStatements } from '../exposure/policy.js';
import { claimingRule, isReleaseTarget } from './precedence.js';
import { linkPlace, linkTarget, sentences } from '../messages.js';

const READABLE = 'anyone can read what the bucket holds';

/**
 * What each kind of opening does and what follows: `opens` when it makes the bucket readable by
 * anyone by itself; otherwise it removes a control that keeps it private, or serves it on a domain
 * that something else may guard.
 */
const KINDS: Readonly<Record<Exclude<BucketOpening['kind'], 'policy'>, Effect>> = {
  grant: {
    opens: true,
    does: 'grants everyone read access (a public ACL or IAM binding)',
    then: READABLE,
  },
  'r2-dev': { opens: true, does: "turns on the bucket's public r2.dev URL", then: READABLE },
  'custom-domain': {
    opens: false,
    does: 'serves the bucket on a custom domain',
    then: 'anyone can read what it holds through the domain unless Cloudflare Access guards it',
  },
  'access-block-removed': {
    opens: false,
    does: "turns off the bucket's S3 public access block",
    then: 'nothing blocks a public ACL or policy on it any more',
  },
  'public-access-prevention-off': {
    opens: false,
    does: 'turns off public access prevention',
    then: 'nothing blocks a grant to allUsers on it any more',
  },
  'acls-enabled': {
    opens: false,
    does: 'turns ACLs back on (object ownership no longer enforced, or uniform bucket-level access off)',
    then: 'a public ACL on the bucket or on any object in it takes effect again',
  },
  website: {
    opens: false,
    does: 'turns on static website hosting',
    then: 'the website endpoint serves every object anyone can read, without TLS',
  },
};

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-opens-bucket',
    title: 'Build step opens a bucket to the public',
    severity: 'critical',
    why: 'A build or release step that changes a bucket\'s access controls — gsutil iam ch allUsers:objectViewer, gcloud storage buckets add-iam-policy-binding --member=allUsers, aws s3api put-bucket-policy with Principal "*", aws s3api delete-public-access-block, aws s3api put-bucket-ownership-controls ObjectWriter, wrangler r2 bucket dev-url enable — undoes the private defaults that the Terraform declares, every time it runs, where no plan and no infrastructure scanner sees it. The Terraform stays private on paper while the bucket is public. Opening a release bucket this way publishes every artifact in it (critical); turning off a control that keeps it private (public access block, public access prevention, disabled ACLs, website hosting, a custom domain) is high. On a bucket that is not release-use, either is one level lower.',
    fix: 'Remove the command from the build. Declare the access the bucket needs in Terraform, where it is reviewed and scanned, and publish downloads through a CDN in front of the private bucket or through signed URLs.',
    bad: {
      language: 'yaml',
      code: `# .github/workflows/release.yml
- name: Publish
  run: |
    gsutil cp dist/cli.tgz gs://acme-releases/cli.tgz
    gsutil iam ch allUsers:objectViewer gs://acme-releases`,
    },
    good: {
      language: 'yaml',
      code: `# .github/workflows/release.yml
- name: Publish
  run: gsutil cp dist/cli.tgz gs://acme-releases/cli.tgz`,
    },
    tags: ['security', 'link', 'build-config', 'release', 'public-access', 'drift'],
    cwe: ['CWE-732', 'CWE-200'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    if (claimingRule(link, bucket) !== 'link-opens-bucket' || !link.opening) return [];
    const release = link.releaseStep || isReleaseTarget(link, bucket);
    const effect = effectOf(link.opening);
    if (!effect || (effect.undecided && !release)) return [];
    const guard = openingGuard(bucket, link, facts.links);
    const subject = `${linkPlace(link)} ${effect.undecided ? 'changes the access of' : guard ? 'tries to open' : 'opens'} ${linkTarget(link, bucket)}: it ${effect.does}`;
    if (guard) {
      // As with a neutralised path in Terraform: low, and nothing when the policy is unknown.
      if (effect.undecided) return [];
      return [
        {
          location: link.range,
          related: linkRelated(bucket, [guard.location]),
          severity: 'low',
          message: sentences(
            subject,
            `It is blocked by ${guard.what}; while that holds, the command fails or has no effect, but the build still expects the bucket to be public`,
            REMEDY,
          ),
        },
      ];
    }
    return [
      {
        location: link.range,
        related: linkRelated(bucket),
        severity: severityOf(effect, release),
        message: sentences(
          subject,
          `${link.url} is changed by a build command, outside the Terraform that declares it: no plan shows the change, and ${effect.then}`,
          REMEDY,
        ),
      },
    ];
  },
};

export default rule;

const REMEDY = 'Remove the command and declare the access the bucket needs in Terraform';

/** Opening a release bucket is critical, removing a control high; one level lower elsewhere. */
function severityOf(effect: Effect, release: boolean): Severity {
  if (effect.undecided) return 'medium';
  if (effect.opens) return release ? 'critical' : 'high';
  return release ? 'high' : 'medium';
}

interface Effect {
  readonly opens: boolean;
  readonly does: string;
  /** What follows for the bucket. */
  readonly then: string;
  /** The command writes a policy that could not be read. */
  readonly undecided?: boolean;
}

/** What the opening does; undefined for a policy that grants nobody outside. */
function effectOf(opening: StorageLink['opening'] & object): Effect | undefined {
  if (opening.kind !== 'policy') return KINDS[opening.kind];
  const policy = opening.policy ?? { statements: [] };
  if (policy.unknownReason !== undefined) {
    return {
      opens: false,
      does: `writes a bucket policy that could not be read (${policy.unknownReason})`,
      then: 'Posture cannot tell whether it makes the bucket public',
      undecided: true,
    };
  }
  const [found] = publicStatements(policy).filter((s) => s.undecided === undefined);
  if (!found) return undefined;
  return {
    opens: true,
    does: `writes a bucket policy that allows ${found.principal} ${granted(found.statement)}`,
    then: READABLE,
  };
}
