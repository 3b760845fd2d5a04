// Runs the freshly bundled CLI over the repository's examples and saves V8's code cache of it
// (bundle/cli.cache), so that a later run starts from the bytecode of the functions a scan uses.
// scripts/bundle.mjs runs this in a child process of its own, with Node's default flags: V8 refuses
// a cache made under other flags.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CACHE_FILE, loadCli } from '../bundle/load-cli.mjs';

const repo = (path) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));

/** What a scan does: every report format, a plan, a package, the rule catalogue. */
const WARM_UP = [
  ['scan', repo('examples'), '--format', 'sarif', '-o', 'warm-up.sarif'],
  ['scan', repo('examples'), '--format', 'json', '-o', 'warm-up.json'],
  ['scan', repo('examples')],
  [
    'scan',
    repo('examples/march-2026-leak'),
    '--plan',
    repo('packages/plan/test/fixtures/scenarios/s3-acl-grants/plan.json'),
  ],
  ['artifact', repo('examples/npm-artifact-leak/leaky')],
  ['rules'],
];

/** Output goes nowhere: only the code the runs compile is wanted. */
const silent = {
  stdout: () => {},
  stderr: () => {},
  writeFile: () => {},
  readStdin: async () => new Uint8Array(),
  isTty: false,
  stderrIsTty: false,
  cwd: process.cwd(),
  env: {},
};

const { main, script } = loadCli();
for (const argv of WARM_UP) {
  const code = await main(argv, silent);
  // Findings are exit 1; exit 2 means the run did not happen, so the cache would miss its code.
  if (code === 2) throw new Error(`warm-up run failed: posture ${argv.join(' ')}`);
}
writeFileSync(CACHE_FILE, script.createCachedData());
