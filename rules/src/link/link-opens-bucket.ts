import {
  SEVERITIES,
  type Bucket,
  type LinkRule,
  type Severity,
  type StorageLink,
} from '@posture/model';
import { blockedLinkDraft, linkRelated } from '../drafts.js';
import { accessSeverity } from '../exposure/access.js';
import { effectOf, openingGuard, refusable, type Effect } from '../exposure/openings.js';
import { claimingRule, isReleaseTarget } from './precedence.js';
import { linkPlace, linkTarget, sentences, unresolvedBucket } from '../messages.js';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-opens-bucket',
    title: 'Build step opens a bucket to the public',
    severity: 'critical',
    why: "A build or release step that changes a bucket's access controls — gsutil iam ch allUsers:objectViewer, gcloud storage buckets add-iam-policy-binding --member=allUsers, aws s3api put-bucket-policy with Principal \"*\", aws s3api delete-public-access-block, aws s3control put-public-access-block with a flag false (the whole account), aws s3api put-bucket-ownership-controls ObjectWriter, wrangler r2 bucket dev-url enable — undoes the private defaults that the Terraform declares, every time it runs, where no plan and no infrastructure scanner sees it. A Terraform provisioner (local-exec command, remote-exec inline) or a Terragrunt hook (execute) running such a command is read the same way, and so is a deploy plugin set to turn on website hosting (vue-cli-plugin-s3-deploy's staticHosting, gatsby-plugin-s3 unless enableS3StaticWebsiteHosting is false). The Terraform stays private on paper while the bucket is public. Opening a release bucket this way publishes every artifact in it (critical); turning off a control that keeps it private (public access block, public access prevention, disabled ACLs, website hosting, a custom domain) is high. On a bucket that is not release-use, either is one level lower. A grant to everyone is said as what its role or permission lets them do, from Google's IAM roles for Cloud Storage and the ACL permissions: read (roles/storage.objectViewer, READ on objects), list but not read (roles/storage.legacyBucketReader, READ on a bucket), write (roles/storage.objectCreator, WRITE on a bucket), the ACL read but nothing else (S3's READ_ACP) or full control (roles/storage.admin, OWNER, and S3's WRITE_ACP, with which anyone can change the ACL to give themselves the rest; S3's FULL_CONTROL of a bucket lists it, writes into it and reads and changes its ACL); any of them opens the bucket, but one that only lists it is rated a level lower, and one that only reads the ACL low. A public bucket policy is said the same way, by the actions it allows: s3:GetObject reads, s3:ListBucket lists, s3:PutObject writes, s3:GetBucketAcl reads the ACL, and s3:*, s3:PutBucketPolicy or s3:PutBucketAcl is full control. What a grant or policy allows on some objects only is said with the objects: those under the prefix a policy's resource names (arn:aws:s3:::acme-releases/public/*), or the object an ACL command names (put-object-acl --key, gs://acme-releases/cli.tgz, or the objects under it with -r). A command on a bucket that the build names only by a placeholder nothing scanned resolves (gs://$BUCKET, --bucket \"$BUCKET\") is reported too, with the placeholder as written; a grant or a policy, which a control of the bucket could refuse, one level lower again, as that cannot be checked.",
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
    if (claimingRule(link, bucket, facts.links) !== 'link-opens-bucket' || !link.opening) return [];
    const release = link.releaseStep !== false || isReleaseTarget(link, bucket);
    const effect = effectOf(link.opening);
    if (!effect || (effect.undecided && !release)) return [];
    const guard = openingGuard(bucket, link, facts.links);
    const account = link.account !== undefined;
    const verb = effect.undecided
      ? 'changes the access of'
      : guard
        ? 'tries to open'
        : account
          ? 'changes'
          : 'opens';
    const subject = `${linkPlace(link)} ${verb} ${linkTarget(link, bucket)}: it ${effect.does}`;
    if (guard) {
      // As with a neutralised path in Terraform: low, and nothing when the policy is unknown.
      if (effect.undecided) return [];
      return [
        blockedLinkDraft(link, bucket, guard, {
          subject,
          outcome:
            'the command fails or has no effect, but the build still expects the bucket to be public',
          remedy: REMEDY,
        }),
      ];
    }
    // What a control of a bucket the scan cannot name might refuse is one level lower.
    const unchecked = link.bucketUnresolved === true && refusable(link);
    return [
      {
        location: link.range,
        related: linkRelated(bucket),
        severity: severityOf(effect, release, unchecked),
        message: sentences(
          subject,
          `${changed(link)} is changed by ${changedBy(link, bucket)}: no plan shows the change, and ${effect.then}`,
          unchecked ? unresolvedBucket('the change') : '',
          account ? ACCOUNT_REMEDY : PLUGIN_SETTINGS.has(link.fileType) ? PLUGIN_REMEDY : REMEDY,
        ),
      },
    ];
  },
};

export default rule;

const REMEDY = 'Remove the command and declare the access the bucket needs in Terraform';
/** Files where a deploy plugin's setting, not a command, opens the bucket (vue-cli-plugin-s3-deploy, gatsby-plugin-s3). */
const PLUGIN_SETTINGS: ReadonlySet<string> = new Set(['vue-config', 'gatsby-config']);
const PLUGIN_REMEDY =
  "Turn the plugin's website hosting off and declare the access the bucket needs in Terraform";
const ACCOUNT_REMEDY =
  "Remove the command and keep the account's block in Terraform: an aws_s3_account_public_access_block with all four flags true";

/** What the command changes, named again: the bucket a placeholder stands for was named already. */
function changed(link: StorageLink): string {
  if (link.account !== undefined) return 'The account';
  return link.bucketUnresolved ? 'The bucket' : link.url;
}

function changedBy(link: StorageLink, bucket: Bucket | undefined): string {
  if (link.fileType === 'terraform') return 'a command that a Terraform provisioner runs';
  if (link.fileType === 'terragrunt') return 'a command that a Terragrunt hook runs';
  if (PLUGIN_SETTINGS.has(link.fileType)) return 'a deploy plugin the build sets up';
  const declared = bucket && !bucket.declaredElsewhere;
  return declared ? 'a build command, outside the Terraform that declares it' : 'a build command';
}

/**
 * Opening a release bucket is critical, removing a control high; one level lower elsewhere, and
 * one level lower again when a control of the bucket could refuse it but cannot be checked. A grant
 * or policy that only lists the bucket, or only reads its ACL, is lower still (`accessSeverity`).
 */
function severityOf(effect: Effect, release: boolean, unchecked: boolean): Severity {
  const level = effect.undecided ? 2 : (effect.opens ? 0 : 1) + (release ? 0 : 1);
  return accessSeverity(SEVERITIES[level + (unchecked ? 1 : 0)]!, effect.access);
}
