import type { PolicyStatement } from '@posture/model';
import { NARROWING_CONDITION_KEYS } from '../../src/exposure/policy.js';
import rule from '../../src/s3/s3-public-policy.js';
import {
  LINE,
  accessPoint,
  pab,
  policy,
  range,
  s3Bucket,
  statement,
  attribute,
  unknown,
} from '../support/facts.js';
import { testRule } from '../support/tester.js';

const FIRST = LINE.policy + 1;

/** A specific value of the right shape for each narrowing key. */
const SPECIFIC: Record<string, string> = {
  'aws:SourceIp': '203.0.113.0/24',
  'aws:SourceArn': 'arn:aws:cloudfront::111122223333:distribution/EDFDVBD6EXAMPLE',
  'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/deploy',
  's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:111122223333:accesspoint/releases',
};

/**
 * A value with a wildcard (or a policy variable) where it names the owner, for each narrowing key:
 * AWS counts only fixed values as narrowing, and `vpce-*` is every endpoint of every account.
 */
const WILDCARDED: Record<string, string> = {
  'aws:SourceVpce': 'vpce-*',
  'aws:SourceVpc': 'vpc-1a2b*',
  'aws:SourceIp': '203.0.113.*',
  'aws:PrincipalOrgID': 'o-*',
  'aws:PrincipalOrgPaths': 'o-*/r-ab12/*',
  'aws:PrincipalAccount': '11112222333?',
  'aws:PrincipalArn': 'arn:aws:iam::*:role/deploy',
  'aws:SourceArn': 'arn:aws:s3:::acme-*',
  'aws:SourceAccount': '${aws:PrincipalAccount}',
  'aws:SourceOrgID': 'o-a1b2*',
  'aws:SourceOrgPaths': '*/r-ab12/',
  'aws:VpceAccount': '*',
  'aws:userid': '*:deploy',
  'aws:username': 'deploy-*',
  's3:DataAccessPointAccount': '1111*',
  's3:DataAccessPointArn': 'arn:aws:s3:us-east-1:*:accesspoint/releases',
};

