// Bundles the built CLI (dist/bin.js, from `tsc -b`) into bundle/posture.js, the `posture` bin
// (run through `pnpm build`). One file instead of about 340 modules resolved and read one by one
// starts faster: a scan of a one-file repository went from 0.28 s to 0.17 s.
import { chmodSync, readFileSync, rmSync } from 'node:fs';
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

// Chunk names carry a content hash: without this, chunks of earlier builds would pile up.
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { posture: fileURLToPath(new URL('../dist/bin.js', import.meta.url)) },
  outdir,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  // Core imports @posture/plan and @posture/artifact dynamically, only for scans that need them;
  // splitting keeps each a chunk loaded on demand instead of code every start parses.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; `module` is ESM.
  mainFields: ['module', 'main'],
  // Ajv is loaded on first use only, by createRequire (policy files, user rules), which esbuild
  // does not follow; the plan validator's import of it stays external too, so one copy is loaded.
  // So is re2js (Terraform's regex functions, user-rule patterns), a third of the bundle if it
  // were in it. Both resolve from node_modules (dependencies of @posture/cli).
  external: ['ajv', 're2js'],
  // The CommonJS dependencies bundled in (fast-glob, picomatch, tar-stream…) require Node's
  // built-ins, and an ES module has no `require` of its own.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  plugins: [yargsFromBundle],
  logLevel: 'warning',
});
// The bin is run directly (its `#!/usr/bin/env node` line is kept at the top by esbuild).
chmodSync(new URL('../bundle/posture.js', import.meta.url), 0o755);
