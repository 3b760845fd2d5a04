/** Serverless Framework deploys: the deployment bucket, and the plugins that upload a site. */
import { describe, expect, it } from 'vitest';
import { repo, scan } from './helpers.js';

describe('Serverless site plugins', () => {
  it('serverless-finch makes its bucket a public website; serverless-s3-sync uploads with its acl', () => {
    const text = `service: site
provider:
  name: aws
  environment:
    ASSETS: https://acme-assets.s3.amazonaws.com/
custom:
  client:
    bucketName: acme-site
  s3Sync:
    - bucketName: acme-downloads
      localDir: dist
      acl: public-read
    - bucketName: acme-private
      localDir: internal
`;
    const { links } = scan(repo({ 'serverless.yml': text }));
    expect(links.map((l) => [l.url, l.usage, l.releaseStep])).toEqual([
      ['https://acme-assets.s3.amazonaws.com/', 'download', false],
      ['acme-site', 'public-upload', 'release'],
      ['acme-downloads', 'public-upload', 'release'],
      ['acme-private', 'upload', 'release'],
    ]);
  });

  it('serverless-finch with manageResources: false leaves the bucket as it is', () => {
    const text = 'custom:\n  client:\n    bucketName: acme-site\n    manageResources: false\n';
    const { links } = scan(repo({ 'serverless.yml': text }));
    expect(links.map((l) => l.usage)).toEqual(['upload']);
  });
});
