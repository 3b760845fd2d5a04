/**
 * AppVeyor: its S3 deployment provider and the scripts of each phase, in PowerShell, cmd or sh;
 * the deployment is a deploy step, and a build that runs only for tags a release step.
 */
import { describe, expect, it } from 'vitest';
import { repo, scan, scanText, where } from './helpers.js';

it("reads the S3 provider of a deployment run for tags (Foundry376/Mailspring-Sync's .appveyor.yml)", () => {
  // As written, but for its credentials.
  const text = `version: '{build}'

skip_branch_with_pr: true

image: Visual Studio 2022

init:
  - ps: $env:commit = $env:appveyor_repo_commit.SubString(0,8)

build_script:
  - ps: mkdir ..\\app
  - cmd: cd Windows && msbuild.exe mailsync.sln /property:Configuration=Release;Platform=Win32

before_deploy:
  - ps: (Get-ChildItem -Force -Path ..\\..\\app).FullName
  - cmd: 7z -ttar a dummy ..\\..\\app\\dist\\*.dll ..\\..\\app\\dist\\*.pdb ..\\..\\app\\dist\\mailsync.exe -so | 7z -si -tgzip a .\\mailsync.tar.gz
  - ps: Get-ChildItem .\\*.tar.gz | % { Push-AppveyorArtifact $_.FullName -FileName "win-ia32/$($_.Name)" -DeploymentName s3-deployment }

deploy:
  - provider: S3
    name: s3-deployment
    access_key_id:
      secure: <encrypted>
    secret_access_key:
      secure: <encrypted>
    region: us-east-1
    bucket: mailspring-builds
    folder: 'mailsync/$(commit)'
    set_public: true
    # Deploy only when a new tag is created
    on:
      APPVEYOR_REPO_TAG: true

# Stop Appveyor from "Discovering Tests" forever
test: off
`;
  const { links } = scanText('.appveyor.yml', text);
  expect(
    links.map((l) => [where(l), l.bucket, l.usage, l.releaseStep, l.fileType, l.field]),
  ).toEqual([
    [
      '27:13-27:30',
      'mailspring-builds',
      'public-upload',
      'release',
      'appveyor',
      'deploy[0].bucket',
    ],
  ]);
});

it.each([
  [
    'public with set_public',
    'deploy:\n  provider: S3\n  bucket: acme-releases\n  set_public: true\n',
    'public-upload',
  ],
  [
    'private without it',
    'deploy:\n  provider: S3\n  bucket: acme-releases\n  folder: release\n',
    'upload',
  ],
  [
    'public with the string AppVeyor also takes',
    'deploy:\n  - provider: s3\n    bucket: acme-releases\n    set_public: "True"\n',
    'public-upload',
  ],
  [
    'through a variable of environment:',
    'environment:\n  BUCKET: acme-releases\ndeploy:\n  provider: S3\n  bucket: $(BUCKET)\n  set_public: true\n',
    'public-upload',
  ],
])('reads the S3 provider: %s', (_name, text, usage) => {
  const { links } = scanText('appveyor.yml', text);
  expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
    ['acme-releases', usage, 'deploy'],
  ]);
});

it('reads the scripts of each phase with the variables of environment:, a build run only for tags a release', () => {
  const text = `skip_non_tags: true
environment:
  global:
    BUCKET: acme-releases
    AWS_SECRET_ACCESS_KEY:
      secure: <encrypted>
after_build:
  - ps: aws s3 cp dist\\app.zip "s3://$env:BUCKET/app.zip" --acl public-read
  - cmd: aws s3 cp dist\\app.zip s3://%BUCKET%/latest.zip
  - sh: aws s3 cp dist/app.tgz s3://$BUCKET/app.tgz
  # - ps: gsutil iam ch allUsers:objectViewer gs://acme-releases
`;
  const { links } = scanText('appveyor.yml', text);
  expect(links.map((l) => [where(l), l.url, l.usage, l.releaseStep])).toEqual([
    ['8:33-8:57', 's3://acme-releases/app.zip', 'public-upload', 'release'],
    ['9:33-9:57', 's3://acme-releases/latest.zip', 'upload', 'release'],
    ['10:32-10:52', 's3://acme-releases/app.tgz', 'upload', 'release'],
  ]);
});

