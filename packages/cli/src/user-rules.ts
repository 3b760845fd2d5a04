import { loadUserRules, type Rule } from '@posture/core';
import { UsageError } from './exit-codes.js';

/** `--rules-dir`: the commands that run, list and explain rules take the same directory. */
export const RULES_DIR = {
  type: 'string',
  describe: 'Directory of your own *.rule.yaml rules',
} as const;

/** The rules of a `--rules-dir`; a bad rule file is a usage error (exit 2) naming it. */
export function userRules(dir: string | undefined): Rule[] {
  if (dir === undefined) return [];
  const { rules, errors } = loadUserRules(dir);
  const first = errors[0];
  if (first) {
    throw new UsageError(
      `bad rule file ${first.file}${first.line ? `:${first.line}` : ''}: ${first.message}`,
    );
  }
  return rules;
}
