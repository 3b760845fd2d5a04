/**
 * Comments neither run nor are read by the build: a command in one opens nothing and uploads
 * nothing, and a link in one is no link — in every file type whose comments Posture knows, and in
 * the scripts written inside them (a `run: |` block, a recipe line, a Jenkinsfile's `sh` string).
 * Each file below runs one live upload to `live` and holds commented-out commands on `dead`.
 */
import { expect, it } from 'vitest';
import { shellComments } from '../src/comments.js';
import { extractCommandLinks } from '../src/index.js';
import { repo, scanText } from './helpers.js';

const OPEN = 'gsutil iam ch allUsers:objectViewer gs://dead';
const PUBLIC = 'gsutil cp -a public-read dist/x.tgz gs://dead/x.tgz';
const LIVE = 'gsutil cp dist/x.tgz gs://live/x.tgz';

const workflow = (steps: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n${steps}`;

it.each([
  ['a shell script', 'deploy.sh', `#!/bin/bash\n${LIVE}\n# ${OPEN}\n  #${PUBLIC}\n`],
  ['a trailing shell comment', 'deploy.sh', `${LIVE} # ${OPEN}\necho done;# ${PUBLIC}\n`],
  ['a PowerShell script', 'deploy.ps1', `${LIVE}\n# ${OPEN}\n<#\n${PUBLIC}\n#>\n`],
  [
    'a heredoc body, read as the script it writes',
    'deploy.sh',
    `cat > later.sh <<'EOF'\n# ${OPEN}\nEOF\n${LIVE}\n# ${PUBLIC}\n`,
  ],
  [
    'a YAML comment',
    '.github/workflows/release.yml',
    workflow(`      # - run: ${OPEN}\n      - run: ${LIVE} # ${PUBLIC}\n`),
  ],
  [
    'a comment in a run: | block',
    '.github/workflows/release.yml',
    workflow(`      - run: |\n          ${LIVE}\n          # ${OPEN}\n          # ${PUBLIC}\n`),
  ],
  [
    'a comment in a folded run: > block, which runs on to a blank line',
    '.github/workflows/release.yml',
    workflow(
      `      - run: >\n          ${LIVE}\n\n          # gsutil iam ch\n          allUsers:objectViewer gs://dead\n`,
    ),
  ],
  [
    'a comment in a GitLab script line',
    '.gitlab-ci.yml',
    `release:\n  script:\n    - ${LIVE}\n    # - ${OPEN}\n    - "echo start # ${PUBLIC}"\n`,
  ],
  [
    'a Makefile comment, inside a rule and out',
    'Makefile',
    `# ${OPEN}\nrelease:\n\t${LIVE}\n\t# ${OPEN}\n\t@echo done # ${PUBLIC}\n  # ${PUBLIC}\n`,
  ],
  [
    'a Makefile comment continued by a backslash',
    'Makefile',
    `release:\n\t${LIVE}\n\n# ${OPEN} \\\n  ${PUBLIC}\n`,
  ],
  [
    'a batch file',
    'deploy.cmd',
    `@echo off\n${LIVE}\nREM ${OPEN}\n  :: ${PUBLIC}\n@rem ${OPEN}\necho done & rem ${PUBLIC}\n`,
  ],
  [
    'a Dockerfile comment line, also inside a continued RUN',
    'Dockerfile',
    `FROM alpine\n# RUN ${OPEN}\nRUN ${LIVE} && \\\n    # ${PUBLIC}\n    echo done\n`,
  ],
  [
    'a Jenkinsfile comment, and one in an sh script',
    'Jenkinsfile',
    `pipeline {\n  stages {\n    stage('Release') {\n      steps {\n        // sh '${OPEN}'\n        /* sh '${PUBLIC}' */\n        sh '''\n          ${LIVE}\n          # ${OPEN}\n        '''\n      }\n    }\n  }\n}\n`,
  ],
])('reads no command in %s', (_what, path, text) => {
  const { links } = scanText(path, text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['live', 'upload']]);
});

