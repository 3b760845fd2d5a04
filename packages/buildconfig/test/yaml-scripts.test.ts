/**
 * Commands in YAML build files, however the scalar holding them is written: YAML hands the shell
 * the same string for a plain, quoted or folded scalar, so each is read as the same command.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

const UPLOAD = 'aws s3 cp dist/cli.tgz s3://dst/cli.tgz --acl public-read';

const WORKFLOW = '.github/workflows/release.yml';
const workflow = (run: string) =>
  `on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - run: ${run}\n`;

it.each([
  ['plain', WORKFLOW, workflow(UPLOAD)],
  ['double-quoted', WORKFLOW, workflow(`"${UPLOAD}"`)],
  ['single-quoted', WORKFLOW, workflow(`'${UPLOAD}'`)],
  [
    'double-quoted with escaped quotes',
    WORKFLOW,
    workflow(`"aws s3 cp \\"dist\\" \\"s3://dst/cli.tgz\\" --acl public-read"`),
  ],
  [
    'double-quoted over lines',
    WORKFLOW,
    workflow(`"aws s3 cp dist/cli.tgz\n          s3://dst/cli.tgz --acl public-read"`),
  ],
  [
    'plain over lines',
    WORKFLOW,
    workflow(`aws s3 cp dist/cli.tgz\n          s3://dst/cli.tgz --acl public-read`),
  ],
  [
    'folded',
    WORKFLOW,
    workflow(
      `>\n          aws s3 cp dist/cli.tgz\n          s3://dst/cli.tgz\n          --acl public-read`,
    ),
  ],
  [
    'folded, stripped',
    WORKFLOW,
    workflow(`>-\n          aws s3 cp dist/cli.tgz\n          s3://dst/cli.tgz --acl public-read`),
  ],
  ['literal', WORKFLOW, workflow(`|\n          echo start\n          ${UPLOAD}`)],
  ['quoted', 'buildspec.yml', `phases:\n  build:\n    commands:\n      - "${UPLOAD}"\n`],
  ['quoted', '.gitlab-ci.yml', `release:\n  script:\n    - '${UPLOAD}'\n`],
  ['quoted', 'Taskfile.yml', `version: '3'\ntasks:\n  release:\n    cmds:\n      - "${UPLOAD}"\n`],
])('reads a %s command in %s', (_how, path, text) => {
  const { links } = scanText(path, text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['dst', 'public-upload']]);
});

it('keeps the line breaks a folded scalar keeps (a blank line) and those of a literal block', () => {
  const folded = workflow(
    `>\n          aws s3 cp dist/cli.tgz s3://dst/a\n\n          --acl public-read`,
  );
  const literal = workflow(
    `|\n          aws s3 cp dist/cli.tgz s3://dst/a\n          --acl public-read`,
  );
  for (const text of [folded, literal]) {
    const { links } = scanText(WORKFLOW, text);
    expect(links.map((l) => [l.bucket, l.usage])).toEqual([['dst', 'upload']]);
  }
});
