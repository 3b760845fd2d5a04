/** Gitea and Forgejo Actions run GitHub Actions workflows, kept in their own directories. */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it('reads Gitea and Forgejo Actions workflows as GitHub workflows', () => {
  for (const dir of ['.gitea', '.forgejo']) {
    const text =
      'on: { push: { tags: ["v*"] } }\njobs:\n  r:\n    steps:\n      - run: aws s3 cp x s3://acme-releases/\n';
    const { links } = scanText(`${dir}/workflows/release.yml`, text);
    expect(links.map((l) => [l.fileType, l.usage, l.releaseStep])).toEqual([
      ['github-workflow', 'upload', true],
    ]);
  }
});