it.each([
  ['a # inside a word', 'release.sh', `echo a#b; gsutil cp -a public-read x gs://live/x\n`],
  ['a quoted #', 'release.sh', `echo "#" '#'; gsutil cp -a public-read x gs://live/x\n`],
  ['${#array[@]}', 'release.sh', `echo \${#files[@]}; gsutil cp -a public-read x gs://live/x\n`],
  [
    'a // inside a Groovy string',
    'Jenkinsfile',
    `node {\n  sh "echo http://example.com; gsutil cp -a public-read x gs://live/x"\n}\n`,
  ],
  [
    'a # in a Makefile function call',
    'Makefile',
    `HASH := $(shell echo \\#)\nrelease:\n\tgsutil cp -a public-read x gs://live/x\n`,
  ],
])('reads the command after %s', (_what, path, text) => {
  const { links } = scanText(path, text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['live', 'public-upload']]);
});

it.each([
  [
    'an install script',
    'install.sh',
    '# pip install jax -f https://storage.googleapis.com/dead/jax_releases.html\ncurl -fsSLO https://storage.googleapis.com/live/cli.tgz\n',
  ],
  [
    'a Homebrew cask',
    'Casks/cli.rb',
    'cask "cli" do\n  # dead.s3.amazonaws.com/ was verified as official when first introduced to the cask\n  url "https://live.s3.amazonaws.com/cli-#{version}.pkg"\nend\n',
  ],
  [
    'a Gradle build',
    'build.gradle',
    'repositories {\n  // maven { url "https://dead.s3.amazonaws.com/maven" }\n  maven { url "https://live.s3.amazonaws.com/maven" }\n}\n',
  ],
  [
    'a Maven build',
    'pom.xml',
    '<project>\n  <!-- <url>https://dead.s3.amazonaws.com/maven</url> -->\n  <url>https://live.s3.amazonaws.com/maven</url>\n</project>\n',
  ],
  [
    'a workflow',
    '.github/workflows/ci.yml',
    workflow(
      '      # - run: curl -O https://dead.s3.amazonaws.com/x.tgz\n      - run: curl -O https://live.s3.amazonaws.com/x.tgz\n',
    ),
  ],
])('takes no link from a comment of %s', (_what, path, text) => {
  const { links } = scanText(path, text);
  expect(links.map((l) => l.bucket)).toEqual(['live']);
});

it('keeps a link in a JavaScript comment, which a bundler can ship', () => {
  const text = `// assets: https://acme-assets.s3.amazonaws.com/app/\nexport default {};\n`;
  const { links } = scanText('vite.config.ts', text);
  expect(links.map((l) => l.bucket)).toEqual(['acme-assets']);
});

it('reads no command in a comment of a Terraform provisioner', () => {
  const text = `# ${OPEN}\ngsutil iam ch allUsers:objectViewer gs://live\n`;
  const command = {
    file: 'main.tf',
    start: { line: 3, column: 5, offset: 40 },
    text,
    field: 'null_resource.publish provisioner "local-exec"',
    fileType: 'terraform',
  };
  const { links } = extractCommandLinks(repo({}), [command]);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['live', 'opens']]);
});

it.each([
  // Each body's terminator was shifted off the list of the line's heredocs: quadratic in them.
  [
    '200,000 heredocs begun on one line',
    `cat ${'<<A '.repeat(200_000)}\n${'A\n'.repeat(200_000)}# after\n`,
    1,
  ],
  // The comments of a body that does not end were spread into a call: past some 100,000 (by the
  // stack left) "Maximum call stack size exceeded" ended the scan; 3 MB of them did.
  [
    'a heredoc that never ends, of a million comments',
    `cat <<EOF\n${'$(x) # c\n'.repeat(1_000_000)}`,
    1_000_000,
  ],
])('reads the comments of %s', (_name, script, count) => {
  expect(shellComments(script)).toHaveLength(count);
});
