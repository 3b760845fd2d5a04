/**
 * Functions of the AWS provider (`hashicorp/aws` 5.40 and later), called as
 * `provider::aws::arn_parse(…)`: ARNs taken apart and put together as its `arn` package does.
 * Posture does not read `required_providers`, and reads `aws_*` resources as that provider's,
 * so the `aws` name is that provider here too.
 */
import { objectOf } from '../eval/values.js';
import { arity, fail, fn, str, type FunctionTable } from './function.js';

export const awsProviderFunctions: FunctionTable = {
  'provider::aws::arn_parse': fn((args) => {
    arity(args, 1);
    const { partition, service, region, account, resource } = parseArn(str(args[0]));
    return objectOf([
      ['partition', partition],
      ['service', service],
      ['region', region],
      ['account_id', account],
      ['resource', resource],
    ]);
  }),
  'provider::aws::arn_build': fn((args) => {
    arity(args, 5);
    return ['arn', ...args.map(str)].join(':');
  }),
  'provider::aws::trim_iam_role_path': fn((args) => {
    arity(args, 1);
    const { partition, service, region, account, resource } = parseArn(str(args[0]));
    if (service !== 'iam') fail('service must be "iam"');
    if (region !== '') fail('region must be empty');
    if (!resource.startsWith('role/')) fail('resource must begin with "role/"');
    const name = resource.slice(resource.lastIndexOf('/') + 1);
    return `arn:${partition}:${service}::${account}:role/${name}`;
  }),
};

interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Six parts split at the first five colons; the resource may hold more. */
function parseArn(text: string): Arn {
  if (!text.startsWith('arn:')) fail('arn: invalid prefix');
  const parts = text.split(':');
  if (parts.length < 6) fail('arn: not enough sections');
  const [, partition = '', service = '', region = '', account = ''] = parts;
  return { partition, service, region, account, resource: parts.slice(5).join(':') };
}
