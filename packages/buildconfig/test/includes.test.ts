/**
 * CI files a pipeline includes (GitLab `include: local`, Azure `template:`) are read as files of
 * the including type, so release jobs kept in them are found, in their own release context.
 */
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { extractLinks } from '../src/index.js';
import { repo } from './helpers.js';
import { tempDir } from '../../../test/support/temp-dirs.js';

const follow = { followScripts: () => true };
const summary = (root: string, listed: string[]) =>
  extractLinks(root, listed, follow).links.map((l) => [
    l.range.file,
    l.fileType,
    l.url,
    l.usage,
    l.releaseStep,
  ]);

it('GitLab: local includes, globs and nested ones, read as GitLab CI', () => {
  const root = repo({
    '.gitlab-ci.yml': [
      'include:',
      "  - local: '/ci/release.yml'",
      "  - 'ci/jobs/*.yml'",
      '  - remote: https://example.com/ci.yml',
      '  - project: group/templates',
      '    file: /release.yml',
      '',
    ].join('\n'),
    'ci/release.yml': [
      'include: { local: ci/nested.yml }',
      'release:',
      '  rules:',
      '    - if: $CI_COMMIT_TAG',
      '  script: aws s3 cp dist s3://acme-releases/ --recursive',
      '',
    ].join('\n'),
    'ci/nested.yml': 'publish:\n  script: ./scripts/publish.sh\n',
    'scripts/publish.sh': 'gsutil cp dist/app.tgz gs://acme-gcs-releases/app.tgz\n',
    'ci/jobs/cache.yml': 'cache-fetch:\n  script: aws s3 cp s3://acme-cache/deps.tgz .\n',
  });
  expect(summary(root, ['.gitlab-ci.yml'])).toEqual([
    ['ci/jobs/cache.yml', 'gitlab-ci', 's3://acme-cache/deps.tgz', 'api', false],
    ['ci/release.yml', 'gitlab-ci', 's3://acme-releases/', 'upload', 'release'],
    ['scripts/publish.sh', 'shell', 'gs://acme-gcs-releases/app.tgz', 'upload', 'release'],
  ]);
});

// GitLab merges the files of a configuration into one: the included files in order, each over
// those before, then the including file over them; a job's own variables win over all the globals.
const upload = (at: string) => `release:\n  script:\n    - aws s3 cp dist ${at}\n`;
it.each([
  [
    "the main file's global variables, in a job of an included file",
    'include: ci/release.yml\nvariables:\n  BUCKET: acme-main\n',
    { 'ci/release.yml': upload('s3://$BUCKET/') },
    [['ci/release.yml', 's3://acme-main/']],
  ],
  [
    "an included file's global variables, in a job of the main file",
    `include: ci/vars.yml\n${upload('s3://$BUCKET/')}`,
    { 'ci/vars.yml': 'variables:\n  BUCKET: acme-included\n' },
    [['.gitlab-ci.yml', 's3://acme-included/']],
  ],
  [
    "the main file's global over an included file's",
    'include: ci/release.yml\nvariables:\n  BUCKET: acme-main\n',
    { 'ci/release.yml': `variables:\n  BUCKET: acme-included\n${upload('s3://$BUCKET/')}` },
    [['ci/release.yml', 's3://acme-main/']],
  ],
  [
    "a later include's global over an earlier one's, through a nested include",
    'include: [ci/a.yml, ci/b.yml]\n',
    {
      'ci/a.yml': `include: ci/nested.yml\nvariables:\n  BUCKET: acme-a\n${upload('s3://$BUCKET/')}`,
      'ci/nested.yml': 'variables:\n  BUCKET: acme-nested\n',
      'ci/b.yml': 'variables:\n  BUCKET: acme-b\n',
    },
    [['ci/a.yml', 's3://acme-b/']],
  ],
  [
    "a job's own variables over the main file's globals",
    'include: ci/release.yml\nvariables:\n  BUCKET: acme-main\n',
    { 'ci/release.yml': `${upload('s3://$BUCKET/')}  variables:\n    BUCKET: acme-job\n` },
    [['ci/release.yml', 's3://acme-job/']],
  ],
  [
    "the main file's default before_script, in the shell of an included job's script",
    'include: ci/release.yml\ndefault:\n  before_script:\n    - DEST=s3://acme-before/cli\n',
    { 'ci/release.yml': upload('"$DEST"') },
    [
      // The assignment is a URL of the main file too.
      ['.gitlab-ci.yml', 's3://acme-before/cli'],
      ['ci/release.yml', 's3://acme-before/cli'],
    ],
  ],
  [
    "a job's own before_script over the main file's default",
    'include: ci/release.yml\ndefault:\n  before_script:\n    - DEST=s3://acme-before/cli\n',
    { 'ci/release.yml': `${upload('"$DEST"')}  before_script:\n    - DEST=s3://acme-own/cli\n` },
    [
      ['.gitlab-ci.yml', 's3://acme-before/cli'],
      ['ci/release.yml', 's3://acme-own/cli'],
      ['ci/release.yml', 's3://acme-own/cli'],
    ],
  ],
])('GitLab: %s', (_name, main, included, expected) => {
  const root = repo({ '.gitlab-ci.yml': main, ...included });
  const { links } = extractLinks(root, ['.gitlab-ci.yml'], follow);
  expect(links.map((l) => [l.range.file, l.url])).toEqual(expected);
});

