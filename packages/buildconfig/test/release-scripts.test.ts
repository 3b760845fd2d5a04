/**
 * A script that a release step runs is a release step too, whatever runs it: a package.json
 * `release` script, a CI job run for tags or releases or named for releasing, a Makefile target, a
 * Jenkinsfile stage. Moving a command from the step into the script it runs changes nothing.
 */
import { describe, expect, it } from 'vitest';
import { analyzeFile } from '../src/extract/analyze.js';
import { parseFile, type ParsedFile } from '../src/extract/parse.js';
import { releaseScriptsIn } from '../src/extract/release-scripts.js';
import { extractLinks, listBuildFiles } from '../src/index.js';
import { withHooks } from '../src/script-hooks.js';
import { repo, scan } from './helpers.js';

const SCRIPT = 'scripts/push.sh';
const PUSH = '#!/bin/bash\ngsutil -m cp -a public-read bin/* gs://acme-cli/$CI_COMMIT_TAG/\n';

const gitlab = (job: string, script = 'bash scripts/push.sh') =>
  `push-cli:\n  stage: push\n${job}  script:\n    - ${script}\n`;
const workflow = (on: string, job = 'build') =>
  `on:\n${on}jobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: bash scripts/push.sh\n`;
const JENKINSFILE =
  "pipeline {\n  stages {\n    stage('Publish') {\n      steps {\n        sh './scripts/push.sh'\n      }\n    }\n  }\n}\n";

it.each([
  ['a GitLab job run only for tags', 'release', '.gitlab-ci.yml', gitlab('  only:\n    - tags\n')],
  [
    'a GitLab job with a rule on $CI_COMMIT_TAG',
    'release',
    '.gitlab-ci.yml',
    gitlab('  rules:\n    - if: $CI_COMMIT_TAG\n', './scripts/push.sh'),
  ],
  [
    'a GitLab job run only for tags, in a flow list',
    'release',
    '.gitlab-ci.yml',
    'push-cli:\n  only: [tags]\n  script: [./build.sh, bash scripts/push.sh]\n',
  ],
  [
    "a GitLab template's script, in the tag job that extends it",
    'release',
    '.gitlab-ci.yml',
    '.push:\n  script: sh scripts/push.sh\npush-cli:\n  extends: .push\n  only: [tags]\n',
  ],
  [
    'a workflow run for tags',
    'release',
    '.github/workflows/tag.yml',
    workflow("  push:\n    tags: ['v*']\n"),
  ],
  ['a workflow run for releases', 'release', '.github/workflows/ci.yml', workflow('  release:\n')],
  [
    'a job named for publishing',
    'release',
    '.github/workflows/ci.yml',
    workflow('  push:\n', 'publish'),
  ],
  [
    'a workflow named for releasing',
    'release',
    '.github/workflows/release.yml',
    workflow('  push:\n'),
  ],
  ['a Makefile release target', 'release', 'Makefile', 'release:\n\t./scripts/push.sh\n'],
  ['a Jenkinsfile publish stage', 'release', 'Jenkinsfile', JENKINSFILE],
  [
    'a package.json release script',
    'release',
    'package.json',
    '{"scripts":{"release":"bash scripts/push.sh"}}',
  ],
  ['a GitLab job run for every push', false, '.gitlab-ci.yml', gitlab('')],
  ['a workflow run for branch pushes', false, '.github/workflows/ci.yml', workflow('  push:\n')],
  [
    'a package.json test script',
    false,
    'package.json',
    '{"scripts":{"test":"bash scripts/push.sh"}}',
  ],
  [
    // Discovery reads the script all the same; the comment runs nothing.
    'a comment in a GitLab tag job',
    false,
    '.gitlab-ci.yml',
    gitlab('  only: [tags]\n', 'echo skipped  # bash scripts/push.sh'),
  ],
])('a script named by %s is a release step: %s', (_by, releaseStep, runner, text) => {
  const root = repo({ [runner]: text, [SCRIPT]: PUSH });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.bucket, l.usage, l.releaseStep])).toEqual([
    [SCRIPT, 'acme-cli', 'public-upload', releaseStep],
  ]);
});

