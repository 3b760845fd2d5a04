/**
 * GitLab CI files as GitLab writes them: `!reference` tags are configuration, not broken YAML, and a
 * job that `extends` others runs what it takes from them with its own variables.
 */
import { describe, expect, it } from 'vitest';
import { scanText, where } from './helpers.js';

it('reads a pipeline that uses !reference, with no parse error', () => {
  const text = [
    '.setup:',
    '  script: [echo setup]',
    'release:',
    '  rules:',
    '    - if: $CI_COMMIT_TAG',
    '  script:',
    '    - !reference [.setup, script]',
    '    - aws s3 cp dist s3://acme-releases/ --recursive --acl public-read',
    '',
  ].join('\n');
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  expect(links.map((l) => [l.url, l.usage, l.releaseStep, l.field])).toEqual([
    ['s3://acme-releases/', 'public-upload', 'release', 'release.script[1]'],
  ]);
});

it('reads a job written twice as GitLab does, its last writing, at its lines', () => {
  const text = [
    'release:',
    '  script: [echo first]',
    'release:',
    '  rules: [{ if: $CI_COMMIT_TAG }]',
    '  script:',
    '    - aws s3 cp dist s3://acme-releases/ --recursive --acl public-read',
    '',
  ].join('\n');
  const { links } = scanText('.gitlab-ci.yml', text);
  expect(links.map((l) => [l.url, l.usage, where(l)])).toEqual([
    ['s3://acme-releases/', 'public-upload', '6:22-6:41'],
  ]);
});

it("runs what a !reference names as the referencing job's, with that job's variables", () => {
  const text = [
    'variables: { BUCKET: acme-assets }',
    '.upload:',
    '  script:',
    '    - aws s3 cp dist/app.tgz s3://$BUCKET/app.tgz --acl public-read',
    'release:',
    '  rules: [{ if: $CI_COMMIT_TAG }]',
    '  variables: { BUCKET: acme-releases }',
    '  script:',
    '    - echo start',
    '    - !reference [.upload, script]',
    '',
  ].join('\n');
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  // Not the global bucket: the hidden job runs only where it is referenced.
  expect(links.map((l) => [where(l), l.url, l.usage, l.releaseStep, l.field])).toEqual([
    ['4:30-4:50', 's3://acme-releases/app.tgz', 'public-upload', 'release', 'release.script[1][0]'],
  ]);
});

it('follows a !reference inside what another !reference names, as GitLab resolves them', () => {
  const text = [
    '.setup:',
    '  script: [aws s3 cp dist s3://$BUCKET/ --acl public-read]',
    '.deployment-template:',
    '  script:',
    '    - !reference [.setup, script]',
    '    - echo deploying',
    'release:',
    '  rules: [{ if: $CI_COMMIT_TAG }]',
    '  variables: { BUCKET: acme-releases }',
    '  script:',
    '    - !reference [.deployment-template, script]',
    '',
  ].join('\n');
  const { links } = scanText('.gitlab-ci.yml', text);
  expect(links.map((l) => [l.url, l.releaseStep, l.field])).toEqual([
    ['s3://acme-releases/', 'release', 'release.script[0][0][0]'],
  ]);
});

it('takes the last value of a key written twice, as GitLab does, instead of failing the file', () => {
  const text =
    'release:\n  script: [echo]\nrelease:\n  script: [aws s3 cp dist s3://acme-releases/]\n';
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  expect(links.map((l) => l.url)).toEqual(['s3://acme-releases/']);
});

/** `where url (usage) field`, and `release` for a link in a release step. */
const links = (text: string): string[] => {
  const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
  expect(diagnostics).toEqual([]);
  return links.map(
    (l) => `${where(l)} ${l.url} (${l.usage}) ${l.field}${l.releaseStep ? ' release' : ''}`,
  );
};

