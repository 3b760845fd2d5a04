import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { excludedWithin, extractLinks, listBuildFiles } from '../src/index.js';
import { formatRange } from '@posture/model';
import { directoryVariables } from '../src/directory-variables.js';
import { scriptRuns } from '../src/script-refs.js';
import { fixture, repo, scan } from './helpers.js';

/** The files a scan reads: the build files listed by name, and the scripts they run. */
function readByScan(root: string): string[] {
  return scan(root)
    .files.map((file) => file.path)
    .sort();
}

describe('finding build files', () => {
  it('finds the build files of a repository and the scripts they run', () => {
    expect(readByScan(fixture('release-repo'))).toEqual([
      '.github/actions/publish/action.yml',
      '.github/workflows/ci.yml',
      '.github/workflows/release.yml',
      '.npmrc',
      'Dockerfile',
      'Makefile',
      'package.json',
      'rollup.config.mjs',
      'scripts/release.sh',
      'tools/lint.sh',
      'tsconfig.json',
      'vite.config.ts',
      'webpack.config.js',
      'wrangler.toml',
    ]);
  });

  it('knows every file family by name', () => {
    const names = [
      '.azure-pipelines/release.yml',
      '.buildkite/pipeline.release.yml',
      '.circleci/config.yml',
      '.drone.yml',
      '.drone.star',
      '.appveyor.yml',
      'ci/appveyor.yml',
      'justfile',
      'tools/Justfile',
      'web/.justfile',
      'Earthfile',
      'release/apt-repo/Earthfile',
      '.env',
      '.env.production.local',
      '.gitlab-ci.yml',
      '.goreleaser.yml',
      'goreleaser-linux.yaml',
      'electron-builder.config.cjs',
      '.travis.yml',
      'Casks/acme.rb',
      'Casks/a/acme-app.rb',
      'Formula/acme.rb',
      'Formula/a/acme.rb',
      'Formula/lib/libacme.rb',
      'Taskfile.yml',
      'azure-pipelines.yml',
      'bitbucket-pipelines.yml',
      'build.gradle',
      'gradle/publish.gradle.kts',
      'install.ps1',
      'INSTALL.sh',
      'SSM/Install-AWSSessionManager.ps1',
      'deploy.bat',
      'scripts/Publish.CMD',
      'pom.xml',
      'scripts/install-cli.sh',
      'Dockerfile.release',
      'docker-compose.yml',
      'compose.yaml',
      'deploy/compose.prod.yml',
      'docker-compose.override.yaml',
      'GNUmakefile',
      'Jenkinsfile',
      'action.yaml',
      'app/next.config.mjs',
      'buildspec.yml',
      'cloudbuild.yaml',
      'electron-builder.json5',
      'electron-builder.toml',
      'esbuild.config.cts',
      'serverless.yaml',
      'tsconfig.build.json',
      'tsup.config.ts',
      'web/webpack.prod.config.js',
      'webpack.prod.js',
      'config/webpack.common.js',
      'rollup.umd.mjs',
      'vite.staging.config.ts',
      'vue.config.js',
      'web/nuxt.config.ts',
      'astro.config.mjs',
      'site/svelte.config.js',
      '.storybook/main.ts',
      'web/angular.json',
      'site/gatsby-config.ts',
      'wrangler.json',
    ];
    const root = repo(
      Object.fromEntries(
        [
          ...names,
          'README.md',
          'src/index.ts',
          'notes.yml',
          'decompose.yml',
          'lib/acme.rb',
          'build.sh',
          'build.bat',
          '.env.example',
          'web/.env.production.sample',
          'types/webpack.d.ts',
          'webpack.js',
          '.storybook/preview.ts',
        ].map((n) => [n, '\n']),
      ),
    );
    expect(listBuildFiles(root)).toEqual([...names].sort());
  });

  it.each([
    [
      'a formula at the root of a tap',
      'chromium.rb',
      'class Chromium < Formula\n  url "x"\nend\n',
      true,
    ],
    [
      'one after comments and requires',
      'acme.rb',
      '# typed: false\nrequire "json"\n\nclass AcmeCli<Formula\nend\n',
      true,
    ],
    [
      'a cask at the root, which Homebrew never loads',
      'acme.rb',
      'cask "acme" do\n  url "x"\nend\n',
      false,
    ],
    ['Ruby that is no formula', 'config.rb', 'class Config < Base\n  # < Formula\nend\n', false],
    ['a formula class below the root', 'lib/acme.rb', 'class Acme < Formula\nend\n', false],
  ])('reads a root *.rb only when it declares a formula: %s', (_name, path, text, found) => {
    expect(listBuildFiles(repo({ [path]: text }))).toEqual(found ? [path] : []);
  });

  it("reads a root formula's links as Homebrew's", () => {
    const root = repo({
      'chromium.rb':
        'class Chromium < Formula\n  url "https://storage.googleapis.com/acme-releases/c.zip"\nend\n',
    });
    expect(scan(root).links).toMatchObject([
      { fileType: 'homebrew', bucket: 'acme-releases', usage: 'download' },
    ]);
  });

  const UPLOAD = 'aws s3 cp dist s3://acme-releases/';
  it.each([
    [
      'a Buildkite pipeline',
      '.buildkite/release.yml',
      `steps:\n  - command: ${UPLOAD}\n`,
      'buildkite',
    ],
    [
      'one in a subdirectory of .buildkite',
      '.buildkite/pipelines/ship.yaml',
      `env:\n  A: b\nsteps:\n  - command: ${UPLOAD}\n`,
      'buildkite',
    ],
    [
      'a docker-compose file beside them, which lists no steps: a Compose file',
      '.buildkite/docker-compose.yml',
      `services:\n  app:\n    command: ${UPLOAD}\n`,
      'docker-compose',
    ],
    [
      'a GoReleaser configuration there, read as one',
      '.buildkite/.goreleaser.yml',
      `blobs:\n  - provider: s3\n    bucket: acme-releases\n`,
      'goreleaser',
    ],
    [
      'a CodeBuild buildspec in buildspecs/',
      'buildspecs/release-javadoc.yml',
      `version: 0.2\nphases:\n  build:\n    commands:\n      - ${UPLOAD}\n`,
      'buildspec',
    ],
    [
      'one whose name holds the word',
      'ci/release-buildspec.yaml',
      `version: 0.2\nphases:\n  build:\n    commands:\n      - ${UPLOAD}\n`,
      'buildspec',
    ],
    [
      'YAML in buildspecs/ that declares no phases',
      'buildspecs/settings.yml',
      `upload: ${UPLOAD}\n`,
      undefined,
    ],
    [
      'a Cloud Build config whose name holds the word',
      'deploy/release_cloudbuild.yaml',
      `steps:\n  - name: gcr.io/cloud-builders/gcloud\n    args: [${UPLOAD}]\n`,
      'cloudbuild',
    ],
    [
      'one in JSON',
      'ci/nightly.cloudbuild.json',
      `{\n  "steps": [{ "name": "aws", "args": ["${UPLOAD}"] }]\n}\n`,
      'cloudbuild',
    ],
    [
      'YAML named so that declares no steps',
      'deploy/gcp_cloudbuild_vars.yaml',
      `mirror: ${UPLOAD}\n`,
      undefined,
    ],
    [
      'an Azure pipeline in a directory named azure-pipelines',
      'src/ci/azure-pipelines/auto.yml',
      `steps:\n  - bash: ${UPLOAD}\n`,
      'azure-pipelines',
    ],
    [
      'a template below it',
      'src/ci/azure-pipelines/steps/run.yml',
      `steps:\n  - bash: ${UPLOAD}\n`,
      'azure-pipelines',
    ],
    [
      'one in .azuredevops',
      '.azuredevops/release.yml',
      `steps:\n  - bash: ${UPLOAD}\n`,
      'azure-pipelines',
    ],
    [
      'one whose name holds the word',
      'ci/release-azure-pipelines.yml',
      `steps:\n  - bash: ${UPLOAD}\n`,
      'azure-pipelines',
    ],
    [
      'a lowercase Taskfile',
      'taskfile.yml',
      `tasks:\n  ship:\n    cmds: [${UPLOAD}]\n`,
      'taskfile',
    ],
    ['taskfile.yaml', 'taskfile.yaml', `tasks:\n  ship:\n    cmds: [${UPLOAD}]\n`, 'taskfile'],
    [
      'taskfile.dist.yaml',
      'taskfile.dist.yaml',
      `tasks:\n  ship:\n    cmds: [${UPLOAD}]\n`,
      'taskfile',
    ],
  ])('reads a CI configuration under its other names: %s', (_name, path, text, type) => {
    const root = repo({ [path]: text });
    expect(listBuildFiles(root)).toEqual(type ? [path] : []);
    expect(scan(root).links.map((l) => [l.fileType, l.bucket])).toEqual(
      type ? [[type, 'acme-releases']] : [],
    );
  });
  it('never enters node_modules, .git, .terraform or .terragrunt-cache, nor a symlink out of the root', () => {
    const outside = repo({ Makefile: 'x\n', 'deep/package.json': '{}' });
    const root = repo({
      'package.json': '{}',
      'node_modules/dep/package.json': '{}',
      '.git/hooks/Makefile': 'x\n',
      'infra/.terraform/modules/m/Makefile': 'x\n',
      'live/.terragrunt-cache/abc/package.json': '{}',
      'sub/node_modules/x/Dockerfile': 'FROM x\n',
    });
    symlinkSync(join(outside, 'deep'), join(root, 'linked-dir'));
    symlinkSync(join(outside, 'Makefile'), join(root, 'Makefile'));
    // A build file that is a symlink is listed, and reading it says that it leads out of the root.
    const found = listBuildFiles(root);
    expect(found).toEqual(['Makefile', 'package.json']);
    const { files, diagnostics } = extractLinks(root, found);
    expect(files.map((f) => f.path)).toEqual(['package.json']);
    expect(diagnostics).toMatchObject([
      { severity: 'error', code: 'build-file-unreadable', range: { file: 'Makefile' } },
    ]);
  });

  it('adds shell scripts when a build file runs them, inside the root, or when named for releasing', () => {
    const root = repo({
      'package.json': JSON.stringify({
        scripts: {
          release: 'bash scripts/release.sh && ./bin/publish.sh',
          escape: 'sh ../../etc/evil.sh',
        },
      }),
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: ./ci/check.sh\n',
      'web/Makefile': 'deploy:\n\t./deploy.sh\n',
      'scripts/release.sh': 'x\n',
      'bin/publish.sh': 'x\n',
      'ci/check.sh': 'x\n',
      'web/deploy.sh': 'x\n',
      'scripts/other.sh': 'x\n',
      // Run by hand or by a CI job kept elsewhere: its name says it is part of the release.
      'tools/upload_to_s3.sh': 'x\n',
      'tools/Publish-Docs.ps1': 'x\n',
    });
    expect(readByScan(root)).toEqual([
      '.github/workflows/ci.yml',
      'bin/publish.sh',
      'ci/check.sh',
      'package.json',
      'scripts/release.sh',
      'tools/Publish-Docs.ps1',
      'tools/upload_to_s3.sh',
      'web/Makefile',
      'web/deploy.sh',
    ]);
  });

  it('reads the script a package.json script names in double quotes, which JSON escapes', () => {
    const root = repo({
      'package.json': JSON.stringify({ scripts: { a: '"tools/ship.sh"' } }),
      'tools/ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual(['package.json', 'tools/ship.sh']);
  });

  it.each([
    ['cd and &&', { 'release.sh': 'cd tools && ./ship.sh\n' }],
    ['cd and ;', { 'release.sh': 'cd tools; sh ship.sh\n' }],
    ['a quoted cd', { 'package.json': '{"scripts":{"release":"cd \'tools\' && bash ship.sh"}}' }],
    // JSON escapes the double quotes of a package.json script: `cd \"tools\"`.
    [
      'a double-quoted cd in a package.json script',
      { 'package.json': JSON.stringify({ scripts: { a: 'cd "tools" && ./ship.sh' } }) },
    ],
    [
      "a step's working-directory",
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: ./ship.sh\n        working-directory: tools\n',
      },
    ],
    [
      "a job's default working-directory",
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    defaults:\n      run:\n        working-directory: ./tools\n    steps:\n      - run: bash ship.sh\n',
      },
    ],
    ['a cd on an earlier line', { 'release.sh': 'set -e\ncd tools\n./ship.sh\n' }],
    ['a cd chained on an earlier line', { 'release.sh': 'cd tools && make\n./ship.sh\n' }],
    [
      'cds on earlier lines, one after the other',
      { 'release.sh': 'cd tools/a\ncd ..\n./ship.sh\n' },
    ],
    [
      'a cd on an earlier line of a run block',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          cd tools\n          ./ship.sh\n',
      },
    ],
    [
      'a cd on an earlier line of a run block, from its working-directory',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          cd ../tools\n          ./ship.sh\n        working-directory: bin\n',
      },
    ],
    [
      'a cd on an earlier line of a GitLab script list',
      { '.gitlab-ci.yml': 'ship:\n  script:\n    - cd tools\n    - ./ship.sh\n' },
    ],
    [
      "a cd in a GitLab job's before_script",
      {
        '.gitlab-ci.yml': 'ship:\n  before_script: [cd tools]\n  script:\n    - ./ship.sh\n',
      },
    ],
    [
      'a cd in the GitLab default before_script',
      {
        '.gitlab-ci.yml':
          'default:\n  before_script: [cd tools]\nship:\n  script:\n    - ./ship.sh\n',
      },
    ],
    [
      "an Azure script step's workingDirectory",
      {
        'azure-pipelines.yml': 'steps:\n  - script: ./ship.sh\n    workingDirectory: tools\n',
      },
    ],
    [
      "an Azure bash step's workingDirectory, from the sources directory",
      {
        'azure-pipelines.yml':
          'jobs:\n  - job: a\n    steps:\n      - bash: bash ship.sh\n        workingDirectory: $(Build.SourcesDirectory)/tools\n',
      },
    ],
    [
      "a CircleCI run step's working_directory",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    steps:\n      - checkout\n      - run:\n          command: ./ship.sh\n          working_directory: tools\n',
      },
    ],
    [
      "a CircleCI job's working_directory inside the checkout's path",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/repo/tools\n    steps:\n      - checkout:\n          path: ~/repo\n      - run: ./ship.sh\n',
      },
    ],
    [
      "a CircleCI step's cd under its job's working_directory, where checkout put the repository",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/app\n    steps:\n      - checkout\n      - run: |\n          cd ~/app/tools\n          ./ship.sh\n',
      },
    ],
    [
      "a CircleCI step's cd under $CIRCLE_WORKING_DIRECTORY",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/app\n    steps:\n      - checkout\n      - run: |\n          cd "${CIRCLE_WORKING_DIRECTORY}/tools" && ./ship.sh\n',
      },
    ],
    [
      "a CircleCI step's cd to $CIRCLE_WORKING_DIRECTORY inside the checkout's path",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/repo/tools\n    steps:\n      - checkout: { path: ~/repo }\n      - run: |\n          cd /tmp\n          cd $CIRCLE_WORKING_DIRECTORY\n          ./ship.sh\n',
      },
    ],
  ])('reads a script from the directory %s enters', (_how, files) => {
    const root = repo({ ...files, 'tools/ship.sh': 'x\n', 'ship.sh': 'x\n' });
    const read = readByScan(root);
    expect(read).toContain('tools/ship.sh');
    expect(read).not.toContain('ship.sh');
  });

  // Each of these CIs runs a step's commands in its checkout, wherever the file that writes them
  // is: `./ship.sh` is the root's, never the one beside the file (which is not read).
  it.each([
    [
      'a CircleCI configuration',
      '.circleci',
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    steps:\n      - checkout\n      - run: ./ship.sh\n',
      },
    ],
    [
      'a Buildkite pipeline',
      '.buildkite',
      { '.buildkite/pipeline.yml': 'steps:\n  - command: ./ship.sh\n' },
    ],
    [
      'an Azure Pipelines template in a folder',
      'ci/templates',
      {
        'azure-pipelines.yml': 'jobs:\n  - template: ci/templates/release.yml\n',
        'ci/templates/release.yml': 'jobs:\n  - job: a\n    steps:\n      - script: ./ship.sh\n',
      },
    ],
    [
      'a GitLab file a folder includes',
      'ci',
      {
        '.gitlab-ci.yml': 'include:\n  - local: ci/release.yml\n',
        'ci/release.yml': 'ship:\n  script:\n    - ./ship.sh\n',
      },
    ],
    [
      'a Woodpecker workflow',
      '.woodpecker',
      { '.woodpecker/release.yml': 'steps:\n  - name: ship\n    commands: [./ship.sh]\n' },
    ],
  ])('reads the script that %s runs from the checkout, not its folder', (_how, dir, files) => {
    const root = repo({ ...files, [`${dir}/ship.sh`]: 'x\n', 'ship.sh': 'x\n' });
    const read = readByScan(root);
    expect(read).toContain('ship.sh');
    expect(read).not.toContain(`${dir}/ship.sh`);
  });

  it.each([
    [
      'a Buildkite pipeline',
      { '.buildkite/pipeline.yml': 'steps:\n  - command: cd .. && ./ship.sh\n' },
    ],
    [
      'an Azure Pipelines template in a folder',
      {
        'azure-pipelines.yml': 'steps:\n  - template: ci/steps.yml\n',
        'ci/steps.yml': 'steps:\n  - bash: cd .. && ./ship.sh\n',
      },
    ],
  ])('reads no script that a cd .. of %s leaves the checkout for', (_how, files) => {
    const root = repo({ ...files, 'ship.sh': 'x\n' });
    const { files: read, diagnostics } = scan(root);
    expect(read.map((f) => f.path)).not.toContain('ship.sh');
    expect(diagnostics.filter((d) => d.code === 'path-outside-root')).toHaveLength(1);
  });

  it('says nothing of a cd alone that nothing is run after', () => {
    const root = repo({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - run: |\n          cd\n          rm -rf .cache\n',
      'release.sh': 'make\ncd\n',
    });
    expect(scan(root).diagnostics.filter((d) => d.code === 'path-outside-root')).toEqual([]);
  });

  // CircleCI checks the repository out to the job's working_directory, not to its default.
  it('reads no script a cd to ~/project leaves for when the CircleCI job checks out to ~/app', () => {
    const root = repo({
      '.circleci/config.yml':
        'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/app\n    steps:\n      - checkout\n      - run: |\n          cd ~/project && ./ship.sh\n',
      'ship.sh': 'x\n',
    });
    const { files: read, diagnostics } = scan(root);
    expect(read.map((f) => f.path)).not.toContain('ship.sh');
    expect(diagnostics.filter((d) => d.code === 'path-outside-root')).toHaveLength(1);
  });

  it.each([
    [
      'after a cd in a subshell on another line, from where it is named',
      '(cd tools && make)\n./ship.sh\n',
      ['ship.sh'],
    ],
    [
      'after a cd in a block that has ended, from where it is named',
      'if [ -d tools ]; then\n  cd tools\nfi\n./ship.sh\n',
      ['ship.sh'],
    ],
    [
      'after pushd and popd, from where it is named',
      'pushd tools\nmake\npopd\n./ship.sh\n',
      ['ship.sh'],
    ],
    ['after a cd to an absolute path on an earlier line, none', 'cd /opt/tools\n./ship.sh\n', []],
    ['after a cd out of the root on an earlier line, none', 'cd ../..\n./ship.sh\n', []],
    [
      'after a cd through a variable, from where it is named',
      'cd "$(dirname "$0")" && ./ship.sh\n',
      ['ship.sh'],
    ],
    ['after a cd out of the root, none', 'cd ../.. && ./ship.sh\n', []],
    ['from $PWD, after a cd', 'cd tools\n"$PWD/ship.sh"\n', ['tools/ship.sh']],
    ['after a cd to a directory a variable names, none', 'cd "$OUT_DIR"\n./ship.sh\n', []],
    ['after a cd to the home directory, none', 'cd ~ && ./ship.sh\n', []],
    ['after a cd alone, to the home directory, none', 'cd && ./ship.sh\n', []],
    ['after a cd alone on an earlier line, none', 'cd tools\ncd\n./ship.sh\n', []],
    [
      'after a cd alone, then into tools under the home directory, none',
      'cd; cd tools; ./ship.sh\n',
      [],
    ],
    ['after a cd alone in a subshell, from where it is named', '(cd)\n./ship.sh\n', ['ship.sh']],
    [
      'after cd given to npm as a word, from where it is named',
      'npm run cd && ./ship.sh\n',
      ['ship.sh'],
    ],
    [
      'after cd given to echo as a word, from where it is named',
      'echo cd; ./ship.sh\n',
      ['ship.sh'],
    ],
    ['after a cd alone as the test of an if, none', 'if cd; then ./ship.sh; fi\n', []],
    [
      'after cd -, from where the cd before left',
      'cd tools\ncd web\ncd -\n./ship.sh\n',
      ['tools/ship.sh'],
    ],
    ['after cd - with no cd before, none', 'cd -\n./ship.sh\n', []],
    ['after a cd to under $PWD, from there', 'cd "$PWD/tools"\n./ship.sh\n', ['tools/ship.sh']],
    [
      'after a cd to a directory the file gives a variable, from there',
      'DIR=tools\ncd "$DIR"\n./ship.sh\n',
      ['tools/ship.sh'],
    ],
    [
      'after a cd to the directory of the script, as a variable names it, from there',
      'HERE="$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )"\ncd tools\ncd "$HERE"\n./ship.sh\n',
      ['ship.sh'],
    ],
    [
      'after a cd to under the directory of the script, as a variable names it, from there',
      'HERE=$(dirname "$0")\ncd "${HERE}/tools" && ./ship.sh\n',
      ['tools/ship.sh'],
    ],
    [
      'after a cd to the directory above the script, as a variable names it, out of the root: none',
      'cd tools\nROOT="$(cd "$(dirname "$0")/.." && pwd)"\ncd "$ROOT/tools"\n./ship.sh\n',
      [],
    ],
    [
      'after a cd to the top of the repository, as a variable names it, from there',
      'ROOT=$(git rev-parse --show-toplevel)\ncd "$ROOT/tools" && ./ship.sh\n',
      ['tools/ship.sh'],
    ],
    [
      'after a cd to a variable that may hold the directory of the script or not, none',
      'HERE=$(dirname "$0")\nif [ -n "$1" ]; then\n  HERE=$1\nfi\ncd "$HERE"\n./ship.sh\n',
      [],
    ],
  ])('reads a script %s', (_how, text, scripts) => {
    const root = repo({ 'release.sh': text, 'tools/ship.sh': 'x\n', 'ship.sh': 'x\n' });
    expect(readByScan(root)).toEqual(['release.sh', ...scripts]);
  });

  // `tools/release.sh` runs `tools/ship.sh` by its own directory, never the root's `ship.sh`.
  it.each([
    ['$(dirname "$0")/ship.sh', ['tools/ship.sh']],
    ['$(dirname $0)/ship.sh', ['tools/ship.sh']],
    ['"$(dirname "${BASH_SOURCE[0]}")/ship.sh"', ['tools/ship.sh']],
    ['"$(dirname "$0")"/ship.sh', ['tools/ship.sh']],
    ['"${BASH_SOURCE%/*}/ship.sh"', ['tools/ship.sh']],
    ['${0%/*}/ship.sh', ['tools/ship.sh']],
    ['bash "$(dirname -- "$(readlink -f "$0")")/ship.sh"', ['tools/ship.sh']],
    ['HERE="$(cd "$(dirname "$0")" && pwd)"\n"$HERE/ship.sh"', ['tools/ship.sh']],
    ['DIR=$(dirname "$(realpath "$0")")\n$DIR/ship.sh', ['tools/ship.sh']],
    ['SCRIPT_DIR=${BASH_SOURCE%/*}\n"${SCRIPT_DIR}"/ship.sh', ['tools/ship.sh']],
    ['ROOT="$(cd "$(dirname "$0")/.." && pwd)"\n"$ROOT/ship.sh"', ['ship.sh']],
    // A subshell's cd ends at its `)`: what follows on the line runs from where it ran, as on
    // the next line.
    ['ROOT="$(cd "$(dirname "$0")/.." && pwd)"\n./ship.sh', ['ship.sh', 'tools/ship.sh']],
    ['ROOT="$(cd "$(dirname "$0")/.." && pwd)"; ./ship.sh', ['ship.sh', 'tools/ship.sh']],
    ['(cd .. && ./ship.sh) && ./ship.sh', ['ship.sh', 'tools/ship.sh']],
    ['cd .. && X=$(cd tools && pwd) && ./ship.sh', ['ship.sh']],
    ['ROOT=$(git rev-parse --show-toplevel)\n$ROOT/ship.sh', ['ship.sh']],
    ['source "$(dirname "$0")/lib.sh"', ['tools/lib.sh']],
    ['DIR="$(cd "$(dirname "$0")" && pwd)"\n. "$DIR/lib.sh"', ['tools/lib.sh']],
    ['"$(dirname "$0")/../../ship.sh"', []],
    ['cd "${BASH_SOURCE%/*}" && ./ship.sh', ['tools/ship.sh']],
    ['cd "$(dirname $0)"\n./ship.sh', ['tools/ship.sh']],
    ['cd ${0%/*}/.. && ./ship.sh', ['ship.sh']],
    ['cd "$(dirname "$0")/.." && ./ship.sh', ['ship.sh']],
    ['cd "$(dirname "${BASH_SOURCE[0]}")/.."\n./ship.sh', ['ship.sh']],
    ['cd -- "$(dirname -- "$0")/.." && ./ship.sh', ['ship.sh']],
    ['cd "$(dirname "$(readlink -f "$0")")/.." && ./ship.sh', ['ship.sh']],
    ['cd "$( dirname "${BASH_SOURCE[0]}" )" && ./ship.sh', ['tools/ship.sh']],
    ['cd "$( dirname -- "$( readlink -f -- "$0" )" )/.." && ./ship.sh', ['ship.sh']],
    ['"$( dirname "$0" )/ship.sh"', ['tools/ship.sh']],
    ['HERE=$(dirname "$0")\nif [ -n "$1" ]; then\n  HERE=$1\nfi\n"$HERE/ship.sh"', []],
  ])('reads the script a script runs as %s from its own directory', (line, scripts) => {
    const root = repo({
      'tools/release.sh': `#!/bin/bash\n${line}\n`,
      'tools/ship.sh': 'x\n',
      'tools/lib.sh': 'x\n',
      'ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual([...scripts, 'tools/release.sh'].sort());
  });

  // A shell variable's name where a path starts (`$HERE/ship.sh`) and where a cd enters (`cd
  // $HERE`): each line run in tools/release.sh (the script's own directory, tools) and in a CI
  // file (none of its own: HERE and UP are not placed there), after `cd web`. `-` is no run; `(out)` one
  // that is not read, from a directory the scan cannot tell or out of the root: a path from a
  // variable the file does not place is one, as the cd to it is.
  it.each([
    // written: script's path, script's cd, CI's path, CI's cd
    ['$HERE', 'tools/ship.sh', 'tools/ship.sh', '$HERE/ship.sh(out)', '$HERE/ship.sh(out)'],
    ['${HERE}', 'tools/ship.sh', 'tools/ship.sh', '${HERE}/ship.sh(out)', '${HERE}/ship.sh(out)'],
    ['"$HERE"', 'tools/ship.sh', 'tools/ship.sh', '$HERE/ship.sh(out)', '$HERE/ship.sh(out)'],
    ['"${HERE}"', 'tools/ship.sh', 'tools/ship.sh', '${HERE}/ship.sh(out)', '${HERE}/ship.sh(out)'],
    [
      '$HERE/sub',
      'tools/sub/ship.sh',
      'tools/sub/ship.sh',
      '$HERE/sub/ship.sh(out)',
      '$HERE/sub/ship.sh(out)',
    ],
    ['$UP', 'ship.sh', 'ship.sh', '$UP/ship.sh(out)', '$UP/ship.sh(out)'],
    ['$TOP/tools', 'tools/ship.sh', 'tools/ship.sh', 'tools/ship.sh', 'tools/ship.sh'],
    ['${HERE:-d}', ...Array(4).fill('${HERE:-d}/ship.sh(out)')],
    ['$OUT', ...Array(4).fill('$OUT/ship.sh(out)')],
    ['$1', ...Array(4).fill('$1/ship.sh(out)')],
    ['$0', ...Array(4).fill('$0/ship.sh(out)')],
    ['$(dirname "$0")', 'tools/ship.sh', 'tools/web/ship.sh', '-', 'web/ship.sh'],
    ['${BASH_SOURCE%/*}', 'tools/ship.sh', 'tools/ship.sh', '-', '${BASH_SOURCE%/*}/ship.sh(out)'],
    ['"$(dirname $0)"', 'tools/ship.sh', 'tools/ship.sh', '-', '$(dirname $0)/ship.sh(out)'],
    ['"$(dirname "$0")"', 'tools/ship.sh', 'tools/ship.sh', '-', '$(dirname "$0")/ship.sh(out)'],
    ['$PWD', 'tools/ship.sh', 'tools/web/ship.sh', 'ship.sh', 'web/ship.sh'],
    ['$PWDX', ...Array(4).fill('$PWDX/ship.sh(out)')],
    // Quoting the cd's words do not take: it is no cd, and its line stays in web.
    [
      '"$HERE"/sub',
      'tools/sub/ship.sh',
      'tools/web/ship.sh',
      '$HERE/sub/ship.sh(out)',
      'web/ship.sh',
    ],
    ['${HERE}"', 'tools/ship.sh', 'tools/web/ship.sh', '${HERE}/ship.sh(out)', 'web/ship.sh'],
    ["'$HERE'", '-', 'tools/ship.sh', '-', '$HERE/ship.sh(out)'],
    ['${HERE', ...Array(4).fill('${HERE/ship.sh(out)')],
    ['$HERE}', ...Array(4).fill('$HERE}/ship.sh(out)')],
  ])('reads a path from %s, and a cd to it', (written, ...expected) => {
    const lines = [`${written}/ship.sh`, `cd web && cd ${written} && ./ship.sh`];
    const runs = [{ own: 'tools', dir: 'tools' }, { dir: '.' }].flatMap(({ own, dir }) =>
      lines.map((line) => {
        const text = `HERE="$(cd "$(dirname "$0")" && pwd)"\nUP="$(cd "$(dirname "$0")/.." && pwd)"\nTOP=$(git rev-parse --show-toplevel)\n${line}\n`;
        const places = { own, directoryOf: directoryVariables(text) };
        const paths = scriptRuns(text, dir, undefined, undefined, places).map(
          (run) => `${run.path}${run.outside ? '(out)' : ''}`,
        );
        return paths.join(' ') || '-';
      }),
    );
    expect(runs).toEqual(expected);
  });

  it.each([
    ['$(dirname "$0")/ship.sh'],
    ['HERE="$(cd "$(dirname "$0")" && pwd)"\n          cd "$HERE" && ./ship.sh'],
  ])(
    'reads no script a CI step names by the directory of the file it runs, one of the CI: %s',
    (run) => {
      const root = repo({
        '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    steps:\n      - run: |\n          ${run}\n`,
        'ship.sh': 'x\n',
      });
      expect(readByScan(root)).toEqual(['.github/workflows/ci.yml']);
    },
  );

  it.each([
    ['$$PWD/tools/ship.sh', ['tools/ship.sh']],
    ['"$${PWD}/tools/ship.sh"', ['tools/ship.sh']],
    ['$$(pwd)/tools/ship.sh', ['tools/ship.sh']],
    ['$(CURDIR)/tools/ship.sh', ['tools/ship.sh']],
    ['${CURDIR}/tools/ship.sh', ['tools/ship.sh']],
    ['$(shell pwd)/tools/ship.sh', ['tools/ship.sh']],
    ['cd tools && $$PWD/ship.sh', ['tools/ship.sh']],
    // A Makefile of a directory runs there (`make -C web`), or from the root (`make -f web/Makefile`).
    ['$(CURDIR)/ship.sh', ['ship.sh', 'web/ship.sh'], 'web/Makefile'],
  ])(
    'reads a script a Makefile recipe names as %s, from where make runs it',
    (line, scripts, makefile = 'Makefile') => {
      const root = repo({
        [makefile]: `release:\n\t${line}\n`,
        'tools/ship.sh': 'x\n',
        'ship.sh': 'x\n',
        'web/ship.sh': 'x\n',
      });
      expect(readByScan(root)).toEqual([makefile, ...scripts].sort());
    },
  );

  const step = (run: string, job = 'runs-on: windows-latest') =>
    `on: push\njobs:\n  a:\n    ${job}\n    steps:\n      - run: ${run}\n`;
  const MATRIX_JOB = (os: string) =>
    `strategy: { matrix: { os: [ubuntu-latest, ${os}] } }\n    runs-on: \${{ matrix.os }}`;
  const AZURE_MATRIX = (image: string) =>
    `strategy:\n  matrix:\n    linux: { imageName: ubuntu-latest }\n    other: { ImageName: ${image} }\npool: { vmImage: $(imageName) }\nsteps:\n  - script: tools\\ship.sh\n`;
  it.each([
    ['a Windows runner', { '.github/workflows/ci.yml': step('.\\tools\\ship.sh') }, true],
    [
      'a step whose shell is cmd',
      {
        '.github/workflows/ci.yml': step(
          'tools\\ship.sh',
          'runs-on: ubuntu-latest\n    defaults: { run: { shell: cmd } }',
        ),
      },
      true,
    ],
    [
      'an AppVeyor ps script',
      { 'appveyor.yml': 'build_script:\n  - ps: .\\tools\\ship.sh\n' },
      true,
    ],
    [
      'a plain AppVeyor script on its Windows image',
      { 'appveyor.yml': 'build_script:\n  - tools\\ship.sh\n' },
      true,
    ],
    [
      'a PowerShell script from its own directory',
      {
        '.github/workflows/ci.yml': step('.\\tools\\release.ps1'),
        'tools/release.ps1': '& "$PSScriptRoot\\ship.sh"\n',
      },
      true,
    ],
    [
      "a Jenkinsfile's bat step",
      { Jenkinsfile: String.raw`node { bat 'bash .\\tools\\ship.sh' }` },
      true,
    ],
    [
      'a GitLab job on a Windows runner',
      { '.gitlab-ci.yml': 'ship:\n  tags: [windows]\n  script: [tools\\ship.sh]\n' },
      true,
    ],
    [
      "an Azure step's workingDirectory on a Windows pool",
      {
        'azure-pipelines.yml': `pool: { vmImage: windows-2022 }\nsteps:\n  - script: ship.sh\n    workingDirectory: $(Build.SourcesDirectory)\\tools\n`,
      },
      true,
    ],
    [
      'a matrix whose legs run on Linux and Windows',
      { '.github/workflows/ci.yml': step('.\\tools\\ship.sh', MATRIX_JOB('windows-latest')) },
      true,
    ],
    [
      'an Azure matrix with a Windows leg, its image a variable of the matrix',
      { 'azure-pipelines.yml': AZURE_MATRIX('windows-latest') },
      true,
    ],
    // In sh and bash a backslash escapes the letter after it: they run `toolsship.sh`.
    [
      'a Linux runner',
      { '.github/workflows/ci.yml': step('tools\\ship.sh', 'runs-on: ubuntu-latest') },
      false,
    ],
    [
      'a step whose shell is bash on a Windows runner',
      { '.github/workflows/ci.yml': step('tools\\ship.sh\n        shell: bash') },
      false,
    ],
    ['a shell script', { 'release.sh': 'tools\\ship.sh\n' }, false],
    ["a Jenkinsfile's sh step", { Jenkinsfile: String.raw`node { sh 'tools\\ship.sh' }` }, false],
    [
      'a GitLab job on a Linux runner',
      { '.gitlab-ci.yml': 'ship:\n  tags: [docker, linux]\n  script: [tools\\ship.sh]\n' },
      false,
    ],
    [
      "an Azure step's workingDirectory on a Linux pool",
      {
        'azure-pipelines.yml': `pool: { vmImage: ubuntu-latest }\nsteps:\n  - script: ship.sh\n    workingDirectory: $(Build.SourcesDirectory)\\tools\n`,
      },
      false,
    ],
    [
      'a matrix whose legs run on Linux and macOS',
      { '.github/workflows/ci.yml': step('tools\\ship.sh', MATRIX_JOB('macos-latest')) },
      false,
    ],
    [
      'a step whose shell is bash on a matrix with a Windows leg',
      {
        '.github/workflows/ci.yml': step(
          'tools\\ship.sh\n        shell: bash',
          MATRIX_JOB('windows-latest'),
        ),
      },
      false,
    ],
    [
      'an Azure matrix whose legs run on Linux and macOS',
      { 'azure-pipelines.yml': AZURE_MATRIX('macOS-latest') },
      false,
    ],
    [
      'an AppVeyor script on a Linux image',
      { 'appveyor.yml': 'image: Ubuntu2004\nbuild_script:\n  - tools\\ship.sh\n' },
      false,
    ],
  ])(
    'reads a script named with backslashes in %s only where they separate directories',
    (_where, files, read) => {
      const root = repo({ ...files, 'tools/ship.sh': 'x\n' });
      expect(readByScan(root).includes('tools/ship.sh')).toBe(read);
    },
  );

  it.each([
    ['Linux', 'runs-on: ubuntu-latest', ['ship.sh']],
    ['Windows', 'runs-on: windows-latest', ['dist/app/ship.sh']],
    ['a matrix over both', MATRIX_JOB('windows-latest'), ['dist/app/ship.sh', 'ship.sh']],
  ])('reads a step after a cd with a backslash as its runs on %s read it', (_os, job, read) => {
    // bash enters `distapp`, no path written: the script is taken from where the step starts.
    const root = repo({
      '.github/workflows/ci.yml': step('cd dist\\app && ./ship.sh', job),
      'dist/app/ship.sh': 'x\n',
      'ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual(['.github/workflows/ci.yml', ...read]);
  });

  // PowerShell's own cd, in any case; on Windows, whose file systems ignore case, a script named
  // in another case than its file's is that file.
  const windowsRun = (lines: string[], runsOn = 'windows-latest') =>
    `on: push\njobs:\n  a:\n    runs-on: ${runsOn}\n    steps:\n      - run: |\n${lines.map((line) => `          ${line}\n`).join('')}`;
  it.each([
    ['Set-Location', ['Set-Location tools; .\\ship.ps1'], ['tools/ship.ps1']],
    ['sl, on the lines after it', ['sl tools', '.\\ship.ps1'], ['tools/ship.ps1']],
    ['set-location -Path', ['set-location -Path tools', '.\\ship.ps1'], ['tools/ship.ps1']],
    [
      "Set-Location -LiteralPath 'tools'",
      ["Set-Location -LiteralPath 'tools'; .\\ship.ps1"],
      ['tools/ship.ps1'],
    ],
    [
      'Push-Location, until Pop-Location',
      ['Push-Location tools', '.\\ship.ps1', 'Pop-Location', '.\\ship.ps1'],
      ['ship.ps1', 'tools/ship.ps1'],
    ],
    ['a name in another case', ['.\\Tools\\Ship.ps1'], ['tools/ship.ps1']],
    ['a directory entered in another case', ['cd TOOLS', '.\\ship.PS1'], ['tools/ship.ps1']],
    ['a name in another case, on Linux', ['./Tools/ship.ps1'], [], 'ubuntu-latest'],
  ])('reads the script a Windows step runs after %s', (_how, lines, read, runsOn?: string) => {
    const root = repo({
      '.github/workflows/ci.yml': windowsRun(lines, runsOn),
      'tools/ship.ps1': 'x\n',
      'ship.ps1': 'x\n',
    });
    expect(readByScan(root)).toEqual(['.github/workflows/ci.yml', ...read]);
  });

  it('runs a script named in another case on Windows in the release step that names it', () => {
    const root = repo({
      '.github/workflows/release.yml': `on: { push: { tags: ['v*'] } }\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: .\\Scripts\\Push.ps1\n`,
      'scripts/push.ps1': 'aws s3 cp dist s3://acme-x/ --acl public-read\n',
    });
    const { links, diagnostics } = scan(root);
    expect(diagnostics).toEqual([]);
    expect(links.map((l) => [l.range.file, l.usage, l.releaseStep])).toEqual([
      ['scripts/push.ps1', 'public-upload', 'release'],
    ]);
  });

  it.each([
    ['GitLab', { '.gitlab-ci.yml': 'ship:\n  script: [cd tools, $CI_PROJECT_DIR/ship.sh]\n' }],
    [
      'Bitbucket',
      {
        'bitbucket-pipelines.yml':
          'pipelines:\n  default:\n    - step:\n        script: [cd tools, "${BITBUCKET_CLONE_DIR}/ship.sh"]\n',
      },
    ],
    [
      'a workflow',
      {
        '.github/workflows/ci.yml': step(
          'cd tools && "${{ github.workspace }}/ship.sh"',
          'runs-on: ubuntu-latest',
        ),
      },
    ],
  ])("reads a script named from %s's checkout of the repository", (_ci, files) => {
    const root = repo({ ...files, 'tools/ship.sh': 'x\n', 'ship.sh': 'x\n' });
    const found = readByScan(root);
    expect(found).toContain('ship.sh');
    expect(found).not.toContain('tools/ship.sh');
  });

  // GitHub puts a composite action where `${{ github.action_path }}` says, and its steps run in the
  // checkout, or in their working-directory: a script named from the action's directory is the
  // action's, not the root's.
  const ACTION = '.github/actions/publish';
  it.each([
    ['${{ github.action_path }}/ship.sh', `${ACTION}/ship.sh`],
    ['bash $GITHUB_ACTION_PATH/ship.sh', `${ACTION}/ship.sh`],
    ['bash "${GITHUB_ACTION_PATH}/ship.sh"', `${ACTION}/ship.sh`],
    ['cd $GITHUB_ACTION_PATH && ./ship.sh', `${ACTION}/ship.sh`],
    ['./ship.sh\n      working-directory: ${{ github.action_path }}', `${ACTION}/ship.sh`],
    ['./ship.sh\n      working-directory: tools', 'tools/ship.sh'],
  ])('reads the script a composite action runs by %s from %s', (run, script) => {
    const root = repo({
      '.github/workflows/release.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - uses: ./.github/actions/publish\n',
      [`${ACTION}/action.yml`]: `runs:\n  using: composite\n  steps:\n    - run: ${run}\n      shell: bash\n`,
      [`${ACTION}/ship.sh`]: 'x\n',
      'tools/ship.sh': 'x\n',
      'ship.sh': 'x\n',
    });
    const scripts = readByScan(root).filter((path) => path.endsWith('.sh'));
    expect(scripts).toEqual([script]);
  });

  // Bash@3's and PowerShell@2's filePath is a path from $(System.DefaultWorkingDirectory), the
  // checkout, or an absolute one; their workingDirectory is where the script runs, not where it is.
  it.each([
    ['Bash@3', 'filePath: scripts/ship.sh', 'scripts/ship.sh'],
    ['Bash@3', "{ targetType: 'filePath', filePath: './scripts/ship.sh' }", 'scripts/ship.sh'],
    ['Bash@3', '{ filePath: scripts/ship.sh, workingDirectory: scripts }', 'scripts/ship.sh'],
    ['Bash@3', 'filePath: $(System.DefaultWorkingDirectory)/scripts/ship.sh', 'scripts/ship.sh'],
    ['PowerShell@2', 'filePath: $(Build.SourcesDirectory)\\scripts\\ship.ps1', 'scripts/ship.ps1'],
    ['PowerShell@2', '{ targetType: filePath, filePath: scripts/ship.ps1 }', 'scripts/ship.ps1'],
  ])("reads the script an Azure %s task's %s names, from the checkout", (task, inputs, script) => {
    const root = repo({
      'ci/templates/release.yml': `steps:\n  - task: ${task}\n    inputs: ${inputs.startsWith('{') ? inputs : `{ ${inputs} }`}\n`,
      'azure-pipelines.yml': 'steps:\n  - template: ci/templates/release.yml\n',
      'scripts/ship.sh': 'x\n',
      'scripts/ship.ps1': 'x\n',
      'scripts/scripts/ship.sh': 'x\n',
      'ci/templates/scripts/ship.sh': 'x\n',
    });
    expect(readByScan(root).filter((path) => /\.(?:sh|ps1)$/.test(path))).toEqual([script]);
  });

  it('follows no script named from an action path in a workflow, where none is set', () => {
    const root = repo({
      '.github/workflows/ci.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - run: bash $GITHUB_ACTION_PATH/ship.sh\n',
      'ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual(['.github/workflows/ci.yml']);
  });

  it.each([
    [
      'a Makefile recipe line after one with a cd, as make runs each in a shell of its own',
      { Makefile: 'release:\n\tcd tools\n\t./ship.sh\n' },
    ],
    [
      "a GitLab job's after_script after a cd in its script, as it runs in a shell of its own",
      { '.gitlab-ci.yml': 'ship:\n  script: [cd tools]\n  after_script: [./ship.sh]\n' },
    ],
    [
      'a workflow step after one with a cd',
      {
        '.github/workflows/ci.yml':
          'on: push\njobs:\n  a:\n    steps:\n      - run: cd tools\n      - run: ./ship.sh\n',
      },
    ],
    [
      "a CircleCI job's step, from the job's working_directory, where its checkout puts the repository",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    working_directory: ~/repo/tools\n    steps:\n      - checkout\n      - run: ./ship.sh\n',
      },
    ],
  ])('takes no directory entered elsewhere into %s', (_how, files) => {
    const root = repo({ ...files, 'tools/ship.sh': 'x\n', 'ship.sh': 'x\n' });
    const read = readByScan(root);
    expect(read).toContain('ship.sh');
    expect(read).not.toContain('tools/ship.sh');
  });

  // GitHub runs a step in the checkout, not in .github/workflows: a cd .. there leaves the
  // repository, and the script is none of it (it was read from .github/). Nothing is read out of
  // the root, and a note says so where the step names it.
  it.each([
    [
      'a step after cd ..',
      '      - run: cd .. && bash ship.sh\n',
      '5:28',
      'ship.sh (../ship.sh from the root)',
    ],
    ['a step naming ../', '      - run: bash ../ship.sh\n', '5:19', '../ship.sh'],
    [
      'a step whose working-directory leaves the root',
      '      - run: bash ship.sh\n        working-directory: ../..\n',
      '5:19',
      'ship.sh (../../ship.sh from the root)',
    ],
    [
      'a step whose working-directory is the directory above',
      '      - run: node tools/ship.js\n        working-directory: ..\n',
      '5:19',
      'tools/ship.js (../tools/ship.js from the root)',
    ],
    [
      'a step whose working-directory is above the checkout',
      '      - run: bash ship.sh\n        working-directory: ${{ github.workspace }}/..\n',
      '5:19',
      'ship.sh (../ship.sh from the root)',
    ],
    [
      'a step whose working-directory is two above the checkout',
      '      - run: bash ship.sh\n        working-directory: $GITHUB_WORKSPACE/../..\n',
      '5:19',
      'ship.sh (../../ship.sh from the root)',
    ],
    [
      'a step after cd to an absolute path',
      '      - run: cd /opt/app && bash ship.sh\n',
      '5:34',
      'ship.sh (/opt/app/ship.sh)',
    ],
    [
      'a step after cd to the directory above the checkout',
      '      - run: |\n          cd "$GITHUB_WORKSPACE/.."\n          ./tools/ship.sh\n',
      '7:11',
      './tools/ship.sh (../tools/ship.sh from the root)',
    ],
    [
      'a step after pushd to an absolute path, named from its directory',
      '      - run: pushd /srv && ./ship.sh && popd\n',
      '5:28',
      './ship.sh (/srv/ship.sh)',
    ],
    [
      "a step after cd to /workspace, Cloud Build's checkout, not a workflow's",
      '      - run: cd /workspace && ./ship.sh\n',
      '5:31',
      './ship.sh (/workspace/ship.sh)',
    ],
    [
      "a step after cd to /drone/src, Drone's workspace, not a workflow's",
      '      - run: cd /drone/src && ./ship.sh\n',
      '5:31',
      './ship.sh (/drone/src/ship.sh)',
    ],
    [
      "a step whose working-directory is the runner's temporary directory",
      '      - run: bash ship.sh\n        working-directory: ${{ runner.temp }}\n',
      '5:19',
      'ship.sh (${{ runner.temp }}/ship.sh)',
    ],
    [
      "a step after cd to the runner's temporary directory",
      '      - run: cd "$RUNNER_TEMP" && bash ship.sh\n',
      '5:40',
      'ship.sh ($RUNNER_TEMP/ship.sh)',
    ],
  ])('reads no script of the repository for %s', (_how, step, at, runs) => {
    const root = repo({
      '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    steps:\n${step}`,
      '.github/ship.sh': 'x\n',
      'ship.sh': 'x\n',
      'tools/ship.js': 'x\n',
      'tools/ship.sh': 'x\n',
    });
    const { files, diagnostics } = scan(root);
    expect(files.map((f) => f.path).sort()).toEqual(['.github/workflows/ci.yml']);
    expect(diagnostics.filter((d) => d.code === 'build-script-missing')).toEqual([]);
    expect(
      diagnostics
        .filter((d) => d.code === 'path-outside-root')
        .map((d) => [`${d.range.start.line}:${d.range.start.column}`, d.severity, d.message]),
    ).toEqual([
      [
        at,
        'warning',
        `.github/workflows/ci.yml runs ${runs}, which is outside the scan root: it is not read, and what it does is not scanned`,
      ],
    ]);
  });

  it.each([
    ['${{ env.DIR }}', ['tools/ship.sh']],
    ['"${{ env.DIR }}/.."', ['ship.sh']],
    ['${{ env.UNSET }}', []],
  ])('reads the script a workflow step runs after cd %s from there', (dir, scripts) => {
    const root = repo({
      '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    env: { DIR: tools }\n    steps:\n      - run: cd ${dir} && ./ship.sh\n`,
      'tools/ship.sh': 'x\n',
      'ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual(['.github/workflows/ci.yml', ...scripts]);
  });

  // The script a file names by a directory a variable it does not place names (`"$OUT/ship.sh"`),
  // or runs after a cd to one, is the repository's ship.sh nowhere the scan can tell.
  it.each([
    ['release.sh', 'cd "$OUT_DIR"\n./ship.sh\n', '2:1', './ship.sh ($OUT_DIR/ship.sh)'],
    ['release.sh', 'OUT=$(mktemp -d)\n"$OUT/ship.sh"\n', '2:2', '$OUT/ship.sh'],
    ['release.sh', 'bash ${BUILD_DIR}/ship.sh\n', '1:6', '${BUILD_DIR}/ship.sh'],
    ['release.sh', '~/ship.sh\n', '1:1', '~/ship.sh'],
    [
      '.github/workflows/ci.yml',
      'on: push\njobs:\n  a:\n    steps:\n      - run: $BUILD_DIR/ship.sh\n',
      '5:14',
      '$BUILD_DIR/ship.sh',
    ],
    [
      'package.json',
      '{"scripts": {"release": "$BUILD_DIR/ship.sh"}}\n',
      '1:26',
      '$BUILD_DIR/ship.sh',
    ],
    [
      'package.json',
      JSON.stringify({ scripts: { release: 'OUT=$(mktemp -d); "$OUT/ship.sh"' } }),
      '1:44',
      '$OUT/ship.sh',
    ],
    [
      'package.json',
      JSON.stringify({ scripts: { release: 'cd "$OUT" && ./ship.sh' } }),
      '1:39',
      './ship.sh ($OUT/ship.sh)',
    ],
  ])(
    'says that %s running a script from a directory a variable names does not read it: %j',
    (file, text, at, runs) => {
      const root = repo({ [file]: text, 'ship.sh': 'x\n' });
      const { files, diagnostics } = scan(root);
      expect(files.map((f) => f.path)).toEqual([file]);
      expect(diagnostics.map((d) => [formatRange(d.range), d.message])).toEqual([
        [
          `${file}:${at}`,
          `${file} runs ${runs}, from a directory the scan cannot tell, which may be out of the scan root: it is not read, and what it does is not scanned`,
        ],
      ]);
    },
  );

  it('reads no script of the repository that an Azure Pipelines step runs from its temp directory', () => {
    const root = repo({
      'azure-pipelines.yml':
        'steps:\n  - script: ./ship.sh\n    workingDirectory: $(Agent.TempDirectory)\n',
      'ship.sh': 'x\n',
    });
    const { files, diagnostics } = scan(root);
    expect(files.map((f) => f.path)).toEqual(['azure-pipelines.yml']);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'azure-pipelines.yml runs ./ship.sh ($(Agent.TempDirectory)/ship.sh), which is outside the scan root: it is not read, and what it does is not scanned',
    ]);
  });

  // Cloud Build checks the repository out to /workspace, and GitHub mounts it at /github/workspace
  // in a container action's container: a script named from there is the repository's.
  const CLOUD_BUILD = (args: string, dir?: string) => ({
    'cloudbuild.yaml': `steps:\n  - name: ubuntu\n${dir ? `    dir: ${dir}\n` : ''}    entrypoint: bash\n    args: ${args}\n`,
  });
  const BITBUCKET = (command: string) => ({
    'bitbucket-pipelines.yml': `pipelines:\n  default:\n    - step:\n        script:\n          - ${command}\n`,
  });
  const DRONE = (command: string) => ({
    '.drone.yml': `kind: pipeline\nname: release\nsteps:\n  - name: release\n    image: alpine\n    commands:\n      - ${command}\n`,
  });
  const CONTAINER_ACTION = (entrypoint: string) => ({
    '.github/workflows/release.yml':
      'on: push\njobs:\n  a:\n    steps:\n      - uses: ./.github/actions/publish\n',
    '.github/actions/publish/action.yml': 'runs:\n  using: docker\n  image: Dockerfile\n',
    '.github/actions/publish/Dockerfile':
      'FROM alpine\nCOPY entrypoint.sh /entrypoint.sh\nENTRYPOINT ["/entrypoint.sh"]\n',
    '.github/actions/publish/entrypoint.sh': entrypoint,
  });
  it.each([
    [
      'a Cloud Build step after cd /workspace/tools',
      CLOUD_BUILD(`['-c', 'cd /workspace/tools && ./ship.sh']`),
    ],
    [
      'a Cloud Build step naming /workspace/tools/ship.sh',
      CLOUD_BUILD('[/workspace/tools/ship.sh]'),
    ],
    ['a Cloud Build step run in its dir: tools', CLOUD_BUILD(`['-c', './ship.sh']`, 'tools')],
    ['a Cloud Build step naming ship.sh in its dir: tools', CLOUD_BUILD('[ship.sh]', 'tools')],
    [
      'a Cloud Build step run in its dir: /workspace/tools',
      CLOUD_BUILD(`['-c', './ship.sh']`, '/workspace/tools'),
    ],
    [
      "a CircleCI step after cd ~/project/tools, its jobs' checkout unless they say otherwise",
      {
        '.circleci/config.yml':
          'version: 2.1\njobs:\n  a:\n    docker: [{ image: cimg/base:stable }]\n    steps:\n      - checkout\n      - run: cd ~/project/tools && ./ship.sh\n',
      },
    ],
    [
      "a Bitbucket Pipelines step after cd to its clone directory's tools",
      BITBUCKET('cd /opt/atlassian/pipelines/agent/build/tools && ./ship.sh'),
    ],
    [
      'a Bitbucket Pipelines step naming its clone directory, as $BITBUCKET_CLONE_DIR',
      BITBUCKET('bash $BITBUCKET_CLONE_DIR/tools/ship.sh'),
    ],
    ["a Drone step after cd to its workspace's tools", DRONE('cd /drone/src/tools && ./ship.sh')],
    ['a Drone step naming its workspace', DRONE('bash /drone/src/tools/ship.sh')],
    [
      'a step of a Drone Starlark pipeline after cd to its workspace',
      {
        '.drone.star':
          'def main(ctx):\n    return {"kind": "pipeline", "steps": [{"name": "release", "commands": ["cd /drone/src/tools && ./ship.sh"]}]}\n',
      },
    ],
    [
      'a Drone step naming its workspace as $DRONE_WORKSPACE',
      DRONE('cd $DRONE_WORKSPACE/tools && ./ship.sh'),
    ],
    [
      'a Woodpecker step after cd to its workspace, $CI_WORKSPACE',
      {
        '.woodpecker/release.yml':
          'when:\n  event: tag\nsteps:\n  - name: release\n    image: alpine\n    commands:\n      - cd $CI_WORKSPACE/tools && ./ship.sh\n',
      },
    ],
    [
      "a container action's entrypoint after cd /github/workspace/tools",
      CONTAINER_ACTION('cd /github/workspace/tools && ./ship.sh\n'),
    ],
    [
      "a container action's entrypoint naming /github/workspace/tools/ship.sh",
      CONTAINER_ACTION('bash /github/workspace/tools/ship.sh\n'),
    ],
  ])('reads the script %s from the checkout', (_how, files) => {
    const { files: read, diagnostics } = scan(repo({ ...files, 'tools/ship.sh': 'x\n' }));
    expect(read.map((f) => f.path)).toContain('tools/ship.sh');
    expect(diagnostics).toEqual([]);
  });

  it("reads a Cloud Build step's scripts from its dir:, and the other steps' from the checkout", () => {
    const root = repo({
      'cloudbuild.yaml':
        "steps:\n  - name: ubuntu\n    dir: tools\n    args: ['-c', './ship.sh']\n  - name: ubuntu\n    args: ['-c', './build.sh']\n  - name: ubuntu\n    dir: /opt/app\n    args: ['-c', './push.sh']\n",
      'build.sh': 'x\n',
      'push.sh': 'x\n',
      'ship.sh': 'x\n',
      'tools/build.sh': 'x\n',
      'tools/ship.sh': 'x\n',
    });
    const { files, diagnostics } = scan(root);
    expect(files.map((f) => f.path).sort()).toEqual([
      'build.sh',
      'cloudbuild.yaml',
      'tools/ship.sh',
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual([
      'cloudbuild.yaml runs ./push.sh (/opt/app/push.sh), which is outside the scan root: it is not read, and what it does is not scanned',
    ]);
  });

  it.each([
    [
      'a Makefile in a folder, whose cd .. may enter the root',
      'web/Makefile',
      'cd .. && bash ship.sh',
    ],
    ['a Makefile in a folder, naming ../', 'web/Makefile', 'bash ../ship.sh'],
  ])('says nothing of a script %s', (_how, path, recipe) => {
    const root = repo({ [path]: `ship:\n\t${recipe}\n`, 'ship.sh': 'x\n' });
    expect(scan(root).diagnostics.filter((d) => d.code === 'path-outside-root')).toEqual([]);
  });

  it('reads the script a cd .. of a Makefile in a folder enters the root for', () => {
    const root = repo({
      'web/Makefile': 'ship:\n\tcd .. && bash ship.sh\n',
      'ship.sh': 'x\n',
    });
    expect(readByScan(root)).toEqual(['ship.sh', 'web/Makefile']);
  });

  it('adds the scripts those scripts run, inside the root, sixteen levels deep', () => {
    // A chain of scripts, each running the next: package.json runs s0.sh, s0.sh runs s1.sh, …
    const chain = Object.fromEntries(
      Array.from({ length: 20 }, (_, i) => [`bin/s${i}.sh`, `bash bin/s${i + 1}.sh\n`]),
    );
    const root = repo({
      'package.json': JSON.stringify({ scripts: { build: 'bash bin/s0.sh' } }),
      'deploy.sh': 'sh infrastructure/s3_bucket.sh\nsh ../../etc/evil.sh\n',
      'infrastructure/s3_bucket.sh': 'x\n',
      ...chain,
    });
    const followed = Array.from({ length: 16 }, (_, i) => `bin/s${i}.sh`);
    const expected = ['deploy.sh', 'infrastructure/s3_bucket.sh', 'package.json', ...followed];
    const read: string[] = [];
    const { diagnostics } = extractLinks(root, listBuildFiles(root), {
      onComments: (path) => read.push(path),
      followScripts: () => true,
    });
    expect(read.sort()).toEqual(expected.sort());
    expect(diagnostics).toEqual([
      // Not read, and not in silence.
      {
        severity: 'warning',
        code: 'path-outside-root',
        message:
          'deploy.sh runs ../../etc/evil.sh, which is outside the scan root: it is not read, and what it does is not scanned',
        range: expect.objectContaining({
          file: 'deploy.sh',
          start: expect.objectContaining({ line: 2, column: 4 }),
        }),
      },
      {
        severity: 'error',
        code: 'build-follow-too-deep',
        message:
          'bin/s15.sh runs bin/s16.sh, 17 levels of scripts and included files down from the build files, deeper than the 16 that are followed: it was not read, and the links in it and in what it runs were not checked',
        range: expect.objectContaining({
          file: 'bin/s15.sh',
          start: expect.objectContaining({ line: 1, column: 6 }),
        }),
      },
    ]);
  });

  it.each([
    ['runs', (i: number) => `s${i}.sh`, (next: string) => `bash ${next}\n`, 1],
    [
      'includes',
      (i: number) => (i === 0 ? '.gitlab-ci.yml' : `ci/${i}.yml`),
      (next: string) => `include:\n  - local: ${next}\n`,
      2,
    ],
  ])(
    'follows files that the one above %s 16 levels deep; the 17th is an error where named',
    (how, path, names, line) => {
      /** Files 0 … `depth`, each naming the next but the last. */
      const chain = (depth: number) =>
        repo(
          Object.fromEntries(
            Array.from({ length: depth + 1 }, (_, i) => [
              path(i),
              i === depth ? 'x\n' : names(path(i + 1)),
            ]),
          ),
        );
      const follow = (depth: number) =>
        extractLinks(chain(depth), [path(0)], { followScripts: () => true }).diagnostics;
      expect(follow(16)).toEqual([]);
      const [error, ...others] = follow(17);
      expect(others).toEqual([]);
      expect(error).toMatchObject({
        severity: 'error',
        code: 'build-follow-too-deep',
        range: { file: path(16), start: { line } },
      });
      expect(error?.message).toContain(`${path(16)} ${how} ${path(17)}, 17 levels`);
    },
  );

  it('listed by name, then followed while extracting, are the same files, each read once', () => {
    const root = repo({
      'package.json': JSON.stringify({ scripts: { release: 'bash scripts/ship.sh' } }),
      '.github/workflows/ci.yml': 'on: push\njobs:\n  a:\n    steps:\n      - run: ./ci/check.sh\n',
      'scripts/ship.sh': 'aws s3 cp dist s3://acme-releases/ --acl public-read\n',
      'ci/check.sh': 'x\n',
      'ci/skipped.sh': 'x\n',
    });
    const read: string[] = [];
    const result = extractLinks(root, listBuildFiles(root), {
      onComments: (path) => read.push(path),
      followScripts: (path) => path !== 'ci/check.sh',
    });
    expect(listBuildFiles(root)).toEqual(['.github/workflows/ci.yml', 'package.json']);
    expect(read).toEqual(['.github/workflows/ci.yml', 'package.json', 'scripts/ship.sh']);
    expect(readByScan(root)).toEqual([...read, 'ci/check.sh'].sort());
    expect(result.links.map((l) => `${l.range.file} ${l.url}`)).toEqual([
      'scripts/ship.sh s3://acme-releases/',
    ]);
  });

  it('reads a build file that is a symlink inside the root, by its own name', () => {
    const root = repo({
      'ci/release.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - run: aws s3 cp x s3://acme-releases/ --acl public-read\n',
    });
    mkdirSync(join(root, '.github/workflows'), { recursive: true });
    symlinkSync('../../ci/release.yml', join(root, '.github/workflows/release.yml'));
    const result = extractLinks(root, listBuildFiles(root));
    expect(result.diagnostics).toEqual([]);
    expect(result.links.map((l) => `${l.range.file} ${l.usage}`)).toEqual([
      '.github/workflows/release.yml public-upload',
    ]);
  });

  it.each([
    [
      'a symlink loop',
      (path: string) => symlinkSync('package.json', path),
      'error cannot be read: its symbolic links loop',
    ],
    [
      'a symlink to nothing',
      (path: string) => symlinkSync('gone.json', path),
      'error cannot be read: does not exist',
    ],
    [
      'a named pipe',
      (path: string) => expect(spawnSync('mkfifo', [path]).status).toBe(0),
      'error cannot be read: not a regular file',
    ],
    [
      'a symlink out of the root',
      (path: string) => symlinkSync(join(repo({ 'package.json': '{}' }), 'package.json'), path),
      'error it is a symbolic link leading out of the scan root, to a file of the machine that scans (not of the repository), which is never read',
    ],
    // It said "to a file", beside the Terraform walk's "to a directory" at the same link.
    [
      'a symlink out of the root to a directory',
      (path: string) => symlinkSync(repo({ 'package.json': '{}' }), path),
      'error it is a symbolic link leading out of the scan root, to a directory of the machine that scans (not of the repository), whose files are never read',
    ],
  ])('lists a build file that is %s, and reading it says so', (_what, make, said) => {
    const root = repo({});
    make(join(root, 'package.json'));
    expect(listBuildFiles(root)).toEqual(['package.json']);
    const { diagnostics } = extractLinks(root, ['package.json']);
    expect(diagnostics.map((d) => `${d.severity} ${d.message}`)).toEqual([said]);
  });

  // A file whose content tells whether it is a build file (a `.buildkite/*.yml` declaring `steps:`,
  // a root formula) was read to tell, where a symlink led, out of the root too: a file of the
  // machine that scans decided whether the link was reported, or skipped without a word.
  it.each([
    ['.buildkite/deploy.yml', 'out of', 'steps:\n  - command: make\n', ['.buildkite/deploy.yml']],
    ['.buildkite/deploy.yml', 'out of', 'just text\n', ['.buildkite/deploy.yml']],
    ['acme.rb', 'out of', 'class Acme < Formula\nend\n', ['acme.rb']],
    ['acme.rb', 'out of', 'puts 1\n', ['acme.rb']],
    // Inside the root, what the file declares tells, as ever.
    ['.buildkite/deploy.yml', 'inside', 'just text\n', []],
  ])(
    'lists %s, a symlink %s the root to a file holding %j, by what its name may be when out',
    (name, where, text, listed) => {
      const outside = repo({ target: text });
      const root = repo({ target: text });
      mkdirSync(join(root, '.buildkite'));
      symlinkSync(join(where === 'inside' ? root : outside, 'target'), join(root, name));
      expect(listBuildFiles(root)).toEqual(listed);
      const { diagnostics } = extractLinks(root, listed);
      expect(diagnostics.map((d) => `${d.code} ${d.range.file}`)).toEqual(
        listed.map((file) => `build-file-unreadable ${file}`),
      );
    },
  );

  it('says where a script that is run is not in the repository, and where it leads out', () => {
    const outside = repo({ 'ship.sh': 'aws s3 cp x s3://acme-releases/ --acl public-read\n' });
    const root = repo({
      '.github/workflows/release.yml':
        'on: push\njobs:\n  a:\n    steps:\n      - run: ./scripts/generated.sh && ./scripts/ship.sh\n',
    });
    mkdirSync(join(root, 'scripts'));
    symlinkSync(join(outside, 'ship.sh'), join(root, 'scripts/ship.sh'));
    const { links, diagnostics } = extractLinks(root, listBuildFiles(root), {
      followScripts: () => true,
    });
    expect(links).toEqual([]);
    expect(
      diagnostics.map((d) => `${d.severity} ${d.code} ${formatRange(d.range)} ${d.message}`),
    ).toEqual([
      'info build-script-missing .github/workflows/release.yml:5:14 .github/workflows/release.yml runs ./scripts/generated.sh, which is not in the repository (it may be made during the build); what it does is not scanned',
      'error build-file-unreadable scripts/ship.sh:1:1 it is a symbolic link leading out of the scan root, to a file of the machine that scans (not of the repository), which is never read',
    ]);
  });

  it.each([
    [
      'a drive',
      'call "C:\\Program Files (x86)\\Microsoft Visual Studio\\2019\\Enterprise\\VC\\Auxiliary\\Build\\vcvars64.bat" x64',
    ],
    ["cmd's variable", 'call "%ProgramFiles%\\Microsoft Visual Studio\\VC\\vcvars64.bat"'],
    ["PowerShell's variable", '& "${env:ProgramFiles(x86)}\\Some Tool\\bin\\setup.ps1"'],
  ])('takes the rest of a quoted path from %s with spaces for no script', (_from, command) => {
    const root = repo({
      '.github/workflows/ci.yml': `on: push\njobs:\n  a:\n    runs-on: windows-latest\n    steps:\n      - run: |\n          ${command}\n          "C:\\Program Files\\Git\\bin\\bash.exe" tools\\ship.sh\n          pwsh -Command "& .\\tools\\ship.ps1"\n`,
      'tools/ship.sh': 'x\n',
      'tools/ship.ps1': 'x\n',
    });
    const { files, diagnostics } = scan(root);
    expect(files.map((file) => file.path).sort()).toEqual([
      '.github/workflows/ci.yml',
      'tools/ship.ps1',
      'tools/ship.sh',
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('says which directories it could not list, rather than take them for empty', () => {
    const root = repo({ 'package.json': '{}', '.github/workflows/release.yml': 'on: push\n' });
    const unlisted: string[] = [];
    const files = listBuildFiles(root, {
      listDirectory: (dir) =>
        dir.endsWith('/.github')
          ? Object.assign([], { unreadable: 'EACCES' })
          : readdirSync(dir, { withFileTypes: true }),
      onUnlisted: (dir, reason) => unlisted.push(`${dir} ${reason}`),
    });
    expect(files).toEqual(['package.json']);
    expect(unlisted).toEqual(['.github EACCES']);
  });

  it('applies include globs, and leaves out what is excluded', () => {
    const root = repo({
      'package.json': '{}',
      'examples/package.json': '{}',
      'deploy/upload.sh': 'x\n',
      'ops/settings.conf': 'x\n',
    });
    mkdirSync(join(root, 'empty'));
    const found = listBuildFiles(root, {
      include: ['deploy/*.sh', 'ops/**/*.conf'],
      excluded: (path) => path === 'examples',
    });
    expect(found).toEqual(['deploy/upload.sh', 'ops/settings.conf', 'package.json']);
  });

  const long = `ci/${'a'.repeat(60)}.yml`;
  it.each([
    ['*', ['.dot.txt', 'a.txt']],
    ['ci/*.yml', ['ci/.hidden.yml', 'ci/a.yml', long]],
    ['ci/?.yml', ['ci/a.yml']],
    ['**/*.yml', ['ci/.hidden.yml', 'ci/a.yml', 'ci/deep/b.yml', long]],
    ['ci/**', ['ci/.hidden.yml', 'ci/a.yml', 'ci/deep/b.yml', 'ci/deep/c.sh', long]],
    ['{ci/deep,other}/*.sh', ['ci/deep/c.sh']],
    ['ci/deep/[bc].*', ['ci/deep/b.yml', 'ci/deep/c.sh']],
    ['!ci/a.yml', []],
    // A glob the repository writes (a GitLab `include:`) cannot hang the scan: picomatch's RegExp
    // took minutes on the long name, each `*a` more multiplying it.
    [`ci/${'*a'.repeat(14)}*b.yml`, []],
    [`ci/${'*a'.repeat(14)}*.yml`, [long]],
  ])('include %s: files only, none skipped, excluded or through a symlink', (glob, expected) => {
    const root = repo({
      '.dot.txt': '',
      'a.txt': '',
      'ci/a.yml': '',
      'ci/.hidden.yml': '',
      'ci/deep/b.yml': '',
      'ci/deep/c.sh': '',
      [long]: '',
      'ci/node_modules/d.yml': '',
      'ci/excluded/e.yml': '',
    });
    symlinkSync(repo({ 'f.yml': '' }), join(root, 'ci/linked'));
    const files = listBuildFiles(root, { include: [glob], excluded: (p) => p === 'ci/excluded' });
    expect(files.sort()).toEqual([...expected].sort());
  });
});

// An absolute path looped for ever: posix.dirname('/') is '/' (clitail, session 25).
describe('excludedWithin', () => {
  it.each([
    ['infra/main.tf', ['infra'], true],
    ['infra/main.tf', ['web'], false],
    ['/abs/infra/main.tf', ['/abs/infra'], true],
    ['/abs/infra/main.tf', ['web'], false],
  ])('%s under %j: %s', (file, excluded, expected) => {
    expect(excludedWithin(file, (path) => excluded.includes(path))).toBe(expected);
  });
});