/** "Deny everything to everyone not coming through this VPC endpoint." */
const VPCE_GUARD = {
  sid: 'DenyOutsideVpc',
  effect: 'Deny',
  actions: ['s3:*'],
  resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'],
  conditions: { StringNotEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
} satisfies Partial<PolicyStatement>;

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
      name: 'addresses that leave part of the IPv4 space out narrow',
      subject: withPolicy({
        conditions: { IpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/2'] } },
      }),
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
      name: "an ARN of one account's resources narrows, and an S3 ARN has no account field",
      subject: withPolicy({
        conditions: {
          ArnLike: {
            'aws:SourceArn': [
              'arn:aws:cloudfront::111122223333:distribution/*',
              'arn:aws:s3:::acme-logs',
            ],
          },
        },
      }),
    },
    ...(
      [
        ['an ARN of one account', 'aws:SourceArn', 'arn:aws:cloudfront::111122223333:*'],
        ['the objects of one bucket', 'aws:SourceArn', 'arn:aws:s3:::acme-logs/*'],
        ["one role's sessions (AWS's own exception)", 'aws:userid', 'AROAEXAMPLEID:*'],
        ["one organisation's paths", 'aws:PrincipalOrgPaths', 'o-a1b2c3d4e5/*'],
      ] as const
    ).map(([what, key, value]) => ({
      name: `a wildcard past the owner narrows to it: ${what}`,
      subject: withPolicy({ conditions: { StringLike: { [key]: value } } }),
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
      name: 'a Deny to everyone outside a VPC endpoint guards an Allow to "*" (AWS\'s documented pattern)',
      subject: withPolicy({ sid: 'Read' }, { ...VPCE_GUARD }),
    },
    {
      name: 'a guard whose actions and resources match by wildcard',
      subject: withPolicy(
        { sid: 'Read', actions: ['s3:GetObject', 's3:GetObjectVersion'] },
        { ...VPCE_GUARD, actions: ['s3:Get*'], resources: ['arn:aws:s3:::acme-releases*'] },
      ),
    },
    {
      name: 'a guard with NotIpAddressIfExists: a request with no address is denied too',
      subject: withPolicy(
        { sid: 'Read' },
        {
          ...VPCE_GUARD,
          conditions: { NotIpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } },
        },
      ),
    },
    {
      name: 'a guard excluding a known network and an organisation (both must be missed to deny)',
      subject: withPolicy(
        { sid: 'Read' },
        {
          ...VPCE_GUARD,
          conditions: {
            NotIpAddress: { 'aws:SourceIp': ['203.0.113.0/24'] },
            StringNotEqualsIfExists: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
          },
        },
      ),
    },
    {
      name: 'a Deny to everyone outside a NotPrincipal, with no condition, denies anonymous callers',
      subject: withPolicy(
        { sid: 'Read' },
        {
          effect: 'Deny',
          principal: undefined,
          notPrincipal: { AWS: 'arn:aws:iam::111122223333:root' },
          actions: ['*'],
          resources: ['*'],
        },
      ),
    },
    {
      name: 'a guard with s3:* covers an Allow with NotAction',
      subject: withPolicy(
        { sid: 'Read', actions: ['s3:DeleteObject'], actionsExcluded: true },
        { ...VPCE_GUARD },
      ),
    },
    {
      name: 'a guard naming the same ARN known after apply',
      subject: withPolicy(
        { sid: 'Read', resources: ['${aws_s3_bucket.releases.arn}/*'] },
        {
          ...VPCE_GUARD,
          resources: ['${aws_s3_bucket.releases.arn}', '${aws_s3_bucket.releases.arn}/*'],
        },
      ),
    },
    {
      name: 'a principal computed from a resource (a role ARN known after apply) is that one role',
      subject: withPolicy({ principal: { AWS: [attribute('aws_iam_role.reader.arn')] } }),
    },
    {
      name: 'a narrowing value computed from a resource is that one endpoint',
      subject: withPolicy({
        conditions: { StringEquals: { 'aws:SourceVpce': attribute('aws_vpc_endpoint.s3.id') } },
      }),
    },
    {
      name: 'a public statement under restrict_public_buckets with an unknown value is provably private',
      subject: s3Bucket({
        policies: [policy([statement({ principal: unknown() })])],
        publicAccessBlock: pab(),
      }),
    },
    // AWS counts s3:Get* as public, but these read where the bucket is and how it is set up only.
    ...[
      ['s3:GetBucketLocation'],
      ['s3:GetBucketLocation', 's3:GetBucketVersioning', 's3:GetLifecycleConfiguration'],
      ['s3:GetBucketPolicyStatus', 'S3:GETBUCKETCORS'],
    ].map((actions) => ({
      name: `a statement allowing ${actions.join(', ')}, settings alone, opens nothing`,
      subject: withPolicy({
        actions,
        resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'],
      }),
    })),
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
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is open to anyone through its bucket policy\. Statement "PublicRead" of aws_s3_bucket_policy\.releases grants s3:GetObject to Principal .* with no narrowing condition\./,
        },
      ],
    })),
    ...(
      [
        [['s3:ListBucket'], 'high'],
        [['s3:GetBucketAcl'], 'low'],
        [['s3:PutObject'], 'critical'],
        [['s3:GetBucketAcl', 's3:GetObject'], 'critical'],
        [['s3:GetBucketLocation', 's3:ListBucket'], 'high'],
        [['s3:GetBucket*'], 'low'],
        [['s3:GetBucketPolicy'], 'critical'],
        [['s3:GetBucketLocation', 's3:PutLifecycleConfiguration'], 'critical'],
      ] as const
    ).map(([actions, severity]) => ({
      name: `a statement allowing ${actions.join(', ')}, rated by what it lets anyone do`,
      subject: withPolicy({
        actions: [...actions],
        resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'],
      }),
      findings: [{ severity, line: FIRST }],
    })),
    {
      name: 'a statement on the objects under a prefix says so',
      subject: withPolicy({ resources: ['arn:aws:s3:::acme-releases/public/*'] }),
      findings: [
        {
          severity: 'critical',
          line: FIRST,
          message:
            /is open to anyone through its bucket policy for the objects under "public\/"\. Statement "PublicRead"/,
        },
      ],
    },
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
      name: 'Allow with NotAction grants every action but the ones it names',
      subject: withPolicy({ actions: ['s3:DeleteObject'], actionsExcluded: true }),
      findings: [
        {
          severity: 'critical',
          line: FIRST,
          message: /grants every action but s3:DeleteObject to Principal "\*"/,
        },
      ],
    },
    // A plan holds a data.aws_iam_policy_document's rendering, `"Sid": ""` for each statement
    // written without one: findings named it `Statement ""`, where the configuration says
    // `A statement`.
    ...(
      [
        ['no sid', undefined],
        ['an empty sid, as a rendered policy document has it', ''],
      ] as const
    ).map(([what, sid]) => ({
      name: `a statement with ${what} is "a statement"`,
      subject: withPolicy({ sid }),
      findings: [
        {
          severity: 'critical' as const,
          line: FIRST,
          message: /bucket policy\. A statement of aws_s3_bucket_policy\.releases grants/,
        },
      ],
    })),
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
    {
      // NotIpAddress holds when the key is absent, and aws:SourceIp is absent on every request
      // through a VPC endpoint (IAM docs): excluding every address still admits those, from any
      // account, so this Allow stays public.
      name: 'an Allow outside every address still admits requests through VPC endpoints',
      subject: withPolicy({
        conditions: { NotIpAddress: { 'aws:SourceIp': ['0.0.0.0/0', '::/0'] } },
      }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    },
    ...['*', '0.0.0.0/0', '::/0', ''].map((value) => ({
      name: `a match-all value ${JSON.stringify(value)} does not narrow`,
      subject: withPolicy({ conditions: { IpAddress: { 'aws:SourceIp': [value] } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    ...[
      ['0.0.0.0/1', '128.0.0.0/1'],
      ['::/1', '8000::/1'],
      ['10.0.0.0/0'],
      ['0.0.0.0/1', '128.0.0.0/1', unknown([], 'variable office_cidr has no value')],
    ].map((values) => ({
      name: `addresses that together hold a whole address family do not narrow: ${String(values)}`,
      subject: withPolicy({ conditions: { IpAddress: { 'aws:SourceIp': values } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    ...['arn:aws:iam::*', 'arn:aws:iam::*:*', 'arn:aws:s3:::*'].map((value) => ({
      name: `an ARN of any account and resource ${JSON.stringify(value)} does not narrow`,
      subject: withPolicy({ conditions: { ArnLike: { 'aws:PrincipalArn': value } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    ...['arn:aws:cloudfront::*:distribution/*', 'arn:aws:lambda:us-east-1:*:function:x'].map(
      (value) => ({
        name: `an ARN of any account ${JSON.stringify(value)} does not narrow: anyone can make one`,
        subject: withPolicy({ conditions: { ArnLike: { 'aws:SourceArn': value } } }),
        findings: [{ severity: 'critical' as const, line: FIRST }],
      }),
    ),
    ...NARROWING_CONDITION_KEYS.map((key) => ({
      name: `a wildcard where ${key} names the owner does not narrow: ${WILDCARDED[key]}`,
      subject: withPolicy({ conditions: { StringLike: { [key]: [WILDCARDED[key] ?? ''] } } }),
      findings: [{ severity: 'critical' as const, line: FIRST }],
    })),
    {
      name: 'a guard excluding every endpoint of every account guards nothing',
      subject: withPolicy(
        { sid: 'Read' },
        { ...VPCE_GUARD, conditions: { StringNotLike: { 'aws:SourceVpce': 'vpce-*' } } },
      ),
      findings: [{ severity: 'critical', line: FIRST }],
    },
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
      name: 'an unknown policy document in a plan gets advice a plan can follow',
      subject: {
        ...s3Bucket({ policies: [policy([], 'known after apply')] }),
        origin: 'plan' as const,
      },
      findings: [
        {
          severity: 'medium',
          line: LINE.policy,
          message:
            /cannot be read \(known after apply\)\. The plan does not know the value either: build it from values known before apply/,
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
      name: 'a principal only computed from a resource (a condition on its attribute) may be *',
      subject: withPolicy({ principal: unknown(['aws_s3_bucket.releases.object_lock_enabled']) }),
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message: /and its principal is not known before apply/,
        },
      ],
    },
    ...(
      [
        {
          name: 'a guard over the bucket only, not its objects',
          guard: { resources: ['arn:aws:s3:::acme-releases'] },
        },
        { name: 'a guard over other actions', guard: { actions: ['s3:PutObject'] } },
        {
          name: 'a guard that only refuses plain HTTP',
          guard: { conditions: { Bool: { 'aws:SecureTransport': 'false' } } },
        },
        {
          name: 'a guard that also needs plain HTTP to deny',
          guard: {
            conditions: {
              ...VPCE_GUARD.conditions,
              Bool: { 'aws:SecureTransport': 'false' },
            },
          },
        },
        {
          name: 'a guard excluding every address',
          guard: { conditions: { NotIpAddress: { 'aws:SourceIp': '0.0.0.0/0' } } },
        },
        {
          name: 'a guard excluding every address in two halves',
          guard: {
            conditions: { NotIpAddress: { 'aws:SourceIp': ['0.0.0.0/1', '128.0.0.0/1'] } },
          },
        },
        {
          name: 'a guard with NotAction',
          guard: { actions: ['s3:GetObject'], actionsExcluded: true },
        },
        {
          name: 'a guard with NotResource',
          guard: { resources: ['arn:aws:s3:::acme-releases/*'], resourcesExcluded: true },
        },
        {
          name: 'a Deny to one account is no guard',
          guard: { principal: { AWS: 'arn:aws:iam::444455556666:root' } },
        },
        {
          name: 'a guard over an Allow with NotAction needs every action',
          allow: { actions: ['s3:DeleteObject'], actionsExcluded: true },
          guard: { actions: ['s3:Get*'] },
        },
      ] as { name: string; allow?: Partial<PolicyStatement>; guard: Partial<PolicyStatement> }[]
    ).map(({ name, allow, guard }) => ({
      name,
      subject: withPolicy({ sid: 'Read', ...allow }, { ...VPCE_GUARD, ...guard }),
      findings: [{ severity: 'critical' as const, line: FIRST, message: /Statement "Read"/ }],
    })),
    {
      name: 'a guard whose excluded endpoint comes from a variable with no value',
      subject: withPolicy(
        { sid: 'Read' },
        {
          ...VPCE_GUARD,
          conditions: {
            StringNotEquals: { 'aws:SourceVpce': unknown([], 'variable vpce has no value') },
          },
        },
      ),
      // It said the values of the Allow's own narrowing condition were not known.
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message: /whether a Deny statement takes it away is not known before apply/,
        },
      ],
    },
    // Conditions not known read as none: an Allow was public, a guard denied everyone.
    {
      name: 'conditions from a variable with no value are not provably private',
      subject: withPolicy({
        unknownConditions: unknown([], 'variable conditions has no value'),
      }),
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message:
            /whether its conditions narrow it is not known before apply \(variable conditions has no value\)/,
        },
      ],
    },
    {
      name: 'a guard whose conditions come from a variable with no value',
      subject: withPolicy(
        { sid: 'Read' },
        { ...VPCE_GUARD, unknownConditions: unknown([], 'variable conditions has no value') },
      ),
      findings: [
        {
          severity: 'medium',
          line: FIRST,
          message: /whether a Deny statement takes it away is not known before apply/,
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

/** The bucket policy AWS documents for delegating access control to the bucket's access points. */
const DELEGATE = policy([
  statement({
    sid: 'DelegateToAccessPoints',
    principal: { AWS: '*' },
    actions: ['*'],
    resources: ['arn:aws:s3:::acme-releases', 'arn:aws:s3:::acme-releases/*'],
    conditions: { StringEquals: { 's3:DataAccessPointAccount': '111122223333' } },
  }),
]);

const AP_STATEMENT = LINE.accessPointPolicy + 1;

const throughAccessPoint = (
  ap = accessPoint(),
  over: Partial<Parameters<typeof s3Bucket>[0]> = {},
) => s3Bucket({ policies: [DELEGATE], accessPoints: [ap], ...over });

const apStatement = (over: Partial<PolicyStatement>) =>
  statement({
    resources: ['${aws_s3_access_point.releases.arn}/object/*'],
    range: range(AP_STATEMENT),
    ...over,
  });

// An access point's policy is judged as a bucket policy is, once the bucket lets it in.
testRule(rule, {
  valid: [
    { name: 'an access point without a policy', subject: throughAccessPoint(accessPoint({}, [])) },
    {
      name: 'an access point policy granting a named account',
      subject: throughAccessPoint(
        accessPoint({}, [apStatement({ principal: { AWS: 'arn:aws:iam::111122223333:root' } })]),
      ),
    },
  ],
  invalid: [
    {
      name: 'a bucket that delegates to an access point whose policy allows anyone',
      subject: throughAccessPoint(),
      findings: [
        {
          severity: 'critical',
          line: AP_STATEMENT,
          message:
            /^Release bucket "acme-releases" \(aws_s3_bucket\.releases\) is open to anyone through an access point policy\. Statement "PublicRead" of aws_s3control_access_point_policy\.releases grants s3:GetObject to Principal "\*" through access point aws_s3_access_point\.releases with no narrowing condition\./,
        },
      ],
    },
    {
      name: 'a bucket declared elsewhere, whose policy is not known',
      subject: throughAccessPoint(accessPoint(), { policies: [], declaredElsewhere: true }),
      findings: [{ severity: 'critical', line: AP_STATEMENT }],
    },
    {
      name: 'a bucket policy read only at apply',
      subject: throughAccessPoint(accessPoint(), { policies: [policy([], 'computed at apply')] }),
      findings: [
        { severity: 'medium', line: LINE.policy },
        { severity: 'critical', line: AP_STATEMENT },
      ],
    },
    {
      name: 'a statement on the objects under a prefix, through the access point ARN',
      subject: throughAccessPoint(
        accessPoint({}, [
          apStatement({
            resources: ['arn:aws:s3:us-east-1:111122223333:accesspoint/releases/object/public/*'],
          }),
        ]),
      ),
      findings: [
        {
          severity: 'critical',
          line: AP_STATEMENT,
          message: /through an access point policy for the objects under "public\/"/,
        },
      ],
    },
    {
      name: 'a statement that only lists the bucket through the access point',
      subject: throughAccessPoint(
        accessPoint({}, [
          apStatement({
            actions: ['s3:ListBucket'],
            resources: ['${aws_s3_access_point.releases.arn}'],
          }),
        ]),
      ),
      findings: [{ severity: 'high', line: AP_STATEMENT }],
    },
    ...(
      [
        {
          name: "the access point's block, omitted, restricts public policies",
          subject: throughAccessPoint(accessPoint('omitted')),
          by: /neutralised by restrict_public_buckets = true \(the default, as no block turns it off\) on aws_s3_access_point\.releases\./,
        },
        {
          name: "the access point's restrict_public_buckets",
          subject: throughAccessPoint(accessPoint({ restrict_public_buckets: true })),
          by: /neutralised by restrict_public_buckets = true on aws_s3_access_point\.releases\./,
        },
        {
          name: "the bucket's restrict_public_buckets",
          subject: throughAccessPoint(accessPoint(), { publicAccessBlock: pab() }),
          by: /neutralised by restrict_public_buckets = true on aws_s3_bucket_public_access_block\.releases\./,
        },
        {
          name: 'a bucket policy that does not delegate to access points',
          subject: throughAccessPoint(accessPoint(), { policies: [] }),
          by: /neutralised by the bucket's policy, which allows no one through its access points\./,
        },
      ] as const
    ).map(({ name, subject, by }) => ({
      name,
      subject,
      findings: [
        {
          severity: 'low' as const,
          line: AP_STATEMENT,
          message: new RegExp(`has a public access point policy, ${by.source}`),
        },
      ],
    })),
  ],
});
