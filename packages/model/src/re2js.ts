import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

export type { RE2JS };

/**
 * re2js could not be loaded (the CLI's bundle leaves it outside, as a package beside it): what
 * needed it was not evaluated, which is to be said, not read as no match or as a bad pattern.
 */
export class EngineUnavailable extends Error {}

let engine: typeof RE2JS | undefined;
let load = (): typeof RE2JS =>
  (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JS }).RE2JS;

/**
 * re2js, loaded on first use, not at every start: it would make the CLI's bundle a third larger.
 * `require` keeps the callers synchronous. Throws `EngineUnavailable` when it cannot be loaded.
 */
export function re2js(): typeof RE2JS {
  try {
    engine ??= load();
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new EngineUnavailable(
      `the regular-expression engine re2js could not be loaded (${reason})`,
    );
  }
  return engine;
}

/** Replaces how re2js is loaded, and forgets the engine loaded before: for tests of a failed load. */
export function loadRe2jsWith(loader: () => typeof RE2JS): void {
  load = loader;
  engine = undefined;
}
