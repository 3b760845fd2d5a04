import { describe, expect, it } from 'vitest';
import { RootedLists, type Rooted } from '../src/adapters/module-tree.js';

const DEV: Rooted = { rootModule: 'envs/dev' };
const PROD: Rooted = { rootModule: 'envs/prod' };
const NONE: Rooted = {};

/**
 * The settings of a bucket, kept by root module then address as `rootKey` keys them: an address
 * repeats across root modules, and an item of no root module is of the one named `.`.
 */
const CASES: [what: string, at: Rooted, address: string, found: string[]][] = [
  ['the address in its root module', DEV, 'aws_s3_bucket.b', ['dev acl', 'dev policy']],
  ['the same address in another', PROD, 'aws_s3_bucket.b', ['prod acl']],
  ['an address not kept', DEV, 'aws_s3_bucket.c', []],
  ['a root module not kept', { rootModule: 'envs/qa' }, 'aws_s3_bucket.b', []],
  ['no root module, as `.`', NONE, 'aws_s3_bucket.b', ['plan acl']],
  ['`.`, as no root module', { rootModule: '.' }, 'aws_s3_bucket.b', ['plan acl']],
];

describe('RootedLists', () => {
  const lists = new RootedLists<string>();
  lists.add(DEV, 'aws_s3_bucket.b', 'dev acl');
  lists.add(PROD, 'aws_s3_bucket.b', 'prod acl');
  lists.add(DEV, 'aws_s3_bucket.b', 'dev policy');
  lists.add(NONE, 'aws_s3_bucket.b', 'plan acl');
  it.each(CASES)('%s', (_, at, address, found) => {
    expect(lists.get(at, address)).toEqual(found);
  });
});
