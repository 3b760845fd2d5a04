/**
 * Makefile recipes: each recipe line is a script, as make hands it to the shell — without its tab
 * and the `@`, `-` and `+` prefixes make removes first.
 */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it.each([
  ['\taws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t@aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t-aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t+aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t@-aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t-@ aws s3 cp x.tgz s3://dst/x/ --acl public-read', 'public-upload'],
  ['\t@aws s3 cp x.tgz \\\n\t\ts3://dst/x/ \\\n\t\t--acl public-read', 'public-upload'],
  ['\t@aws s3 cp x.tgz s3://dst/x/', 'upload'],
  ['\t@gsutil iam ch allUsers:objectViewer gs://dst', 'opens'],
  ['\t@aws s3api put-object-acl --bucket dst --key x.tgz --acl public-read', 'opens'],
])('reads the recipe line %j', (recipe, usage) => {
  const { links } = scanText('Makefile', `publish: build\n${recipe}\n`);
  expect(links.map((l) => [l.bucket, l.usage, l.field, l.releaseStep])).toEqual([
    ['dst', usage, 'publish', 'release'],
  ]);
});

it('ends a recipe line where it ends, not at a later continued line outside the rule', () => {
  const text = 'publish:\n\t@aws s3 cp x.tgz s3://dst/x/\nFLAGS = \\\n  --acl public-read\n';
  const { links } = scanText('Makefile', text);
  expect(links.map((l) => [l.bucket, l.usage])).toEqual([['dst', 'upload']]);
});