describe('extends', () => {
  it.each([
    [
      "resolves a template's script once for each job, with its variables, as that job",
      [
        '.to-gcs:',
        '  stage: Publish',
        '  script:',
        '    - gsutil cp "setup.$EDITION.sh" "gs://$BUCKET/$EDITION/installer/"',
        'ce:',
        '  extends: .to-gcs',
        '  variables: { EDITION: ce, BUCKET: acme-download-ce }',
        'pro:',
        '  extends: .to-gcs',
        '  variables: { EDITION: pro, BUCKET: acme-download-pro }',
      ],
      [
        '4:38-4:70 gs://acme-download-ce/ce/installer/ (upload) ce.script[0] release',
        '4:38-4:70 gs://acme-download-pro/pro/installer/ (upload) pro.script[0] release',
      ],
    ],
    [
      'takes variables from the job, then the last template listed, then what templates extend',
      [
        'variables: { BUCKET: acme-global, PREFIX: global }',
        '.upload-base:',
        '  script: [aws s3 cp dist s3://$BUCKET/$PREFIX/]',
        '.default-bucket:',
        '  extends: .upload-base',
        '  variables: { BUCKET: acme-default, PREFIX: default }',
        '.mirror:',
        '  variables: { BUCKET: acme-mirror }',
        'publish:',
        '  extends: [.default-bucket, .mirror]',
        'publish-own:',
        '  extends: [.default-bucket, .mirror]',
        '  variables: { PREFIX: own }',
      ],
      [
        '3:27-3:48 s3://acme-mirror/default/ (upload) publish.script[0] release',
        '3:27-3:48 s3://acme-mirror/own/ (upload) publish-own.script[0] release',
      ],
    ],
    [
      'links a template only as written, never with a default that every job overrides',
      [
        '.sync:',
        '  variables: { BUCKET: acme-default }',
        '  before_script: [aws s3 ls s3://$BUCKET/]',
        '  script: [aws s3 sync dist s3://$BUCKET/ --acl $ACL, aws s3 cp x s3://acme-fixed/]',
        'deploy-public:',
        '  extends: .sync',
        '  variables: { BUCKET: acme-public, ACL: public-read }',
        'deploy-private:',
        '  extends: .sync',
        '  variables: { BUCKET: acme-private, ACL: private }',
      ],
      [
        '3:29-3:42 s3://acme-public/ (api) deploy-public.before_script[0] release',
        '3:29-3:42 s3://acme-private/ (api) deploy-private.before_script[0] release',
        '4:29-4:42 s3://acme-public/ (public-upload) deploy-public.script[0] release',
        '4:29-4:42 s3://acme-private/ (upload) deploy-private.script[0] release',
        // One link where every job does the same, named after the first.
        '4:67-4:83 s3://acme-fixed/ (upload) deploy-public.script[1] release',
      ],
    ],
    [
      "names a template's link after a job that makes it a release step, once",
      [
        '.aws:',
        '  script: [aws s3 cp dist s3://acme-builds/]',
        'test:',
        '  extends: .aws',
        'nightly:',
        '  extends: .aws',
        '  rules: [{ if: $CI_COMMIT_TAG }]',
      ],
      ['2:27-2:44 s3://acme-builds/ (upload) nightly.script[0] release'],
    ],
    [
      'resolves a job that runs itself as written, and again in the jobs that extend it',
      [
        'build:',
        '  variables: { BUCKET: acme-build }',
        '  script: [aws s3 cp dist s3://$BUCKET/]',
        'build-again:',
        '  extends: build',
        'release:',
        '  extends: build',
        '  variables: { BUCKET: acme-release }',
      ],
      [
        '3:27-3:40 s3://acme-build/ (upload) build.script[0]',
        '3:27-3:40 s3://acme-release/ (upload) release.script[0] release',
      ],
    ],
    [
      "resolves a job's own script with the variables of what it extends, not the template's script",
      [
        '.vars:',
        '  variables: { BUCKET: acme-vars }',
        '  script: [aws s3 cp dist s3://$BUCKET/template/]',
        'own:',
        '  extends: .vars',
        '  script: [aws s3 cp dist s3://$BUCKET/own/]',
      ],
      ['6:27-6:44 s3://acme-vars/own/ (upload) own.script[0]'],
    ],
    [
      'stops at a cycle',
      [
        '.a:',
        '  extends: .b',
        '  script: [aws s3 cp dist s3://$BUCKET/]',
        '.b:',
        '  extends: .a',
        '  variables: { BUCKET: acme-cycle }',
        'job:',
        '  extends: .a',
      ],
      ['3:27-3:40 s3://acme-cycle/ (upload) job.script[0]'],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(links([...lines, ''].join('\n'))).toEqual(expected);
  });
});

describe('parallel: matrix', () => {
  // GitLab's own example of parallel:matrix (doc/ci/yaml: deploystacks), with bin/deploy written
  // as the upload it stands for: ten instances, each given one PROVIDER and one STACK.
  const deploystacks = `deploystacks:
  stage: deploy
  script:
    - aws s3 sync dist s3://acme-$PROVIDER-releases/$STACK --acl public-read
  parallel:
    matrix:
      - PROVIDER: aws
        STACK:
          - monitoring
          - app1
          - app2
      - PROVIDER: ovh
        STACK: [monitoring, backup, app]
      - PROVIDER: [gcp, vultr]
        STACK: [data, processing]
  environment: $PROVIDER/$STACK
`;

  it('resolves the variables of each instance, one link for each place it uploads to', () => {
    const { links } = scanText('.gitlab-ci.yml', deploystacks);
    expect(new Set(links.map(where))).toEqual(new Set(['4:24-4:59']));
    expect(links.map((l) => [l.url, l.usage, l.releaseStep])).toEqual(
      [
        'aws/monitoring',
        'aws/app1',
        'aws/app2',
        'ovh/monitoring',
        'ovh/backup',
        'ovh/app',
        'gcp/data',
        'gcp/processing',
        'vultr/data',
        'vultr/processing',
      ].map((instance) => {
        const [provider, stack] = instance.split('/');
        // In the `deploy` stage: a deploy step.
        return [`s3://acme-${provider}-releases/${stack}`, 'public-upload', 'deploy'];
      }),
    );
  });

  it('reads the job alone with its matrix variables unknown', () => {
    const text = deploystacks.replace(
      '  parallel:',
      '  variables: { PROVIDER: acme }\n  parallel:',
    );
    const { links } = scanText('.gitlab-ci.yml', text);
    expect(links.map((l) => l.bucket)).not.toContain('acme-acme-releases');
    expect(links).toHaveLength(10);
  });

  it("gives an instance's variables over the job's, and a matrix a job extends", () => {
    const text = [
      'variables: { BUCKET: acme-global }',
      '.matrix:',
      '  parallel:',
      '    matrix:',
      '      - BUCKET: [acme-eu-releases, acme-us-releases]',
      'publish:',
      '  extends: .matrix',
      '  variables: { BUCKET: acme-job, MIRROR: acme-mirror }',
      '  script:',
      '    - gsutil cp dist gs://$BUCKET/',
      '    - gsutil cp dist gs://$MIRROR/',
      '',
    ].join('\n');
    const { links } = scanText('.gitlab-ci.yml', text);
    expect(links.map((l) => [where(l), l.bucket])).toEqual([
      ['10:22-10:35', 'acme-eu-releases'],
      ['10:22-10:35', 'acme-us-releases'],
      ['11:22-11:35', 'acme-mirror'],
    ]);
  });
});

// A smoke test's download for each OS of the matrix: the job never runs as written, so its links
// are its instances', none cut short at the variable; a template it extends runs as written too.
describe('a parallel: matrix variable in the path of a link', () => {
  const DOWNLOAD = '    - curl -fsSLO https://acme-releases.s3.amazonaws.com/cli-${OS}.tgz';
  const MATRIX = ['  parallel:', '    matrix:', '      - OS: [linux, darwin]'];
  const urls = (lines: string[]) =>
    scanText('.gitlab-ci.yml', [...lines, ''].join('\n')).links.map((l) => l.url);
  const cli = (os: string) => `https://acme-releases.s3.amazonaws.com/cli-${os}.tgz`;

  it.each([
    [
      "in the job's script",
      ['smoke:', ...MATRIX, '  script:', DOWNLOAD],
      [cli('linux'), cli('darwin')],
    ],
    [
      "in a template's script",
      ['.dl:', '  script:', DOWNLOAD, 'smoke:', '  extends: .dl', ...MATRIX],
      [cli('${OS}'), cli('linux'), cli('darwin')],
    ],
  ])('%s', (_name, lines, expected) => {
    expect(urls(lines)).toEqual(expected);
  });
});

describe('before_script', () => {
  // GitLab runs a job's before_script and script in one shell, and after_script in another
  // (https://docs.gitlab.com/ci/yaml/#before_script, #after_script).
  const UPLOAD = "['aws s3 cp --acl public-read x s3://$BUCKET/']";
  /** The URL and field of each link of a pipeline of these lines, for a job `ship` writing UPLOAD. */
  const shipped = (...lines: string[]) =>
    links([...lines, ''].join('\n')).map((link) => link.split(' ').slice(1, 4).join(' '));
  const RESOLVED = ['s3://acme-releases/ (public-upload) ship.script[0]'];
  const UNNAMED = ['s3://$BUCKET/ (public-upload) ship.script[0]'];

  it.each([
    [
      'an export in the job',
      ['ship:', '  before_script: [export BUCKET=acme-releases]', `  script: ${UPLOAD}`],
    ],
    [
      'an assignment in the job',
      ['ship:', '  before_script: [BUCKET=acme-releases]', `  script: ${UPLOAD}`],
    ],
    [
      'an assignment built from the variables of the job',
      [
        'ship:',
        '  variables: { OWNER: acme }',
        '  before_script: [\'BUCKET="$OWNER-releases"\']',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      'an export in the job, written after its script',
      ['ship:', `  script: ${UPLOAD}`, '  before_script: [export BUCKET=acme-releases]'],
    ],
    [
      'an export in the job it extends',
      [
        '.base:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        '  extends: .base',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      'an export in default:, for a job without one of its own',
      [
        'default:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      'an export in the top-level before_script',
      ['before_script: [export BUCKET=acme-releases]', 'ship:', `  script: ${UPLOAD}`],
    ],
    [
      "an export in default:, for a job inheriting default's before_script",
      [
        'default:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        '  inherit: { default: [before_script] }',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      "the job's own, over default:'s",
      [
        'default:',
        '  before_script: [export BUCKET=acme-other]',
        'ship:',
        '  before_script: [export BUCKET=acme-releases]',
        `  script: ${UPLOAD}`,
      ],
    ],
  ])('%s reaches the script', (_what, lines) => {
    expect(shipped(...lines)).toEqual(RESOLVED);
  });

  it.each([
    [
      "default:'s, for a job with a before_script of its own",
      [
        'default:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        '  before_script: [echo start]',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      "default:'s, for a job that inherits no default",
      [
        'default:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        '  inherit: { default: false }',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      "default:'s, for a job that inherits other defaults only",
      [
        'default:',
        '  before_script: [export BUCKET=acme-releases]',
        'ship:',
        '  inherit: { default: [image] }',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      "another job's",
      [
        'other:',
        '  before_script: [export BUCKET=acme-releases]',
        '  script: [echo]',
        'ship:',
        `  script: ${UPLOAD}`,
      ],
    ],
    [
      'an export in a branch',
      [
        'ship:',
        '  before_script:',
        '    - |',
        '      if [ -n "$CI_COMMIT_TAG" ]; then',
        '        export BUCKET=acme-releases',
        '      fi',
        `  script: ${UPLOAD}`,
      ],
    ],
  ])('%s does not reach the script', (_what, lines) => {
    expect(shipped(...lines)).toEqual(UNNAMED);
  });

  it.each([
    [
      'what script assigns',
      ['ship:', '  script: [export BUCKET=acme-releases]', `  after_script: ${UPLOAD}`],
    ],
    [
      'what before_script assigns',
      [
        'ship:',
        '  before_script: [export BUCKET=acme-releases]',
        '  script: [echo]',
        `  after_script: ${UPLOAD}`,
      ],
    ],
  ])('after_script, in a shell of its own, does not see %s', (_what, lines) => {
    expect(shipped(...lines)).toEqual(['s3://$BUCKET/ (public-upload) ship.after_script[0]']);
  });

  // Each reading finds its scripts among those that start in it, then puts them back in the order
  // they run: these pin what a reading of many scripts, written out of that order, resolves to.
  it.each([
    [
      'templates writing before_script after script, each job extending one',
      [
        '.a:',
        `  script: ${UPLOAD}`,
        '  before_script: [export BUCKET=acme-a]',
        '.b:',
        `  after_script: ${UPLOAD}`,
        `  script: ${UPLOAD}`,
        '  before_script: [export BUCKET=acme-b]',
        'ship:',
        '  extends: .b',
        'mirror:',
        '  extends: .a',
        '  before_script: [export BUCKET=acme-mirror]',
        'docs:',
        `  script: ${UPLOAD}`,
        '  before_script: [export BUCKET=acme-docs]',
      ],
      [
        's3://acme-mirror/ (public-upload) mirror.script[0]',
        // In a shell of its own; a link no job resolves is at the template (see `unnamedWhereNoneNamed`).
        's3://$BUCKET/ (public-upload) [".b"].after_script[0]',
        's3://acme-b/ (public-upload) ship.script[0]',
        's3://acme-docs/ (public-upload) docs.script[0]',
      ],
    ],
    [
      'a template whose script is one string, the span of its reading',
      [
        '.upload:',
        '  script: aws s3 cp --acl public-read x s3://$BUCKET/',
        'ship:',
        '  extends: .upload',
        '  before_script: export BUCKET=acme-releases',
      ],
      ['s3://acme-releases/ (public-upload) ship.script'],
    ],
    [
      'a job extending two templates, the bucket set in the first one written',
      [
        '.setup:',
        '  before_script: [export BUCKET=acme-releases]',
        '.upload:',
        `  script: ${UPLOAD}`,
        'ship:',
        '  extends: [.upload, .setup]',
        'mirror:',
        '  extends: .upload',
      ],
      // mirror's upload, unresolved, is left out where another reading names the bucket.
      ['s3://acme-releases/ (public-upload) ship.script[0]'],
    ],
  ])('%s: each script with the shell it runs in', (_what, lines, expected) => {
    expect(shipped(...lines)).toEqual(expected);
  });

  it("gives a template's script the before_script of each job that runs it", () => {
    const text = [
      '.upload:',
      `  script: ${UPLOAD}`,
      'ship:',
      '  extends: .upload',
      '  before_script: [export BUCKET=acme-releases]',
      'mirror:',
      '  extends: .upload',
      '  before_script: [export BUCKET=acme-mirror]',
    ];
    expect(shipped(...text)).toEqual([
      's3://acme-releases/ (public-upload) ship.script[0]',
      's3://acme-mirror/ (public-upload) mirror.script[0]',
    ]);
  });
});

// A job that its rules run for tags, or in a pipeline that `workflow: rules:` runs only for tags, is
// a release step; one they keep from tags, or run for everything, is not.
describe('rules on tags', () => {
  const pipeline = (workflow: readonly string[], rules: readonly string[]) =>
    [
      ...(workflow.length > 0 ? ['workflow:', '  rules:', ...workflow.map((r) => `    ${r}`)] : []),
      'ship:',
      ...(rules.length > 0 ? ['  rules:', ...rules.map((r) => `    ${r}`)] : []),
      '  script:',
      '    - aws s3 cp dist s3://acme-x/ --recursive --acl public-read',
      '',
    ].join('\n');
  it.each([
    ['the pipeline runs only for tags', 'release', ['- if: $CI_COMMIT_TAG'], []],
    ['… for tags matching', 'release', ['- if: $CI_COMMIT_TAG =~ /^v\\d/'], []],
    ['… for tags, by `!= null`', 'release', ['- if: $CI_COMMIT_TAG != null'], []],
    [
      '… stopping all else first',
      'release',
      ['- if: $CI_COMMIT_TAG == null', '  when: never', '- when: always'],
      [],
    ],
    [
      'the pipeline runs for tags and the default branch',
      false,
      ['- if: $CI_COMMIT_TAG', '- if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH'],
      [],
    ],
    ['the pipeline runs for all but tags', false, ['- if: $CI_COMMIT_TAG == null'], []],
    ['the job runs for tags', 'release', [], ['- if: $CI_COMMIT_TAG']],
    ['… for ${CI_COMMIT_TAG} matching', 'release', [], ['- if: ${CI_COMMIT_TAG} =~ /^v/']],
    [
      '… and the default branch',
      'release',
      [],
      ['- if: $CI_COMMIT_TAG', '- if: $CI_COMMIT_BRANCH'],
    ],
    ['the job runs for all but tags', false, [], ['- if: $CI_COMMIT_TAG == null']],
    ['… by `== ""`', false, [], ['- if: $CI_COMMIT_TAG == ""']],
    ['… by `!~`', false, [], ['- if: $CI_COMMIT_TAG !~ /^v/']],
    ['… by `when: never`', false, [], ['- if: $CI_COMMIT_TAG', '  when: never', '- when: always']],
    [
      '… a denial `||` something',
      false,
      ['- if: $CI_COMMIT_TAG == null || $FORCE', '  when: never', '- when: always'],
      [],
    ],
    ['no rule names tags', false, [], ['- if: $CI_COMMIT_TAG_MESSAGE']],
  ] as const)('%s: %s', (_name, releaseStep, workflow, rules) => {
    const { links } = scanText('.gitlab-ci.yml', pipeline(workflow, rules));
    expect(links.map((l) => l.releaseStep)).toEqual([releaseStep]);
  });
});

describe('extends crafted to fan out, read within bounds', () => {
  // Template i extends template i-1 (twice, in `fan`); the last sets the bucket the first uploads to.
  const templates = (levels: number, extendsOf: (i: number) => string) =>
    [
      '.t0:',
      '  script: aws s3 cp dist s3://$BUCKET/ --acl public-read',
      ...Array.from({ length: levels }, (_, i) =>
        [`.t${i + 1}:`, `  extends: ${extendsOf(i)}`, `  variables: { V${i}: x }`].join('\n'),
      ),
      `.t${levels}-bucket:`,
      `  extends: .t${levels}`,
      '  variables: { BUCKET: acme-releases }',
    ].join('\n');
  const wide = (width: number, jobs: number) => {
    const level = (l: number) => Array.from({ length: width }, (_, i) => `.w${l}-${i}`);
    return [
      '.w0-0:',
      '  script: aws s3 cp dist s3://acme-releases/ --acl public-read',
      ...Array.from({ length: 9 }, (_, l) =>
        level(l + 1).map(
          (name, i) =>
            `${name}:\n  extends: [${(l === 0 ? ['.w0-0'] : level(l)).join(', ')}]\n  variables: { V${l}_${i}: x }`,
        ),
      ).flat(),
      ...Array.from({ length: jobs }, (_, j) => `job${j}:\n  extends: [${level(9).join(', ')}]`),
      '',
    ].join('\n');
  };
  const job = (levels: number) => `\nrelease:\n  extends: .t${levels}-bucket\n`;

  it.each([
    // A chain of 3,000 templates overflowed the stack: the scan ended, exit 2.
    ['a chain of 3,000 templates', templates(3000, (i) => `.t${i}`) + job(3000), 'deep'],
    // Each template extending the one before twice was read twice at every level: 2^40 readings.
    [
      '40 templates, each extending the next twice',
      templates(40, (i) => `[.t${i}, .t${i}]`) + job(40),
      'deep',
    ],
    [
      'a job and 11 templates, past the 11 levels GitLab reads',
      templates(9, (i) => `.t${i}`) + job(9),
      'deep',
    ],
    // Nine levels of twenty templates, each extending all twenty below: every job that extends
    // the top twenty takes 180 variables from them, and 300 jobs took minutes.
    ['300 jobs extending 9 levels of 20 templates', wide(20, 300), 'many'],
  ])('%s: a build-links-truncated error that says why', (_name, text, why) => {
    const { diagnostics } = scanText('.gitlab-ci.yml', text);
    expect(diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['error', 'build-links-truncated'],
    ]);
    expect(diagnostics[0]?.message).toMatch(
      why === 'deep'
        ? /extends jobs through more than 11 levels, which GitLab refuses, of which the first 11 were read/
        : /than the 50000 read again in one file/,
    );
  });

  it.each([
    ['a job and 10 templates, the 11 levels GitLab reads', templates(8, (i) => `.t${i}`) + job(8)],
    [
      '10 templates, each extending the next twice',
      templates(8, (i) => `[.t${i}, .t${i}]`) + job(8),
    ],
    ['20 jobs extending 9 levels of 20 templates', wide(20, 20)],
  ])('%s: read whole, its links found', (_name, text) => {
    const { links, diagnostics } = scanText('.gitlab-ci.yml', text);
    expect(diagnostics).toEqual([]);
    expect(links.map((l) => l.url)).toContain('s3://acme-releases/');
  });
});
