/**
 * The ci-repo fixture: GitLab CI, CircleCI (aws-s3 orb), Jenkins, Cloud Build, CodeBuild,
 * GoReleaser, electron-builder, Serverless and wrangler.jsonc. Every link, with its exact range.
 */
import { describe, expect, it } from 'vitest';
import { fixture, itFindsExactly, scan, type ExpectedLink } from './helpers.js';

const root = fixture('ci-repo');
const result = scan(root);

const EXPECTED: ExpectedLink[] = [
  // GitLab: a cache read in `build`; a tag-only `publish` job with an R2 endpoint variable.
  [
    '.gitlab-ci.yml',
    '10:17-10:48',
    's3://acme-gitlab-cache/deps.tgz',
    { usage: 'api', field: 'build.script[1]', releaseStep: false, fileType: 'gitlab-ci' },
  ],
  [
    '.gitlab-ci.yml',
    '17:23-17:88',
    'https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com',
    { form: 'r2-s3-api', usage: 'api', releaseStep: 'release' },
  ],
  [
    '.gitlab-ci.yml',
    '19:31-19:73',
    's3://acme-gitlab-r2/$CI_COMMIT_TAG/app.tgz',
    {
      form: 's3-uri',
      service: 'r2',
      usage: 'upload',
      bucket: 'acme-gitlab-r2',
      field: 'publish.script[0]',
      releaseStep: 'release',
    },
  ],
  [
    '.gitlab-ci.yml',
    '20:45-20:69',
    'gs://acme-gitlab-public/',
    { usage: 'public-upload', field: 'publish.script[1]', releaseStep: 'release' },
  ],
  // CircleCI aws-s3 orb: `to:` is the destination; `--acl public-read` in `arguments`.
  [
    '.circleci/config.yml',
    '12:16-12:42',
    's3://acme-circle-site/prod',
    {
      usage: 'public-upload',
      field: 'jobs.deploy.steps[1].aws-s3/sync.to',
      // A job named for deploying: a deploy step, as the site it syncs is no release.
      releaseStep: 'deploy',
      fileType: 'circleci',
    },
  ],
  [
    '.circleci/config.yml',
    '22:15-22:46',
    's3://acme-circle-backups/db.sql',
    { usage: 'upload', releaseStep: false },
  ],
  // Jenkins: a cache read in stage Build, pipeline-aws and Google Storage uploads in stage Publish.
  [
    'Jenkinsfile',
    '7:23-7:55',
    's3://acme-jenkins-cache/deps.tgz',
    { usage: 'api', field: 'stage(Build)', releaseStep: false, fileType: 'jenkinsfile' },
  ],
  [
    'Jenkinsfile',
    '13:51-13:72',
    'acme-jenkins-releases',
    { form: 's3-uri', usage: 'public-upload', field: 'stage(Publish)', releaseStep: 'release' },
  ],
  [
    'Jenkinsfile',
    '15:60-15:85',
    'gs://acme-jenkins-gcs/app',
    { usage: 'public-upload', releaseStep: 'release' },
  ],
  // Cloud Build: builder args read as a gsutil command; artifacts and logs are written.
  [
    'cloudbuild.yaml',
    '7:62-7:90',
    'gs://acme-cloudbuild-public/',
    {
      usage: 'public-upload',
      field: 'steps[1].args[5]',
      releaseStep: 'release',
      fileType: 'cloudbuild',
    },
  ],
  [
    'cloudbuild.yaml',
    '10:19-10:54',
    'gs://acme-cloudbuild-cache/deps.tgz',
    { usage: 'api', releaseStep: false, field: 'steps[2].args[1]' },
  ],
  [
    'cloudbuild.yaml',
    '13:15-13:56',
    'gs://acme-cloudbuild-artifacts/$BUILD_ID/',
    { usage: 'upload', field: 'artifacts.objects.location' },
  ],
  [
    'cloudbuild.yaml',
    '15:13-15:38',
    'gs://acme-cloudbuild-logs',
    { usage: 'upload', field: 'logsBucket' },
  ],
  [
    'buildspec.yml',
    '8:27-8:54',
    's3://acme-codebuild-output/',
    { usage: 'upload', field: 'phases.post_build.commands[0]', fileType: 'buildspec' },
  ],
  // GoReleaser: one link per blob (S3 public, GCS, S3 API on R2); the templated bucket is dropped.
  [
    '.goreleaser.yaml',
    '5:13-5:33',
    'acme-goreleaser-dist',
    {
      form: 's3-uri',
      service: 's3',
      usage: 'public-upload',
      field: 'blobs[0].bucket',
      releaseStep: 'release',
      fileType: 'goreleaser',
    },
  ],
  [
    '.goreleaser.yaml',
    '10:13-10:32',
    'acme-goreleaser-gcs',
    { form: 'gcs-uri', service: 'gcs', usage: 'upload' },
  ],
  [
    '.goreleaser.yaml',
    '12:13-12:31',
    'acme-goreleaser-r2',
    { form: 'r2-uri', service: 'r2', usage: 'upload' },
  ],
  [
    '.goreleaser.yaml',
    '13:15-13:80',
    'https://023e105f4ecef8ad9ca31a8372d0c353.r2.cloudflarestorage.com',
    { form: 'r2-s3-api', usage: 'api', field: 'blobs[2].endpoint' },
  ],
  [
    '.goreleaser.yaml',
    '18:20-18:66',
    'https://acme-goreleaser-dist.s3.amazonaws.com/',
    { usage: 'download', field: 'brews[0].url_template', releaseStep: 'release' },
  ],
  // electron-builder: `acl: null` keeps an S3 upload private; absent, its default is public-read.
  [
    'electron-builder.yml',
    '6:13-6:28',
    'acme-editor-mac',
    {
      usage: 'upload',
      field: 'mac.publish.bucket',
      releaseStep: 'release',
      fileType: 'electron-builder',
    },
  ],
  [
    'electron-builder.yml',
    '10:13-10:33',
    'acme-editor-releases',
    { service: 's3', usage: 'public-upload', field: 'publish[0].bucket' },
  ],
  [
    'electron-builder.yml',
    '12:11-12:29',
    'acme-editor-spaces',
    { service: 'unknown', usage: 'public-upload', field: 'publish[1].name' },
  ],
  [
    'electron-builder.yml',
    '15:13-15:27',
    'acme-editor-r2',
    { form: 'r2-uri', service: 'r2', usage: 'upload' },
  ],
  [
    'electron-builder.yml',
    '17:16-17:67',
    'https://pub-aea8527898604c1bbb12468b1581d95e.r2.dev',
    { form: 'r2-dev', usage: 'download', field: 'publish[2].publicUrl', releaseStep: 'release' },
  ],
  [
    'serverless.yml',
    '6:11-6:34',
    'acme-serverless-deploys',
    {
      form: 's3-uri',
      usage: 'upload',
      field: 'provider.deploymentBucket.name',
      releaseStep: 'release',
      fileType: 'serverless',
    },
  ],
  [
    'wrangler.jsonc',
    '5:46-5:65',
    'acme-jsonc-releases',
    { form: 'wrangler', usage: 'api', field: 'r2_buckets[0].bucket_name', fileType: 'wrangler' },
  ],
];

describe('ci-repo fixture', () => {
  itFindsExactly(root, result, EXPECTED);

  it('reports nothing wrong', () => {
    expect(result.diagnostics).toEqual([]);
  });
});
