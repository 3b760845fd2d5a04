/**
 * GitHub Actions workflows, and those of Gitea and Forgejo Actions, which run them from their own
 * directories; the many upload actions read by their inputs; the repository's own composite
 * actions, read with the inputs the steps that use them give.
 */
import { describe, expect, it } from 'vitest';
import { extractLinks } from '../src/index.js';
import { MAX_CALL_READINGS } from '../src/extract/local-calls.js';
import { repo, scan, scanText, where } from './helpers.js';

// Gitea's and Forgejo's are read as GitHub's, and their links say whose they are (the text,
// JSON and SARIF reports print a link's file type): those of a workflow one calls too.
it.each([
  ['.github', 'github-workflow'],
  ['.gitea', 'gitea-workflow'],
  ['.forgejo', 'forgejo-workflow'],
])('reads the workflows of %s as GitHub workflows, said to be %s', (dir, label) => {
  const upload = 'aws s3 cp x s3://acme-releases/';
  const root = repo({
    [`${dir}/workflows/release.yml`]: `on: { push: { tags: ["v*"] } }\njobs:\n  r:\n    steps:\n      - run: ${upload}\n  called:\n    uses: ./${dir}/workflows/upload.yml\n`,
    [`${dir}/workflows/upload.yml`]: `on: workflow_call\njobs:\n  u:\n    steps:\n      - run: ${upload}\n`,
  });
  const { links } = scan(root);
  expect(links.map((l) => [l.range.file, l.fileType, l.usage, l.releaseStep])).toEqual([
    [`${dir}/workflows/release.yml`, label, 'upload', 'release'],
    [`${dir}/workflows/upload.yml`, label, 'upload', 'release'],
  ]);
});

// YAML 1.2 ends a line at LF, CRLF or a CR alone (old Mac files).
it.each([
  ['LF', '\n'],
  ['CRLF', '\r\n'],
  ['a CR alone', '\r'],
])('reads a workflow whose lines end in %s at its own paths and lines', (_name, eol) => {
  const text = [
    'name: release',
    'on: { push: { tags: ["v*"] } }',
    'jobs:',
    '  release:',
    '    steps:',
    '      - run: aws s3 cp dist s3://acme-releases/x --acl public-read',
    '',
  ].join(eol);
  const { links } = scanText('.github/workflows/release.yml', text);
  expect(links.map((l) => [l.field, where(l), l.releaseStep])).toEqual([
    ['jobs.release.steps[0].run', '6:29-6:49', 'release'],
  ]);
});

// A release step releases or publishes; a step that only deploys or uploads is a deploy step.
it.each([
  ['a job named deploy', 'push', 'deploy', 'Sync', 'deploy'],
  ['a job named release', 'push', 'release', 'Sync', 'release'],
  ['a deploy job run for tags', '{ push: { tags: ["v*"] } }', 'deploy', 'Sync', 'release'],
  ['a deploy job with a step named for publishing', 'push', 'deploy', 'Publish the CLI', 'release'],
  ['a step named for uploading', 'push', 'build', 'Upload the binaries', 'deploy'],
  ['neither', 'push', 'build', 'Sync', false],
] as const)('%s', (_name, on, job, step, releaseStep) => {
  const text = `on: ${on}\njobs:\n  ${job}:\n    steps:\n      - name: ${step}\n        run: aws s3 sync dist s3://acme-x/\n`;
  const { links } = scanText('.github/workflows/ci.yml', text);
  expect(links.map((l) => l.releaseStep)).toEqual([releaseStep]);
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
    ['acme-releases', 's3', 'public-upload', 'release'],
    ['acme-r2-releases', 'r2', 'upload', 'release'],
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
    ['scripts/publish.ps1', 'powershell', 'public-upload', 'release'],
  ]);
});

