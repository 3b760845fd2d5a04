import type { ArtifactRule } from '@posture/model';
import { linkRelated } from '../drafts.js';
import { openPath } from '../exposure/paths.js';
import { sentences } from '../messages.js';
import { linkExposure, storageTarget } from './exposure.js';
import { atContent, contentName } from './place.js';

const rule: ArtifactRule = {
  kind: 'artifact',
  meta: {
    id: 'artifact-storage-link',
    title: 'A shipped file points at cloud storage',
    severity: 'medium',
    why: 'A bucket URL inside a published package tells every reader where the release infrastructure is, and a URL that works without credentials is a standing invitation to list and download whatever else the bucket holds. The March 2026 disclosure came with an r2.dev link to a source archive. Every URL form the build-link scan knows is matched (S3, GCS and R2, virtual-hosted, path-style, website, r2.dev, s3:// and gs:// URIs, ARNs, custom domains declared in Terraform), and so is a link the shipped JavaScript assembles: a template, a `+` chain or a `.concat(…)` call (ES5 output) of strings and constants the file declares (`https://${BUCKET}.s3.amazonaws.com/${key}`; each branch of `prod ? "acme-releases" : "acme-staging"`, a member of an object literal, `cfg.bucket`, and a host constant, `"https://" + B + HOST`), and the bucket an AWS SDK call (`{ Bucket: BUCKET }`, `{ Bucket, Key }`) or a Google Cloud Storage `storage.bucket(…)` call names in code (not in a comment). The finding is critical when the storage is public (an r2.dev URL, or a Terraform bucket with an open path), high when it is a release bucket, medium otherwise.',
    fix: 'Do not ship storage locations in the package: download release assets from a URL you control behind a CDN or signed URLs, and keep bucket names out of built code. If a host is meant to be public (a CDN in front of the bucket), list it in the policy under allowedPublicDomains.',
    bad: {
      language: 'js',
      code: `// dist/update.js
const ARCHIVE = 'https://pub-0123456789abcdef0123456789abcdef.r2.dev/src.zip';`,
    },
    good: {
      language: 'js',
      code: `// dist/update.js
const ARCHIVE = 'https://downloads.acme.example/latest.zip'; // a CDN listed in allowedPublicDomains`,
    },
    tags: ['security', 'artifact', 'npm', 'link', 's3', 'r2', 'gcs'],
    cwe: ['CWE-200'],
    precision: 'high',
  },
  check(observation) {
    if (observation.kind !== 'storage-link') return [];
    const { entry, at, link, bucket } = observation;
    const { severity, open, release } = linkExposure(link, bucket);
    const place = atContent(entry, at);
    const path = bucket && openPath(bucket, link);
    return [
      {
        ...place,
        severity,
        related: [
          ...(place.related ?? []),
          ...linkRelated(bucket, [path && { label: 'public exposure', range: path.range }]),
        ],
        message: sentences(
          `${contentName(entry, at)} points at ${storageTarget(link, bucket)}`,
          open
            ? `Anyone can read it, and the package tells everyone where it is: ${link.url}`
            : release
              ? `The package ties itself to release storage: ${link.url}`
              : `The package reveals where this storage is: ${link.url}`,
          'Serve what the package needs from a host you control, and keep bucket URLs out of built code',
        ),
      },
    ];
  },
};

export default rule;
