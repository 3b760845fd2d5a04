/**
 * An inline orb's executors and jobs (`orbs.<alias>:` a map): a job uses an orb's executor as
 * `<alias>/<name>` (by name alone inside the orb), and its environment is the job's; the `run`
 * steps of an orb's jobs are scripts, with their job's and executor's environment, and those of
 * reusable commands, the configuration's and an orb's, are scripts too.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

const URL_STEP = 'curl -fsSLO "https://$BUCKET.s3.amazonaws.com/cli.tgz"';
const EXECUTOR =
  '    executors:\n      x:\n        docker: [{ image: cimg/base:stable }]\n        environment: { BUCKET: acme-releases }\n';

it.each([
  [
    "a job using an orb's executor",
    `orbs:\n  releaser:\n${EXECUTOR}jobs:\n  fetch:\n    executor: releaser/x\n    steps: [{ run: '${URL_STEP}' }]\n`,
    'jobs.fetch.steps[0].run',
  ],
  [
    "a job using an orb's executor with parameters",
    `orbs:\n  releaser:\n${EXECUTOR}jobs:\n  fetch:\n    executor: { name: releaser/x }\n    steps: [{ run: '${URL_STEP}' }]\n`,
    'jobs.fetch.steps[0].run',
  ],
  [
    "an orb's job, with its environment",
    `orbs:\n  releaser:\n    jobs:\n      fetch:\n        environment: { BUCKET: acme-releases }\n        steps:\n          - run: ${URL_STEP}\n`,
    'orbs.releaser.jobs.fetch.steps[0].run',
  ],
  [
    "an orb's job using the orb's executor by name",
    `orbs:\n  releaser:\n${EXECUTOR}    jobs:\n      fetch:\n        executor: x\n        steps:\n          - run: { command: '${URL_STEP}' }\n`,
    'orbs.releaser.jobs.fetch.steps[0].run.command',
  ],
  [
    "an orb's job assigning the variable in its script",
    `orbs:\n  releaser:\n    jobs:\n      fetch:\n        steps:\n          - run: |\n              BUCKET=acme-releases\n              ${URL_STEP}\n`,
    'orbs.releaser.jobs.fetch.steps[0].run',
  ],
  [
    'a reusable command assigning the variable in its script',
    `commands:\n  fetch:\n    steps:\n      - run: |\n          BUCKET=acme-releases\n          ${URL_STEP}\n`,
    'commands.fetch.steps[0].run',
  ],
  [
    "an orb's command assigning the variable in its script",
    `orbs:\n  releaser:\n    commands:\n      fetch:\n        steps:\n          - run: |\n              BUCKET=acme-releases\n              ${URL_STEP}\n`,
    'orbs.releaser.commands.fetch.steps[0].run',
  ],
])('resolves %s', (_name, body, field) => {
  const { links } = scanText('.circleci/config.yml', `version: 2.1\n${body}`);
  expect(links.map((l) => [l.field, l.url])).toEqual([
    [field, 'https://acme-releases.s3.amazonaws.com/cli.tgz'],
  ]);
});

it.each([
  [
    "a job using an executor of the top level's name, not the orb's",
    `orbs:\n  releaser:\n${EXECUTOR}jobs:\n  fetch:\n    executor: x\n    steps: [{ run: '${URL_STEP}' }]\n`,
  ],
  [
    "a job using a registry orb's executor",
    `orbs:\n  releaser: acme/releaser@1.0.0\njobs:\n  fetch:\n    executor: releaser/x\n    steps: [{ run: '${URL_STEP}' }]\n`,
  ],
  [
    "an orb's job using another orb's executor by name alone",
    `orbs:\n  other:\n${EXECUTOR}  releaser:\n    jobs:\n      fetch:\n        executor: x\n        steps:\n          - run: ${URL_STEP}\n`,
  ],
])('leaves unresolved %s', (_name, body) => {
  const { links } = scanText('.circleci/config.yml', `version: 2.1\n${body}`);
  expect(links.filter((l) => l.bucket === 'acme-releases')).toEqual([]);
});
