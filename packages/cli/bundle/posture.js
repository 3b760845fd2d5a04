#!/usr/bin/env node
// The `posture` bin: the CLI bundled in cli.cjs, compiled from the code cache its build made. It
// is committed, so that `pnpm install` finds the bin it links in a fresh clone, where nothing is
// built yet: it then says so, rather than failing to find cli.cjs.
import { existsSync } from 'node:fs';
import { CLI_FILE, loadCli } from './load-cli.mjs';

if (existsSync(CLI_FILE)) {
  process.exitCode = await loadCli().main(process.argv.slice(2));
} else {
  process.stderr.write('posture: the CLI is not built: run pnpm build in its workspace.\n');
  process.exitCode = 2;
}
