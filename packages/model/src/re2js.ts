import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';

export type { RE2JS };

let engine: typeof RE2JS | undefined;

/**
 * re2js, loaded on first use, not at every start: it would make the CLI's bundle a third larger.
 * `require` keeps the callers synchronous.
 */
export function re2js(): typeof RE2JS {
  engine ??= (createRequire(import.meta.url)('re2js') as { RE2JS: typeof RE2JS }).RE2JS;
  return engine;
}