// GitLab resolves `extends` and `!reference` in the merged configuration: a job runs a template
// that another of its files writes, with the job's variables and in the job's release context.
const tagged = '  rules:\n    - if: $CI_COMMIT_TAG\n';
const publicCopy = '    - aws s3 cp dist/app.tgz s3://$BUCKET/app.tgz --acl public-read\n';
it.each([
  [
    "an included template's script, as the main file's job that extends it",
    `include: ci/templates.yml\nrelease:\n  extends: .upload\n  variables:\n    BUCKET: acme-job\n${tagged}`,
    { 'ci/templates.yml': `.upload:\n  script:\n${publicCopy}` },
    [['ci/templates.yml', 's3://acme-job/app.tgz', 'public-upload', 'release']],
  ],
  [
    "an included template's variables and rules, in the main file's job that extends it",
    `include: ci/templates.yml\nbuild-dist:\n  extends: .tagged\n  script:\n${publicCopy}`,
    { 'ci/templates.yml': `.tagged:\n  variables:\n    BUCKET: acme-template\n${tagged}` },
    [['.gitlab-ci.yml', 's3://acme-template/app.tgz', 'public-upload', 'release']],
  ],
  [
    "the main file's template, as an included file's job that extends it",
    `include: ci/jobs.yml\n.upload:\n  script:\n${publicCopy}`,
    {
      'ci/jobs.yml': `release:\n  extends: .upload\n  variables:\n    BUCKET: acme-job\n${tagged}`,
    },
    [['.gitlab-ci.yml', 's3://acme-job/app.tgz', 'public-upload', 'release']],
  ],
  [
    'templates extending one another across three files',
    'include: [ci/base.yml, ci/upload.yml]\nrelease:\n  extends: .upload\n',
    {
      'ci/base.yml': `.base:\n  variables:\n    BUCKET: acme-base\n${tagged}`,
      'ci/upload.yml': `.upload:\n  extends: .base\n  script:\n${publicCopy}`,
    },
    [['ci/upload.yml', 's3://acme-base/app.tgz', 'public-upload', 'release']],
  ],
  [
    "an included template's script that a job names with !reference",
    `include: ci/templates.yml\nrelease:\n  variables:\n    BUCKET: acme-job\n${tagged}  script:\n    - !reference [.upload, script]\n`,
    { 'ci/templates.yml': `.upload:\n  script:\n${publicCopy}` },
    [['ci/templates.yml', 's3://acme-job/app.tgz', 'public-upload', 'release']],
  ],
])('GitLab: %s', (_name, main, included, expected) => {
  const root = repo({ '.gitlab-ci.yml': main, ...included });
  const { links } = extractLinks(root, ['.gitlab-ci.yml'], follow);
  expect(links.map((l) => [l.range.file, l.url, l.usage, l.releaseStep])).toEqual(expected);
});

it('GitLab: a file that two configurations include is read alone', () => {
  const root = repo({
    '.gitlab-ci.yml': 'include: ci/release.yml\nvariables:\n  BUCKET: acme-main\n',
    'nightly.gitlab-ci.yml': 'include: ci/release.yml\nvariables:\n  BUCKET: acme-nightly\n',
    'ci/release.yml': `variables:\n  BUCKET: acme-own\n${upload('s3://$BUCKET/')}`,
  });
  const { links } = extractLinks(root, ['.gitlab-ci.yml', 'nightly.gitlab-ci.yml'], follow);
  expect(links.map((l) => [l.range.file, l.url])).toEqual([['ci/release.yml', 's3://acme-own/']]);
});

it('Azure: templates relative to the including file or the root; another repository is not read', () => {
  const root = repo({
    'azure-pipelines.yml': [
      'stages:',
      '  - template: pipelines/release.yml',
      '  - template: /pipelines/other.yml@templates',
      '',
    ].join('\n'),
    'pipelines/release.yml': [
      'stages:',
      '  - stage: Release',
      '    jobs:',
      '      - job: Upload',
      '        steps:',
      '          - template: steps/upload.yml',
      '',
    ].join('\n'),
    'pipelines/steps/upload.yml': 'steps:\n  - script: aws s3 cp dist s3://acme-az-releases/\n',
    'pipelines/other.yml': 'steps:\n  - script: aws s3 cp dist s3://other-repo-bucket/\n',
  });
  expect(summary(root, ['azure-pipelines.yml'])).toEqual([
    // A file named for uploads is a deploy step (as any build file so named).
    ['pipelines/steps/upload.yml', 'azure-pipelines', 's3://acme-az-releases/', 'upload', 'deploy'],
  ]);
});

