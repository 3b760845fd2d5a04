/** Azure Pipelines: the AWS Toolkit's tasks. */
import { expect, it } from 'vitest';
import { scanText } from './helpers.js';

it.each([
  ['a public upload', 'dist/cli.tgz s3://acme-cli/cli.tgz --acl public-read', 'public-upload'],
  ['a private upload', 'dist/cli.tgz s3://acme-cli/cli.tgz', 'upload'],
  ['a download', 's3://acme-cli/cli.tgz dist/', 'api'],
])('reads the AWSCLI task as the aws command it runs: %s', (_name, args, usage) => {
  const text = `steps:
- task: AWSCLI@1
  inputs:
    awsCredentials: aws
    awsCommand: s3
    awsSubCommand: cp
    awsArguments: '${args}'
`;
  const { links } = scanText('azure-pipelines.yml', text);
  expect(links.map((l) => [l.url, l.usage])).toEqual([['s3://acme-cli/cli.tgz', usage]]);
});
