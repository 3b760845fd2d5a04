/**
 * YAML build files written with anchors, aliases and merge keys, as each CI runs them: what an alias
 * names, or a merge key brings in, is read where it is used, with the facts and variables of that
 * place, at the text of its anchor. What cannot be followed is a warning, not silence.
 */
import { expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

/** `where url (usage) field`, and what release step the link is in. */
function linksOf(path: string, lines: readonly string[]): string[] {
  const { links, diagnostics } = scanText(path, [...lines, ''].join('\n'));
  expect(diagnostics).toEqual([]);
  return links.map((l) => {
    const step = l.releaseStep ? ` ${l.releaseStep}` : '';
    return `${where(l)} ${l.url} (${l.usage}) ${l.field}${step}`;
  });
}

const UPLOAD = 'aws s3 cp dist s3://acme-releases/x --acl public-read';

it.each([
  [
    'GitLab: a script item aliasing a list of commands, as GitLab documents anchors for scripts',
    '.gitlab-ci.yml',
    [
      '.upload-script: &upload-script',
      `  - ${UPLOAD}`,
      'release:',
      '  script:',
      '    - echo start',
      '    - *upload-script',
      '  only: [tags]',
    ],
    ['2:20-2:40 s3://acme-releases/x (public-upload) release.script[1][0] release'],
  ],
  [
    'GitLab: an alias in a flow sequence',
    '.gitlab-ci.yml',
    [
      '.upload-script: &upload-script',
      `  - ${UPLOAD}`,
      'release:',
      '  script: [echo start, *upload-script]',
      '  only: [tags]',
    ],
    ['2:20-2:40 s3://acme-releases/x (public-upload) release.script[1][0] release'],
  ],
  [
    "GitLab: a script that aliases a hidden job's",
    '.gitlab-ci.yml',
    ['.tmpl:', '  script: &s', `    - ${UPLOAD}`, 'release:', '  script: *s', '  only: [tags]'],
    ['3:22-3:42 s3://acme-releases/x (public-upload) release.script[0] release'],
  ],
  [
    'GitLab: a merge key, read once for each job that merges it, with its variables',
    '.gitlab-ci.yml',
    [
      '.upload: &upload',
      '  script: [aws s3 cp dist s3://$BUCKET/ --acl public-read]',
      'release:',
      '  <<: *upload',
      '  variables: { BUCKET: acme-releases }',
      '  only: [tags]',
      'staging:',
      '  <<: *upload',
      '  variables: { BUCKET: acme-staging }',
    ],
    [
      '2:27-2:40 s3://acme-releases/ (public-upload) release.script[0] release',
      '2:27-2:40 s3://acme-staging/ (public-upload) staging.script[0]',
    ],
  ],
  [
    'GitLab: merge keys listed, the first winning, and the keys the job writes beside them',
    '.gitlab-ci.yml',
    [
      '.a: &a',
      '  script: [aws s3 cp dist s3://acme-a/ --acl public-read]',
      '.b: &b',
      '  image: alpine',
      '  script: [aws s3 cp dist s3://acme-b/ --acl public-read]',
      'release:',
      '  <<: [*a, *b]',
      '  only: [tags]',
      'release-own:',
      '  <<: *b',
      '  script: [echo own]',
    ],
    [
      '2:27-2:39 s3://acme-a/ (public-upload) release.script[0] release',
      // Run by no job: only where it is written.
      '5:27-5:39 s3://acme-b/ (public-upload) [".b"].script[0]',
    ],
  ],
  [
    'GitLab: an alias inside what a merge key brings in',
    '.gitlab-ci.yml',
    ['.s: &s', `  - ${UPLOAD}`, '.t: &t', '  script: *s', 'release:', '  <<: *t', '  only: [tags]'],
    ['2:20-2:40 s3://acme-releases/x (public-upload) release.script[0] release'],
  ],
  [
    'GitLab: an alias in the template a job extends',
    '.gitlab-ci.yml',
    [
      '.s: &s',
      `  - ${UPLOAD}`,
      '.tmpl:',
      '  script: *s',
      'release:',
      '  extends: .tmpl',
      '  only: [tags]',
    ],
    ['2:20-2:40 s3://acme-releases/x (public-upload) release.script[0] release'],
  ],
  [
    "GitHub Actions: a step aliased into another job, with that job's env",
    '.github/workflows/ci.yml',
    [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    env: { BUCKET: acme-builds }',
      '    steps:',
      '      - &upload',
      '        run: aws s3 cp dist s3://$BUCKET/ --acl public-read',
      '  release:',
      '    runs-on: ubuntu-latest',
      '    env: { BUCKET: acme-releases }',
      '    steps:',
      '      - *upload',
    ],
    [
      '8:29-8:42 s3://acme-builds/ (public-upload) jobs.build.steps[0].run',
      '8:29-8:42 s3://acme-releases/ (public-upload) jobs.release.steps[0].run release',
    ],
  ],
  [
    'GitHub Actions: a job that aliases the steps of another',
    '.github/workflows/ci.yml',
    [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps: &steps',
      '      - run: make',
      '      - run: aws s3 sync dist s3://acme-dist/',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    steps: *steps',
    ],
    ['7:31-7:46 s3://acme-dist/ (upload) jobs.publish.steps[1].run release'],
  ],
  [
    "GitHub Actions: upload actions' inputs aliased from the workflow's env, each read as its step's",
    '.github/workflows/release.yml',
    [
      'on:',
      '  push:',
      "    tags: ['v*']",
      'env:',
      '  BUCKET: &bucket acme-releases',
      '  S3: &s3',
      '    AWS_S3_BUCKET: acme-sync',
      '  PUT: &put r2 object put acme-r2/cli.tgz --file cli.tgz',
      'jobs:',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: jakejarvis/s3-sync-action@v0.5.1',
      '        with:',
      '          args: --acl public-read',
      '        env: *s3',
      '      - uses: shallwefootball/s3-upload-action@master',
      '        with:',
      '          aws_bucket: *bucket',
      '      - uses: google-github-actions/upload-cloud-storage@v2',
      '        with:',
      '          destination: *bucket',
      '      - uses: cloudflare/wrangler-action@v3',
      '        with:',
      '          command: *put',
    ],
    [
      '5:19-5:32 acme-releases (public-upload) jobs.publish.steps[1].with.aws_bucket release',
      '5:19-5:32 acme-releases (upload) jobs.publish.steps[2].with.destination release',
      '7:20-7:29 acme-sync (public-upload) jobs.publish.steps[0].env.AWS_S3_BUCKET release',
      '8:27-8:42 acme-r2/cli.tgz (upload) jobs.publish.steps[3].with.command release',
    ],
  ],
  [
    'GitHub Actions: an input aliased from a step that is no upload, where it is written',
    '.github/workflows/ci.yml',
    [
      'on: push',
      'jobs:',
      '  build:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: acme/notify@v1',
      '        with:',
      '          bucket: &bucket acme-dist',
      '  publish:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: acme/s3-upload-action@v1',
      '        with:',
      '          bucket: *bucket',
      '          acl: public-read',
    ],
    ['8:27-8:36 acme-dist (public-upload) jobs.publish.steps[0].with.bucket release'],
  ],
  [
    'Bitbucket: a step of the definitions that the tag pipeline aliases',
    'bitbucket-pipelines.yml',
    [
      'definitions:',
      '  steps:',
      '    - step: &upload',
      '        script:',
      '          - pipe: atlassian/aws-s3-deploy:1.1.0',
      '            variables:',
      '              S3_BUCKET: acme-releases/cli',
      '              ACL: public-read',
      'pipelines:',
      '  tags:',
      "    'v*':",
      '      - step: *upload',
    ],
    [
      '7:26-7:43 acme-releases/cli (public-upload) pipelines.tags.v*[0].step.script[0].variables.S3_BUCKET release',
    ],
  ],
  [
    "CircleCI: an orb step aliased into a job, and a job's defaults merged in under its own",
    '.circleci/config.yml',
    [
      'version: 2.1',
      'aliases:',
      '  - &upload',
      '    aws-s3/sync:',
      '      from: dist',
      '      to: s3://acme-cli/',
      '      arguments: --acl public-read',
      '  - &defaults',
      '    docker: [{ image: cimg/base:current }]',
      '    environment: { BUCKET: acme-nightly }',
      '    steps:',
      '      - run: aws s3 cp dist s3://$BUCKET/',
      'jobs:',
      '  nightly:',
      '    <<: *defaults',
      '  release:',
      '    <<: *defaults',
      '    environment: { BUCKET: acme-cli }',
      '    steps:',
      '      - *upload',
    ],
    [
      '6:11-6:25 s3://acme-cli/ (api) aliases[0].aws-s3/sync.to',
      '6:11-6:25 s3://acme-cli/ (public-upload) jobs.release.steps[0].aws-s3/sync.to release',
      '12:29-12:42 s3://acme-nightly/ (upload) jobs.nightly.steps[0].run',
    ],
  ],
])('%s', (_name, path, lines, expected) => {
  expect(linksOf(path, lines)).toEqual(expected);
});

it('warns of an alias it cannot follow, where it is written, and reads the rest', () => {
  const text = [
    '.stages:',
    // js-yaml anchors the key, which has no path of its own.
    '  - &stage deploy: x',
    '.tmpl: &tmpl',
    `  script: [${UPLOAD}]`,
    'release: { <<: *tmpl, stage: *stage, only: [tags] }',
    '',
  ].join('\n');
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics.map((d) => [d.severity, d.code, where({ range: d.range } as never)])).toEqual([
    ['warning', 'build-alias-unread', '5:30-5:30'],
  ]);
  expect(diagnostics[0]!.message).toMatch(/^YAML alias \*stage could not be followed/);
  // The merge key in the flow mapping is followed: the template's upload runs in the release job.
  expect(links.map((l) => [l.field, l.releaseStep])).toEqual([['release.script[0]', 'release']]);
});