it('never reads an include outside the root, through a path or a symlink, and says so', () => {
  const outside = join(tempDir('include-outside'), 'include.yml');
  writeFileSync(outside, 'leak:\n  script: aws s3 cp x s3://outside-bucket/\n');
  const root = repo({
    '.gitlab-ci.yml': 'include:\n  - local: ../outside.yml\n  - local: linked.yml\n',
  });
  symlinkSync(outside, join(root, 'linked.yml'));
  const result = extractLinks(root, ['.gitlab-ci.yml'], follow);
  expect(result.links).toEqual([]);
  expect(result.files.map((f) => f.path)).toEqual(['.gitlab-ci.yml']);
  // Neither is read, and the scan says so: where the path is named, and at the symlink.
  expect(
    result.diagnostics.map((d) => [
      d.severity,
      d.code,
      d.range.file,
      d.range.start.line,
      d.message,
    ]),
  ).toEqual([
    [
      'warning',
      'build-include-unread',
      '.gitlab-ci.yml',
      2,
      '.gitlab-ci.yml includes ../outside.yml, which is not a file inside the scan root; what it holds is not scanned',
    ],
    [
      'error',
      'build-file-unreadable',
      'linked.yml',
      1,
      'it is a symbolic link leading out of the scan root, to a file of the machine that scans (not of the repository), which is never read',
    ],
  ]);
});

it('says when an included file does not exist', () => {
  const root = repo({
    'azure-pipelines.yml': 'steps:\n  - template: templates/missing.yml\n',
  });
  const { diagnostics } = extractLinks(root, ['azure-pipelines.yml'], follow);
  expect(diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.column])).toEqual([
    ['build-include-unread', 2, 15],
  ]);
});

it.each([
  [
    'path-filtering under an alias, by default',
    'orbs:\n  filter: circleci/path-filtering@1.0\nworkflows:\n  setup:\n    jobs:\n      - filter/filter:\n          base-revision: main\n',
    '.circleci/continue_config.yml',
  ],
  [
    'path-filtering, a bare job',
    'orbs:\n  path-filtering: circleci/path-filtering@1.0\nworkflows:\n  setup:\n    jobs: [path-filtering/filter]\n',
    '.circleci/continue_config.yml',
  ],
  [
    "path-filtering's config-path",
    'orbs:\n  path-filtering: circleci/path-filtering@1.0\nworkflows:\n  setup:\n    jobs:\n      - path-filtering/filter:\n          config-path: .circleci/release.yml\n',
    '.circleci/release.yml',
  ],
  [
    "the continuation orb's configuration_path",
    'orbs:\n  continuation: circleci/continuation@1.1\njobs:\n  setup:\n    steps:\n      - continuation/continue:\n          configuration_path: ./ci/continue.yml\n',
    'ci/continue.yml',
  ],
])('CircleCI: a setup configuration continues with the file %s names', (_name, setup, path) => {
  const root = repo({
    '.circleci/config.yml': `version: 2.1\nsetup: true\n${setup}`,
    [path]:
      'jobs:\n  publish:\n    steps:\n      - run: aws s3 cp dist s3://acme-cli/ --acl public-read\n',
  });
  expect(summary(root, ['.circleci/config.yml'])).toEqual([
    [path, 'circleci', 's3://acme-cli/', 'public-upload', 'release'],
  ]);
});

it('CircleCI: a configuration generated at run time is no file of the repository', () => {
  const root = repo({
    '.circleci/config.yml':
      'version: 2.1\nsetup: true\norbs:\n  continuation: circleci/continuation@1\njobs:\n  setup:\n    steps:\n      - run: ./generate.sh > /tmp/generated.yml\n      - continuation/continue:\n          configuration_path: /tmp/generated.yml\n',
    'generate.sh': 'echo "version: 2.1"\n',
  });
  const result = extractLinks(root, ['.circleci/config.yml'], follow);
  expect([result.links, result.diagnostics]).toEqual([[], []]);
});

