import { describe, expect, it } from 'vitest';
import { Invalid } from '../src/eval/unknowns.js';
import { evalHcl } from './support/evaluate.js';

// Expected values and errors from `terraform console` with hashicorp/aws 5.100.
describe('functions of the AWS provider', () => {
  const arn = (text: string) => `provider::aws::arn_parse("${text}")`;
  const trim = (text: string) => `provider::aws::trim_iam_role_path("${text}")`;

  it.each([
    [
      arn('arn:aws:s3:public-read::x'),
      { partition: 'aws', service: 's3', region: 'public-read', account_id: '', resource: 'x' },
    ],
    [
      arn('arn:aws:iam::123:role/a/b:c'),
      { partition: 'aws', service: 'iam', region: '', account_id: '123', resource: 'role/a/b:c' },
    ],
    [arn('arn:::::'), { partition: '', service: '', region: '', account_id: '', resource: '' }],
    [`${arn('arn:aws:s3:public-read::x')}.region`, 'public-read'],
    ['provider::aws::arn_build("aws", "s3", "", "", "x")', 'arn:aws:s3:::x'],
    ['provider::aws::arn_build("a:b", "s3", "r", "1", "x")', 'arn:a:b:s3:r:1:x'],
    [
      trim('arn:aws:iam::123456789012:role/with/path/example'),
      'arn:aws:iam::123456789012:role/example',
    ],
    [trim('arn:aws:iam::123456789012:role/example'), 'arn:aws:iam::123456789012:role/example'],
    [trim('arn:aws:iam::123456789012:role/a/'), 'arn:aws:iam::123456789012:role/'],
    [trim('arn:aws-cn:iam::1:role/a:b/c'), 'arn:aws-cn:iam::1:role/c'],
  ])('%s', (source, expected) => {
    expect(evalHcl(source)).toEqual(expected);
  });

  it.each([
    [arn('arn:aws:s3'), 'arn: not enough sections'],
    [arn('ARN:aws:s3:::x'), 'arn: invalid prefix'],
    ['provider::aws::arn_parse(null)', 'expected a string, got null'],
    ['provider::aws::arn_build("aws", "s3", "", "", null)', 'expected a string, got null'],
    [trim('arn:aws:iam::1:user/with/path/example'), 'resource must begin with "role/"'],
    [trim('arn:aws:s3:::role/a/b'), 'service must be "iam"'],
    [trim('arn:aws:iam:us-east-1:1:role/a/b'), 'region must be empty'],
  ])('%s is invalid: %s', (source, reason) => {
    const value = evalHcl(source);
    expect(value).toBeInstanceOf(Invalid);
    expect((value as Invalid).reason).toContain(reason);
  });
});
