import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output-file.js';
import { STARTER_POLICY } from '../starter-policy.js';

const POLICY_FILE = 'posture.config.yaml';

export function initCommand(io: Io): CommandModule<object, { dir: string; force: boolean }> {
  return {
    command: 'init [dir]',
    describe: 'Write a commented starter policy, posture.config.yaml',
    builder: (y) =>
      y.positional('dir', { type: 'string', default: '.' }).option('force', {
        type: 'boolean',
        default: false,
        describe: 'Overwrite an existing policy file',
      }) as never,
    handler: (args) => {
      const dir = resolve(io.cwd, args.dir);
      const path = resolve(dir, POLICY_FILE);
      // Named as typed, as every path on stderr is: never by a path of this machine.
      const typed = join(args.dir, POLICY_FILE);
      if (existsSync(path) && !args.force)
        throw new UsageError(`${typed} exists; use --force to overwrite it.`);
      writeOutput(io, typed, STARTER_POLICY, dir);
      io.stderr(`Wrote ${typed}. Set "owner", then commit it.\n`);
    },
  };
}
