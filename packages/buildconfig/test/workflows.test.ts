/**
 * GitHub Actions workflows, and those of Gitea and Forgejo Actions, which run them from their own
 * directories; the many upload actions read by their inputs.
 */
import { expect, it } from 'vitest';
import { extractLinks } from '../src/index.js';
import { repo, scanText } from './helpers.js';

it('reads Gitea and Forgejo Actions workflows as GitHub workflows', () => {
  for (const dir of ['.gitea', '.forgejo']) {
    const text =
      'on: { push: { tags: ["v*"] } }\njobs:\n  r:\n    steps:\n      - run: aws s3 cp x s3://acme-releases/\n';
    const { links } = scanText(`${dir}/workflows/release.yml`, text);
    expect(links.map((l) => [l.fileType, l.usage, l.releaseStep])).toEqual([
      ['github-workflow', 'upload', true],
    ]);
  }
});

it('reads other upload actions by their bucket input, public when an acl input says so', () => {
  const text = `on: { release: { types: [published] } }
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: sellpy/s3-upload-action@v1
        with:
          aws_bucket: acme-releases
          acl: public-read
      - uses: ryand56/r2-upload-action@v1
        with:
          r2-bucket: acme-r2-releases
      - uses: hashicorp/setup-terraform@v3
        with:
          bucket: not-an-upload
      - uses: acme/terraform-s3-backend-action@v1
        with:
          bucket: acme-tfstate
      - uses: acme/s3-cache-action@v1
        with:
          bucket: acme-ci-cache
`;
  const { links } = scanText('.github/workflows/release.yml', text);
  expect(links.map((l) => [l.bucket, l.service, l.usage, l.releaseStep])).toEqual([
    ['acme-releases', 's3', 'public-upload', true],
    ['acme-r2-releases', 'r2', 'upload', true],
  ]);
});

it.each([
  [
    'shallwefootball/s3-upload-action, which always sets public-read',
    'uses: shallwefootball/s3-upload-action@master\n  with:\n    aws_bucket: acme-releases\n    source_dir: dist',
    [['acme-releases', 'public-upload']],
  ],
  [
    "awact/s3-action, s3-sync-action's fork",
    'uses: awact/s3-action@master\n  with:\n    args: --acl public-read\n  env:\n    AWS_S3_BUCKET: acme-releases',
    [['acme-releases', 'public-upload']],
  ],
  [
    'ItsKarma/aws-cli, its args an aws command line',
    'uses: ItsKarma/aws-cli@v1.70.0\n  with:\n    args: s3 sync --acl public-read dist/ s3://acme-releases/cli/',
    [['acme-releases', 'public-upload']],
  ],
  [
    'ItsKarma/aws-cli, downloading',
    'uses: ItsKarma/aws-cli@v1.70.0\n  with:\n    args: s3 cp s3://acme-releases/cli.tgz .',
    [['acme-releases', 'api']],
  ],
  [
    'keithweaver/aws-s3-github-action, public through its flags',
    'uses: keithweaver/aws-s3-github-action@v1.0.0\n  with:\n    command: cp\n    source: ./dist/cli.tgz\n    destination: s3://acme-releases/cli.tgz\n    flags: --acl public-read',
    [['acme-releases', 'public-upload']],
  ],
  [
    'keithweaver/aws-s3-github-action, private',
    'uses: keithweaver/aws-s3-github-action@v1.0.0\n  with:\n    command: sync\n    source: ./dist\n    destination: s3://acme-releases/',
    [['acme-releases', 'upload']],
  ],
])('reads the upload action %s', (_name, step, expected) => {
  const text = `on: { release: { types: [published] } }\njobs:\n  r:\n    steps:\n      - ${step.replaceAll('\n', '\n      ')}\n`;
  const { links } = scanText('.github/workflows/release.yml', text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual(expected);
});

it('follows the PowerShell scripts a workflow runs', () => {
  const root = repo({
    '.github/workflows/release.yml':
      'on: { release: { types: [published] } }\njobs:\n  w:\n    runs-on: windows-latest\n    steps:\n      - run: ./scripts/publish.ps1\n        shell: pwsh\n',
    'scripts/publish.ps1':
      'aws s3 cp .\\dist\\app.zip s3://acme-releases/app.zip --acl public-read\n',
  });
  const { links } = extractLinks(root, ['.github/workflows/release.yml'], {
    followScripts: () => true,
  });
  expect(links.map((l) => [l.range.file, l.fileType, l.usage, l.releaseStep])).toEqual([
    ['scripts/publish.ps1', 'powershell', 'public-upload', true],
  ]);
});
