// Bundles the built CLI (dist/main.js, from `tsc -b`) into bundle/cli.cjs, beside the `posture`
// bin (bundle/posture.js, committed) that loads it with the code cache made here (`pnpm build`).
// One file instead of about 340 modules resolved and read one by one starts faster: a scan of a
// one-file repository went from 0.28 s to 0.17 s, and to 0.13 s with the code cache (README).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const outdir = fileURLToPath(new URL('../bundle/', import.meta.url));

/**
 * yargs finds its program's package.json by walking up from the directory above `node_modules` in
 * its own path. Bundled, that path has no `node_modules`, so it walked up from the working
 * directory instead: every scan listed the directories above it and read whatever package.json it
 * met there, outside the scan root. Walking from the bundle's own file finds Posture's.
 */
const YARGS_SHIM = /yargs[\\/]lib[\\/]platform-shims[\\/]esm\.mjs$/;
const YARGS_MAIN =
  "const mainFilename = __dirname.substring(0, __dirname.lastIndexOf('node_modules'));";
const yargsFromBundle = {
  name: 'yargs-from-bundle',
  setup(build) {
    build.onLoad({ filter: YARGS_SHIM }, ({ path }) => {
      const source = readFileSync(path, 'utf8');
      if (!source.includes(YARGS_MAIN))
        throw new Error(`${path}: yargs no longer has the line patched`);
      return {
        contents: source.replace(YARGS_MAIN, 'const mainFilename = __dirname;'),
        loader: 'js',
      };
    });
  },
};

// A cache beside a bundle of another build would be refused by V8 at best: start from nothing
// but the bin and its loader, which are committed.
for (const built of ['cli.cjs', 'cli.cache']) rmSync(`${outdir}${built}`, { force: true });
await build({
  entryPoints: [fileURLToPath(new URL('../dist/main.js', import.meta.url))],
  outfile: `${outdir}cli.cjs`,
  bundle: true,
  // CommonJS, as V8's code cache is reachable from node:vm only for scripts (bundle/load-cli.mjs).
  // Modules imported dynamically (@posture/plan, @posture/artifact) are still initialised on first
  // use only, and V8 compiles a function only when it first runs or from the cache.
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; `module` is ESM.
  mainFields: ['module', 'main'],
  // Ajv is loaded on first use only, by createRequire (policy files, user rules), which esbuild
  // does not follow; the plan validator's import of it stays external too, so one copy is loaded.
  // So is re2js (Terraform's regex functions, user-rule patterns), a third of the bundle if it
  // were in it. Both resolve from node_modules (dependencies of @posture/cli).
  external: ['ajv', 're2js'],
  // The ES modules bundled in find their neighbours (Ajv, re2js, yargs' package.json) from
  // `import.meta.url`, which a CommonJS bundle does not have: it is the bundle's own URL.
  define: { 'import.meta.url': '__bundleUrl' },
  banner: { js: "const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [yargsFromBundle],
  logLevel: 'warning',
});

const cache = spawnSync(
  process.execPath,
  [fileURLToPath(new URL('make-code-cache.mjs', import.meta.url))],
  { stdio: 'inherit' },
);
if (cache.status !== 0)
  throw new Error('making the code cache failed (scripts/make-code-cache.mjs)');