it('reads a build that deploys by branch as not run for tags, but its deployment as a deploy step (jasonish/evebox)', () => {
  const text = `platform: x64
build: off
install:
  - '%BASH% -lc "cd $APPVEYOR_BUILD_FOLDER && ./.appveyor/build.sh"'
deploy:
  - provider: S3
    on:
      branch: master
    access_key_id:
      secure: <encrypted>
    secret_access_key:
      secure: <encrypted>
    bucket: ci-artifacts.evebox.org
    region: us-west-1
    set_public: true
    artifact: zip
    folder: master
`;
  const { links } = scanText('appveyor.yml', text);
  expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
    ['ci-artifacts.evebox.org', 'public-upload', 'deploy'],
  ]);
});

it('reads a phase written as one script', () => {
  const text =
    'environment:\n  BUCKET: acme-releases\ndeploy_script: aws s3 sync dist s3://$BUCKET/ --acl public-read\n';
  expect(scanText('appveyor.yml', text).links.map((l) => [l.url, l.usage, l.releaseStep])).toEqual([
    ['s3://acme-releases/', 'public-upload', 'deploy'],
  ]);
});

describe('for: the configurations of some branches or jobs', () => {
  // AppVeyor merges each for: item over the common configuration: its environment: over the
  // common one, its scripts instead of the common ones
  // (https://www.appveyor.com/blog/2017/08/01/sharing-configuration-between-branches-in-appveyor-yml).
  /** `url (usage) field`, and `release`/`deploy` for a link in such a step. */
  const links = (text: string) =>
    scanText('appveyor.yml', text).links.map(
      (l) => `${l.url} (${l.usage}) ${l.field}${l.releaseStep ? ` ${l.releaseStep}` : ''}`,
    );

  it("resolves an item's scripts with its environment over the common one", () => {
    const text = `environment:
  BUCKET: acme-dev
  MIRROR: acme-mirror
for:
  - branches:
      only: [main]
    environment:
      BUCKET: acme-releases
    deploy_script:
      - ps: aws s3 cp x s3://$env:BUCKET/ --acl public-read
      - sh: aws s3 cp x s3://$BUCKET/ && aws s3 cp x s3://$MIRROR/
`;
    expect(links(text)).toEqual([
      's3://acme-releases/ (public-upload) for[0].deploy_script[0].ps deploy',
      's3://acme-releases/ (upload) for[0].deploy_script[1].sh deploy',
      's3://acme-mirror/ (upload) for[0].deploy_script[1].sh deploy',
    ]);
  });

  it('reads the common deployment again for each item that sets what it uses', () => {
    const text = `environment:
  global:
    BUCKET: acme-dev
deploy:
  provider: S3
  bucket: $(BUCKET)
  set_public: true
for:
  - branches:
      only: [main]
    environment:
      global:
        BUCKET: acme-releases
  - branches:
      only: [/release-.*/]
    environment:
      BUCKET: acme-candidates
  - matrix:
      only:
        - image: Ubuntu
    environment:
      OTHER: x
`;
    expect(links(text)).toEqual([
      'acme-dev (public-upload) deploy.bucket deploy',
      'acme-releases (public-upload) for[0].deploy.bucket deploy',
      'acme-candidates (public-upload) for[1].deploy.bucket deploy',
    ]);
  });

  it("passes an item's environment to the scripts the common phases run", () => {
    const root = repo({
      'appveyor.yml': `environment:
  BUCKET: acme-dev
deploy_script:
  - sh: ./deploy.sh
for:
  - branches:
      only: [main]
    environment:
      BUCKET: acme-releases
`,
      'deploy.sh': 'aws s3 cp dist s3://$BUCKET/\n',
    });
    expect(scan(root).links.map((l) => `${l.range.file} ${l.url}`)).toEqual([
      'deploy.sh s3://acme-dev/',
      'deploy.sh s3://acme-releases/',
    ]);
  });

  it('reads a common script again only for the items that do not replace it', () => {
    const text = `environment:
  BUCKET: acme-dev
deploy_script:
  - aws s3 sync dist s3://%BUCKET%/
for:
  - branches:
      only: [main]
    environment:
      BUCKET: acme-releases
  - branches:
      only: [next]
    environment:
      BUCKET: acme-next
    deploy_script:
      - echo no deployment
`;
    expect(links(text)).toEqual([
      's3://acme-dev/ (upload) deploy_script[0] deploy',
      's3://acme-releases/ (upload) for[0].deploy_script[0] deploy',
    ]);
  });
});
