import { join } from 'node:path';
import type { ScanResult } from '@posture/model';
import { diagnostic, finding, Fixture, rule } from './fixture.js';

export const MAIN_TF = `resource "aws_s3_bucket" "releases" {
  bucket = "acme-releases"
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "releases" {
  bucket              = aws_s3_bucket.releases.id
  block_public_policy = false
}

resource "aws_s3_bucket_policy" "releases" {
  bucket = aws_s3_bucket.releases.id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject" }] })
}
`;

export const R2_TF = `resource "cloudflare_r2_managed_domain" "assets" {
  bucket_name = "acme-assets"
  enabled     = true
}
`;

export const GCS_TF = `resource "google_storage_bucket_iam_member" "public" {
  bucket = "acme-docs"
  member = "allUsers"
}
`;

export const WORKFLOW = `jobs:
  release:
    steps:
      - run: aws s3 cp dist/ s3://acme-releases/ --acl public-read
`;

export const R2_FILE = 'release assets/r2 bucket.tf';
export const GCS_FILE = 'modules/ünïcode #1/gcs.tf';
export const WORKFLOW_FILE = '.github/workflows/release.yml';

/**
 * A repository with a scan root `infra/`, five findings of every severity (one with related
 * locations, in files whose names need percent-encoding), a suppressed one, two diagnostics and a
 * policy: enough to exercise every reporter.
 */
export function sampleFixture(): { fixture: Fixture; result: ScanResult } {
  const fixture = Fixture.create(
    {
      'main.tf': MAIN_TF,
      [R2_FILE]: R2_TF,
      [GCS_FILE]: GCS_TF,
      [WORKFLOW_FILE]: WORKFLOW,
      'broken.tf': 'resource "aws_s3_bucket" {\n',
    },
    'infra',
  );
  const bucketBlock = fixture.range('main.tf', 'resource "aws_s3_bucket" "releases"');
  const findings = [
    finding('link-public-upload', fixture.range(WORKFLOW_FILE, '--acl public-read'), {
      severity: 'low',
      message: 'The release step uploads to s3://acme-releases with a public-read ACL. Drop --acl.',
    }),
    finding('s3-public-policy', fixture.range('main.tf', 'Principal = "*"'), {
      severity: 'critical',
      address: 'aws_s3_bucket.releases',
      message:
        'aws_s3_bucket.releases has a bucket policy that lets anyone read objects. Remove the "*" principal.',
      related: [
        { label: 'bucket block', range: bucketBlock },
        {
          label: 'public access block',
          range: fixture.range(
            'main.tf',
            'resource "aws_s3_bucket_public_access_block" "releases"',
          ),
        },
      ],
      properties: { release: [{ kind: 'tag', detail: 'tag purpose = "release"' }] },
    }),
    finding('s3-public-acl', fixture.range('main.tf', 'acl    = "public-read"'), {
      address: 'aws_s3_bucket.releases',
      message: 'aws_s3_bucket.releases sets acl = "public-read". See [the bucket](1).',
      related: [{ label: 'bucket block', range: bucketBlock }],
    }),
    finding('r2-public-dev-url', fixture.range(R2_FILE, 'enabled     = true'), {
      severity: 'medium',
      address: 'cloudflare_r2_managed_domain.assets',
      message: 'The r2.dev URL of acme-assets is enabled. Disable it.',
    }),
    finding('gcs-public-iam', fixture.range(GCS_FILE, '"allUsers"'), {
      severity: 'info',
      address: 'google_storage_bucket_iam_member.public',
      message: 'acme-docs grants allUsers a role. It holds no release artifacts.',
    }),
    finding('s3-public-access-block', fixture.range('main.tf', 'block_public_policy = false'), {
      address: 'aws_s3_bucket.releases',
      suppression: {
        kind: 'policy',
        reason: 'Docs mirror, reviewed',
        approvedBy: '@security',
        expires: '2026-12-31',
      },
    }),
  ];
  const rules = [
    rule('s3-public-policy', { severity: 'critical' }),
    rule('s3-public-acl'),
    rule('s3-public-access-block'),
    rule('r2-public-dev-url', { severity: 'medium', tags: ['r2'] }),
    rule('link-public-upload', { severity: 'low', tags: ['link'] }),
    rule('gcs-public-iam', { severity: 'info', tags: ['gcs'], cwe: [] }),
    rule('s3-website', { severity: 'medium' }),
  ];
  const result = fixture.result({
    findings,
    rules,
    files: [
      fixture.scanned('main.tf'),
      fixture.scanned(R2_FILE),
      fixture.scanned(GCS_FILE),
      fixture.scanned(WORKFLOW_FILE, 'build'),
      fixture.scanned('broken.tf'),
    ],
    diagnostics: [
      diagnostic(fixture.range('broken.tf', '{')),
      diagnostic(fixture.range('main.tf', 'aws_s3_bucket.releases.id'), {
        severity: 'warning',
        code: 'eval-unknown',
        message: 'aws_s3_bucket.releases.id is known only after apply.',
      }),
    ],
    policy: {
      path: join(fixture.root, 'posture.yml'),
      sha256: 'a'.repeat(64),
      owner: '@platform-team',
    },
    summary: { buckets: 4, releaseBuckets: 2, links: 1 },
  });
  return { fixture, result };
}
