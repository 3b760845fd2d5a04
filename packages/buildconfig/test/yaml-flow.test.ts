/**
 * YAML build files written in flow style (`env: { BUCKET: x }`, `script: [ "…" ]`, a whole file as
 * JSON): each CI runs them as it runs the same file written in block style, so each is read alike,
 * its links at the text of their values.
 */
import { expect, it } from 'vitest';
import { repo, scan, where, written } from './helpers.js';

/** `where text: bucket (usage) field`, and what release step the link is in. */
function linksOf(path: string, lines: readonly string[]): string[] {
  const text = [...lines, ''].join('\n');
  const root = repo({ [path]: text });
  const { links, diagnostics } = scan(root);
  expect(diagnostics).toEqual([]);
  return links.map((l) => {
    const step = l.releaseStep ? ` ${l.releaseStep}` : '';
    return `${where(l)} ${written(root, l)}: ${l.bucket} (${l.usage}) ${l.field}${step}`;
  });
}

const UPLOAD = 'aws s3 cp dist s3://acme-releases/x --acl public-read';

it.each([
  [
    'GitHub: an upload action given its bucket in a flow env (the case reported)',
    '.github/workflows/release.yml',
    [
      'name: release',
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: jakejarvis/s3-sync-action@master',
      '        with: { args: --acl public-read }',
      '        env: { AWS_S3_BUCKET: acme-releases, SOURCE_DIR: dist }',
    ],
    [
      '9:31-9:44 acme-releases: acme-releases (public-upload) jobs.deploy.steps[0].env.AWS_S3_BUCKET release',
    ],
  ],
  [
    'GitHub: a workflow written as JSON',
    '.github/workflows/release.yml',
    [
      '{',
      '  "on": "push",',
      '  "jobs": {',
      '    "deploy": {',
      '      "runs-on": "ubuntu-latest",',
      `      "steps": [ { "run": "${UPLOAD}" } ]`,
      '    }',
      '  }',
      '}',
    ],
    [
      '6:43-6:63 s3://acme-releases/x: acme-releases (public-upload) jobs.deploy.steps[0].run release',
    ],
  ],
  [
    'GitHub: steps in a flow sequence over lines, with comments, quoted keys and env inherited',
    '.github/workflows/release.yml',
    [
      'on: { push: { tags: [ "v*" ] } }',
      'env: { BUCKET: acme-releases }',
      'jobs:',
      '  ship: { runs-on: ubuntu-latest, steps: [',
      '    { name: build, run: make }, # first',
      '    { "name": "upload",',
      '      \'run\': "aws s3 cp dist s3://$BUCKET/x --acl public-read" },',
      '  ] }',
    ],
    ['7:30-7:44 s3://$BUCKET/x: acme-releases (public-upload) jobs.ship.steps[1].run release'],
  ],
  [
    'GitHub: a matrix written in flow style',
    '.github/workflows/ci.yml',
    [
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    strategy: { matrix: { bucket: [acme-site, "acme-docs"] } }',
      '    steps:',
      '      - run: aws s3 sync dist s3://${{ matrix.bucket }}/',
    ],
    [
      '7:31-7:57 s3://${{ matrix.bucket }}/: acme-site (upload) jobs.deploy.steps[0].run deploy',
      '7:31-7:57 s3://${{ matrix.bucket }}/: acme-docs (upload) jobs.deploy.steps[0].run deploy',
    ],
  ],
  [
    'GitLab: a job in flow style, its script a flow sequence over lines',
    '.gitlab-ci.yml',
    [
      'release: {',
      '  variables: { BUCKET: acme-releases },',
      '  script: [ "echo start",',
      '    "aws s3 cp dist s3://$BUCKET/x --acl public-read" ],',
      '  only: [ tags ] }',
    ],
    ['4:21-4:35 s3://$BUCKET/x: acme-releases (public-upload) release.script[1] release'],
  ],
  [
    'GitLab: an anchored flow mapping merged into a flow job',
    '.gitlab-ci.yml',
    [`.upload: &upload { script: [ "${UPLOAD}" ] }`, 'release: { <<: *upload, only: [tags] }'],
    ['1:46-1:66 s3://acme-releases/x: acme-releases (public-upload) release.script[0] release'],
  ],
  [
    'CircleCI: a run step in flow style',
    '.circleci/config.yml',
    [
      'version: 2.1',
      'jobs:',
      '  release:',
      '    docker: [ { image: cimg/base:current } ]',
      `    steps: [ checkout, { run: { name: upload, command: "${UPLOAD}" } } ]`,
    ],
    [
      '5:72-5:92 s3://acme-releases/x: acme-releases (public-upload) jobs.release.steps[1].run.command release',
    ],
  ],
  [
    'Bitbucket: a tag pipeline in flow style',
    'bitbucket-pipelines.yml',
    [`pipelines: { tags: { 'v*': [ { step: { script: [ "${UPLOAD}" ] } } ] } }`],
    [
      '1:66-1:86 s3://acme-releases/x: acme-releases (public-upload) pipelines.tags.v*[0].step.script[0] release',
    ],
  ],
  [
    'Azure Pipelines: a script step in flow style',
    'azure-pipelines.yml',
    ['trigger: { tags: { include: [ "v*" ] } }', `steps: [ { script: "${UPLOAD}" } ]`],
    ['2:36-2:56 s3://acme-releases/x: acme-releases (public-upload) steps[0].script'],
  ],
  [
    'Buildkite: a command step in flow style',
    '.buildkite/pipeline.yml',
    [`steps: [ { label: release, command: "${UPLOAD}" } ]`],
    ['1:53-1:73 s3://acme-releases/x: acme-releases (public-upload) steps[0].command release'],
  ],
  [
    'GoReleaser: blobs in flow style',
    '.goreleaser.yml',
    ['blobs: [ { provider: s3, bucket: acme-releases, acl: public-read } ]'],
    ['1:34-1:47 acme-releases: acme-releases (public-upload) blobs[0].bucket release'],
  ],
  [
    'Cloud Build: args in a flow sequence over lines',
    'cloudbuild.yaml',
    [
      'steps:',
      '  - name: gcr.io/cloud-builders/gsutil',
      '    args: [ "cp", "-a", "public-read",',
      '            "dist/x", "gs://acme-releases/x" ]',
    ],
    ['4:24-4:44 gs://acme-releases/x: acme-releases (public-upload) steps[0].args[4]'],
  ],
  [
    'Drone: commands in flow style',
    '.drone.yml',
    [
      'kind: pipeline',
      'steps: [ { name: release, image: amazon/aws-cli,',
      `           commands: [ "${UPLOAD}" ] } ]`,
      'trigger: { event: [ tag ] }',
    ],
    ['3:40-3:60 s3://acme-releases/x: acme-releases (public-upload) steps[0].commands[0] release'],
  ],
  [
    'Taskfile: cmds in flow style',
    'Taskfile.yml',
    ["version: '3'", `tasks: { release: { cmds: [ "${UPLOAD}" ] } }`],
    ['2:45-2:65 s3://acme-releases/x: acme-releases (public-upload) tasks.release.cmds[0] release'],
  ],
  [
    'GitHub: an explicit key in an earlier flow mapping (`? key : value`, YAML 1.2 ex. 7.16)',
    '.github/workflows/release.yml',
    [
      'on: {push: {tags: [v*]}}',
      'env: {? LANG : C}',
      'jobs:',
      '  release:',
      '    runs-on: ubuntu-latest',
      `    steps: [{run: ${UPLOAD}}]`,
    ],
    [
      '6:34-6:54 s3://acme-releases/x: acme-releases (public-upload) jobs.release.steps[0].run release',
    ],
  ],
  [
    'GitLab: an explicit key in flow variables',
    '.gitlab-ci.yml',
    [
      'variables: {? LANG : C}',
      'release:',
      '  rules: [{if: $CI_COMMIT_TAG}]',
      `  script: [${UPLOAD}]`,
    ],
    ['4:27-4:47 s3://acme-releases/x: acme-releases (public-upload) release.script[0] release'],
  ],
  [
    'GitHub: a flow mapping not read (a collection as a key) leaves the later ones read',
    '.github/workflows/release.yml',
    [
      'on: {push: {tags: [v*]}}',
      'env: {? [A, B] : C}',
      'jobs: {release: {runs-on: ubuntu-latest,',
      `  steps: [{run: ${UPLOAD}}]}}`,
    ],
    [
      '4:32-4:52 s3://acme-releases/x: acme-releases (public-upload) jobs.release.steps[0].run release',
    ],
  ],
])('%s', (_name, path, lines, expected) => {
  expect(linksOf(path, lines)).toEqual(expected);
});
