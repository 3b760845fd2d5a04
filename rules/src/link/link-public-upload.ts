import type { LinkRule } from '@posture/model';
import { blockedLinkDraft, linkRelated } from '../drafts.js';
import { openingGuard } from '../exposure/openings.js';
import { claimingRule } from './precedence.js';
import { linkPlace, linkTarget, sentences, unresolvedBucket } from '../messages.js';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-public-upload',
    title: 'Release upload makes objects public',
    severity: 'critical',
    why: "An upload with a public ACL — aws s3 cp --acl public-read, gsutil -a public-read or its header form -h x-goog-acl:public-read, predefinedAcl: publicRead in a CI action — publishes each object it writes, whatever else the bucket configuration says. Only a bucket that refuses public ACLs stops it (object ownership BucketOwnerEnforced, block_public_acls or ignore_public_acls on S3; uniform bucket-level access or enforced public access prevention on GCS; R2, which has no ACLs at all): the upload then fails or its ACL has no effect, and the finding is low — unless a command of the same build turns that control off. A node-pre-gyp binary.host is also where every node-pre-gyp install downloads from: while its bucket refuses the public ACL, it is reported as the link to a release bucket it also is (link-release-bucket). Done by a release step or to a release bucket, it publishes every artifact the pipeline produces, including ones never meant to ship, such as source maps. An upload to a bucket that the build names only by a placeholder nothing scanned resolves (s3://${DEPLOY_BUCKET}, the s3-sync-action's AWS_S3_BUCKET: ${{ secrets.AWS_S3_BUCKET }}) is reported too, with the placeholder as written, one level lower (high): whether that bucket refuses public ACLs cannot be checked.",
    fix: "Make the upload private: drop the public ACL option, or set a private ACL where the tool uploads public-read by default (electron-builder's s3 publisher, node-pre-gyp publish, webpack-s3-plugin's s3UploadOptions, gatsby-plugin-s3, the Buildkite agent's artifact upload to S3, which BUILDKITE_S3_ACL=private makes private). Disable ACLs on the bucket (object_ownership = \"BucketOwnerEnforced\" on S3, uniform_bucket_level_access = true on GCS) so such options fail, and publish downloads through a CDN in front of the private bucket or through signed URLs.",
    bad: {
      language: 'yaml',
      code: `# .github/workflows/release.yml
- name: Publish
  run: aws s3 cp dist/ s3://acme-releases/v\${{ github.ref_name }}/ --recursive --acl public-read`,
    },
    good: {
      language: 'yaml',
      code: `# .github/workflows/release.yml
- name: Publish
  run: aws s3 cp dist/ s3://acme-releases/v\${{ github.ref_name }}/ --recursive`,
    },
    tags: ['security', 'link', 'build-config', 'release', 'upload', 'acl'],
    cwe: ['CWE-732', 'CWE-200'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    if (claimingRule(link, bucket, facts.links) !== 'link-public-upload') return [];
    const subject = `${linkPlace(link)} uploads to ${linkTarget(link, bucket)} and makes the objects public`;
    const guard = openingGuard(bucket, link, facts.links);
    if (guard) {
      return [
        blockedLinkDraft(link, bucket, guard, {
          subject,
          outcome:
            'the upload fails or its ACL has no effect, but the build still expects the objects to be public',
          remedy: 'Make the upload private',
        }),
      ];
    }
    const unresolved = link.bucketUnresolved === true;
    return [
      {
        location: link.range,
        related: linkRelated(bucket),
        ...(unresolved && { severity: 'high' as const }),
        message: sentences(
          subject,
          // A placeholder was said where the subject names the bucket.
          `The upload${unresolved ? '' : ` to ${link.url}`}${link.releaseStep ? ` runs in a ${link.releaseStep} step and` : ''} sets a public ACL, so every artifact it writes is readable by anyone`,
          unresolved ? unresolvedBucket('public ACLs (which would stop the upload)') : '',
          'Make the upload private (drop the public ACL option, or set a private one where the tool defaults to public-read) and disable ACLs on the bucket',
        ),
      },
    ];
  },
};

export default rule;
