import {
  asBoolean,
  PUBLIC_ACCESS_BLOCK_FLAGS,
  type ModuleCall,
  type ResourceInstance,
} from '@posture/model';
import { blockRange, rangeAt, valueAt } from '../attrs.js';
import type { ModuleTree } from '../module-tree.js';
import { madeResource } from './inputs.js';
import { cappedBelow } from './version.js';

/**
 * `terraform-aws-modules/s3-bucket/aws//modules/object`: one object, `count = var.create ? 1 : 0`,
 * whose `bucket`, `key` and `acl` are the inputs of the same name (`modules/object/main.tf`). Made
 * unless `create = false`: one that may exist may carry a public ACL. Before v3.0.0, which moved
 * to the AWS provider's v4 resources, it was an `aws_s3_bucket_object`.
 */
export function s3ObjectResources(
  tree: ModuleTree,
  call: ModuleCall,
  version: string | undefined,
): ResourceInstance[] {
  if (asBoolean(valueAt(call.values, 'create')) === false) return [];
  const type = cappedBelow(version, '3.0.0') ? 'aws_s3_bucket_object' : 'aws_s3_object';
  return [madeResource(tree, call, { type, name: 'this', key: 0 }, inputs(call, OBJECT_INPUTS))];
}

const OBJECT_INPUTS = ['bucket', 'key', 'acl'];

/**
 * `terraform-aws-modules/s3-bucket/aws//modules/account-public-access`: the account's public access
 * block, `count = var.create ? 1 : 0`, whose `account_id` and four flags are the inputs of the same
 * names; the flags default to false, as the resource's do (`modules/account-public-access`). Made
 * only when `create` is true or left to its default: a block that may not exist guards nothing.
 */
export function accountPublicAccessResources(
  tree: ModuleTree,
  call: ModuleCall,
): ResourceInstance[] {
  const create = valueAt(call.values, 'create');
  if (create !== undefined && asBoolean(create) !== true) return [];
  const type = 'aws_s3_account_public_access_block';
  return [madeResource(tree, call, { type, name: 'this', key: 0 }, inputs(call, ACCOUNT_INPUTS))];
}

const ACCOUNT_INPUTS = ['account_id', ...PUBLIC_ACCESS_BLOCK_FLAGS];

/** The inputs a module passes to its resource's arguments of the same names, where written. */
function inputs(
  call: ModuleCall,
  names: readonly string[],
): Pick<ResourceInstance, 'values' | 'ranges'> {
  const written = names.flatMap((name) => {
    const value = call.values[name];
    return value === undefined ? [] : [{ name, value }];
  });
  return {
    values: Object.fromEntries(written.map(({ name, value }) => [name, value])),
    ranges: {
      '': blockRange(call),
      ...Object.fromEntries(written.map(({ name }) => [name, rangeAt(call, name)])),
    },
  };
}
