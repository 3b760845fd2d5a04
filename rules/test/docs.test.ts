import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinRules, findRule, renderDocs, renderRuleDoc } from '../src/index.js';

const DOCS = new URL('../docs/', import.meta.url);

describe('rule docs', () => {
  const expected = renderDocs(builtinRules);

  it('are committed exactly as generated (run `pnpm rules:docs` after changing a rule)', () => {
    const committed = readdirSync(DOCS)
      .filter((name) => name.endsWith('.md'))
      .sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) {
      expect(readFileSync(new URL(name, DOCS), 'utf8'), name).toBe(text);
    }
  });

  it('render every section of a rule, examples fenced in their language', () => {
    const rule = findRule('r2-public-dev-url');
    if (!rule) throw new Error('missing rule');
    const text = renderRuleDoc(rule);
    for (const heading of [
      '# r2-public-dev-url: ',
      '| Severity | critical |',
      '## Why it matters',
      '## Bad',
      '## Good',
      '## Fix',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('```hcl\nresource "cloudflare_r2_bucket"');
    expect(text).toContain('[CWE-200](https://cwe.mitre.org/data/definitions/200.html)');
  });

  it('list every rule in the catalogue', () => {
    const readme = expected.get('README.md') ?? '';
    for (const rule of builtinRules)
      expect(readme).toContain(`| [${rule.meta.id}](${rule.meta.id}.md) |`);
  });
});
