import { Unknown, type PolicyStatement } from '@posture/model';
import rule from '../../src/s3/s3-cloudfront-unscoped.js';
import { attribute, LINE, pab, policy, s3Bucket, statement, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const FIRST = LINE.policy + 1;
const CLOUDFRONT = { Service: 'cloudfront.amazonaws.com' };
const DISTRIBUTION = 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE';

/** `arn:aws:cloudfront::${account}:distribution/*`, its account not known before apply. */
const accountArn = (account: Unknown) =>
  new Unknown(account.refs, account.reason, {
    pieces: ['arn:aws:cloudfront::', account, ':distribution/*'],
  });

/** "Let CloudFront read the bucket", as the repro and many tutorials write it. */
const withPolicy = (...statements: Partial<PolicyStatement>[]) =>
  s3Bucket({
    policies: [
      policy(
        statements.map((s, i) =>
          statement({ sid: 'CloudFrontRead', principal: CLOUDFRONT, ...s }, i),
        ),
      ),
    ],
  });

testRule(rule, {
  valid: [
    { name: 'no policy', subject: s3Bucket() },
    {
      name: 'SourceArn of one distribution',
      subject: withPolicy({ conditions: { StringEquals: { 'AWS:SourceArn': DISTRIBUTION } } }),
    },
    {
      name: 'SourceArn computed from the distribution resource',
      subject: withPolicy({
        conditions: {
          StringEquals: { 'aws:SourceArn': attribute('aws_cloudfront_distribution.d.arn') },
        },
      }),
    },
    {
      name: 'every distribution of the account a data source reads: one account',
      subject: withPolicy({
        conditions: {
          ArnLike: {
            'AWS:SourceArn': accountArn(attribute('data.aws_caller_identity.current.account_id')),
          },
        },
      }),
    },
    {
      name: 'SourceAccount of a known account',
      subject: withPolicy({
        conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } },
      }),
    },
    {
      name: 'every distribution of one account: a wildcard after the part that names the owner',
      subject: withPolicy({
        conditions: {
          StringLike: { 'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/*' },
        },
      }),
    },
    {
      name: 'a guard that denies everyone outside the account',
      subject: withPolicy(
        {},
        {
          sid: 'DenyOthers',
          effect: 'Deny',
          principal: '*',
          actions: ['s3:*'],
          conditions: { StringNotEquals: { 'aws:SourceAccount': '111122223333' } },
        },
      ),
    },
    {
      name: "another service's principal",
      subject: withPolicy({ principal: { Service: 'logging.s3.amazonaws.com' } }),
    },
    {
      name: 'Principal "*" is s3-public-policy\'s',
      subject: withPolicy({ principal: '*' }),
    },
    { name: 'a Deny', subject: withPolicy({ effect: 'Deny' }) },
    {
      name: "an unreadable policy is s3-public-policy's",
      subject: s3Bucket({ policies: [policy([], 'computed at apply')] }),
    },
  ],
  invalid: [
    {
      name: 'no condition: any distribution of any account',
      subject: withPolicy({}),
      findings: [
        {
          severity: 'high',
          line: FIRST,
          message:
            /is readable through any AWS account's CloudFront distribution\. Statement "CloudFrontRead" of aws_s3_bucket_policy\.releases grants s3:GetObject to Principal \{"Service":"cloudfront\.amazonaws\.com"\} with no condition on aws:SourceArn or aws:SourceAccount/,
        },
      ],
    },
    {
      name: 'a wildcard account in the SourceArn names no one',
      subject: withPolicy({
        conditions: { StringLike: { 'AWS:SourceArn': 'arn:aws:cloudfront::*:distribution/*' } },
      }),
      findings: [{ severity: 'high', line: FIRST }],
    },
    {
      name: 'Block Public Access does not close it: a service principal is not public to AWS',
      subject: { ...withPolicy({}), publicAccessBlock: pab() },
      findings: [{ severity: 'high', line: FIRST }],
    },
    {
      name: 'a list of services, written in another case, from a policy document',
      subject: withPolicy({
        principal: { service: ['ec2.amazonaws.com', 'CloudFront.amazonaws.com'] },
      }),
      findings: [{ severity: 'high', line: FIRST }],
    },
    {
      name: 'SourceArn IfExists holds when the key is absent: narrows nothing',
      subject: withPolicy({
        conditions: { StringEqualsIfExists: { 'aws:SourceArn': DISTRIBUTION } },
      }),
      findings: [{ severity: 'high', line: FIRST }],
    },
    {
      name: 'listing the bucket only is rated lower',
      subject: withPolicy({
        actions: ['s3:ListBucket'],
        resources: ['arn:aws:s3:::acme-releases'],
      }),
      findings: [{ severity: 'medium', line: FIRST }],
    },
    {
      name: 'every distribution of an account a variable with no value names: may be any',
      subject: withPolicy({
        conditions: {
          ArnLike: { 'AWS:SourceArn': accountArn(unknown([], 'variable account has no value')) },
        },
      }),
      findings: [{ severity: 'medium', line: FIRST }],
    },
    {
      name: 'a SourceArn from a variable with no value is not provably private',
      subject: withPolicy({
        conditions: {
          StringEquals: { 'aws:SourceArn': unknown([], 'variable cf_arn has no value') },
        },
      }),
      findings: [{ severity: 'medium', line: FIRST, message: /not known before apply/ }],
    },
  ],
});
