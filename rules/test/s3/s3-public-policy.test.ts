import { NARROWING_CONDITION_KEYS } from '../../src/exposure/policy.js';
import rule from '../../src/s3/s3-public-policy.js';
import { LINE, pab, policy, s3Bucket, statement, unknown } from '../support/facts.js';
import { testRule } from '../support/tester.js';

const FIRST = LINE.policy + 1;

/** A specific value of the right shape for each narrowing key. */
const SPECIFIC: Record<string, string> = {
  'aws:SourceIp': '203.0.113.0/24',
  'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE',
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/deploy',
  's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:111122223333:accesspoint/releases',
};

const withPolicy = (...statements: Parameters<typeof statement>[0][]) =>
  s3Bucket({ policies: [policy(statements.map((s, i) => statement(s, i)))] });

testRule(rule, {
  valid: [
    { name: 'no policy', subject: s3Bucket() },
    {
      name: 'an account principal',
      subject: withPolicy({ principal: { AWS: 'arn:aws:iam::111122223333:root' } }),
    },
    {
      name: 'a service principal (CloudFront OAC)',
      subject: withPolicy({ principal: { Service: 'cloudfront.amazonaws.com' } }),
    },
    {
      name: 'Deny with Principal "*" is hardening',
      subject: withPolicy({
        effect: 'Deny',
        actions: ['s3:*'],
        conditions: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    },
    ...NARROWING_CONDITION_KEYS.map((key) => ({
      name: `narrowed by ${key}`,
      subject: withPolicy({
        conditions: { StringEquals: { [key]: [SPECIFIC[key] ?? 'o-a1b2c3d4e5'] } },
      }),
    })),
    {
      name: 'narrowing keys are case-insensitive',
      subject: withPolicy({ conditions: { StringEquals: { 'AWS:SOURCEVPCE': 'vpce-1a2b3c4d' } } }),
    },
    {
      name: 'ForAnyValue: narrows',
      subject: withPolicy({
        conditions: {
          'ForAnyValue:StringEquals': {
            'aws:PrincipalOrgPaths': ['o-a1b2c3/r-ab12/ou-ab12-11111111/'],
          },
        },
      }),
    },
    {
      name: 'a principal computed from a resource (a role ARN known after apply) is that one role',
      subject: withPolicy({ principal: { AWS: [unknown(['aws_iam_role.reader.arn'])] } }),
    },
    {
      name: 'a narrowing value computed from a resource is that one endpoint',
      subject: withPolicy({
        conditions: { StringEquals: { 'aws:SourceVpce': unknown(['aws_vpc_endpoint.s3.id']) } },
      }),
    },
    {
      name: 'a public statement under restrict_public_buckets with an unknown value is provably private',
      subject: s3Bucket({
        policies: [policy([statement({ principal: unknown() })])],
        publicAccessBlock: pab(),
      }),
    },
  ],
  invalid: [
    ...(
      ['*', { AWS: '*' }, { AWS: ['*'] }, { AWS: ['arn:aws:iam::111122223333:root', '*'] }] as const
    ).map((principal) => ({
      name: `Principal ${JSON.stringify(principal)}`,
      subject: withPolicy({ principal }),
      findings: [
        {
          severity: 'critical' as const,
          line: FIRST,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is readable by anyone through its bucket policy\. Statement "PublicRead" of aws_s3_bucket_policy\.releases grants s3:GetObject to Principal .* with no narrowing condition\./,
        },
      ],
    })),
    {
      name: 'Allow with NotPrincipal is public',
      subject: withPolicy({
        principal: undefined,
        notPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
      }),
      findings: [
        {
          severity: 'critical',
          line: FIRST,
          message:
            /grants s3:GetObject to everyone outside its NotPrincipal with no narrowing condition/,
        },
      ],
    },
    {
      name: 'each public statement is a finding at its statement; Deny ones are not',
      subject: withPolicy(
        {
          sid: 'DenyHttp',
          effect: 'Deny',
          conditions: { Bool: { 'aws:SecureTransport': 'false' } },
        },
        { sid: 'Read' },
        { sid: 'List', actions: ['s3:ListBucket'] },
      ),
      findings: [
        { severity: 'critical', line: FIRST + 1, message: /Statement "Read"/ },
        {
          severity: 'critical',
          line: FIRST + 2,
          message: /Statement "List" of aws_s3_bucket_policy.releases grants s3:ListBucket to/,
        },
      ],
    },
    ...[
      'StringNotEquals',
      'NotIpAddress',
      'StringEqualsIfExists',
      'ForAllValues:StringEquals',
      'Null',
    ].map((operator) => ({
      name: `${operator} does not narrow`,
      subject: withPolicy({ conditions: { [operator]: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    ...['*', '0.0.0.0/0', '::/0', ''].map((value) => ({
      name: `a match-all value ${JSON.stringify(value)} does not narrow`,
      subject: withPolicy({ conditions: { IpAddress: { 'aws:SourceIp': [value] } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    ...['arn:aws:iam::*', 'arn:aws:iam::*:*', 'arn:aws:s3:::*'].map((value) => ({
      name: `an ARN of any account and resource ${JSON.stringify(value)} does not narrow`,
      subject: withPolicy({ conditions: { ArnLike: { 'aws:PrincipalArn': value } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    {
      name: 'a list with one wildcard value does not narrow',
      subject: withPolicy({ conditions: { StringEquals: { 'aws:SourceVpce': ['vpce-1', '*'] } } }),
      findings: [{ severity: 'critical', line: FIRST }],
    },
    {
      name: 'a key that is not narrowing does not narrow',
      subject: withPolicy({ conditions: { Bool: { 'aws:SecureTransport': 'true' } } }),
      findings: [{ severity: 'critical', line: FIRST }],
    },
    {
      name: 'neutralised by restrict_public_buckets',
      subject: s3Bucket({
        policies: [policy([statement()])],
        publicAccessBlock: pab({ block_public_policy: false, ignore_public_acls: false }),
      }),
      findings: [
        {
          severity: 'low',
          line: FIRST,
          message:
            /has a public bucket policy, neutralised by restrict_public_buckets = true on aws_s3_bucket_public_access_block\.releases\./,
        },
      ],
    },
    {
      name: 'block_public_policy alone does not neutralise an existing policy',
      subject: s3Bucket({
        policies: [policy([statement()])],
        publicAccessBlock: pab({ restrict_public_buckets: false }),
      }),
      findings: [{ severity: 'critical', line: FIRST }],
    },
    {
      name: 'an unknown policy document is not provably private, at the policy',
      subject: s3Bucket({ policies: [policy([], 'policy = var.policy has no value')] }),
      findings: [
        {
          severity: 'medium',
          line: LINE.policy,
          message:
            /is not provably private: the policy document of aws_s3_bucket_policy\.releases cannot be read \(policy = var\.policy has no value\)\./,
        },
      ],
    },
    {
      name: 'a principal from a variable with no value is not provably private',
      subject: withPolicy({ principal: { AWS: [unknown([], 'variable reader has no value')] } }),
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message:
            /grants s3:GetObject to Principal \{"AWS":\["\(unknown\)"\]\}, and its principal is not known before apply/,
        },
      ],
    },
    {
      name: 'a narrowing value from a variable with no value is not provably private',
      subject: withPolicy({
        conditions: {
          StringEquals: { 'aws:SourceVpce': unknown([], 'variable vpce has no value') },
        },
      }),
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message: /its narrowing condition are not known before apply/,
        },
      ],
    },
  ],
});
