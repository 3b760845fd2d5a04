import type { CommandModule } from 'yargs';
import { builtinRules } from '@posture/core';
import type { Io } from '../io.js';

export function rulesCommand(io: Io): CommandModule {
  return {
    command: 'rules',
    describe: 'List the rule catalogue',
    handler: () => {
      const width = Math.max(...builtinRules.map((r) => r.meta.id.length));
      for (const { meta } of builtinRules) {
        io.stdout(`${meta.id.padEnd(width)}  ${meta.severity.padEnd(8)}  ${meta.title}\n`);
      }
    },
  };
}