it.each([
  ['sh', 'sh scripts/push.sh'],
  ['bash', 'ROOT=$(git rev-parse --show-toplevel)\ncd "$ROOT" && bash scripts/push.sh'],
  ['a path', './scripts/push.sh'],
  ['source', 'source scripts/push.sh'],
  ['.', '. ./scripts/push.sh'],
])('a script that a script named for deploying runs with %s is a deploy step', (_how, run) => {
  // artem-berlin/aws_capstone: deploy.sh runs `sh infrastructure/s3_bucket.sh`.
  const root = repo({ 'deploy.sh': `#!/bin/sh\n${run}\n`, [SCRIPT]: PUSH });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.bucket, l.usage, l.releaseStep])).toEqual([
    [SCRIPT, 'acme-cli', 'public-upload', 'deploy'],
  ]);
});

it.each([
  ['a release script', 'release', 'release'],
  ['a deploy script', 'deploy', 'deploy'],
  ['a test script', 'test', false],
])(
  'a script run by a script that %s runs is read, and a release step as that one is',
  (_by, name, releaseStep) => {
    const root = repo({
      'package.json': JSON.stringify({ scripts: { [name]: 'bash scripts/build.sh' } }),
      'scripts/build.sh': 'npm run build\n# then\nbash scripts/push.sh\n',
      [SCRIPT]: PUSH,
    });
    const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
    expect(links.map((l) => [l.range.file, l.releaseStep])).toEqual([[SCRIPT, releaseStep]]);
  },
);

it('a script that a deploy step and a release step both run is a release step', () => {
  const root = repo({
    'package.json': JSON.stringify({
      scripts: { deploy: 'bash scripts/push.sh', ship: 'npm run publish:cli' },
    }),
    Makefile: 'publish:\n\tbash scripts/push.sh\n',
    [SCRIPT]: PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.releaseStep])).toEqual([[SCRIPT, 'release']]);
});

it('a script a comment of a release script names is read, but no release step', () => {
  const root = repo({
    'deploy.sh': '#!/bin/sh\n# run scripts/push.sh by hand first\n',
    [SCRIPT]: PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.releaseStep])).toEqual([[SCRIPT, false]]);
});

const PS_PUSH = 'aws s3 cp dist s3://acme-win/ --recursive --acl public-read\n';
const windowsWorkflow = (run: string, job = 'runs-on: windows-latest') =>
  `on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    ${job}\n    steps:\n      - run: |\n          ${run}\n`;
const azure = (step: string, pool = 'windows-latest') =>
  `trigger:\n  tags:\n    include: ['v*']\njobs:\n  - job: publish\n    pool: { vmImage: ${pool} }\n    steps:\n      - ${step}\n`;

it.each([
  ['on Windows', '.\\scripts\\push.ps1'],
  ['with the call operator', '& .\\scripts\\push.ps1'],
  ['without .\\', 'scripts\\push.ps1'],
  ['with options before -File', 'powershell -ExecutionPolicy Bypass -File .\\scripts\\push.ps1'],
  ['after a cd', 'cd .\\scripts; .\\push.ps1'],
  ['from the workspace', '& "${{ github.workspace }}\\scripts\\push.ps1"'],
  ["from the workspace's variable", '& "$env:GITHUB_WORKSPACE\\scripts\\push.ps1"'],
  [
    'in pwsh on Linux, by default',
    '.\\scripts\\push.ps1',
    'runs-on: ubuntu-latest\n    defaults: { run: { shell: pwsh } }',
  ],
  [
    "from the workspace's variable in bash",
    'pwsh -File "$GITHUB_WORKSPACE/scripts/push.ps1"',
    'runs-on: ubuntu-latest',
  ],
])(
  'a workflow step run for tags that runs a script %s runs a release step',
  (_how: string, run: string, job?: string) => {
    const root = repo({
      '.github/workflows/ship.yml': windowsWorkflow(run, job),
      'scripts/push.ps1': PS_PUSH,
    });
    const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
    expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
      ['scripts/push.ps1', 'public-upload', 'release'],
    ]);
  },
);

