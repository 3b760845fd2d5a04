/** Bitbucket Pipelines: the aws-s3-deploy pipe runs `aws s3 sync` with its ACL and EXTRA_ARGS. */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it.each([
  ['ACL', "ACL: 'public-read'", 'public-upload'],
  ['an --acl option in EXTRA_ARGS', "EXTRA_ARGS: '--acl public-read'", 'public-upload'],
  [
    'one among others',
    "EXTRA_ARGS: '--delete --acl=public-read --cache-control max-age=60'",
    'public-upload',
  ],
  [
    'a grant to everyone',
    "EXTRA_ARGS: '--grants read=uri=http://acs.amazonaws.com/groups/global/AllUsers'",
    'public-upload',
  ],
  ['options that set no ACL', "EXTRA_ARGS: '--delete --exclude *.map'", 'upload'],
  ['a private ACL', "EXTRA_ARGS: '--acl private'", 'upload'],
])("reads the aws-s3-deploy pipe's ACL from %s", (_name, variable, usage) => {
  const text = `pipelines:
  tags:
    'v*':
      - step:
          script:
            - pipe: atlassian/aws-s3-deploy:1.1.0
              variables:
                S3_BUCKET: acme-releases/cli
                LOCAL_PATH: dist
                ${variable}
`;
  const { links } = scanText('bitbucket-pipelines.yml', text);
  expect(links.map((l) => [l.bucket, l.usage, l.releaseStep])).toEqual([
    ['acme-releases', usage, 'release'],
  ]);
});
