import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, ruleSetting } from '../src/index.js';

// A user rule id is kebab-case, so `constructor` is one: `policy.rules[id]` gave Object's function.
describe('ruleSetting reads the rules table own keys only', () => {
  const rules = { 's3-public-acl': { severity: 'low' as const } };
  it.each([
    ['s3-public-acl', { severity: 'low' }],
    ['constructor', undefined],
    ['__proto__', undefined],
    ['to-string', undefined],
  ])('%s', (id, expected) => {
    expect(ruleSetting({ ...DEFAULT_POLICY, rules }, id)).toEqual(expected);
  });
});