it.each([
  ['task: PowerShell@2\n        inputs: { filePath: scripts\\push.ps1 }', 'windows-latest'],
  [
    "task: PowerShell@2\n        inputs: { filePath: '$(Build.SourcesDirectory)\\scripts\\push.ps1' }",
    'windows-latest',
  ],
  [
    'task: PowerShell@2\n        inputs: { filePath: $(Build.SourcesDirectory)/scripts/push.ps1 }',
    'ubuntu-latest',
  ],
  ['pwsh: .\\scripts\\push.ps1', 'ubuntu-latest'],
  ['script: powershell -File %CD%\\scripts\\push.ps1', 'windows-latest'],
])('an Azure release job whose step is `%s` (on %s) runs a release step', (step, pool) => {
  const root = repo({ 'azure-pipelines.yml': azure(step, pool), 'scripts/push.ps1': PS_PUSH });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
    ['scripts/push.ps1', 'public-upload', 'release'],
  ]);
});

it.each([
  String.raw`bat 'powershell -File .\\scripts\\push.ps1'`,
  String.raw`bat "cd scripts && pwsh -File .\\push.ps1"`,
  String.raw`powershell '.\\scripts\\push.ps1'`,
  String.raw`pwsh(script: '& .\\scripts\\push.ps1')`,
  String.raw`powershell label: 'push', script: '''& "$env:WORKSPACE\\scripts\\push.ps1"'''`,
])("a Jenkinsfile's release stage that runs `%s` runs a release step", (step) => {
  const root = repo({
    Jenkinsfile: `pipeline {\n  stages {\n    stage('Release') {\n      steps {\n        ${step}\n      }\n    }\n  }\n}\n`,
    'scripts/push.ps1': PS_PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
    ['scripts/push.ps1', 'public-upload', 'release'],
  ]);
});

it.each([
  ['its tags', 'tags: [windows]', ''],
  ["GitLab's hosted runner's tags", 'tags: [saas-windows-medium-amd64]', ''],
  ['a tag naming PowerShell', 'tags: [docker, pwsh]', ''],
  ['a Windows image', 'image: mcr.microsoft.com/windows/servercore:ltsc2022', ''],
  ['the tags of the job it extends', 'extends: .windows', '.windows:\n  tags: [shared-windows]\n'],
  ["default:'s tags", 'stage: deploy', 'default:\n  tags: [windows]\n'],
])(
  'a GitLab release job on Windows by %s runs a script named with backslashes',
  (_how, job, before) => {
    const root = repo({
      '.gitlab-ci.yml': `${before}release:\n  ${job}\n  rules:\n    - if: $CI_COMMIT_TAG\n  script:\n    - .\\scripts\\push.ps1\n`,
      'scripts/push.ps1': PS_PUSH,
    });
    const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
    expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
      ['scripts/push.ps1', 'public-upload', 'release'],
    ]);
  },
);

it.each([
  ['script: powershell -File push.ps1', '$(Build.SourcesDirectory)\\scripts', 'windows-latest'],
  ['pwsh: .\\push.ps1', '$(Build.SourcesDirectory)\\scripts', 'ubuntu-latest'],
  ['powershell: .\\push.ps1', '$(System.DefaultWorkingDirectory)\\scripts', 'windows-latest'],
  ['pwsh: .\\push.ps1', 'scripts', 'ubuntu-latest'],
  ['script: pwsh -File ./push.ps1', '$(Build.SourcesDirectory)/scripts', 'ubuntu-latest'],
])(
  'an Azure release job whose step `%s` starts in %s (on %s) runs a release step',
  (step, directory, pool) => {
    const root = repo({
      'azure-pipelines.yml': azure(`${step}\n        workingDirectory: ${directory}`, pool),
      'scripts/push.ps1': PS_PUSH,
    });
    const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
    expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
      ['scripts/push.ps1', 'public-upload', 'release'],
    ]);
  },
);

