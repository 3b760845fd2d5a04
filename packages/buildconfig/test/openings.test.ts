/**
 * Commands that change a bucket's access controls: each link says how it opens the bucket, and a
 * policy it writes is read inline or from its `file://` document inside the root, never outside.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../src/index.js';
import { repo, scanText } from './helpers.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const PUBLIC_POLICY = JSON.stringify({
  Statement: [
    {
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: 'arn:aws:s3:::dst/*',
    },
  ],
});

describe('bucket openings', () => {
  it('reads an inline policy into statements', () => {
    const { links } = scanText(
      'release.sh',
      `aws s3api put-bucket-policy --bucket dst --policy '${PUBLIC_POLICY}'\n`,
    );
    // The ARN in the policy is a link of its own.
    expect(links.map((l) => [l.url, l.usage])).toEqual([
      ['dst', 'opens'],
      ['arn:aws:s3:::dst/*', 'api'],
    ]);
    expect(links[0]!.opening?.kind).toBe('policy');
    expect(links[0]!.opening?.policy?.statements).toMatchObject([
      { effect: 'Allow', principal: '*', actions: ['s3:GetObject'] },
    ]);
  });

  it.each([
    ['from the root, where CI runs commands', 'policies/public.json', 'policies/public.json'],
    ['from the directory of the script', 'scripts/public.json', 'public.json'],
  ])('reads a file:// policy %s, and records the file as scanned', (_how, path, written) => {
    const root = repo({
      'scripts/release.sh': `aws s3api put-bucket-policy --bucket dst --policy file://${written}\n`,
      [path]: PUBLIC_POLICY,
    });
    const result = extractLinks(root, ['scripts/release.sh']);
    expect(result.links[0]!.opening?.policy?.statements).toHaveLength(1);
    expect(result.files.map((f) => f.path)).toContain(path);
  });

  it('does not read a policy outside the root, through a symlink or a path', () => {
    const outside = join(tempDir('outside-policy'), 'policy.json');
    writeFileSync(outside, PUBLIC_POLICY);
    const root = repo({
      'release.sh': [
        'aws s3api put-bucket-policy --bucket dst --policy file://linked.json',
        `aws s3api put-bucket-policy --bucket dst --policy file://${outside}`,
        'aws s3api put-bucket-policy --bucket dst --policy file://../outside.json',
      ].join('\n'),
    });
    symlinkSync(outside, join(root, 'linked.json'));
    const { links, files } = extractLinks(root, ['release.sh']);
    expect(links.map((l) => l.opening?.policy)).toEqual([
      { statements: [], unknownReason: 'linked.json is not a file inside the scan root' },
      { statements: [], unknownReason: `${outside} is not a file inside the scan root` },
      { statements: [], unknownReason: '../outside.json is not a file inside the scan root' },
    ]);
    expect(files.map((f) => f.path)).toEqual(['release.sh']);
  });

  it('says why a policy could not be read', () => {
    const { links } = scanText(
      'release.sh',
      [
        'aws s3api put-bucket-policy --bucket dst --policy "$POLICY"',
        "aws s3api put-bucket-policy --bucket dst --policy '{not json'",
      ].join('\n'),
    );
    expect(links.map((l) => l.opening?.policy?.unknownReason)).toEqual([
      'the policy comes from $POLICY',
      'the policy is not valid JSON',
    ]);
  });

  it.each([
    ['gsutil iam ch allUsers:objectViewer gs://dst', 'grant'],
    ['s3cmd setacl --acl-public --recursive s3://dst', 'grant'],
    ['npx wrangler r2 bucket dev-url enable dst', 'r2-dev'],
    ['wrangler r2 bucket domain add dst --domain dl.acme.dev', 'custom-domain'],
    ['aws s3api delete-public-access-block --bucket dst', 'access-block-removed'],
    ['gsutil pap set inherited gs://dst', 'public-access-prevention-off'],
    ['aws s3 website s3://dst/ --index-document index.html', 'website'],
    [
      'aws s3api put-bucket-ownership-controls --bucket dst --ownership-controls "Rules=[{ObjectOwnership=ObjectWriter}]"',
      'acls-enabled',
    ],
    ['aws s3api delete-bucket-ownership-controls --bucket dst', 'acls-enabled'],
    ['gsutil ubla set off gs://dst', 'acls-enabled'],
    ['gcloud storage buckets update gs://dst --no-uniform-bucket-level-access', 'acls-enabled'],
    [
      'gcloud beta storage buckets update gs://dst --no-public-access-prevention',
      'public-access-prevention-off',
    ],
  ])('%s: %s', (command, kind) => {
    const { links } = scanText('release.sh', `${command}\n`);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ bucket: 'dst', usage: 'opens', opening: { kind } });
  });

  it("reads wrangler-action's command, which holds wrangler's arguments without `wrangler`", () => {
    const workflow = [
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: cloudflare/wrangler-action@v3',
      '        with:',
      '          command: r2 bucket dev-url enable dst',
      '      - uses: cloudflare/wrangler-action@v3',
      '        with:',
      '          commands: |',
      '            r2 bucket domain add dst --domain dl.acme.dev',
      '            r2 object put dst/app.tgz --file app.tgz',
      '            r2 bucket info dst',
      '',
    ].join('\n');
    const { links } = scanText('.github/workflows/deploy.yml', workflow);
    expect(links.map((l) => [l.bucket, l.usage, l.opening?.kind, l.range.start.line])).toEqual([
      ['dst', 'opens', 'r2-dev', 8],
      ['dst', 'opens', 'custom-domain', 12],
      ['dst', 'upload', undefined, 13],
    ]);
  });

  it('reads Cloud Build args as the command, through substitutions and `bash -c`', () => {
    const text = [
      'substitutions:',
      '  _BUCKET: dst',
      'steps:',
      '  - name: gcr.io/cloud-builders/gsutil',
      "    args: ['iam', 'ch', 'allUsers:objectViewer', 'gs://${_BUCKET}']",
      '  - name: gcr.io/cloud-builders/gcloud',
      '    entrypoint: bash',
      "    args: ['-c', 'gsutil pap set unspecified gs://dst']",
      '',
    ].join('\n');
    const { links } = scanText('cloudbuild.yaml', text);
    expect(links.map((l) => [l.url, l.field, l.opening?.kind])).toEqual([
      ['gs://dst', 'steps[0].args[3]', 'grant'],
      ['gs://dst', 'steps[1].args[1]', 'public-access-prevention-off'],
    ]);
  });

  it("reads aws s3control's account-wide access block: turned off, deleted, or left on", () => {
    const { links } = scanText(
      'release.sh',
      [
        'aws s3control put-public-access-block --account-id 123456789012 \\',
        '  --public-access-block-configuration BlockPublicAcls=false,IgnorePublicAcls=true',
        'aws s3control delete-public-access-block --account-id="$AWS_ACCOUNT_ID"',
        'aws s3control put-public-access-block --account-id 123456789012 --public-access-block-configuration \'{"BlockPublicPolicy":true}\'',
        'aws s3control get-public-access-block --account-id 123456789012',
        'aws s3control delete-public-access-block --account-id ${{ secrets.AWS_ACCOUNT }}',
      ].join('\n'),
    );
    expect(links.map((l) => [l.form, l.account, l.usage, l.opening?.kind])).toEqual([
      ['s3-account', '123456789012', 'opens', 'account-access-block-removed'],
      ['s3-account', '$AWS_ACCOUNT_ID', 'opens', 'account-access-block-removed'],
      ['s3-account', '123456789012', 'api', undefined],
      ['s3-account', '${{ secrets.AWS_ACCOUNT }}', 'opens', 'account-access-block-removed'],
    ]);
    expect(links.every((l) => l.bucket === undefined)).toBe(true);
    expect(links[0]!.range.start).toMatchObject({ line: 1, column: 52 });
  });

  it('takes access changes that open nothing for API calls, not uploads', () => {
    const { links } = scanText(
      'release.sh',
      [
        'gsutil iam ch serviceAccount:ci@acme.iam.gserviceaccount.com:objectAdmin gs://dst',
        'aws s3api put-bucket-acl --bucket dst --acl private',
        'gsutil iam ch -d allUsers gs://dst',
        'aws s3api put-bucket-ownership-controls --bucket dst --ownership-controls Rules=[{ObjectOwnership=BucketOwnerEnforced}]',
        'gsutil ubla set on gs://dst',
      ].join('\n'),
    );
    expect(links.map((l) => [l.usage, l.opening])).toEqual([
      ['api', undefined],
      ['api', undefined],
      ['api', undefined],
      ['api', undefined],
      ['api', undefined],
    ]);
  });
});
