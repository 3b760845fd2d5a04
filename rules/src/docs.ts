import type { Rule } from '@posture/model';

/**
 * Rule documentation, rendered from the rules' own metadata: rules/scripts/generate-docs.mjs
 * writes it to rules/docs, `posture explain` prints it, and a test keeps the two equal.
 */

const GENERATED = '<!-- Generated from rules/src by `pnpm rules:docs`; do not edit. -->';

/** `S3 buckets`, `links in build configurations`… */
export function appliesTo(rule: Rule): string {
  switch (rule.kind) {
    case 'bucket':
      return `${rule.services.map((service) => service.toUpperCase()).join(', ')} buckets`;
    case 'link':
      return 'links in build configurations';
    case 'diagnostic':
      return 'input files';
    case 'artifact':
      return 'packages about to ship';
  }
}

function cweLink(cwe: string): string {
  const number = /^CWE-(\d+)$/.exec(cwe)?.[1];
  return number === undefined
    ? cwe
    : `[${cwe}](https://cwe.mitre.org/data/definitions/${number}.html)`;
}

function fence(language: string, code: string): string {
  return ['```' + language, code, '```'].join('\n');
}

/**
 * One rule's page: title, facts, why it matters, a bad and a good example, the fix. A user rule
 * (`user`: the `--rules-dir` it was loaded from) says so among the facts, and is no generated page.
 */
export function renderRuleDoc(rule: Rule, user?: { readonly rulesDir: string }): string {
  const { meta } = rule;
  return [
    ...(user === undefined ? [GENERATED, ''] : []),
    `# ${meta.id}: ${meta.title}`,
    '',
    '| | |',
    '| --- | --- |',
    ...(user === undefined ? [] : [`| Source | user rule (--rules-dir ${user.rulesDir}) |`]),
    `| Severity | ${meta.severity} |`,
    `| Applies to | ${appliesTo(rule)} |`,
    `| Tags | ${meta.tags.join(', ')} |`,
    `| CWE | ${meta.cwe.map(cweLink).join(', ') || 'none'} |`,
    `| Precision | ${meta.precision} |`,
    '',
    '## Why it matters',
    '',
    meta.why,
    '',
    '## Bad',
    '',
    fence(meta.bad.language, meta.bad.code),
    '',
    '## Good',
    '',
    fence(meta.good.language, meta.good.code),
    '',
    '## Fix',
    '',
    meta.fix,
    '',
  ].join('\n');
}

/** The catalogue table. */
export function renderCatalogue(rules: readonly Rule[]): string {
  const rows = rules.map(
    (rule) =>
      `| [${rule.meta.id}](${rule.meta.id}.md) | ${rule.meta.title} | ${rule.meta.severity} | ${appliesTo(rule)} | ${rule.meta.cwe.join(', ') || '–'} |`,
  );
  return [
    GENERATED,
    '',
    '# Posture rules',
    '',
    'Every rule keeps its metadata beside its logic in `rules/src/<area>/<rule-id>.ts`; these pages are generated from it. `posture explain <rule-id>` prints the same text.',
    '',
    'You can add rules in the same format as `*.rule.yaml` or `*.rule.json` files: the metadata below plus a declarative `match` over bucket or link facts, validated by [the user rule schema](../src/user/rule.schema.json). See [the examples](../examples/).',
    '',
    '| Rule | Title | Severity | Applies to | CWE |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** Every docs file by name: `README.md` and one `<id>.md` per rule. */
export function renderDocs(rules: readonly Rule[]): Map<string, string> {
  return new Map([
    ['README.md', renderCatalogue(rules)],
    ...rules.map((rule): [string, string] => [`${rule.meta.id}.md`, renderRuleDoc(rule)]),
  ]);
}
