/**
 * A deploy of a site — documentation, a website, (GitHub) Pages, as the names of its job, step,
 * target, script or file say — is no deploy step: the site is public by design, and its deploy says
 * nothing of what the build ships. A release step stays one whatever it uploads.
 */
import { expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

const UPLOAD = 'aws s3 sync public/ s3://acme-x/ --acl public-read';
const workflow = (job: string, step = 'Sync', on = 'push') =>
  `on: ${on}\njobs:\n  ${job}:\n    runs-on: ubuntu-latest\n    steps:\n      - name: ${step}\n        run: ${UPLOAD}\n`;

it.each([
  ['a job named deploy-docs', { '.github/workflows/ci.yml': workflow('deploy-docs') }, false],
  ['a job named deployDocs', { '.github/workflows/ci.yml': workflow('deployDocs') }, false],
  [
    'a job named docs with a Deploy step',
    { '.github/workflows/ci.yml': workflow('docs', 'Deploy') },
    false,
  ],
  [
    'a deploy job with a step deploying the website',
    { '.github/workflows/ci.yml': workflow('deploy', 'Deploy the website') },
    false,
  ],
  ['a gh-pages job', { '.github/workflows/ci.yml': workflow('gh-pages', 'Upload') }, false],
  [
    'a deploy job in a workflow file named for the docs',
    { '.github/workflows/docs.yml': workflow('deploy') },
    false,
  ],
  [
    'a GitLab job in a deploy stage named pages',
    { '.gitlab-ci.yml': `pages:\n  stage: deploy\n  script:\n    - ${UPLOAD}\n` },
    false,
  ],
  ['a Makefile target deploy-site', { Makefile: `deploy-site:\n\t${UPLOAD}\n` }, false],
  [
    'a package.json script deploy:docs',
    { 'package.json': JSON.stringify({ scripts: { 'deploy:docs': UPLOAD } }) },
    false,
  ],
  ['a script deploy-website.sh', { 'deploy-website.sh': `#!/bin/sh\n${UPLOAD}\n` }, false],
  ['a deploy job', { '.github/workflows/ci.yml': workflow('deploy') }, 'deploy'],
  [
    'a job named deploy-docker',
    { '.github/workflows/ci.yml': workflow('deploy-docker') },
    'deploy',
  ],
  ['a job named publish-docs', { '.github/workflows/ci.yml': workflow('publish-docs') }, 'release'],
  [
    'a deploy-docs job run for tags',
    { '.github/workflows/ci.yml': workflow('deploy-docs', 'Sync', "{ push: { tags: ['v*'] } }") },
    'release',
  ],
])('%s is a release step: %s', (_name, files, releaseStep) => {
  const { links } = scan(repo(files));
  expect(links.map((l) => l.releaseStep)).toEqual([releaseStep]);
});
