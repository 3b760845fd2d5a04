import type { CommandModule } from 'yargs';
import { builtinRules } from '@posture/core';
import type { Io } from '../io.js';
import { checkoutTrees } from '../checkout-trees.js';
import { RULES_DIR, userRules } from '../user-rules.js';

export function rulesCommand(io: Io): CommandModule<object, { 'rules-dir'?: string }> {
  return {
    command: 'rules',
    describe: 'List the rule catalogue',
    builder: (y) => y.option('rules-dir', RULES_DIR) as never,
    handler: (args) => {
      const user = userRules(args['rules-dir'], io.cwd, checkoutTrees(io.cwd, io.cwd));
      const rules = [...builtinRules, ...user];
      const width = Math.max(...rules.map((r) => r.meta.id.length));
      for (const rule of rules) {
        const { id, severity, title } = rule.meta;
        const mark = user.includes(rule) ? '  (user rule)' : '';
        io.stdout(`${id.padEnd(width)}  ${severity.padEnd(8)}  ${title}${mark}\n`);
      }
    },
  };
}
