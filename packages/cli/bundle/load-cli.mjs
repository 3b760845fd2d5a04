// Loads the CLI bundle (cli.cjs) with the V8 code cache made when it was built (cli.cache), so a
// run deserialises the bytecode of the functions a scan uses instead of parsing and compiling them.
// Node 20 keeps no such cache for ES modules (Node 22's module.enableCompileCache does), hence a
// CommonJS bundle compiled through node:vm. V8 checks the cache against its version, its flags and
// the source's length, and compiles from source when they differ (another Node, say): slower, the
// same result. The cache is written only by the build (scripts/bundle.mjs), never by a scan.
import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

export const CLI_FILE = fileURLToPath(new URL('./cli.cjs', import.meta.url));
export const CACHE_FILE = fileURLToPath(new URL('./cli.cache', import.meta.url));

/** The bundle's exports (`main`), and the compiled script, whose cache the build saves. */
export function loadCli() {
  const script = new Script(Module.wrap(readFileSync(CLI_FILE, 'utf8')), {
    filename: CLI_FILE,
    cachedData: readCache(),
  });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(
      module.exports,
      module.exports,
      createRequire(CLI_FILE),
      module,
      CLI_FILE,
      dirname(CLI_FILE),
    );
  return { main: module.exports.main, script };
}

function readCache() {
  try {
    return readFileSync(CACHE_FILE);
  } catch {
    return undefined;
  }
}