// `x: &a {y: *a}`: the alias names the value it is inside, which makes js-yaml's data circular.
it.each([
  [
    'Bitbucket, in a flow mapping',
    'bitbucket-pipelines.yml',
    [
      'x: &a {y: *a}',
      'pipelines:',
      '  default:',
      '    - step:',
      '        script:',
      `          - ${UPLOAD}`,
    ],
    '1:11-1:11',
    'pipelines.default[0].step.script[0]',
  ],
  [
    'Bitbucket, in a block mapping',
    'bitbucket-pipelines.yml',
    [
      'x: &a',
      '  y: *a',
      'pipelines:',
      '  default:',
      '    - step:',
      '        script:',
      `          - ${UPLOAD}`,
    ],
    '2:6-2:6',
    'pipelines.default[0].step.script[0]',
  ],
  [
    'GitLab, a job that extends itself',
    '.gitlab-ci.yml',
    ['release: &a', '  extends: *a', '  script:', `    - ${UPLOAD}`],
    '2:12-2:12',
    'release.script[0]',
  ],
  [
    'GitHub, in a matrix',
    '.github/workflows/release.yml',
    [
      'on: push',
      'jobs:',
      '  release:',
      '    strategy:',
      '      matrix: &a {x: [1], y: *a}',
      '    steps:',
      `      - run: ${UPLOAD}`,
    ],
    '5:30-5:30',
    'jobs.release.steps[0].run',
  ],
])(
  '%s: the alias is not followed, with a warning where it is written, and the rest is read',
  (_name, path, lines, alias, field) => {
    const { links, diagnostics } = scanText(path, [...lines, ''].join('\n'));
    expect(diagnostics.map((d) => [d.code, where({ range: d.range } as never)])).toEqual([
      ['build-alias-unread', alias],
    ]);
    expect(links.map((l) => l.field)).toEqual([field]);
  },
);
