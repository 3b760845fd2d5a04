// The workspace's `pnpm posture …` (see the root package.json). pnpm runs a script in the
// workspace root, but the user typed the paths from where they stand, which pnpm passes as
// INIT_CWD: run the bundle there, so `pnpm posture scan .` in infra/ scans infra/.
process.chdir(process.env.INIT_CWD ?? process.cwd());
await import('../bundle/posture.js');
