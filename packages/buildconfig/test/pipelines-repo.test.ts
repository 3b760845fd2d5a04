/**
 * The pipelines-repo fixture: Bitbucket Pipelines, Azure Pipelines, Travis CI, Drone, Buildkite and
 * Taskfile pipelines, Gradle and Maven publishing, a Homebrew formula and an install script. Every
 * link, with its exact range.
 */
import { describe, expect, it } from 'vitest';
import { fixture, itFindsExactly, scan, type ExpectedLink } from './helpers.js';

const root = fixture('pipelines-repo');
const result = scan(root);

const EXPECTED: ExpectedLink[] = [
  // Buildkite: a step labelled Release, and one run only for tags.
  [
    '.buildkite/pipeline.yml',
    '3:31-3:53',
    'gs://acme-bk-releases/',
    { usage: 'upload', releaseStep: 'release', fileType: 'buildkite', field: 'steps[0].command' },
  ],
  [
    '.buildkite/pipeline.yml',
    '8:29-8:49',
    's3://acme-bk-tagged/',
    { usage: 'upload', releaseStep: 'release', field: 'steps[2].command' },
  ],
  // Drone: a cache read, the s3 plugin in a step run for tags, the gcs plugin in one that is not.
  [
    '.drone.yml',
    '7:19-7:49',
    's3://acme-drone-cache/deps.tgz',
    { usage: 'api', releaseStep: false, fileType: 'drone' },
  ],
  [
    '.drone.yml',
    '11:15-11:29',
    'acme-drone-bin',
    {
      service: 's3',
      usage: 'public-upload',
      releaseStep: 'release',
      field: 'steps[1].settings.bucket',
    },
  ],
  [
    '.drone.yml',
    '19:15-19:37',
    'acme-drone-gcs/nightly',
    { service: 'gcs', bucket: 'acme-drone-gcs', usage: 'upload', releaseStep: false },
  ],
  // Travis: a download before install; the S3 deploy provider, public with acl: public_read.
  [
    '.travis.yml',
    '3:13-3:63',
    'https://acme-travis-deps.s3.amazonaws.com/tool.tgz',
    { usage: 'download', releaseStep: false, fileType: 'travis' },
  ],
  [
    '.travis.yml',
    '7:11-7:26',
    'acme-travis-bin',
    { usage: 'public-upload', releaseStep: 'deploy', field: 'deploy.bucket' },
  ],
  // A Homebrew formula's download URL.
  [
    'Formula/acme.rb',
    '2:8-2:69',
    'https://acme-cli-releases.s3.amazonaws.com/v1/acme-darwin.tgz',
    { usage: 'download', bucket: 'acme-cli-releases', fileType: 'homebrew' },
  ],
  [
    'Taskfile.yml',
    '5:26-5:44',
    's3://acme-task-bin',
    {
      usage: 'upload',
      releaseStep: 'release',
      fileType: 'taskfile',
      field: 'tasks.release.cmds[0]',
    },
  ],
  // Azure: a cache read in stage Build; the S3Upload task of a deployment job.
  [
    'azure-pipelines.yml',
    '6:31-6:58',
    's3://acme-az-cache/deps.tgz',
    { usage: 'api', releaseStep: false, fileType: 'azure-pipelines' },
  ],
  [
    'azure-pipelines.yml',
    '17:33-17:49',
    'acme-az-releases',
    {
      usage: 'public-upload',
      releaseStep: 'deploy',
      field: 'stages[1].jobs[0].strategy.runOnce.deploy.steps[0].inputs.bucketName',
    },
  ],
  // Bitbucket: a download in the default pipeline; an upload and the aws-s3-deploy pipe for tags.
  [
    'bitbucket-pipelines.yml',
    '7:21-7:72',
    'https://acme-cli-releases.s3.amazonaws.com/base.tgz',
    { usage: 'download', releaseStep: false, fileType: 'bitbucket-pipelines' },
  ],
  [
    'bitbucket-pipelines.yml',
    '13:31-13:48',
    's3://acme-tagged/',
    { usage: 'upload', releaseStep: 'release' },
  ],
  [
    'bitbucket-pipelines.yml',
    '19:29-19:47',
    'acme-pipe-dest/cli',
    { bucket: 'acme-pipe-dest', usage: 'public-upload', releaseStep: 'release' },
  ],
  // Gradle: a repository read from, and one published to (`gcs://`, inside `publishing { }`).
  [
    'build.gradle.kts',
    '2:24-2:48',
    's3://acme-maven/releases',
    { usage: 'api', releaseStep: false, fileType: 'gradle' },
  ],
  [
    'build.gradle.kts',
    '8:24-8:49',
    'gcs://acme-gcs-repo/maven',
    { service: 'gcs', usage: 'upload', releaseStep: 'release', field: 'publishing' },
  ],
  // An install script: its variable resolves into the URL.
  [
    'install.sh',
    '3:13-3:75',
    'https://${BUCKET}.s3.amazonaws.com/latest/acme-$(uname -s).tgz',
    {
      url: expect.stringContaining('https://acme-cli-releases.s3.amazonaws.com/latest/'),
      fileType: 'install-script',
    },
  ],
  // Maven: `<distributionManagement>`, the `<url>` closing right after the bucket.
  [
    'pom.xml',
    '3:33-3:55',
    's3://acme-pom-releases',
    { usage: 'upload', releaseStep: 'release', fileType: 'maven', field: 'distributionManagement' },
  ],
];

describe('pipelines-repo fixture', () => {
  itFindsExactly(root, result, EXPECTED);

  it('reports nothing wrong', () => {
    expect(result.diagnostics).toEqual([]);
  });
});
