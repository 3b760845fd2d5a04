import { statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadUserRules, type Rule } from '@posture/core';
import { UsageError } from './exit-codes.js';
import { leavesTrees, refuseLeaving } from './input-file.js';
import { existing } from './targets.js';

/** `--rules-dir`: the commands that run, list and explain rules take the same directory. */
export const RULES_DIR = {
  type: 'string',
  describe: 'Directory of your own rules (*.rule.yaml, *.rule.json)',
} as const;

/**
 * The rules of a `--rules-dir`; a bad rule file is a usage error (exit 2) naming it. A directory
 * named inside the repository or the working directory (`trees`), and its rule files, are read
 * only from inside it, as the files the scan finds there are. One that is missing, no directory,
 * or holds no rule file (its parent named, `rules` for `rules/acme`) is a usage error too: the
 * scan would run without the rules asked for, and pass without a word.
 */
export function userRules(dir: string | undefined, cwd: string, trees: readonly string[]): Rule[] {
  if (dir === undefined) return [];
  const path = existing(cwd, dir);
  if (!statSync(path).isDirectory()) throw new UsageError(`--rules-dir ${dir} is not a directory.`);
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
  if (rules.length === 0)
    throw new UsageError(`--rules-dir ${dir} holds no rule file (*.rule.yaml, *.rule.json).`);
  return rules;
}
