#!/usr/bin/env node
// The `posture` bin: the CLI bundled in cli.cjs, compiled from the code cache its build made.
import { loadCli } from './load-cli.mjs';

process.exitCode = await loadCli().main(process.argv.slice(2));
