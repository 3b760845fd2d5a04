import { describe, expect, it } from 'vitest';
import type { PolicyStatement } from '@posture/model';
import { distributionArns } from '../../src/exposure/policy.js';
import { attribute, policy, statement } from '../support/facts.js';

const CLOUDFRONT = { Service: 'cloudfront.amazonaws.com' };
const ARN = attribute('module.cdn.cloudfront_distribution_arn');

describe('the distributions a policy lets in, by the aws:SourceArn values it names', () => {
  it.each<[string, Partial<PolicyStatement>, readonly unknown[]]>([
    ['StringEquals', { conditions: { StringEquals: { 'AWS:SourceArn': ARN } } }, [ARN]],
    [
      'ArnLike, a list',
      { conditions: { ArnLike: { 'aws:sourcearn': [ARN, 'arn:x'] } } },
      [ARN, 'arn:x'],
    ],
    [
      'a negated operator lets others in',
      { conditions: { StringNotEquals: { 'aws:SourceArn': ARN } } },
      [],
    ],
    [
      '…IfExists holds without the key',
      { conditions: { StringEqualsIfExists: { 'aws:SourceArn': ARN } } },
      [],
    ],
    ['another key', { conditions: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }, []],
    [
      'a principal that is not CloudFront',
      { principal: '*', conditions: { StringEquals: { 'aws:SourceArn': ARN } } },
      [],
    ],
    ['a Deny', { effect: 'Deny', conditions: { StringEquals: { 'aws:SourceArn': ARN } } }, []],
  ])('%s', (_name, over, expected) => {
    const found = distributionArns(policy([statement({ principal: CLOUDFRONT, ...over })]));
    expect(found.flatMap(({ arns }) => arns)).toEqual(expected);
  });
});
