import type { Bucket, FindingDraft, LinkRule, StorageLink } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { claimingRule } from './precedence.js';
import { publicForm } from './public-forms.js';
import { publicOpener } from '../exposure/openings.js';
import { openPath, type PublicPath } from '../exposure/paths.js';
import { linkPlace, linkTarget, sentences } from '../messages.js';

const REMEDY =
  'Make the bucket private and remove the link, or serve the files through a CDN path or signed URLs';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-public-bucket',
    title: 'Build configuration links to a public bucket',
    severity: 'high',
    why: "A link from a build configuration to a bucket that anyone can read shows that the bucket is public and that the project relies on it staying public — whether or not the bucket is marked for releases. An r2.dev URL or an S3 website endpoint is public by construction: the first only works while the bucket's public development URL is enabled, the second serves only objects anyone can read, so either is reported even when the bucket is not declared in Terraform. A bucket counts as public when one of the bucket rules finds an exposure that no other control neutralises and that lets anyone read its objects (not an ACL grant, IAM role or policy statement that only lists the bucket, reads its ACL or writes into it), or when a command of the build opens it to everyone (see link-opens-bucket). An IAM grant on a GCS managed folder opens only the objects under the folder, a bucket policy statement on some objects (arn:aws:s3:::acme-assets/public/*) only those, and an uploaded object's own public ACL (aws_s3_object) only that object, so each counts only for links that can be to them: not s3://acme-assets/private/app.tgz, but a link whose object name is not known, or is written with a placeholder that could make it one of them ($DIR/app.tgz), does count.",
    fix: 'Make the bucket private (see the bucket finding that the related location points at) and remove the link, or serve the files through a CDN path or signed URLs. For r2.dev, set enabled = false on the cloudflare_r2_managed_domain.',
    bad: {
      language: 'yaml',
      code: `# .github/workflows/docs.yml
- run: curl -fsSLO https://pub-0123456789abcdef0123456789abcdef.r2.dev/assets/fonts.tar`,
    },
    good: {
      language: 'yaml',
      code: `# .github/workflows/docs.yml
- run: aws s3 cp s3://acme-assets/fonts.tar . --endpoint-url "$R2_ENDPOINT"`,
    },
    tags: ['security', 'link', 'build-config', 'public-access', 'r2-dev'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    const claimed = claimingRule(link, bucket, facts.links);
    // A private upload clients download from (an app's updates) is a download link there.
    const upload = link.usage === 'upload' && !link.downloaded;
    if (upload || link.usage === 'api' || claimed) return [];
    const form = publicForm(link);
    if (form) {
      return [
        {
          location: link.range,
          related: linkRelated(bucket),
          message: sentences(
            `${linkPlace(link)} links to ${form.name}${bucket ? ` of ${linkTarget(link, bucket)}` : ''}`,
            `${link.url} ${form.why}`,
            REMEDY,
          ),
        },
      ];
    }
    const path = bucket && openPath(bucket, link);
    if (!path) return openedByBuild(link, bucket, facts.links);
    return [
      {
        location: link.range,
        related: linkRelated(bucket, [{ label: 'public exposure', range: path.range }]),
        message: sentences(
          `${linkPlace(link)} links to publicly readable ${linkTarget(link, bucket)}`,
          `${describe(link)}; the bucket is public${under(path)} (${path.rule})`,
          REMEDY,
        ),
      },
    ];
  },
};

export default rule;

/** A link to a bucket that a command of the same build makes public (`link-opens-bucket`). */
function openedByBuild(
  link: StorageLink,
  bucket: Bucket | undefined,
  links: readonly StorageLink[],
): FindingDraft[] {
  const opener = publicOpener(bucket, link, links);
  if (!opener) return [];
  return [
    {
      location: link.range,
      related: linkRelated(bucket, [{ label: 'opened by', range: opener.range }]),
      message: sentences(
        `${linkPlace(link)} links to ${linkTarget(link, bucket)}, which a build command makes publicly readable`,
        `${describe(link)}; ${linkPlace(opener)} opens the bucket to everyone`,
        REMEDY,
      ),
    },
  ];
}

/** Where a path that opens only some objects opens. */
function under(path: PublicPath): string {
  return path.within === undefined ? '' : ` ${path.within}`;
}

const USAGE: Partial<Record<StorageLink['usage'], string>> = {
  download: 'a download URL of it',
  'public-upload': 'an upload that makes objects public',
};

function describe(link: StorageLink): string {
  return `${link.url} is ${USAGE[link.usage] ?? 'a link to it'}`;
}
