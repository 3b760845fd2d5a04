import { describe, expect, it } from 'vitest';
import { Unknown, type Value } from '@posture/model';
import { pairElements } from '../src/elements.js';

const allUsers = 'http://acs.amazonaws.com/groups/global/AllUsers';
const owner = { grantee: [{ type: 'CanonicalUser', id: 'abc' }], permission: 'FULL_CONTROL' };
const read = { grantee: [{ type: 'Group', uri: allUsers }], permission: 'READ' };
const readAcp = { grantee: [{ type: 'Group', uri: allUsers }], permission: 'READ_ACP' };
/** What a plan holds of a grant: every attribute of the schema, unwritten ones empty. */
const planned = (grant: typeof owner | typeof read) => ({
  ...grant,
  grantee: [{ email_address: '', id: '', uri: '', ...grant.grantee[0] }],
});
const later = new Unknown([], 'known after apply');

describe('pairElements: which written element each plan element stands for', () => {
  it.each<[string, Value[], Value[], (number | undefined)[]]>([
    ['a list, in written order', [read, owner].map(planned), [read, owner], [0, 1]],
    [
      'a set of ACL grants, in Terraform order',
      [read, readAcp, owner].map(planned),
      [owner, read, readAcp],
      [1, 2, 0],
    ],
    [
      'a set of strings (a GCS binding’s members), sorted',
      ['allUsers', 'user:a@example.com'],
      ['user:a@example.com', 'allUsers'],
      [1, 0],
    ],
    ['a number written as a string', [{ max_age_seconds: 300 }], [{ max_age_seconds: '300' }], [0]],
    [
      'elements that differ only where the plan does not know: by index',
      [
        { id: later, permission: 'READ' },
        { id: later, permission: 'READ' },
      ],
      [
        { id: 'a', permission: 'READ' },
        { id: 'b', permission: 'READ' },
      ],
      [0, 1],
    ],
    [
      'out of order with an element the configuration does not know: that one unpaired',
      [planned(read), planned(owner)],
      [owner, { grantee: [{ type: 'Group', uri: later }], permission: 'READ' }, read],
      [undefined, 0],
    ],
    [
      'two plan elements only one written element agrees with: neither paired',
      [
        { prefix: 'a', days: 1 },
        { prefix: 'b', days: 1 },
        { prefix: 'c', days: 2 },
      ],
      [
        { prefix: 'c', days: 2 },
        { prefix: later, days: 1 },
      ],
      [undefined, undefined, 0],
    ],
    [
      'a value the plan leaves null is not the one written',
      [
        { uri: null, type: 'Group' },
        { uri: allUsers, type: 'Group' },
      ],
      [{ uri: allUsers }, { type: 'Group' }],
      [1, undefined],
    ],
  ])('%s', (_case, plan, config, pairs) => {
    expect(pairElements(plan, config)).toEqual(pairs);
  });
});
