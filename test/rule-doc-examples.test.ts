import { describe, expect, it } from 'vitest';
import { builtinRules, findPolicyFile, scan, type Example, type Rule } from '@posture/core';
import { tempTree } from './support/temp-dirs.js';

/**
 * Every rule doc's bad example, scanned as written, gives that rule's finding, and its good
 * example does not (as Semgrep tests its rule docs). An example is the file its first line names
 * (`# .github/workflows/release.yml`, `// webpack.config.js`), else Terraform or a package.json.
 */
const FILE_BY_LANGUAGE: Record<string, string> = { hcl: 'main.tf', json: 'package.json' };

/** Rules whose examples no scan reads as a file. */
const NOT_SCANNED: Record<string, string> = {
  'module-unresolved': 'its example is a command line',
};

function fileOf(example: Example): string | undefined {
  const named = /^(?:#|\/\/) ([\w./-]+\.\w+)\s*(?:$|:)/m.exec(example.code.split('\n')[0] ?? '');
  return named?.[1] ?? FILE_BY_LANGUAGE[example.language];
}

async function findingsOf(example: Example): Promise<string[]> {
  const file = fileOf(example);
  if (file === undefined) throw new Error(`no file to scan the ${example.language} example as`);
  const root = tempTree('rule-doc', { [file]: example.code });
  const { result } = await scan({ root, policyFile: findPolicyFile(root) });
  return result.findings.filter((f) => !f.suppression).map((f) => f.ruleId);
}

// Artifact rules' examples are files of a package, which `posture artifact` reads, not a scan.
const scanned = builtinRules.filter(
  (rule: Rule) => rule.kind !== 'artifact' && !(rule.meta.id in NOT_SCANNED),
);

describe('the rule docs', () => {
  it.each(scanned.map((rule) => [rule.meta.id, rule] as const))(
    "%s: the bad example gives the rule's finding, the good one does not",
    async (id, rule) => {
      expect(await findingsOf(rule.meta.bad)).toContain(id);
      expect(await findingsOf(rule.meta.good)).not.toContain(id);
    },
  );
});
