/**
 * A command that opens its bucket, or uploads to it with a public ACL, does so whatever the bucket
 * is: where the bucket is a placeholder that nothing resolves, it is a link that names no bucket,
 * shown as written. Any other use of such a bucket (a download, a private upload) is no link.
 */
import type { StorageLink } from '@posture/model';
import { describe, expect, it } from 'vitest';
import { repo, scan, scanText, where, written } from './helpers.js';

const facts = (root: string) => (l: StorageLink) => [
  l.range.file,
  where(l),
  written(root, l),
  l.url,
  l.usage,
  l.bucket,
  l.bucketUnresolved,
];

describe('commands on a bucket named only by a placeholder', () => {
  it('keeps the public uploads of a deploy script and of s3-sync-action', () => {
    // coovid-clicker's scripts/deploy.sh, and the s3-sync-action README's workflow.
    const root = repo({
      'scripts/deploy.sh': [
        '#!/usr/bin/env bash',
        'aws s3 sync --delete --acl public-read "dist" "s3://${DEPLOY_BUCKET}"',
        'aws s3 cp --acl public-read "dist/index.html" "s3://${DEPLOY_BUCKET}"',
        '',
      ].join('\n'),
      '.github/workflows/deploy.yml': [
        'on:',
        '  push:',
        '    branches: [main]',
        'jobs:',
        '  deploy:',
        '    steps:',
        '      - uses: jakejarvis/s3-sync-action@v0.5.1',
        '        with:',
        '          args: --acl public-read --follow-symlinks --delete',
        '        env:',
        '          AWS_S3_BUCKET: ${{ secrets.AWS_S3_BUCKET }}',
        '',
      ].join('\n'),
    });
    const { links } = scan(root);
    expect(links.map(facts(root))).toEqual([
      [
        '.github/workflows/deploy.yml',
        '11:26-11:54',
        '${{ secrets.AWS_S3_BUCKET }}',
        '${{ secrets.AWS_S3_BUCKET }}',
        'public-upload',
        undefined,
        true,
      ],
      ...[2, 3].map((line) => [
        'scripts/deploy.sh',
        `${line}:48-${line}:69`,
        's3://${DEPLOY_BUCKET}',
        's3://${DEPLOY_BUCKET}',
        'public-upload',
        undefined,
        true,
      ]),
    ]);
    expect(links.every((l) => l.releaseStep)).toBe(true);
  });

  it.each([
    [
      'gcloud storage buckets add-iam-policy-binding gs://$BUCKET_NAME --member=allUsers --role=roles/storage.objectViewer',
      'gs://$BUCKET_NAME',
      { kind: 'grant', through: 'iam', access: ['read', 'list'] },
    ],
    [
      'gsutil acl ch -u AllUsers:R "gs://$INPUT_bucket/escape-registry.tgz"',
      'gs://$INPUT_bucket/escape-registry.tgz',
      { kind: 'grant', through: 'acl', access: ['read'], objects: 'escape-registry.tgz' },
    ],
    [
      'gsutil defacl ch -u AllUsers:READER gs://${{ env.STORAGE_BUCKET }}',
      'gs://${{ env.STORAGE_BUCKET }}',
      { kind: 'grant', through: 'acl', access: ['read'] },
    ],
    [
      'aws s3api put-bucket-acl --bucket "$BUCKET" --acl public-read',
      '$BUCKET',
      { kind: 'grant', through: 'acl', access: ['list'] },
    ],
    [
      'aws s3api delete-public-access-block --bucket=$(BUCKET)',
      '$(BUCKET)',
      { kind: 'access-block-removed' },
    ],
    [
      'aws s3 website s3://%BUCKET%/ --index-document index.html',
      's3://%BUCKET%/',
      { kind: 'website' },
    ],
    ['wrangler r2 bucket dev-url enable "$R2_BUCKET"', '$R2_BUCKET', { kind: 'r2-dev' }],
    [
      'npx wrangler r2 bucket domain add acme-${ENV} --domain x.dev',
      'acme-${ENV}',
      { kind: 'custom-domain' },
    ],
  ])('%s opens the bucket it names as %s', (command, url, opening) => {
    const { links } = scanText('deploy.sh', `${command}\n`);
    expect(links.map((l) => [l.url, l.usage, l.bucket, l.bucketUnresolved, l.opening])).toEqual([
      [url, 'opens', undefined, true, opening],
    ]);
  });

  // A script's or a function's positional parameter was no placeholder: `s3://$1/` was no link at
  // all, so its public upload passed unseen.
  it('keeps a public upload or an opening of a bucket a positional parameter names', () => {
    const text = [
      'aws s3 cp "$2" "s3://$1/latest/" --acl public-read',
      'upload() { gsutil cp -a public-read "$2" "gs://$1/"; }',
      'upload "$(cat bucket.txt)" dist/x.tgz',
      'aws s3api put-bucket-policy --bucket "$3" --policy \'{"Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"*"}]}\'',
      'aws s3 cp dist "s3://$1/" --recursive',
      'aws s3 cp "s3://${2}/tool.tgz" .',
      '',
    ].join('\n');
    const { links } = scanText('release.sh', text);
    expect(links.map((l) => [l.url, l.usage, l.bucket, l.bucketUnresolved])).toEqual([
      ['s3://$1/latest/', 'public-upload', undefined, true],
      ['gs://$1/', 'public-upload', undefined, true],
      ['$3', 'opens', undefined, true],
    ]);
  });

  it("keeps a PowerShell script's public upload to an environment variable's bucket", () => {
    const text = [
      'aws s3 cp dist "s3://$env:RELEASE_BUCKET/app" --recursive --acl public-read',
      'gsutil iam ch allUsers:objectViewer gs://$Env:MIRROR_BUCKET',
      '',
    ].join('\n');
    const { links } = scanText('publish.ps1', text);
    expect(links.map((l) => [l.url, l.usage, l.bucket, l.bucketUnresolved])).toEqual([
      ['s3://$env:RELEASE_BUCKET/app', 'public-upload', undefined, true],
      ['gs://$Env:MIRROR_BUCKET', 'opens', undefined, true],
    ]);
  });

  it("reads wrangler-action's command", () => {
    const workflow = [
      'on: release',
      'jobs:',
      '  r2:',
      '    steps:',
      '      - uses: cloudflare/wrangler-action@v3',
      '        with:',
      '          command: r2 bucket dev-url enable ${{ vars.BUCKET }}',
      '',
    ].join('\n');
    const { links } = scanText('.github/workflows/r2.yml', workflow);
    expect(links.map((l) => [l.url, l.usage, l.opening?.kind, l.field])).toEqual([
      ['${{ vars.BUCKET }}', 'opens', 'r2-dev', 'jobs.r2.steps[0].with.command'],
    ]);
  });

  it('is no link where the command neither opens the bucket nor makes what it writes public', () => {
    const script = [
      'gcloud storage cp /usr/public/* gs://$BUCKET_NAME',
      'aws s3 sync dist "s3://${DEPLOY_BUCKET}" --acl private',
      'aws s3 cp "s3://$BUCKET/tool.tgz" .',
      'aws s3api put-object-acl --bucket "$BUCKET" --key x --acl private',
      'gsutil acl ch -d AllUsers gs://$BUCKET',
      'wrangler r2 object put "$BUCKET/key" --file x',
      'echo "s3://$BUCKET/x --acl public-read"',
      '# gsutil iam ch allUsers:objectViewer gs://$BUCKET',
      '',
    ].join('\n');
    expect(scanText('deploy.sh', script).links).toEqual([]);
  });

  it("takes AWS's documentation buckets for placeholders (examplebucket, amzn-s3-demo-bucket)", () => {
    const script = [
      'aws s3 cp dist/app.tgz s3://examplebucket/app.tgz --acl public-read',
      'aws s3 cp dist/app.tgz s3://amzn-s3-demo-bucket/app.tgz',
      'curl -O https://doc-example-bucket.s3.amazonaws.com/tool.tgz',
      'aws s3 cp dist/app.tgz s3://acme-releases/app.tgz',
      '',
    ].join('\n');
    const { links } = scanText('deploy.sh', script);
    expect(links.map((l) => [l.url, l.usage, l.bucket, l.bucketUnresolved])).toEqual([
      ['s3://examplebucket/app.tgz', 'public-upload', undefined, true],
      ['s3://acme-releases/app.tgz', 'upload', 'acme-releases', undefined],
    ]);
  });

  it("reads the file's variables into the command, and shows what they resolve", () => {
    // escape-inventory's scripts/upload_to_gcs.sh: the target is assigned from the CI's input.
    const script = [
      'target="gs://$INPUT_bucket/$tarball"',
      'gsutil cp "$tarball" "$target"',
      'gsutil acl ch -u AllUsers:R "$target"',
      'BUCKET=acme-releases',
      'aws s3 cp dist "s3://$BUCKET/$VERSION/" --acl public-read',
      '',
    ].join('\n');
    const root = repo({ 'scripts/publish-binaries.sh': script });
    const { links } = scan(root);
    expect(links.map(facts(root))).toEqual([
      [
        'scripts/publish-binaries.sh',
        '3:30-3:37',
        '$target',
        'gs://$INPUT_bucket/$tarball',
        'opens',
        undefined,
        true,
      ],
      // Where the file names the bucket, the link is the named one alone.
      [
        'scripts/publish-binaries.sh',
        '5:17-5:39',
        's3://$BUCKET/$VERSION/',
        's3://acme-releases/$VERSION/',
        'public-upload',
        'acme-releases',
        undefined,
      ],
    ]);
  });

  it('keeps only the named link where another reading of the place names the bucket', () => {
    const gitlab = [
      '.deploy:',
      '  script:',
      '    - aws s3 sync dist s3://$BUCKET --acl public-read',
      'deploy:prod:',
      '  extends: .deploy',
      '  variables:',
      '    BUCKET: acme-prod',
      '  only: [tags]',
      '',
    ].join('\n');
    const { links } = scanText('.gitlab-ci.yml', gitlab);
    expect(links.map((l) => [l.url, l.bucket, l.bucketUnresolved])).toEqual([
      ['s3://acme-prod', 'acme-prod', undefined],
    ]);
  });
});