it.each([
  [
    'over Linux and Windows',
    'strategy: { matrix: { os: [ubuntu-latest, windows-latest] } }\n    runs-on: ${{ matrix.os }}',
  ],
  [
    'including a Windows leg',
    'strategy:\n      matrix:\n        include: [{ os: ubuntu-22.04 }, { os: windows-2022 }]\n    runs-on: ${{ matrix.os }}',
  ],
  [
    'whose runner is a mapping of the leg',
    'strategy: { matrix: { platform: [{ os: windows-latest }] } }\n    runs-on: ${{ matrix.platform.os }}',
  ],
  ['whose runner is an input', 'runs-on: ${{ inputs.runner }}'],
  [
    "whose shell is the leg's",
    "strategy: { matrix: { shell: [bash, pwsh] } }\n    runs-on: ubuntu-latest\n    defaults: { run: { shell: '${{ matrix.shell }}' } }",
  ],
])('a release job run on a matrix %s runs a script named with backslashes', (_how, job) => {
  const root = repo({
    '.github/workflows/ship.yml': windowsWorkflow('.\\scripts\\push.ps1', job),
    'scripts/push.ps1': PS_PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
    ['scripts/push.ps1', 'public-upload', 'release'],
  ]);
});

it.each([
  ['call "%~dp0push.cmd"', 'tools/push.cmd'],
  ['call %~dp0\\push.cmd', 'tools/push.cmd'],
  ['powershell -ExecutionPolicy Bypass -File "%~dp0..\\scripts\\push.ps1"', 'scripts/push.ps1'],
  ['cd /d %~dp0 && call ..\\scripts\\push.cmd', 'scripts/push.cmd'],
])('a batch file a release step runs runs `%s`, a release step', (line, script) => {
  const root = repo({
    '.github/workflows/ship.yml': windowsWorkflow('.\\tools\\ship.cmd'),
    'tools/ship.cmd': `@echo off\r\n${line}\r\n`,
    [script]: PS_PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
    [script, 'public-upload', 'release'],
  ]);
});

it('a script named for uploading that a release step runs with a Windows path is a release step', () => {
  const root = repo({
    '.github/workflows/ship.yml': windowsWorkflow('.\\scripts\\upload.ps1'),
    'scripts/upload.ps1': PS_PUSH,
  });
  const { links } = extractLinks(root, listBuildFiles(root), { followScripts: () => true });
  expect(links.map((l) => [l.range.file, l.releaseStep])).toEqual([
    ['scripts/upload.ps1', 'release'],
  ]);
});

/**
 * A make target or package.json script that a release step runs by name is a release step too,
 * whatever it is called, as the command written in the step itself would be; named otherwise, it is
 * one only by its own name.
 */
