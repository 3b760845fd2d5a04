import type { CommandModule } from 'yargs';
import { findRule, renderRuleDoc } from '@posture/core';
import { EXIT } from '../exit-codes.js';
import type { Io } from '../io.js';

export function explainCommand(
  io: Io,
  setExit: (code: number) => void,
): CommandModule<object, { id: string }> {
  return {
    command: 'explain <id>',
    describe: "Print a rule's documentation: why it matters, bad and good examples, the fix",
    builder: (y) => y.positional('id', { type: 'string', demandOption: true }) as never,
    handler: (args) => {
      const rule = findRule(args.id);
      if (!rule) {
        io.stderr(`posture: no rule "${args.id}". Run "posture rules" for the list.\n`);
        setExit(EXIT.error);
        return;
      }
      io.stdout(renderRuleDoc(rule));
    },
  };
}
