import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { UsageError } from '../exit-codes.js';
import type { Io } from '../io.js';
import { writeOutput } from '../output-file.js';
import { STARTER_POLICY } from '../starter-policy.js';

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
      const path = resolve(dir, 'posture.config.yaml');
      if (existsSync(path) && !args.force)
        throw new UsageError(`${path} exists; use --force to overwrite it.`);
      writeOutput(io, path, STARTER_POLICY, dir);
      io.stderr(`Wrote ${path}. Set "owner", then commit it.\n`);
    },
  };
}
