// The workspace's `pnpm posture …` (see the root package.json). It builds first only when the
// bundle is older than a source (bundle-freshness.mjs): a build on every call took 6 s, which
// the walk of the sources' times does in milliseconds. pnpm runs a script in the workspace root,
// but the user typed the paths from where they stand, which pnpm passes as INIT_CWD: run the
// bundle there, so `pnpm posture scan .` in infra/ scans infra/.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { bundleIsStale, LAST_BUILT } from './bundle-freshness.mjs';

const workspace = fileURLToPath(new URL('../../../', import.meta.url));
if (bundleIsStale(workspace, join(workspace, LAST_BUILT))) {
  const status = build();
  if (status !== 0) process.exit(status);
}
process.chdir(process.env.INIT_CWD ?? process.cwd());
await import('../bundle/posture.js');

/**
 * `pnpm run build`, with pnpm's own lines left out and the build's output on stderr: standard
 * output is the report's (`pnpm -s posture scan . -f json`).
 */
function build() {
  // Under pnpm, npm_execpath is the pnpm that runs this script.
  const pnpm = process.env.npm_execpath;
  const [command, args] = pnpm ? [process.execPath, [pnpm]] : ['pnpm', []];
  const run = spawnSync(command, [...args, '--silent', 'run', 'build'], {
    cwd: workspace,
    stdio: ['ignore', 2, 2],
  });
  if (run.error) process.stderr.write(`posture: the build did not run: ${run.error.message}\n`);
  return run.status ?? 1;
}
