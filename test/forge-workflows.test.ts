import { expect, it } from 'vitest';
import { runCli } from './support/cli.js';
import { tempTree } from './support/temp-dirs.js';

/**
 * Gitea and Forgejo run GitHub's workflows from their own directories: a link in one is reported
 * as found in a Gitea or Forgejo workflow, in the text, JSON and SARIF reports alike.
 */
const WORKFLOW =
  'on: { push: { tags: ["v*"] } }\njobs:\n  r:\n    steps:\n      - run: curl -fsSLO https://pub-3f9a2b1c4d5e6f708192a3b4c5d6e7f8.r2.dev/acme/cli.tgz\n';

it.each([
  ['.github', 'github-workflow'],
  ['.gitea', 'gitea-workflow'],
  ['.forgejo', 'forgejo-workflow'],
])('a link in a workflow of %s is said to be in a %s', async (dir, label) => {
  const root = tempTree('forge', { [`${dir}/workflows/release.yml`]: WORKFLOW });
  const placed = `${label} (jobs.r.steps[0].run) links to a public r2.dev URL`;
  const text = await runCli(['scan', root, '--no-color']);
  expect(text.stdout).toContain(placed);
  const json = JSON.parse((await runCli(['scan', root, '-f', 'json'])).stdout) as {
    findings: { message: string; properties: { fileType: string } }[];
  };
  expect(json.findings.map((f) => [f.message.startsWith(placed), f.properties.fileType])).toEqual([
    [true, label],
  ]);
  const sarif = JSON.parse((await runCli(['scan', root, '-f', 'sarif'])).stdout) as {
    runs: { results: { message: { text: string }; properties: { fileType: string } }[] }[];
  };
  expect(
    sarif.runs[0]!.results.map((r) => [r.message.text.startsWith(placed), r.properties.fileType]),
  ).toEqual([[true, label]]);
});