it('Makefile: the makefiles it includes give their variables where it includes them', () => {
  const root = repo({
    Makefile: [
      'include .env',
      'include build/Makefile.common versions.mk',
      '-include local.mk',
      'get:',
      '\tcurl -O https://$(BUCKET).s3.amazonaws.com/cli-$(VERSION).tgz',
      '\tcurl -O $(BASE)/maps.tgz',
      '\tcurl -O https://$(AWS_SECRET_ACCESS_KEY).s3.amazonaws.com/x',
      '',
    ].join('\n'),
    // Make reads `.env` as its own syntax; a variable named for a credential never resolves.
    '.env': 'BUCKET=acme-releases\nAWS_SECRET_ACCESS_KEY=acme-key\n',
    // An included file's `=` takes the value the variable has where the recipe runs, `:=` its own.
    'build/Makefile.common': 'BASE = https://$(GCS).storage.googleapis.com\nV := $(VERSION)\n',
    'versions.mk': 'VERSION := 1.2.3\nGCS ?= acme-gcs-releases\n',
    'sub/Makefile': 'include ../.env\nget:\n\tcurl -O https://$(BUCKET).s3.amazonaws.com/sub\n',
  });
  const { links, diagnostics } = extractLinks(root, ['Makefile', 'sub/Makefile'], follow);
  expect(links.map((l) => [l.range.file, l.range.start.line, l.url])).toEqual([
    ['Makefile', 5, 'https://acme-releases.s3.amazonaws.com/cli-1.2.3.tgz'],
    ['Makefile', 6, 'https://acme-gcs-releases.storage.googleapis.com/maps.tgz'],
    ['sub/Makefile', 3, 'https://acme-releases.s3.amazonaws.com/sub'],
  ]);
  // `-include` names a file that may not be there: its absence is no gap.
  expect(diagnostics).toEqual([]);
});

const GET = 'get:\n\tcurl -O https://$(BUCKET).s3.amazonaws.com/x\n';

it.each([
  [
    'what an included makefile includes, named from the directory make runs in',
    { Makefile: `include mk/vars.mk\n${GET}`, 'mk/vars.mk': 'include mk/bucket.mk\n' },
    'acme-releases',
  ],
  [
    'the same for a Makefile in a directory, from there (app/mk/Makefile.common)',
    {
      'app/Makefile': `include mk/Makefile.common\n${GET}`,
      'app/mk/Makefile.common': 'include mk/bucket.mk\n',
      'app/mk/bucket.mk': 'BUCKET = acme-app-releases\n',
    },
    'acme-app-releases',
  ],
  [
    "the including Makefile's = over an included ?=",
    {
      Makefile: `BUCKET = acme-releases\ninclude mk/bucket.mk\n${GET}`,
      'mk/bucket.mk': 'BUCKET ?= acme-other\n',
    },
    'acme-releases',
  ],
  [
    "the including Makefile's = over a ?= that an included makefile includes",
    {
      Makefile: `BUCKET = acme-releases\ninclude mk/vars.mk\n${GET}`,
      'mk/vars.mk': 'include mk/defaults.mk\n',
      'mk/defaults.mk': 'BUCKET ?= acme-other\n',
    },
    'acme-releases',
  ],
  [
    'an included ?= where the Makefile sets nothing before it',
    {
      Makefile: `include mk/bucket.mk\nBUCKET ?= acme-other\n${GET}`,
      'mk/bucket.mk': 'BUCKET ?= acme-releases\n',
    },
    'acme-releases',
  ],
])('Makefile: reads %s', (_name, files: Record<string, string>, bucket) => {
  const root = repo({ 'mk/bucket.mk': 'BUCKET = acme-releases\n', ...files });
  const makefile = Object.keys(files)[0]!;
  const { links, diagnostics } = extractLinks(root, [makefile], follow);
  expect(links.map((l) => l.url)).toEqual([`https://${bucket}.s3.amazonaws.com/x`]);
  expect(diagnostics).toEqual([]);
});

it('Makefile: an include assigns over what is assigned before it; a cycle ends; a missing one is said', () => {
  const root = repo({
    Makefile: [
      'BUCKET := early-releases',
      'include config.mk',
      'HOST := $(BUCKET).s3.amazonaws.com',
      'include generated.mk $(ROOT)/x.mk',
      'get:',
      '\tcurl -O https://$(HOST)/a https://$(LATE).s3.amazonaws.com/b',
      'LATE = $(BUCKET)',
      '',
    ].join('\n'),
    'config.mk': 'include config.mk\nBUCKET := acme-releases\n',
  });
  const { links, diagnostics } = extractLinks(root, ['Makefile'], follow);
  expect(links.map((l) => [l.range.file, l.range.start.line, l.url])).toEqual([
    ['Makefile', 3, 'acme-releases.s3.amazonaws.com'],
    ['Makefile', 6, 'https://acme-releases.s3.amazonaws.com/a'],
    ['Makefile', 6, 'https://acme-releases.s3.amazonaws.com/b'],
  ]);
  // A name holding a variable may be given only when make runs: it is not read, nor said.
  expect(diagnostics.map((d) => [d.code, d.range.file, d.range.start.line])).toEqual([
    ['build-include-unread', 'Makefile', 4],
  ]);
});