describe('tasks run by name', () => {
  const UPLOAD = 'aws s3 cp dist/ s3://acme-bin/ --recursive --acl public-read';
  const MAKEFILE = `BUCKET ?= acme-bin\n\nbuild:\n\tgo build ./...\n\npush-bin:\n\t${UPLOAD}\n`;
  const PACKAGE = JSON.stringify({ scripts: { build: 'tsc', 'push:bin': UPLOAD } });
  const tagged = (run: string, job = '') =>
    `on:\n  push:\n    tags: ['v*']\njobs:\n  build:\n    runs-on: ubuntu-latest\n${job}    steps:\n      - run: ${run}\n`;
  const pushed = (run: string, job = 'build') =>
    `on: push\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;
  const make = (workflow: string, more: Record<string, string> = {}) => ({
    '.github/workflows/ci.yml': workflow,
    Makefile: MAKEFILE,
    ...more,
  });
  const npm = (workflow: string, dir = '') => ({
    '.github/workflows/ci.yml': workflow,
    [`${dir}package.json`]: PACKAGE,
  });

  it.each([
    ['make target', make(tagged('make push-bin VERSION=${GITHUB_REF_NAME}')), 'release'],
    ['make target, after options', make(tagged('make -j 4 -s push-bin')), 'release'],
    ['make target among others', make(tagged('make build push-bin')), 'release'],
    ['make target in a deploy job', make(pushed('make push-bin', 'deploy')), 'deploy'],
    [
      'make target in the directory -C names',
      { '.github/workflows/ci.yml': tagged('make -C cli push-bin'), 'cli/Makefile': MAKEFILE },
      'release',
    ],
    [
      'make target in the file -f names',
      {
        '.github/workflows/ci.yml': tagged('make -f build/Makefile push-bin'),
        'build/Makefile': MAKEFILE,
      },
      'release',
    ],
    [
      "make target a release target's recipe runs",
      { Makefile: `${MAKEFILE}\nrelease:\n\t$(MAKE) push-bin\n` },
      'release',
    ],
    [
      "make target a release target's prerequisite",
      { Makefile: `${MAKEFILE}\nrelease: build push-bin\n` },
      'release',
    ],
    ['package script', npm(tagged('npm run push:bin')), 'release'],
    ['package script by pnpm', npm(tagged('pnpm push:bin')), 'release'],
    ['package script by yarn run', npm(tagged('yarn run push:bin')), 'release'],
    ['package script in --prefix', npm(tagged('npm --prefix web run push:bin'), 'web/'), 'release'],
    [
      'package script in the working directory',
      npm(
        tagged('npm run push:bin', '    defaults: { run: { working-directory: web } }\n'),
        'web/',
      ),
      'release',
    ],
    [
      'package script a release script runs',
      {
        'package.json': JSON.stringify({
          scripts: { release: 'npm run build && npm run push:bin', 'push:bin': UPLOAD },
        }),
      },
      'release',
    ],
    ['make target a branch push runs', make(pushed('make push-bin')), false],
    [
      'make target only named in a comment',
      make(tagged('make build  # then make push-bin')),
      false,
    ],
    ['make target of a variable', make(tagged('make $(TARGET)')), false],
    ['other make target', make(tagged('make build')), false],
    ['package script npm install does not run', npm(tagged('npm install push:bin')), false],
    [
      'package script of another workspace package',
      npm(tagged('pnpm --filter web push:bin')),
      false,
    ],
  ])('a %s is a release step: %s', (_name, files, releaseStep) => {
    const { links } = scan(repo(files));
    expect(links.filter((l) => l.usage === 'public-upload').map((l) => l.releaseStep)).toEqual([
      releaseStep,
    ]);
  });
});

describe('release steps that run one another, read to a fixed point in linear work', () => {
  const N = 400;
  const names = (prefix: string) => Array.from({ length: N }, (_, i) => `${prefix}${i}`);
  // Each shape makes task N-1 a release step through N steps; `last` is that task.
  it.each([
    [
      'package.json scripts, each running the next twice',
      'package.json',
      JSON.stringify({
        scripts: {
          release: 'npm run s0',
          ...Object.fromEntries(
            names('s').map((s, i) => [s, `npm run s${i + 1} && npm run s${i + 1}`]),
          ),
        },
      }),
      `s${N}`,
    ],
    [
      'package.json pre scripts, each running the next',
      'package.json',
      JSON.stringify({
        scripts: {
          release: 'npm run s0',
          ...Object.fromEntries(names('s').map((s, i) => [`pre${s}`, `npm run s${i + 1}`])),
          ...Object.fromEntries(names('s').map((s) => [s, 'echo'])),
        },
      }),
      `s${N}`,
    ],
    [
      'Makefile targets, each making the next',
      'Makefile',
      `release:\n\t$(MAKE) t0\n` +
        names('t')
          .map((t, i) => `${t}:\n\t$(MAKE) t${i + 1}\n`)
          .join(''),
      `t${N}`,
    ],
    [
      'one Makefile rule of many targets, each its own prerequisite',
      'Makefile',
      `release: t0\n${names('t').join(' ')}: ${names('t').join(' ')} t${N}\n\t@echo\n`,
      `t${N}`,
    ],
  ])('%s', (_name, path, text, last) => {
    // npm runs a script's pre and post scripts with it.
    const read = parseFile(path, text, []);
    const parsed = { ...read, tasks: withHooks(read.tasks, () => true) };
    let reads = 0;
    const { analyze } = parsed;
    const counted: ParsedFile = {
      ...parsed,
      analyze: (input) => {
        const analysis = analyze!(input);
        const { context } = analysis;
        return { ...analysis, context: (...args) => (reads++, context!(...args)) };
      },
    };
    const runBy = releaseScriptsIn([analyzeFile(counted, [])]).get(path);
    expect(runBy?.tasks.get(last)).toBe('release');
    // Each place is read once; reading the file again for each task it makes a release step
    // was N² reads.
    expect(reads).toBeLessThanOrEqual(2 * N + 2);
  });
});
