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

describe('pairElements on a set of thousands (a dynamic block)', () => {
  const readers = Array.from({ length: 3000 }, (_, i) => ({
    grantee: [{ type: 'CanonicalUser', id: `reader-${i}` }],
    permission: 'READ',
  }));
  const written = [owner, ...readers];
  // Terraform's order, not the written one: 0, 1, 10, 100, 1000, 1001, …
  const order = [...written.keys()].sort((a, b) => String(a).localeCompare(String(b)));
  const inTerraformOrder = order.map((j) => planned(written[j]!));
  const unknownAt = <T extends { grantee: object[] }>(grant: T) => ({
    ...grant,
    grantee: [{ ...grant.grantee[0], id: later }],
  });

  // Comparing each element with every other took 25 s a case here; the index, 0.3 s.
  it.each<[string, Value[], Value[], (number | undefined)[]]>([
    ['every element pairs with the block written for it', inTerraformOrder, written, order],
    [
      'one whose id the plan does not know: that one unpaired',
      inTerraformOrder.map((grant, i) => (i === 5 ? unknownAt(grant) : grant)),
      written,
      order.map((j, i) => (i === 5 ? undefined : j)),
    ],
    [
      'one written with an id not known: it pairs, and the others it could be do not',
      inTerraformOrder,
      written.map((grant, j) => (j === 7 ? unknownAt(grant) : grant)),
      order.map((j) => (j === 0 || j === 7 ? j : undefined)),
    ],
  ])('%s', { timeout: 10_000 }, (_case, plan, config, pairs) => {
    expect(pairElements(plan, config)).toEqual(pairs);
  });
});

describe('pairElements on a set of thousands that differ only in lists of several scalars', () => {
  const rules = Array.from({ length: 3000 }, (_, i) => ({
    allowed_methods: ['GET', 'HEAD'],
    allowed_origins: [`https://mirror-${i}.example.com`, `http://mirror-${i}.example.com`],
  }));
  const order = [...rules.keys()].sort((a, b) => String(a).localeCompare(String(b)));
  // Terraform's order, and a set of strings sorted, as the plan lists them.
  const inTerraformOrder = order.map((j) => ({
    ...rules[j]!,
    allowed_origins: [...rules[j]!.allowed_origins].sort(),
    max_age_seconds: 0,
  }));
  const withOrigins = (i: number, origins: string[]) =>
    inTerraformOrder.map((rule, k) => (k === i ? { ...rule, allowed_origins: origins } : rule));
  const origin = (j: number) => `https://mirror-${j}.example.com`;

  it.each<[string, Value[], (number | undefined)[]]>([
    ['every element pairs with the block written for it', inTerraformOrder, order],
    [
      'one holding an origin twice pairs with the one block that holds it',
      withOrigins(5, [origin(order[5]!), origin(order[5]!)]),
      order,
    ],
    [
      'one holding an origin no block holds: that one unpaired',
      withOrigins(5, [origin(order[5]!), 'https://elsewhere.example.com']),
      order.map((j, i) => (i === 5 ? undefined : j)),
    ],
  ])('%s, comparing each only with the blocks it may be', (_case, plan, pairs) => {
    let compared = 0;
    const written = rules.map(
      (rule) => new Proxy(rule, { ownKeys: (target) => (compared++, Reflect.ownKeys(target)) }),
    );
    expect(pairElements(plan, written)).toEqual(pairs);
    // Indexing reads each block once; an element holding an origin twice is compared with all.
    expect(compared).toBeLessThan(4 * rules.length);
  });
});
