import type { LinkRule } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { claimingRule } from './precedence.js';
import { holdsReleases, linkPlace, linkTarget, sentences } from '../messages.js';

const rule: LinkRule = {
  kind: 'link',
  meta: {
    id: 'link-release-bucket',
    title: 'Build configuration links to a release bucket',
    severity: 'high',
    why: 'A download URL of a release bucket written into a build configuration — a package.json script, a CI workflow, a bundler setting — is a static link: every build and every published package carries it, so the bucket must stay readable for the link to keep working, and anyone who reads the package learns where releases live and can list or fetch what else is there. It is how private-by-default release storage quietly becomes public. Upload destinations that use credentials (aws s3 cp … s3://, wrangler r2 object put) and time-limited signed URLs are not static links and are not reported, except an upload destination that the published app or package then downloads from without credentials (electron-updater publish settings, a binary host of a package): every install needs that bucket to stay readable. The bucket is release-use by its Terraform (tags, name, annotation, release uploads) or, when its Terraform lives elsewhere, because a release step of the build uploads to it or the policy names it in release.buckets.',
    fix: 'Remove the URL from the build configuration. Publish downloads through a release page, a package registry, a CDN in front of a private bucket that requires signed URLs or cookies (CloudFront with Origin Access Control and trusted_key_groups, Cloudflare Access), or signed URLs generated at release time. A CDN that serves the bucket to anyone is a public bucket (s3-public-cloudfront, r2-public-custom-domain): a link to it is a link to the bucket. If the release is meant to be public, record an exception with the reason.',
    bad: {
      language: 'json',
      code: `{
  "scripts": {
    "release": "aws s3 cp dist/cli.tgz s3://acme-releases/cli/latest.tgz",
    "postinstall": "curl -fsSL https://acme-releases.s3.amazonaws.com/cli/latest.tgz | tar xz"
  }
}`,
    },
    good: {
      language: 'json',
      code: `{
  "scripts": {
    "release": "aws s3 cp dist/cli.tgz s3://acme-releases/cli/latest.tgz"
  }
}`,
    },
    tags: ['security', 'link', 'build-config', 'release', 'static-link'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(link, bucket, facts) {
    if (claimingRule(link, bucket, facts.links) !== 'link-release-bucket') return [];
    // A bucket only a deploy step uploads to holds what the build deploys, maybe a site.
    const held = !bucket || holdsReleases(bucket) ? 'releases live' : 'the build deploys';
    return [
      {
        location: link.range,
        related: linkRelated(bucket),
        message: sentences(
          `${linkPlace(link)} links to ${linkTarget(link, bucket)}`,
          link.downloaded
            ? `Clients download from ${link.url} without credentials what the build publishes there (an app's updates, a package's binaries): every install needs the bucket to stay readable, and the build tells anyone where ${held}`
            : `${link.url} is a static download URL of the bucket: every build that ships it needs the bucket to stay readable, and tells anyone where ${held}`,
          'Remove the link and publish downloads through a release page, signed URLs, or a CDN that requires them in front of the private bucket',
        ),
      },
    ];
  },
};

export default rule;
