import { describe, expect, it } from 'vitest';
import { isUnknown, unknown } from '@posture/model';
import { renderPolicyDocument } from '@posture/hcl';

const statement = (extra: Record<string, unknown>) => ({
  actions: ['s3:GetObject'],
  resources: ['arn:aws:s3:::b/*'],
  ...extra,
});

describe('renderPolicyDocument', () => {
  it.each([
    [[{ type: '*', identifiers: ['*'] }], '*'],
    [[{ type: 'AWS', identifiers: ['*'] }], { AWS: '*' }],
    [[{ type: 'AWS', identifiers: ['arn:1', 'arn:2'] }], { AWS: ['arn:1', 'arn:2'] }],
    [
      [
        { type: 'Service', identifiers: ['cloudfront.amazonaws.com'] },
        { type: 'AWS', identifiers: ['arn:1'] },
        { type: 'AWS', identifiers: ['arn:2'] },
      ],
      { Service: 'cloudfront.amazonaws.com', AWS: ['arn:1', 'arn:2'] },
    ],
  ])('principals %j render as %j', (principals, rendered) => {
    const json = renderPolicyDocument({ statement: [statement({ principals })] }) as string;
    expect(JSON.parse(json).Statement[0].Principal).toEqual(rendered);
  });

  // Grouped in plain objects, `toString` found Object.prototype's function ("is not iterable")
  // and `__proto__` set the prototype, losing the principal or condition.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'])(
    'renders a principal type and a condition test named %s as written',
    (key) => {
      const json = renderPolicyDocument({
        statement: [
          statement({
            principals: [{ type: key, identifiers: ['x'] }],
            condition: [{ test: key, variable: 'aws:SourceIp', values: ['1.2.3.4/32'] }],
          }),
        ],
      }) as string;
      const { Principal, Condition } = JSON.parse(json).Statement[0];
      expect(Object.entries(Principal)).toEqual([[key, 'x']]);
      expect(Object.entries(Condition)).toEqual([[key, { 'aws:SourceIp': '1.2.3.4/32' }]]);
    },
  );

  it('defaults the effect and version, and leaves out what is empty', () => {
    const json = renderPolicyDocument({
      statement: [{ actions: ['s3:*'], not_resources: ['x'] }],
    }) as string;
    expect(JSON.parse(json)).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', NotResource: 'x' }],
    });
    expect(json).toContain('\n  "Statement": [\n');
  });

  it('merges source and override documents by Sid', () => {
    const source = JSON.stringify({
      Statement: [
        { Sid: 'A', Effect: 'Deny' },
        { Sid: 'B', Effect: 'Allow' },
      ],
    });
    const override = JSON.stringify({ Statement: { Sid: 'B', Effect: 'Deny', Principal: '*' } });
    const json = renderPolicyDocument({
      source_policy_documents: [source],
      statement: [
        { sid: 'A', effect: 'Allow', actions: ['s3:GetObject'] },
        { actions: ['s3:ListBucket'] },
      ],
      override_policy_documents: [override],
    }) as string;
    expect(JSON.parse(json).Statement).toEqual([
      { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject' },
      { Sid: 'B', Effect: 'Deny', Principal: '*' },
      { Effect: 'Allow', Action: 's3:ListBucket' },
    ]);
  });

  it('is unknown when any input is', () => {
    const result = renderPolicyDocument({
      statement: [statement({ resources: [unknown(['aws_s3_bucket.b.arn'])] })],
    });
    expect(isUnknown(result) && result.refs).toEqual(['aws_s3_bucket.b.arn']);
  });

  it('is invalid, not a throw, on a malformed source document', () => {
    expect(isUnknown(renderPolicyDocument({ source_policy_documents: ['{'] }))).toBe(true);
  });

  it('says where a malformed document breaks, quoting none of it', () => {
    const document = '{"Statement": ghp_0123456789abcdefghijklmnopqrstuvwxyz}';
    const result = renderPolicyDocument({ override_policy_documents: [document] });
    expect(isUnknown(result) && result.reason).toBe(
      'policy document: a document is not valid JSON at line 1, column 15: invalid symbol',
    );
  });
});