describe('a composite action of the repository', () => {
  // build-trust/ockam's .github/actions/aws_upload/action.yml, as written.
  const awsUpload = `# https://docs.github.com/en/actions/deployment/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
name: Allow AWS Upload
description: Allow AWS Upload

inputs:
  aws_role:
    description: AWS role full id
    default: 'true'
  aws_role_session_name:
    description: AWS role session name
    default: 'true'
  aws_region:
    description: AWS region
    default: us-east-1
  bucket_name:
    description: AWS bucket name to upload assets
    default: ockam-releases
  file_name:
    description: File name to upload. Note, file must be in the same path
  release_version:
    description: Release version, e.g. 0.22.0
  download_release_dir:
    description: Download all release assets from AWS s3 to a specific directory

runs:
  using: composite
  steps:
    - uses: aws-actions/configure-aws-credentials@v3
      with:
        role-to-assume: \${{ inputs.aws_role }}
        role-session-name: \${{ inputs.aws_role_session_name }}
        aws-region: \${{ inputs.aws_region }}
    # Upload a file to AWS s3
    - shell: bash
      if: \${{ inputs.file_name }}
      run: |
        aws s3api put-object --bucket \${{ inputs.bucket_name }} --key command/\${{ inputs.release_version }}/\${{ inputs.file_name }} --body \${{ inputs.file_name }}

    - shell: bash
      if: \${{ inputs.download_release_dir }}
      run: |
        aws s3 cp s3://\${{ inputs.bucket_name }}/command/\${{ inputs.release_version }} \${{ inputs.download_release_dir }} --recursive
`;
  const uploads = (links: ReturnType<typeof scan>['links']) =>
    links
      .filter((l) => l.range.file === '.github/actions/aws_upload/action.yml')
      .map((l) => [where(l), l.bucket, l.usage, l.releaseStep]);

  it('resolves an input to its default when the action is read alone', () => {
    const { links } = scanText('.github/actions/aws_upload/action.yml', awsUpload);
    expect(links.map((l) => [where(l), l.bucket, l.usage])).toEqual([
      ['37:39-37:64', 'ockam-releases', 'upload'],
      ['42:19-42:58', 'ockam-releases', 'api'],
    ]);
  });

  it('resolves an input from the with: of each step that uses it, else from its default', () => {
    const root = repo({
      '.github/actions/aws_upload/action.yml': awsUpload,
      '.github/workflows/nightly.yml': `on: { schedule: [{ cron: '0 3 * * *' }] }
env:
  NIGHTLY: ockam-nightly
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/aws_upload
        with:
          bucket_name: \${{ env.NIGHTLY }}
          file_name: ockam
      - uses: ./.github/actions/aws_upload
        with:
          bucket_name: \${{ secrets.BUCKET }}
          file_name: ockam
`,
    });
    // In the deploy step of the job named upload.
    expect(uploads(scan(root).links)).toEqual([
      ['37:39-37:64', 'ockam-releases', 'upload', 'deploy'],
      ['37:39-37:64', 'ockam-nightly', 'upload', 'deploy'],
      ['42:19-42:58', 'ockam-releases', 'api', 'deploy'],
      ['42:19-42:58', 'ockam-nightly', 'api', 'deploy'],
    ]);
  });

  it('runs in the release context of the step that uses it', () => {
    const action = `name: Sync
inputs:
  bucket:
    default: acme-site
runs:
  using: composite
  steps:
    - run: aws s3 sync dist s3://\${{ inputs.bucket }}/ --acl public-read
      shell: bash
`;
    const root = repo({
      '.github/actions/sync/action.yml': action,
      '.github/workflows/release.yml': `on: { release: { types: [published] } }
jobs:
  ship:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/sync
        with:
          bucket: acme-releases
`,
      '.github/workflows/preview.yml': `on: pull_request
jobs:
  preview:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/sync
`,
    });
    expect(
      scan(root).links.map((l) => [l.range.file, where(l), l.bucket, l.usage, l.releaseStep]),
    ).toEqual([
      ['.github/actions/sync/action.yml', '8:29-8:55', 'acme-site', 'public-upload', false],
      // The step's bucket input is what the action does with it, read there: not guessed by its
      // name, as another upload action's is.
      ['.github/actions/sync/action.yml', '8:29-8:55', 'acme-releases', 'public-upload', 'release'],
    ]);
  });

  it.each([
    [
      'a missing action, called by each run of a matrix job',
      '      - uses: ./.github/actions/gone\n',
      'uses ./.github/actions/gone',
      '10:15',
    ],
    [
      'a missing reusable workflow',
      '  call:\n    uses: ./.github/workflows/gone.yml\n',
      'uses ./.github/workflows/gone.yml',
      '11:11',
    ],
    ['an action that is there', '      - uses: ./.github/actions/ok\n', undefined, undefined],
  ])('warns once of %s, where it is called', (_name, call, says, at) => {
    const root = repo({
      '.github/actions/ok/action.yml': 'runs: { using: composite, steps: [] }\n',
      '.github/workflows/ci.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        env: [a, b]
    steps:
      - run: make
${call}`,
    });
    const unread = scan(root).diagnostics.filter((d) => d.code === 'build-include-unread');
    expect(
      unread.map((d) => [
        d.message.includes(says ?? '?'),
        `${d.range.start.line}:${d.range.start.column}`,
      ]),
    ).toEqual(says ? [[true, at]] : []);
  });

  it.each([
    ['a step', '      - uses: ./../shared/actions/sync\n', './../shared/actions/sync', '10:15'],
    ['a step, through a folder', '      - uses: ./.github/../../x\n', './.github/../../x', '10:15'],
    ['a job', '  call:\n    uses: ./../ci/.github/workflows/x.yml\n', './../ci', '11:11'],
  ])(
    'warns of %s whose local path leads out of the root, where it is called',
    (_n, call, says, at) => {
      const root = repo({
        '.github/workflows/ci.yml': `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        env: [a, b]
    steps:
      - run: make
${call}`,
      });
      const { diagnostics } = scan(root);
      const unread = diagnostics.filter((d) =>
        /^(?:build-include-unread|path-outside-root)$/.test(d.code),
      );
      expect(
        unread.map((d) => [
          d.code,
          d.severity,
          d.message.includes(`uses ${says}`),
          `${d.range.start.line}:${d.range.start.column}`,
        ]),
      ).toEqual([['path-outside-root', 'warning', true, at]]);
    },
  );

  it('reads an action and the steps that use it written in flow style', () => {
    const root = repo({
      '.github/actions/sync/action.yml': [
        'inputs: { bucket: { default: acme-site } }',
        'runs: { using: composite, steps: [',
        '  { shell: bash, run: "aws s3 sync dist s3://${{ inputs.bucket }}/ --acl public-read" } ] }',
        '',
      ].join('\n'),
      '.github/workflows/release.yml': [
        'on: { release: { types: [published] } }',
        'jobs: { ship: { runs-on: ubuntu-latest, steps: [',
        '  { uses: ./.github/actions/sync, with: { bucket: acme-releases } } ] } }',
        '',
      ].join('\n'),
    });
    expect(
      scan(root).links.map((l) => [l.range.file, where(l), l.bucket, l.usage, l.releaseStep]),
    ).toEqual([
      ['.github/actions/sync/action.yml', '3:41-3:67', 'acme-site', 'public-upload', false],
      ['.github/actions/sync/action.yml', '3:41-3:67', 'acme-releases', 'public-upload', 'release'],
    ]);
  });

  it('resolves an upload action step inside it through the inputs', () => {
    const action = `name: Publish
inputs:
  bucket:
    default: acme-site
runs:
  using: composite
  steps:
    - uses: jakejarvis/s3-sync-action@v0.5.1
      with:
        args: --acl public-read
      env:
        AWS_S3_BUCKET: \${{ inputs.bucket }}
`;
    const root = repo({
      '.github/actions/publish/action.yaml': action,
      '.github/workflows/ci.yml': `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/publish/
        with: { bucket: acme-releases }
`,
    });
    expect(scan(root).links.map((l) => [l.range.file, where(l), l.bucket, l.usage])).toEqual([
      ['.github/actions/publish/action.yaml', '12:24-12:44', 'acme-site', 'public-upload'],
      ['.github/actions/publish/action.yaml', '12:24-12:44', 'acme-releases', 'public-upload'],
    ]);
  });
});

describe('the steps that use a composite action of the repository', () => {
  const action = `inputs:
  bucket: { required: true }
  acl: { default: private }
runs:
  using: composite
  steps:
    - run: aws s3 sync dist "s3://\${{ inputs.bucket }}/" --acl "\${{ inputs.acl }}"
      shell: bash
`;
  const step = (uses: string) =>
    `      - uses: ${uses}\n        with:\n          bucket: acme-mirror\n          acl: public-read\n`;
  const release = (steps: string) =>
    `on: { push: { tags: ['v*'] } }\njobs:\n  mirror:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

  it.each([
    [
      'a step that uses it: the upload, called from the step, not guessed again at the step',
      step('./.github/actions/upload'),
      [['.github/actions/upload/action.yml', '7:30-7:56', ['.github/workflows/release.yml:6']]],
    ],
    [
      'two steps alike: one link, called from both',
      step('./.github/actions/upload') + step('./.github/actions/upload'),
      [
        [
          '.github/actions/upload/action.yml',
          '7:30-7:56',
          ['.github/workflows/release.yml:6', '.github/workflows/release.yml:10'],
        ],
      ],
    ],
    [
      'a step whose action is not in the repository: guessed by the names of its inputs',
      step('./.github/actions/s3-upload'),
      [['.github/workflows/release.yml', '8:19-8:30', undefined]],
    ],
    [
      'a step whose action runs JavaScript: guessed by the names of its inputs',
      step('./.github/actions/node-upload'),
      [['.github/workflows/release.yml', '8:19-8:30', undefined]],
    ],
  ])('%s', (_name, steps, expected) => {
    const root = repo({
      '.github/actions/upload/action.yml': action,
      '.github/actions/node-upload/action.yml': `inputs: { bucket: {} }\nruns: { using: node20, main: index.js }\n`,
      '.github/workflows/release.yml': release(steps),
    });
    const uploads = scan(root).links.filter((l) => l.usage === 'public-upload');
    expect(
      uploads.map((l) => [
        l.range.file,
        where(l),
        l.calledFrom?.map((r) => `${r.file}:${r.start.line}`),
      ]),
    ).toEqual(expected);
    expect(uploads.map((l) => [l.bucket, l.releaseStep])).toEqual(
      expected.map(() => ['acme-mirror', 'release']),
    );
  });

  it('reads no more than a bound of calls with inputs of their own, and says so', () => {
    const steps = Array.from(
      { length: MAX_CALL_READINGS + 1 },
      (_, i) => `      - uses: ./.github/actions/upload\n        with: { bucket: acme-${i} }\n`,
    ).join('');
    const root = repo({
      '.github/actions/upload/action.yml': action,
      '.github/workflows/release.yml': release(steps),
    });
    const { diagnostics } = scan(root);
    expect(diagnostics.map((d) => [d.severity, d.code, d.range.file])).toEqual([
      ['error', 'build-links-truncated', '.github/actions/upload/action.yml'],
    ]);
  });
});

describe('a reusable workflow of the repository', () => {
  const upload = `on:
  workflow_call:
    inputs:
      bucket: { type: string, required: true }
      acl: { type: string, default: private }
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - run: aws s3 sync dist "s3://\${{ inputs.bucket }}/" --acl "\${{ inputs.acl }}"
`;
  const caller = (on: string, job: string, uses: string, bucket = 'acme-mirror') =>
    `on: ${on}\njobs:\n  ${job}:\n    uses: ${uses}\n    with:\n      bucket: ${bucket}\n      acl: public-read\n    secrets: inherit\n`;
  const uploads = (files: Record<string, string>) =>
    scan(repo({ '.github/workflows/upload.yml': upload, ...files })).links.map((l) => [
      l.range.file,
      l.bucket ?? l.url,
      l.usage,
      l.releaseStep,
      l.calledFrom?.map((r) => `${r.file}:${r.start.line}:${r.start.column}`),
    ]);

  it.each([
    [
      'a job that calls it: its inputs, in the release context of the tag push',
      {
        '.github/workflows/release.yml': caller(
          "{ push: { tags: ['v*'] } }",
          'mirror',
          './.github/workflows/upload.yml',
        ),
      },
      [
        [
          '.github/workflows/upload.yml',
          'acme-mirror',
          'public-upload',
          'release',
          ['.github/workflows/release.yml:4:11'],
        ],
      ],
    ],
    [
      'a job named for publishing, on a push',
      { '.github/workflows/ci.yml': caller('push', 'publish', './.github/workflows/upload.yml') },
      [
        [
          '.github/workflows/upload.yml',
          'acme-mirror',
          'public-upload',
          'release',
          ['.github/workflows/ci.yml:4:11'],
        ],
      ],
    ],
    [
      'one of another repository, which is not read (nor is this one for it)',
      {
        '.github/workflows/release.yml': caller(
          'release',
          'mirror',
          'acme/infra/.github/workflows/upload.yml@v1',
        ),
      },
      [],
    ],
    [
      'one through a job whose input is an expression of the caller',
      {
        '.github/workflows/release.yml': caller(
          'release',
          'mirror',
          './.github/workflows/upload.yml',
          '${{ github.event.release.tag_name }}',
        ),
      },
      [
        [
          '.github/workflows/upload.yml',
          's3://${{ github.event.release.tag_name }}/',
          'public-upload',
          'release',
          ['.github/workflows/release.yml:4:11'],
        ],
      ],
    ],
  ])('%s', (_name, files, expected) => {
    expect(uploads(files)).toEqual(expected);
  });

  it('is read alone with its inputs’ defaults', () => {
    const text = upload.replace('required: true', 'default: acme-default');
    const { links } = scanText('.github/workflows/upload.yml', text);
    expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
      // A file named for uploads is a deploy step.
      ['acme-default', 'upload', 'deploy'],
    ]);
  });

  it('passes its inputs on to a composite action of the repository it uses', () => {
    const nested = `on:
  workflow_call:
    inputs:
      bucket: { type: string, required: true }
jobs:
  upload:
    runs-on: ubuntu-latest
    steps:
      - uses: ./.github/actions/sync
        with:
          bucket: \${{ inputs.bucket }}
`;
    const links = scan(
      repo({
        '.github/workflows/upload.yml': nested,
        '.github/actions/sync/action.yml':
          'inputs:\n  bucket: { required: true }\nruns:\n  using: composite\n  steps:\n    - run: aws s3 sync dist s3://${{ inputs.bucket }}/ --acl public-read\n      shell: bash\n',
        '.github/workflows/release.yml': caller(
          'release',
          'mirror',
          './.github/workflows/upload.yml',
        ),
      }),
    ).links;
    expect(
      links.map((l) => [
        l.range.file,
        l.bucket ?? l.url,
        l.releaseStep,
        l.calledFrom?.map((r) => `${r.file}:${r.start.line}`),
      ]),
    ).toEqual([
      // Read alone, the workflow gives the action a placeholder, which a bucket named wins over.
      [
        '.github/actions/sync/action.yml',
        'acme-mirror',
        'release',
        ['.github/workflows/upload.yml:9'],
      ],
    ]);
  });
});

// A matrix job's run for each combination gives its values to the inputs of the actions its steps
// use, as to its run steps: each upload action's bucket is read once for each.
describe("a matrix job's values in the inputs of the actions it uses", () => {
  const matrixJob = (step: string) =>
    `on: { push: { tags: ['v*'] } }\njobs:\n  ship:\n    strategy:\n      matrix:\n        bucket: [acme-eu, acme-us]\n    runs-on: ubuntu-latest\n    steps:\n${step}`;
  const both = (at: (bucket: string) => string, usage: string) =>
    ['acme-eu', 'acme-us'].map((bucket) => [at(bucket), usage]);
  it.each([
    [
      "s3-sync-action's AWS_S3_BUCKET",
      '      - uses: jakejarvis/s3-sync-action@v0.5.1\n        with: { args: --acl public-read }\n        env: { AWS_S3_BUCKET: "${{ matrix.bucket }}" }\n',
      {},
      both((b) => b, 'public-upload'),
    ],
    [
      "the aws CLI command of ItsKarma/aws-cli's args",
      '      - uses: ItsKarma/aws-cli@v1.70.0\n        with:\n          args: s3 sync dist s3://${{ matrix.bucket }}/ --acl public-read\n',
      {},
      both((b) => `s3://${b}/`, 'public-upload'),
    ],
    [
      "keithweaver/aws-s3-github-action's destination",
      '      - uses: keithweaver/aws-s3-github-action@v1.0.0\n        with:\n          command: cp\n          source: app.tgz\n          destination: s3://${{ matrix.bucket }}/app.tgz\n          flags: --acl public-read\n',
      {},
      both((b) => `s3://${b}/app.tgz`, 'public-upload'),
    ],
    [
      "wrangler-action's r2 object put",
      '      - uses: cloudflare/wrangler-action@v3\n        with:\n          command: r2 object put ${{ matrix.bucket }}/app.tgz --file app.tgz\n',
      {},
      both((b) => `${b}/app.tgz`, 'upload'),
    ],
    [
      "wrangler-action's r2 bucket dev-url enable",
      '      - uses: cloudflare/wrangler-action@v3\n        with:\n          command: r2 bucket dev-url enable ${{ matrix.bucket }}\n',
      {},
      both((b) => b, 'opens'),
    ],
    [
      'a composite action of the repository',
      '      - uses: ./.github/actions/up\n        with: { bucket: "${{ matrix.bucket }}" }\n',
      {
        '.github/actions/up/action.yml':
          'inputs: { bucket: { required: true } }\nruns:\n  using: composite\n  steps:\n    - run: aws s3 cp app.tgz s3://${{ inputs.bucket }}/ --acl public-read\n      shell: bash\n',
      },
      both((b) => `s3://${b}/`, 'public-upload'),
    ],
    [
      "wrangler-action's r2 bucket dev-url enable of a secret, as written once",
      '      - uses: cloudflare/wrangler-action@v3\n        with:\n          command: r2 bucket dev-url enable ${{ secrets.BUCKET }}\n',
      {},
      [['${{ secrets.BUCKET }}', 'opens']],
    ],
  ])('%s', (_name, step, files, expected) => {
    const root = repo({ '.github/workflows/ship.yml': matrixJob(step), ...files });
    const links = scan(root).links.map((l) => [l.url, l.usage]);
    expect(links.sort()).toEqual(expected);
  });
});

// A workflow run by hand has each input's default, or for a choice input any of its options: each
// job that uses them is read for each combination of options, as for a matrix.
describe('a workflow run by hand (workflow_dispatch)', () => {
  const dispatched = (inputs: string, steps: string) =>
    `on:\n  workflow_dispatch:\n    inputs:\n${inputs}jobs:\n  ship:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;
  const run = (target: string) => `      - run: aws s3 sync dist ${target} --acl public-read\n`;
  it.each([
    [
      "${{ inputs.name }}, the input's default",
      '      bucket: { default: acme-default }\n',
      run('s3://${{ inputs.bucket }}/'),
      ['s3://acme-default/'],
    ],
    [
      "${{ github.event.inputs.name }}, the input's default",
      '      bucket: { description: where, default: acme-default }\n',
      run('s3://${{ github.event.inputs.bucket }}/'),
      ['s3://acme-default/'],
    ],
    [
      "a choice input's options, each",
      '      channel:\n        type: choice\n        options: [acme-nightly, acme-stable]\n        default: acme-nightly\n',
      run('s3://${{ inputs.channel }}/'),
      ['s3://acme-nightly/', 's3://acme-stable/'],
    ],
    [
      'two choice inputs, each combination of their options',
      '      env: { type: choice, options: [dev, prod], default: dev }\n      region: { type: choice, options: [eu, us], default: eu }\n',
      run('s3://acme-${{ inputs.env }}-${{ github.event.inputs.region }}/'),
      ['s3://acme-dev-eu/', 's3://acme-dev-us/', 's3://acme-prod-eu/', 's3://acme-prod-us/'],
    ],
    [
      "a choice input's options, in an upload action's input",
      '      bucket: { type: choice, options: [acme-a, acme-b] }\n',
      '      - uses: jakejarvis/s3-sync-action@v0.5.1\n        with: { args: --acl public-read }\n        env: { AWS_S3_BUCKET: "${{ inputs.bucket }}" }\n',
      ['acme-a', 'acme-b'],
    ],
    [
      'no value for an input whose name says it holds a secret',
      '      bucket_token: { type: choice, options: [acme-a], default: acme-a }\n',
      run('s3://${{ inputs.bucket_token }}/'),
      ['s3://${{ inputs.bucket_token }}/'],
    ],
  ])('%s', (_name, inputs, steps, expected) => {
    const { links } = scanText('.github/workflows/ship.yml', dispatched(inputs, steps));
    expect(links.map((l) => l.url).sort()).toEqual(expected);
  });
});

// The combinations of a workflow's choice inputs are made up to 256: one run by hand with more is
// read for the first only, and an error says the others were not.
it.each([
  ['16 × 16 options', 16, []],
  ['16 × 17 options', 17, ['error']],
])('says whether a workflow run by hand with %s was cut', (_name, n, said) => {
  const options = (count: number) => Array.from({ length: count }, (_, i) => `o${i}`).join(', ');
  const text = `on:\n  workflow_dispatch:\n    inputs:\n      a: { type: choice, options: [${options(16)}] }\n      b: { type: choice, options: [${options(n)}] }\njobs:\n  j:\n    steps:\n      - run: aws s3 cp dist s3://acme-\${{ inputs.a }}-\${{ inputs.b }}/\n`;
  const cut = scanText('.github/workflows/x.yml', text).diagnostics.filter(
    (d) => d.code === 'build-links-truncated',
  );
  expect(cut.map((d) => d.severity)).toEqual(said);
  for (const d of cut) expect(d.message).toContain('combinations of the options of its inputs');
});

// A job or step that its `if:` runs for tags or releases is a release step, as a workflow run for
// tag pushes is; one that it keeps from tags is not.
it.each([
  ['step', "startsWith(github.ref, 'refs/tags/')", 'release'],
  ['step', "${{ startsWith(github.ref, 'refs/tags/v') }}", 'release'],
  ['job', "github.ref_type == 'tag'", 'release'],
  ['job', "'tag' == github.ref_type", 'release'],
  ['job', "github.event_name == 'release'", 'release'],
  ['step', "contains(github.ref, 'refs/tags')", 'release'],
  ['step', "github.event.ref == 'refs/tags/v1.0.0'", 'release'],
  ['step', "success() && startsWith(github.ref, 'refs/tags/') && matrix.os == 'ubuntu'", 'release'],
  ['job', "github.ref == 'refs/heads/main' || github.ref_type == 'tag'", 'release'],
  ['job', "!(github.ref_type != 'tag')", 'release'],
  ['step', "startsWith(github.ref, 'refs/tags/') == true", 'release'],
  ['step', "!startsWith(github.ref, 'refs/tags/')", false],
  ['job', "${{ !startsWith(github.ref, 'refs/tags/') }}", false],
  ['job', "github.ref_type != 'tag'", false],
  ['job', "github.event_name != 'release'", false],
  ['job', "!(github.ref_type == 'tag' || github.event_name == 'release')", false],
  ['step', "startsWith(github.ref, 'refs/tags/') == false", false],
  ['step', "startsWith(github.ref, 'refs/heads/')", false],
  ['step', "startsWith(github.head_ref, 'refs/tags/')", false],
  ['job', "github.ref_type == 'branch'", false],
  ['step', 'always()', false],
  // GitHub refuses a condition that does not parse: one naming tags is taken for a tag gate.
  ['step', "startsWith(github.ref, 'refs/tags/'", 'release'],
] as const)('a %s with `if: %s` is a release step: %s', (level, condition, releaseStep) => {
  const test = `if: ${JSON.stringify(condition)}`;
  const text = [
    'on: push',
    'jobs:',
    '  build:',
    ...(level === 'job' ? [`    ${test}`] : []),
    '    steps:',
    '      - run: make dist',
    ...(level === 'step' ? [`      - ${test}`, '        run: >-'] : ['      - run: >-']),
    '          aws s3 cp dist s3://acme-x/ --recursive --acl public-read',
    '',
  ].join('\n');
  const { links } = scanText('.github/workflows/ci.yml', text);
  expect(links.map((l) => l.releaseStep)).toEqual([releaseStep]);
});
