import type { CommandModule } from 'yargs';
import { findRule, renderRuleDoc } from '@posture/core';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';
import { checkoutTrees } from '../checkout-trees.js';
import { RULES_DIR, userRules } from '../user-rules.js';

export function explainCommand(
  io: Io,
  setExit: (code: number) => void,
): CommandModule<object, { id: string; 'rules-dir'?: string }> {
  return {
    command: 'explain <id>',
    describe: "Print a rule's documentation: why it matters, bad and good examples, the fix",
    builder: (y) =>
      y
        .positional('id', { type: 'string', demandOption: true })
        .option('rules-dir', RULES_DIR) as never,
    handler: (args) => {
      const doc = ruleDoc(args.id, args['rules-dir'], io.cwd);
      if (doc !== undefined) return io.stdout(doc);
      const hint =
        args['rules-dir'] === undefined ? ' (one of your own? give its --rules-dir)' : '';
      io.stderr(`posture: no rule "${args.id}"${hint}. Run "posture rules" for the list.\n`);
      setExit(EXIT.error);
    },
  };
}

/** A built-in rule's documentation, else that of a rule of the `--rules-dir`, marked as such. */
function ruleDoc(id: string, rulesDir: string | undefined, cwd: string): string | undefined {
  const builtin = findRule(id);
  if (builtin) return renderRuleDoc(builtin);
  if (rulesDir === undefined) return undefined;
  const user = userRules(rulesDir, cwd, checkoutTrees(cwd, cwd)).find(
    (rule) => rule.meta.id === id,
  );
  return user && renderRuleDoc(user, { rulesDir });
}
