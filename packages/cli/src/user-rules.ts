import { join, relative, resolve } from 'node:path';
import { loadUserRules, type Rule } from '@posture/core';
import { UsageError } from './exit-codes.js';
import { leavesTrees, refuseLeaving } from './input-file.js';

/** `--rules-dir`: the commands that run, list and explain rules take the same directory. */
export const RULES_DIR = {
  type: 'string',
  describe: 'Directory of your own rules (*.rule.yaml, *.rule.json)',
} as const;

/**
 * The rules of a `--rules-dir`; a bad rule file is a usage error (exit 2) naming it. A directory
 * named inside the repository or the working directory (`trees`), and its rule files, are read
 * only from inside it, as the files the scan finds there are.
 */
export function userRules(dir: string | undefined, cwd: string, trees: readonly string[]): Rule[] {
  if (dir === undefined) return [];
  const path = resolve(cwd, dir);
  refuseLeaving(path, `--rules-dir ${dir}`, trees);
  const { rules, errors } = loadUserRules(path, (file) => leavesTrees(file, trees));
  const first = errors[0];
  if (first) {
    // Named as typed, as every path on stderr is.
    const file = join(dir, relative(path, first.file));
    throw new UsageError(
      `bad rule file ${file}${first.line ? `:${first.line}` : ''}: ${first.message}`,
    );
  }
  return rules;
}
