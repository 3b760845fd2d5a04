import { describe, expect, it } from 'vitest';
import type { RuleMeta } from '@posture/model';
import { ruleDescriptor } from '../src/sarif/rules.js';
import { rule } from './support/fixture.js';

// A user rule (--rules-dir) has no page in Posture's rules/docs: a link there is dead.
const CASES: readonly [string, Partial<RuleMeta>, string | undefined][] = [
  [
    'built-in rule: its page in rules/docs',
    {},
    'https://github.com/posture-dev/posture/blob/main/rules/docs/acme-rule.md',
  ],
  ['user rule without a link: none', { user: {} }, undefined],
  [
    'user rule with a link: its own',
    { user: { helpUri: 'https://wiki.acme.example/rules/acme-rule' } },
    'https://wiki.acme.example/rules/acme-rule',
  ],
];

describe('SARIF helpUri', () => {
  it.each(CASES)('%s', (_, overrides, expected) => {
    const descriptor = ruleDescriptor(rule('acme-rule', overrides), 'high');
    expect(descriptor.helpUri).toBe(expected);
    expect('helpUri' in descriptor).toBe(expected !== undefined);
  });
});
